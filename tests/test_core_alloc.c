/* core/alloc: the one place of the library's allocations and its test hook. */
#include <stdint.h>
#include "test_util.h"
#include "core/alloc.h"

static void test_fail_at(void **state) {
    (void)state;
    ga_alloc_fail_at(2); /* the second allocation from now */
    void *a = ga_try_malloc(16);
    assert_non_null(a);
    assert_false(ga_alloc_failed());
    void *b = ga_try_new(double, 4);
    assert_null(b);
    assert_true(ga_alloc_failed());
    char *c = ga_try_strdup("after"); /* only the n-th fails */
    assert_string_equal(c, "after");
    ga_alloc_fail_at(0);
    void *d = ga_try_malloc0(0); /* size 0 is a valid pointer, not a failure */
    assert_non_null(d);
    g_free(a);
    g_free(c);
    g_free(d);
}

static void test_overflow_and_realloc(void **state) {
    (void)state;
    assert_null(ga_try_new(uint64_t, SIZE_MAX / 4));
    double *v = ga_try_new0(double, 2);
    assert_non_null(v);
    v[1] = 7;
    ga_alloc_fail_at(1);
    double *w = ga_try_renew(double, v, 1000);
    assert_null(w); /* v still owned and intact */
    assert_true(v[1] == 7);
    w = ga_try_renew(double, v, 1000);
    assert_non_null(w);
    assert_true(w[1] == 7);
    g_free(w);
    char *s = ga_try_strdup_printf("%s-%d", "x", 42);
    assert_string_equal(s, "x-42");
    g_free(s);
}

static void test_nomem_message(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    assert_int_equal(ga_nomem(ctx, "commune table"), GA_ERR_NOMEM);
    assert_string_equal(ga_ctx_last_error(ctx), "out of memory (commune table)");
    ga_ctx_free(ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fail_at),
        cmocka_unit_test(test_overflow_and_realloc),
        cmocka_unit_test(test_nomem_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
