/* Cost matrices: reading (column names, dialects, unknown ids, bad values,
 * duplicates) and writing (atomic, round trip with %.17g). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "test_util.h"
#include "geoaccess.h"

static const char *IDS[] = {"K1", "K2", "K3"};

static char *write_tmp(const char *dir, const char *name, const char *text) {
    char *p = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(p, text, -1, NULL));
    return p;
}

/* fixtures/measure/matrix_semicolon.csv: INSEE style (';' and decimal
 * commas), custom column names, two pairs naming unknown ids (Z9, Z8). */
static void test_read_fixture(void **state) {
    ga_ctx *ctx = *state;
    ga_od_read_options o = {"origine", "destination", "minutes"};
    ga_od *od = NULL;
    size_t unknown = 99;
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_od_read_csv(ctx, test_path("fixtures/measure/matrix_semicolon.csv"), &o,
                                  IDS, 3, IDS, 3, &od, &unknown));
    assert_int_equal(unknown, 2);
    assert_int_equal(od->n_pairs, 4);
    double c;
    assert_true(ga_od_lookup(od, 1, 0, &c));
    assert_near(c, 8.5, 0);
    assert_true(ga_od_lookup(od, 2, 2, &c));
    assert_near(c, 12, 0);
    assert_false(ga_od_lookup(od, 0, 0, &c));
    assert_int_equal(ga_ctx_warning_count(ctx), 1);
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "2 of 6 pairs name an id found in neither list"));
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "line 6 'Z9'"));
    ga_ctx_clear_warnings(ctx);
    ga_od_free(od);
}

/* Origins and destinations are separate lists (demand -> supply). */
static void test_read_asymmetric_lists(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("matrix");
    g_autofree char *p = write_tmp(dir, "m.csv", "from_id,to_id,cost\nA,s1,3\nB,s1,4\nB,s2,1.25\n");
    const char *from[] = {"A", "B"}, *to[] = {"s1", "s2"};
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_read_csv(ctx, p, NULL, from, 2, to, 2, &od, NULL));
    assert_int_equal(od->n_from, 2);
    assert_int_equal(od->n_to, 2);
    assert_int_equal(od->row_start[1], 1);
    double c;
    assert_true(ga_od_lookup(od, 1, 1, &c));
    assert_near(c, 1.25, 0);
    ga_od_free(od);
    test_rm_rf(dir);
}

static void test_read_errors(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("matrix");
    ga_od *od = NULL;
    g_autofree char *neg = write_tmp(dir, "neg.csv", "from_id,to_id,cost\nK1,K2,3\nK2,K1,-1\n");
    assert_status(ctx, ga_od_read_csv(ctx, neg, NULL, IDS, 3, IDS, 3, &od, NULL), GA_ERR_VALUE);
    assert_error_mentions(ctx, "neg.csv: line 3: field 'cost': negative cost -1");
    g_autofree char *nan = write_tmp(dir, "nan.csv", "from_id,to_id,cost\nK1,K2,fast\n");
    assert_status(ctx, ga_od_read_csv(ctx, nan, NULL, IDS, 3, IDS, 3, &od, NULL), GA_ERR_VALUE);
    assert_error_mentions(ctx, "nan.csv: line 2: column 'cost': not a number");
    g_autofree char *dup = write_tmp(dir, "dup.csv", "from_id,to_id,cost\nK1,K2,3\nK2,K1,3\nK1,K2,4\n");
    assert_status(ctx, ga_od_read_csv(ctx, dup, NULL, IDS, 3, IDS, 3, &od, NULL), GA_ERR_DUPLICATE);
    assert_error_mentions(ctx, "dup.csv: line 4: pair (K1, K2) already given on line 2");
    g_autofree char *dup2 = write_tmp(dir, "dup2.csv", "from_id,to_id,cost\nK1,K2,3\nK1,K3,3\nK1,K2,4\nK2,K1,1\n");
    assert_status(ctx, ga_od_read_csv(ctx, dup2, NULL, IDS, 3, IDS, 3, &od, NULL), GA_ERR_DUPLICATE);
    assert_error_mentions(ctx, "dup2.csv: line 4: pair (K1, K2) already given on line 2");
    g_unlink(dup2);
    g_autofree char *col = write_tmp(dir, "col.csv", "origin,to_id,cost\nK1,K2,3\n");
    assert_status(ctx, ga_od_read_csv(ctx, col, NULL, IDS, 3, IDS, 3, &od, NULL), GA_ERR_FIELD);
    assert_error_mentions(ctx, "no column 'from_id'");
    assert_null(od);
    g_autofree char *missing = g_build_filename(dir, "none.csv", NULL);
    assert_status(ctx, ga_od_read_csv(ctx, missing, NULL, IDS, 3, IDS, 3, &od, NULL), GA_ERR_IO);
    test_rm_rf(dir);
}

/* Write then read: the same pairs, costs bit for bit (%.17g); ids with a
 * comma are quoted; no temporary file is left. */
static void test_write_round_trip(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("matrix");
    const char *ids[] = {"K1", "Saint-Jean, le Haut", "K3"};
    ga_od_builder *b = ga_od_builder_new(3, 3);
    ga_od_builder_add(b, 0, 1, 1.0 / 3);
    ga_od_builder_add(b, 2, 0, 12.345678901234567);
    ga_od_builder_add(b, 1, 1, 0);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    g_autofree char *p = g_build_filename(dir, "out.csv", NULL);
    assert_ok(ctx, ga_od_write_csv(ctx, od, ids, ids, -1, p));
    ga_od *back = NULL;
    assert_ok(ctx, ga_od_read_csv(ctx, p, NULL, ids, 3, ids, 3, &back, NULL));
    assert_int_equal(back->n_pairs, 3);
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(back->to[k], od->to[k]);
        assert_true(back->cost[k] == od->cost[k]);
    }
    /* decimals */
    assert_ok(ctx, ga_od_write_csv(ctx, od, ids, ids, 2, p));
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(p, &text, NULL, NULL));
    assert_string_equal(text, "from_id,to_id,cost\nK1,\"Saint-Jean, le Haut\",0.33\n"
                              "\"Saint-Jean, le Haut\",\"Saint-Jean, le Haut\",0.00\nK3,K1,12.35\n");
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    while (g_dir_read_name(d)) n++;
    g_dir_close(d);
    assert_int_equal(n, 1);
    /* an unwritable destination fails cleanly */
    g_autofree char *bad = g_build_filename(dir, "no/such/dir/out.csv", NULL);
    assert_status(ctx, ga_od_write_csv(ctx, od, ids, ids, -1, bad), GA_ERR_IO);
    test_rm_rf(dir);
    ga_od_free(od);
    ga_od_free(back);
}

/* The plain-file fast path and the general reader (taken when a quote
 * appears) give the same table, warnings included; CRLF, BOM, blank lines,
 * tabs and decimal commas in both. */
static void test_fast_and_general_agree(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("matrix");
    const char *ids[] = {"a", "b", "c", "d"};
    const char *plain[] = {
        "\xEF\xBB\xBF" "from_id,to_id,cost\r\nb,a,1.5\r\n\r\na,a,0\r\nz,a,3\r\nc, d ,2e1\r\na,d,7\r\n",
        "x;from_id;cost;to_id\nd;a;0,25;b\n;b;3;c\n",
        "from_id\tto_id\tcost\n\na\tb\t4\nb\ta\t5\n\n"};
    const char *quoted[] = {
        "\xEF\xBB\xBF" "from_id,to_id,cost\r\n\"b\",a,1.5\r\n\r\na,a,0\r\nz,a,3\r\nc, d ,2e1\r\na,d,7\r\n",
        "x;from_id;cost;to_id\nd;a;\"0,25\";b\n;b;3;c\n",
        "from_id\tto_id\tcost\n\n\"a\"\tb\t4\nb\ta\t5\n\n"};
    for (int k = 0; k < 3; k++) {
        g_autofree char *p1 = write_tmp(dir, "plain.csv", plain[k]);
        g_autofree char *p2 = write_tmp(dir, "quoted.csv", quoted[k]);
        ga_od *a = NULL, *b = NULL;
        size_t ua = 9, ub = 9;
        ga_ctx_clear_warnings(ctx);
        assert_ok(ctx, ga_od_read_csv(ctx, p1, NULL, ids, 4, ids, 4, &a, &ua));
        size_t wa = ga_ctx_warning_count(ctx);
        g_autofree char *warn_a = g_strdup(wa ? ga_ctx_warning(ctx, 0) : "");
        ga_ctx_clear_warnings(ctx);
        assert_ok(ctx, ga_od_read_csv(ctx, p2, NULL, ids, 4, ids, 4, &b, &ub));
        assert_int_equal(ga_ctx_warning_count(ctx), wa);
        if (wa) {
            /* same text but the file name */
            assert_string_equal(strstr(warn_a, ": "), strstr(ga_ctx_warning(ctx, 0), ": "));
        }
        ga_ctx_clear_warnings(ctx);
        assert_int_equal(ua, ub);
        assert_int_equal(a->n_pairs, b->n_pairs);
        assert_true(a->n_pairs > 0);
        for (size_t i = 0; i <= 4; i++) assert_int_equal(a->row_start[i], b->row_start[i]);
        for (size_t q = 0; q < a->n_pairs; q++) {
            assert_int_equal(a->to[q], b->to[q]);
            assert_true(a->cost[q] == b->cost[q]);
        }
        ga_od_free(a);
        ga_od_free(b);
        g_unlink(p1);
        g_unlink(p2);
    }
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
        cmocka_unit_test(test_read_fixture),
        cmocka_unit_test(test_read_asymmetric_lists),
        cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_write_round_trip),
        cmocka_unit_test(test_fast_and_general_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
