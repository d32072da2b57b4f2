/* CSV reader: dialects, errors, joins. */
#include "test_util.h"
#include <string.h>
#include "geoaccess.h"

static ga_table *read_buf(ga_ctx *ctx, const char *s) {
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "mem.csv", s, strlen(s), &t));
    return t;
}

static void test_comma_quotes_bom_crlf(void **state) {
    ga_ctx *ctx = *state;
    ga_table *t = read_buf(ctx, "\xEF\xBB\xBFid,name,pop\r\n"
                                "34172,\"Montpellier, ville\",299096\r\n"
                                "34032,\"B\xC3\xA9ziers \"\"centre\"\"\",79041\r\n");
    assert_int_equal(ga_table_separator(t), ',');
    assert_false(ga_table_decimal_comma(t));
    assert_int_equal(ga_table_cols(t), 3);
    assert_int_equal(ga_table_rows(t), 2);
    assert_string_equal(ga_table_header(t, 0), "id");
    assert_string_equal(ga_table_cell(t, 0, 1), "Montpellier, ville");
    assert_string_equal(ga_table_cell(t, 1, 1), "Béziers \"centre\"");
    assert_int_equal(ga_table_line(t, 1), 3);
    double v;
    assert_ok(ctx, ga_table_get_double(ctx, t, 1, 2, &v));
    assert_near(v, 79041, 0);
    ga_table_free(t);
}

static void test_semicolon_decimal_comma(void **state) {
    ga_ctx *ctx = *state;
    ga_table *t = read_buf(ctx, "CODGEO;LIBGEO;P_STD\n34001;Abeilhan;1836,723\n34002;Adissan;1268,999\n");
    assert_int_equal(ga_table_separator(t), ';');
    assert_true(ga_table_decimal_comma(t));
    double v;
    assert_ok(ctx, ga_table_get_double(ctx, t, 0, 2, &v));
    assert_near(v, 1836.723, 1e-9);
    assert_ok(ctx, ga_table_get_double(ctx, t, 1, 2, &v));
    assert_near(v, 1268.999, 1e-9);
    ga_table_free(t);
}

static void test_quoted_newline_and_blank_lines(void **state) {
    ga_ctx *ctx = *state;
    ga_table *t = read_buf(ctx, "a,b\n1,\"two\nlines\"\n\n3,4\n\n");
    assert_int_equal(ga_table_rows(t), 2);
    assert_string_equal(ga_table_cell(t, 0, 1), "two\nlines");
    assert_int_equal(ga_table_line(t, 1), 5);
    ga_table_free(t);
}

static void test_wrong_field_count(void **state) {
    ga_ctx *ctx = *state;
    ga_table *t = NULL;
    const char *s = "id,x,y\n1,2,3\n2,3\n";
    assert_status(ctx, ga_table_read_buffer(ctx, "bad.csv", s, strlen(s), &t), GA_ERR_FORMAT);
    assert_null(t);
    assert_error_mentions(ctx, "bad.csv: line 3");
    assert_error_mentions(ctx, "2 fields where the header has 3");
}

static void test_unclosed_quote(void **state) {
    ga_ctx *ctx = *state;
    ga_table *t = NULL;
    const char *s = "id,name\n1,\"open\n";
    assert_status(ctx, ga_table_read_buffer(ctx, "q.csv", s, strlen(s), &t), GA_ERR_FORMAT);
    assert_error_mentions(ctx, "line 2: quoted field never closed");
}

static void test_non_numeric(void **state) {
    ga_ctx *ctx = *state;
    ga_table *t = read_buf(ctx, "id,pop\nA,12\nB,douze\nC,\n");
    double v;
    assert_status(ctx, ga_table_get_double(ctx, t, 1, 1, &v), GA_ERR_VALUE);
    assert_error_mentions(ctx, "mem.csv: line 3: column 'pop': not a number");
    assert_status(ctx, ga_table_get_double(ctx, t, 2, 1, &v), GA_ERR_VALUE);
    assert_error_mentions(ctx, "line 4: column 'pop': empty value");
    ga_table_free(t);
}

static void test_require_lists_columns(void **state) {
    ga_ctx *ctx = *state;
    ga_table *t = read_buf(ctx, "insee,population\n34001,10\n");
    size_t col;
    assert_status(ctx, ga_table_require(ctx, t, "POP", "population", &col), GA_ERR_FIELD);
    assert_error_mentions(ctx, "no column 'POP'");
    assert_error_mentions(ctx, "'insee', 'population'");
    assert_ok(ctx, ga_table_require(ctx, t, "POPULATION", NULL, &col));
    assert_int_equal(col, 1);
    ga_table_free(t);
}

static void test_windows1252(void **state) {
    ga_ctx *ctx = *state;
    ga_ctx_clear_warnings(ctx);
    ga_table *t = read_buf(ctx, "id;nom\n34032;B\xE9ziers\n");
    assert_string_equal(ga_table_cell(t, 0, 1), "Béziers");
    assert_int_equal(ga_ctx_warning_count(ctx), 1);
    ga_ctx_clear_warnings(ctx);
    ga_table_free(t);
}

static void test_join_reports_both_sides(void **state) {
    ga_ctx *ctx = *state;
    ga_ctx_clear_warnings(ctx);
    ga_table *t = read_buf(ctx, "code,pop\nA,1\nB,2\nZ,9\n");
    const char *keys[] = {"B", "A", "C"};
    double vals[3];
    size_t left, right;
    assert_ok(ctx, ga_table_join_double(ctx, t, 0, 1, keys, 3, vals, &left, &right));
    assert_near(vals[0], 2, 0);
    assert_near(vals[1], 1, 0);
    assert_true(isnan(vals[2]));
    assert_int_equal(left, 1);
    assert_int_equal(right, 1);
    assert_int_equal(ga_ctx_warning_count(ctx), 2);
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "'C'"));
    assert_non_null(strstr(ga_ctx_warning(ctx, 1), "'Z'"));
    ga_ctx_clear_warnings(ctx);
    ga_table_free(t);
}

static void test_duplicate_key(void **state) {
    ga_ctx *ctx = *state;
    ga_table *t = read_buf(ctx, "code,pop\nA,1\nB,2\nA,3\n");
    ga_key_index *idx = NULL;
    assert_status(ctx, ga_key_index_new(ctx, t, 0, &idx), GA_ERR_DUPLICATE);
    assert_error_mentions(ctx, "line 4");
    assert_error_mentions(ctx, "'A' already on line 2");
    ga_table_free(t);
}

static void test_missing_file(void **state) {
    ga_ctx *ctx = *state;
    ga_table *t = NULL;
    assert_status(ctx, ga_table_read(ctx, "/nonexistent/x.csv", &t), GA_ERR_IO);
    assert_error_mentions(ctx, "/nonexistent/x.csv");
}

static int setup(void **state) {
    *state = ga_ctx_new();
    return *state ? 0 : -1;
}
static int teardown(void **state) {
    ga_ctx_free(*state);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_comma_quotes_bom_crlf),
        cmocka_unit_test(test_semicolon_decimal_comma),
        cmocka_unit_test(test_quoted_newline_and_blank_lines),
        cmocka_unit_test(test_wrong_field_count),
        cmocka_unit_test(test_unclosed_quote),
        cmocka_unit_test(test_non_numeric),
        cmocka_unit_test(test_require_lists_columns),
        cmocka_unit_test(test_windows1252),
        cmocka_unit_test(test_join_reports_both_sides),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
