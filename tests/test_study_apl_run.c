/* `geoaccess apl` as a pipeline (study/apl_run.h): tables and a matrix
 * written here, the APL and its indices checked by hand. */
#include <math.h>
#include "test_util.h"
#include "study/apl_run.h"

typedef struct {
    ga_ctx *ctx;
    char *dir;
    ga_decay *decay;
    ga_apl_run_options o;
} fixture;

/* Communes A and B of 1000 standardised people each; one GP in A with 4000
 * consultations (counted as is); A to B 12 minutes (DREES weight 2/3). A's
 * GP serves 1000 + 1000 x 2/3 people: 2.4 each; APL A 2.4, B 1.6. */
static int setup(void **state) {
    fixture *f = g_new0(fixture, 1);
    f->ctx = ga_ctx_new();
    f->dir = test_tmpdir("study_apl_run");
    test_put(f->dir, "demand.csv", "id,pop_standardisee,population\nA,1000,1100\nB,1000,900\n");
    test_put(f->dir, "gp.csv", "commune,activity\nA,4000\n");
    test_put(f->dir, "times.csv", "from_id,to_id,cost\nA,A,0\nA,B,12\nB,A,12\nB,B,0\n");
    f->decay = ga_decay_new_drees();
    f->o = (ga_apl_run_options){.demand = g_build_filename(f->dir, "demand.csv", NULL),
                                .practitioners = g_build_filename(f->dir, "gp.csv", NULL),
                                .matrix = g_build_filename(f->dir, "times.csv", NULL),
                                .decay = f->decay, .threshold = 2.5};
    *state = f;
    return f->decay ? 0 : -1;
}

static int teardown(void **state) {
    fixture *f = *state;
    test_rm_rf(f->dir);
    g_free(f->dir);
    g_free((char *)f->o.demand);
    g_free((char *)f->o.practitioners);
    g_free((char *)f->o.matrix);
    ga_decay_free(f->decay);
    ga_ctx_free(f->ctx);
    g_free(f);
    return 0;
}

static void test_apl(void **state) {
    fixture *f = *state;
    ga_apl_run_result r;
    assert_int_equal(ga_apl_run(f->ctx, &f->o, &r), GA_OK);
    assert_int_equal(r.n, 2);
    assert_null(r.communes);
    assert_string_equal(r.ids[1], "B");
    assert_true(r.pop[0] == 1100 && r.std_pop[1] == 1000);
    assert_true(r.supply[0] == 4000 && r.supply[1] == 0);
    assert_float_equal(r.apl[0], 2.4, 1e-9);
    assert_float_equal(r.apl[1], 1.6, 1e-9);
    assert_float_equal(r.summary.mean_apl, 2.0, 1e-9);
    assert_int_equal(r.summary.communes_under, 2);
    /* two equal weights: Gini |2.4 - 1.6| / (4 x 2) = 0.1; Theil
     * (1.2 ln 1.2 + 0.8 ln 0.8) / 2 */
    assert_float_equal(r.gini, 0.1, 1e-9);
    assert_float_equal(r.theil, (1.2 * log(1.2) + 0.8 * log(0.8)) / 2, 1e-9);
    ga_apl_run_result_clear(&r);
}

/* An unknown APL (NAN) is left out of the indices. */
static void test_inequality_skips_unknown(void **state) {
    fixture *f = *state;
    const double x[] = {2.4, NAN, 1.6}, w[] = {1000, 5, 1000};
    double gini, theil;
    ga_apl_run_inequality(f->ctx, x, w, 3, &gini, &theil);
    assert_float_equal(gini, 0.1, 1e-9);
    assert_float_equal(theil, (1.2 * log(1.2) + 0.8 * log(0.8)) / 2, 1e-9);
}

/* A missing practitioners file is an error naming it. */
static void test_missing_practitioners(void **state) {
    fixture *f = *state;
    ga_apl_run_options o = f->o;
    g_autofree char *none = g_build_filename(f->dir, "none.csv", NULL);
    o.practitioners = none;
    ga_apl_run_result r;
    assert_int_not_equal(ga_apl_run(f->ctx, &o, &r), GA_OK);
    assert_non_null(strstr(ga_ctx_last_error(f->ctx), "none.csv"));
    ga_apl_run_result_clear(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apl),
        cmocka_unit_test(test_inequality_skips_unknown),
        cmocka_unit_test(test_missing_practitioners),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
