/* The one CSV writer (write/csv_out.c): RFC 4180 quoting (comma, quote,
 * line ends; a semicolon is no separator and stays bare), numbers with a dot,
 * NAN empty, infinities spelt out, the stream and string writers giving the
 * same bytes. Expected bytes written by hand. */
#include "test_util.h"
#include "write/csv_out.h"



static void csv_quoting(void **state) {
    (void)state;
    GString *s = g_string_new(NULL);
    ga_csv_writer w = ga_csv_to_string(s);
    ga_csv_text(&w, "plain");
    ga_csv_text(&w, "A,1");
    ga_csv_text(&w, "say \"hi\"");
    ga_csv_text(&w, "two\nlines");
    ga_csv_text(&w, "cr\r");
    ga_csv_text(&w, NULL);
    ga_csv_quoted(&w, "always");
    ga_csv_end_row(&w);
    assert_string_equal(s->str, "plain,\"A,1\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",,\"always\"\n");
    g_string_free(s, TRUE);
}

static void csv_numbers(void **state) {
    (void)state;
    GString *s = g_string_new(NULL);
    ga_csv_writer w = ga_csv_to_string(s);
    ga_csv_number(&w, 1.0 / 3.0, 3);
    ga_csv_number(&w, 0.1, -1);
    ga_csv_number(&w, NAN, 2);
    ga_csv_number(&w, INFINITY, 2);
    ga_csv_number(&w, -INFINITY, -1);
    ga_csv_number_fmt(&w, "%g", 30);
    ga_csv_size(&w, 342);
    ga_csv_number(&w, 2.5, 0); /* printf rounds half to even */
    ga_csv_end_row(&w);
    assert_string_equal(s->str, "0.333,0.10000000000000001,,inf,-inf,30,342,2\n");
    g_string_free(s, TRUE);
}

/* Stream and string writers give the same bytes; a header row. */
static void csv_stream_equals_string(void **state) {
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    GString *s = g_string_new(NULL);
    ga_csv_writer a = ga_csv_to_stream(f), b = ga_csv_to_string(s);
    static const char *const head[] = {"id", "x,y", NULL};
    ga_csv_header(&a, head);
    ga_csv_header(&b, head);
    ga_csv_text(&a, "q\"");
    ga_csv_text(&b, "q\"");
    ga_csv_number(&a, 1.5, 1);
    ga_csv_number(&b, 1.5, 1);
    ga_csv_end_row(&a);
    ga_csv_end_row(&b);
    fclose(f);
    assert_string_equal(buf, s->str);
    assert_string_equal(s->str, "id,\"x,y\"\n\"q\"\"\",1.5\n");
    free(buf);
    g_string_free(s, TRUE);
}

/* A value holding ; " and a line end: quoted once, the quotes doubled, the
 * line end kept inside the quotes; a ; alone needs no quotes. */
static void csv_semicolon_quote_newline(void **state) {
    (void)state;
    GString *s = g_string_new(NULL);
    ga_csv_writer w = ga_csv_to_string(s);
    ga_csv_text(&w, "a;b");
    ga_csv_text(&w, "Saint-Jean; \"le\" Vieux\nnord");
    ga_csv_text(&w, "");
    ga_csv_end_row(&w);
    ga_csv_text(&w, "next");
    ga_csv_end_row(&w);
    assert_string_equal(s->str, "a;b,\"Saint-Jean; \"\"le\"\" Vieux\nnord\",\nnext\n");
    g_string_free(s, TRUE);
}

/* Numbers: fixed decimals round, negative and large values, more than 17
 * decimals capped at 17, %.17g round trip, formats; a row count restarts
 * the separators at each row. */
static void csv_number_forms(void **state) {
    (void)state;
    GString *s = g_string_new(NULL);
    ga_csv_writer w = ga_csv_to_string(s);
    ga_csv_number(&w, -12.345, 2);     /* binary -12.34500000000000064 */
    ga_csv_number(&w, 1234567.0, 1);
    ga_csv_number(&w, 0.5, 25);        /* capped at 17 decimals */
    ga_csv_number(&w, 1e300, -1);
    ga_csv_number_fmt(&w, "%.4f", 2.0 / 3.0);
    ga_csv_number_fmt(&w, "%g", NAN);
    ga_csv_number_fmt(&w, "%g", -INFINITY);
    ga_csv_end_row(&w);
    ga_csv_size(&w, 0);
    ga_csv_size(&w, (size_t)4294967296ULL);
    ga_csv_end_row(&w);
    assert_string_equal(s->str, "-12.35,1234567.0,0.50000000000000000,1.0000000000000001e+300,0.6667,,-inf\n"
                                "0,4294967296\n");
    g_string_free(s, TRUE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_quoting),
        cmocka_unit_test(csv_numbers),
        cmocka_unit_test(csv_stream_equals_string),
        cmocka_unit_test(csv_semicolon_quote_newline),
        cmocka_unit_test(csv_number_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
