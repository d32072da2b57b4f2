/* Values quoted in messages (core/clip.c): kept whole up to 60 characters,
 * else the first 60 characters (never half a UTF-8 character; bytes when
 * the text is not UTF-8) then "…(N bytes)"; a few clipped at once stay
 * apart; NULL reads "(null)". */
#include "test_util.h"
#include "core/internal.h"

static void short_values_kept(void **state) {
    (void)state;
    const char *s = "Montpellier";
    assert_ptr_equal(ga_clip(s), s);
    char sixty[61];
    memset(sixty, 'a', 60);
    sixty[60] = 0;
    assert_ptr_equal(ga_clip(sixty), sixty);
    assert_string_equal(ga_clip(NULL), "(null)");
}

static void long_values_cut(void **state) {
    (void)state;
    char ascii[101];
    memset(ascii, 'x', 100);
    ascii[100] = 0;
    g_autofree char *want = g_strdup_printf("%.60s\xE2\x80\xA6(100 bytes)", ascii);
    assert_string_equal(ga_clip(ascii), want);
    /* 70 'é' (2 bytes each): 60 characters = 120 bytes kept */
    GString *e = g_string_new(NULL);
    for (int k = 0; k < 70; k++) g_string_append(e, "\xC3\xA9");
    const char *c = ga_clip(e->str);
    assert_int_equal(strncmp(c, e->str, 120), 0);
    assert_string_equal(c + 120, "\xE2\x80\xA6(140 bytes)");
    /* not UTF-8: 60 bytes */
    char bad[80];
    memset(bad, '\xE9', 79);
    bad[79] = 0;
    const char *b = ga_clip(bad);
    assert_int_equal(strncmp(b, bad, 60), 0);
    assert_string_equal(b + 60, "\xE2\x80\xA6(79 bytes)");
    /* two at once, in one message: both still right */
    const char *first = ga_clip(ascii), *again = ga_clip(e->str);
    assert_string_equal(first, want);
    assert_string_equal(again + 120, "\xE2\x80\xA6(140 bytes)");
    g_string_free(e, TRUE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(short_values_kept),
        cmocka_unit_test(long_values_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
