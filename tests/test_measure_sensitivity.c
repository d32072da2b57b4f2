/* The grid of a zones sensitivity run and what a run reuses
 * (measure/sensitivity.c): the runs of a grid, the bands, a scaled table. */
#include "test_util.h"
#include "geoaccess.h"
#include "measure/sensitivity.h"

static ga_sensitivity_grid default_grid(void) {
    return (ga_sensitivity_grid){.speeds = ga_sensitivity_default_speeds, .n_speeds = 3,
                                 .detours = ga_sensitivity_default_detours, .n_detours = 3,
                                 .acts = ga_sensitivity_default_acts, .n_acts = 2,
                                 .decays = ga_sensitivity_default_decays, .n_decays = 2,
                                 .speed0 = 60, .detour0 = 1.3, .acts0 = 5400, .decay0 = "drees"};
}

/* 3 x 3 cost runs; with the APL, 2 x 2 - 1 more at the central model. */
static void test_default_grid(void **state) {
    (void)state;
    ga_sensitivity_grid g = default_grid();
    size_t n = 0;
    ga_sensitivity_run *r = ga_sensitivity_runs(&g, false, &n);
    assert_int_equal(n, 9);
    assert_true(r[0].speed == 50 && r[0].detour == 1.2 && r[8].speed == 70 && r[8].detour == 1.4);
    for (size_t k = 0; k < n; k++) assert_true(!r[k].apl_only && r[k].acts == 5400 && !strcmp(r[k].decay, "drees"));
    g_free(r);
    r = ga_sensitivity_runs(&g, true, &n);
    assert_int_equal(n, 12);
    for (size_t k = 9; k < 12; k++) {
        assert_true(r[k].apl_only && r[k].speed == 60 && r[k].detour == 1.3);
        assert_false(r[k].acts == 5400 && !strcmp(r[k].decay, "drees")); /* the central run is not repeated */
    }
    g_free(r);
}

/* A grid of one point: one run, the central one. */
static void test_single_point(void **state) {
    (void)state;
    const double s[] = {60}, d[] = {1.3}, a[] = {5400};
    const char *const dec[] = {"drees"};
    ga_sensitivity_grid g = {s, d, a, 1, 1, 1, dec, 1, 60, 1.3, 5400, "drees"};
    size_t n = 0;
    ga_sensitivity_run *r = ga_sensitivity_runs(&g, true, &n);
    assert_int_equal(n, 1);
    assert_false(r[0].apl_only);
    g_free(r);
}

/* The widened bands: the DREES weights at 1.5 times the times. */
static void test_bands(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    ga_decay *w = NULL, *dr = NULL;
    assert_ok(ctx, ga_sensitivity_decay(ctx, "wide", &w));
    assert_ok(ctx, ga_sensitivity_decay(ctx, "drees", &dr));
    assert_true(ga_decay_bound(w) == 30 && ga_decay_bound(dr) == 20);
    const double c[] = {0, 9, 12, 14.9, 19, 25};
    for (size_t k = 0; k < G_N_ELEMENTS(c); k++) assert_near(ga_decay_weight(w, 1.5 * c[k]), ga_decay_weight(dr, c[k]), 1e-15);
    ga_decay_free(w);
    ga_decay_free(dr);
    assert_status(ctx, ga_sensitivity_decay(ctx, "steps:10", &w), GA_ERR_ARG);
    ga_ctx_free(ctx);
}

/* A scaled table: costs times k, pairs beyond the bound dropped, a point
 * not routed still unknown. */
static void test_scaled(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    ga_od_builder *b = ga_od_builder_new(3, 2);
    ga_od_builder_add(b, 0, 0, 10);
    ga_od_builder_add(b, 0, 1, 20);
    ga_od_builder_add(b, 1, 1, 4);
    ga_od *od = NULL, *s = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    od->from_unknown = g_new0(uint8_t, 3);
    od->from_unknown[2] = 1;
    assert_ok(ctx, ga_od_scaled(ctx, od, 1.5, 20, &s));
    double c;
    assert_true(ga_od_lookup(s, 0, 0, &c) && c == 15);
    assert_false(ga_od_lookup(s, 0, 1, &c)); /* 30 > 20 */
    assert_true(ga_od_lookup(s, 1, 1, &c) && c == 6);
    assert_true(ga_od_from_unknown(s, 2) && !ga_od_from_unknown(s, 0));
    ga_od_free(s);
    assert_ok(ctx, ga_od_scaled(ctx, od, 1, 0, &s)); /* k = 1: the same costs, to the bit */
    assert_true(ga_od_lookup(s, 0, 1, &c) && c == 20);
    ga_od_free(s);
    ga_od_free(od);
    ga_ctx_free(ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_grid), cmocka_unit_test(test_single_point),
        cmocka_unit_test(test_bands), cmocka_unit_test(test_scaled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
