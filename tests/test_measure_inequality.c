/* Gini, Palma, Theil over zones, population weighted: hand cases and
 * properties. */
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "test_util.h"
#include "geoaccess.h"

/* Equal values: Gini 0, Theil 0, Palma 10 % / 40 % = 0.25. */
static void test_equality(void **state) {
    ga_ctx *ctx = *state;
    const double x[] = {3, 3, 3, 3}, w[] = {1, 5, 2, 7};
    double g, p, t;
    assert_ok(ctx, ga_gini(ctx, x, w, 4, &g));
    assert_ok(ctx, ga_palma(ctx, x, w, 4, &p));
    assert_ok(ctx, ga_theil(ctx, x, w, 4, &t));
    assert_near(g, 0, 1e-15);
    assert_near(p, 0.25, 1e-15);
    assert_near(t, 0, 1e-15);
    const double zero[] = {0, 0};
    assert_ok(ctx, ga_gini(ctx, zero, NULL, 2, &g));
    assert_ok(ctx, ga_palma(ctx, zero, NULL, 2, &p));
    assert_ok(ctx, ga_theil(ctx, zero, NULL, 2, &t));
    assert_near(g, 0, 0);
    assert_near(p, 0.25, 0);
    assert_near(t, 0, 0);
}

/* x = {0, 1}, equal weights: Lorenz points (0.5, 0), (1, 1): area
 * 0.5 * (0 + 0)/2*2 ... = 0.25, Gini = 1 - 2*0.25 = 0.5 (= sum|xi-xj| /
 * (2 n^2 mu) = 2 / (2*4*0.5)). Theil: mu = 0.5, (1/2)(2 ln 2) = ln 2.
 * Palma: the bottom 40 % hold 0 -> INFINITY. */
static void test_two_zones(void **state) {
    ga_ctx *ctx = *state;
    const double x[] = {1, 0};
    double g, p, t;
    assert_ok(ctx, ga_gini(ctx, x, NULL, 2, &g));
    assert_ok(ctx, ga_palma(ctx, x, NULL, 2, &p));
    assert_ok(ctx, ga_theil(ctx, x, NULL, 2, &t));
    assert_near(g, 0.5, 1e-15);
    assert_true(isinf(p));
    assert_near(t, log(2), 1e-15);
}

/* x = {1, 2, 3}, w = {1, 2, 1}: W = 4, total 8, mu = 2.
 * Gini: Lorenz (0.25, 1/8), (0.75, 5/8), (1, 1); area = .25(0 + 1/8) +
 *   .5(1/8 + 5/8) + .25(5/8 + 1) = 0.8125 -> G = 0.1875
 *   (check: sum_ij w_i w_j |x_i - x_j| / (2 W^2 mu) = 12 / 64).
 * Theil: (1/4)[1 (0.5 ln 0.5) + 2 (1 ln 1) + 1 (1.5 ln 1.5)]
 *   = (1/4)(-0.3465736 + 0.6081977) = 0.0654060.
 * Palma: top 10 % = population [0.9, 1] inside zone 3: 0.1*4*3 = 1.2 of 8;
 *   bottom 40 %: zone 1 whole (1) + 0.15*4 of zone 2 (1.2) = 2.2 of 8;
 *   ratio 1.2 / 2.2 = 6/11. */
static void test_weighted_hand(void **state) {
    ga_ctx *ctx = *state;
    const double x[] = {3, 1, 2}, w[] = {1, 1, 2}; /* order does not matter */
    double g, p, t;
    assert_ok(ctx, ga_gini(ctx, x, w, 3, &g));
    assert_ok(ctx, ga_palma(ctx, x, w, 3, &p));
    assert_ok(ctx, ga_theil(ctx, x, w, 3, &t));
    assert_near(g, 0.1875, 1e-15);
    assert_near(p, 6.0 / 11, 1e-14);
    assert_near(t, 0.25 * (0.5 * log(0.5) + 1.5 * log(1.5)), 1e-15);
    assert_near(t, 0.0654060, 1e-7);
}

/* Integer weights are the same as repeating the zones. */
static void test_weights_are_replication(void **state) {
    ga_ctx *ctx = *state;
    const double x[] = {4, 0.5, 7, 2, 9}, w[] = {3, 1, 2, 4, 1};
    double rep[11];
    size_t k = 0;
    for (size_t i = 0; i < 5; i++)
        for (int r = 0; r < (int)w[i]; r++) rep[k++] = x[i];
    double a, b;
    assert_ok(ctx, ga_gini(ctx, x, w, 5, &a));
    assert_ok(ctx, ga_gini(ctx, rep, NULL, k, &b));
    assert_near(a, b, 1e-14);
    assert_ok(ctx, ga_theil(ctx, x, w, 5, &a));
    assert_ok(ctx, ga_theil(ctx, rep, NULL, k, &b));
    assert_near(a, b, 1e-14);
    assert_ok(ctx, ga_palma(ctx, x, w, 5, &a));
    assert_ok(ctx, ga_palma(ctx, rep, NULL, k, &b));
    assert_near(a, b, 1e-14);
    /* a zone of weight 0 is ignored */
    const double x2[] = {4, 0.5, 7, 2, 9, 1000}, w2[] = {3, 1, 2, 4, 1, 0};
    assert_ok(ctx, ga_gini(ctx, x2, w2, 6, &b));
    assert_ok(ctx, ga_gini(ctx, x, w, 5, &a));
    assert_near(a, b, 1e-15);
}

static void test_errors(void **state) {
    ga_ctx *ctx = *state;
    const double x[] = {1, 2}, w0[] = {0, 0}, wneg[] = {1, -1}, xnan[] = {1, NAN};
    double g;
    assert_status(ctx, ga_gini(ctx, x, w0, 2, &g), GA_ERR_VALUE);
    assert_error_mentions(ctx, "add up to 0");
    assert_status(ctx, ga_theil(ctx, x, wneg, 2, &g), GA_ERR_VALUE);
    assert_error_mentions(ctx, "weights: value -1 at index 1");
    assert_status(ctx, ga_palma(ctx, xnan, NULL, 2, &g), GA_ERR_VALUE);
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
        cmocka_unit_test(test_equality),
        cmocka_unit_test(test_two_zones),
        cmocka_unit_test(test_weighted_hand),
        cmocka_unit_test(test_weights_are_replication),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
