/* OD tables as CSV (write/od_csv.c): from_id,to_id,cost, one row per pair in
 * origin then destination order, ids quoted when needed, the cost with the
 * asked decimals (or round-trip digits); a point that could not be routed
 * is one row with the cost empty (never silently absent); the stream and
 * the file give the same bytes; bad arguments and an unwritable folder
 * leave no file. Expected bytes written by hand. */
#include "test_util.h"
#include "geoaccess.h"
#include "write/csv_out.h"

/* Origins "A,1", B, C; destinations "A,1", B, D. Pairs added out of order:
 * B->B 1/3, A->B 2.5, A->A 0. C could not be routed, nor could D. */
static ga_od *small_od(ga_ctx *ctx) {
    ga_od_builder *b = ga_od_builder_new(3, 3);
    ga_od_builder_add(b, 1, 1, 1.0 / 3.0);
    ga_od_builder_add(b, 0, 1, 2.5);
    ga_od_builder_add(b, 0, 0, 0);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    od->from_unknown = g_new0(uint8_t, 3);
    od->from_unknown[2] = 1;
    od->to_unknown = g_new0(uint8_t, 3);
    od->to_unknown[2] = 1;
    return od;
}

static const char *const from_ids[] = {"A,1", "B", "C"};
static const char *const to_ids[] = {"A,1", "B", "D"};

static void od_csv_rows(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = small_od(ctx);
    g_autofree char *dir = test_tmpdir("write_od_csv");
    g_autofree char *path = g_build_filename(dir, "od.csv", NULL);
    assert_ok(ctx, ga_od_write_csv(ctx, od, from_ids, to_ids, 2, path));
    g_autofree char *text = test_read(dir, "od.csv");
    assert_string_equal(text, "from_id,to_id,cost\n"
                              "\"A,1\",\"A,1\",0.00\n"
                              "\"A,1\",B,2.50\n"
                              "B,B,0.33\n"
                              "C,,\n"
                              ",D,\n");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_true(ga_od_write_csv_stream(od, from_ids, to_ids, 2, f));
    fclose(f);
    assert_string_equal(buf, text);
    free(buf);
    /* decimals < 0: the digits that read back to the same double */
    assert_ok(ctx, ga_od_write_csv(ctx, od, from_ids, to_ids, -1, path));
    g_autofree char *full = test_read(dir, "od.csv");
    assert_non_null(strstr(full, "\nB,B,0.33333333333333331\n"));
    assert_non_null(strstr(full, "\n\"A,1\",B,2.5\n"));
    ga_od_free(od);
    test_rm_rf(dir);
}

static void od_csv_errors(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = small_od(ctx);
    g_autofree char *dir = test_tmpdir("write_od_csv");
    g_autofree char *path = g_build_filename(dir, "od.csv", NULL);
    assert_status(ctx, ga_od_write_csv(ctx, od, NULL, to_ids, 2, path), GA_ERR_ARG);
    assert_status(ctx, ga_od_write_csv(ctx, NULL, from_ids, to_ids, 2, path), GA_ERR_ARG);
    g_autofree char *bad = g_build_filename(dir, "no", "od.csv", NULL);
    assert_status(ctx, ga_od_write_csv(ctx, od, from_ids, to_ids, 2, bad), GA_ERR_IO);
    assert_error_mentions(ctx, "od.csv");
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_null(g_dir_read_name(d)); /* nothing written, no temporary */
    g_dir_close(d);
    ga_od_free(od);
    test_rm_rf(dir);
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
        cmocka_unit_test(od_csv_rows),
        cmocka_unit_test(od_csv_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
