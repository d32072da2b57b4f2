/* The straight-line model's bounded tables (a window on x instead of all
 * pairs): the same pairs and the same costs, to the bit, as the unbounded
 * table filtered by the bound. */
#include "test_util.h"
#include <glib.h>
#include "geoaccess.h"

static int setup(void **state) {
    *state = ga_ctx_new();
    return *state ? 0 : -1;
}

static int teardown(void **state) {
    ga_ctx_free(*state);
    return 0;
}

/* A pair at exactly the bound is kept: 6 km at 1 minute per km = 6 min;
 * 6.001 km is left out; a point with the same x as the origin far in y too. */
static void test_at_the_bound(void **state) {
    ga_ctx *ctx = *state;
    ga_cost_model *m = NULL;
    assert_ok(ctx, ga_straight_model_new(ctx, 1.0, 60, &m));
    ga_points *o = ga_points_new(), *d = ga_points_new();
    ga_points_add(o, "o", 700000, 6600000, NULL, 1);
    ga_points_add(d, "east6", 706000, 6600000, NULL, 1);
    ga_points_add(d, "west6001", 693999, 6600000, NULL, 1);
    ga_points_add(d, "north", 700000, 6700000, NULL, 1);
    ga_points_add(d, "diag", 703600, 6604800, NULL, 1); /* 3.6, 4.8: 6 km */
    ga_od *od = NULL;
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, 6.0, &od));
    double c;
    assert_true(ga_od_lookup(od, 0, 0, &c));
    assert_near(c, 6.0, 1e-12);
    assert_false(ga_od_lookup(od, 0, 1, &c));
    assert_false(ga_od_lookup(od, 0, 2, &c));
    assert_true(ga_od_lookup(od, 0, 3, &c));
    assert_near(c, 6.0, 1e-9);
    ga_od_free(od);
    ga_points_free(o);
    ga_points_free(d);
    ga_cost_model_free(m);
}

/* Random points (fixed seed), several with the same x: bounded = filtered. */
static void test_same_as_filtered(void **state) {
    ga_ctx *ctx = *state;
    ga_cost_model *m = NULL;
    assert_ok(ctx, ga_straight_model_new(ctx, 1.3, 60, &m));
    GRand *rng = g_rand_new_with_seed(9);
    ga_points *p = ga_points_new();
    for (int i = 0; i < 600; i++) {
        char id[16];
        g_snprintf(id, sizeof id, "p%d", i);
        double x = 700000 + (i % 7 == 0 ? 50000 : g_rand_double_range(rng, 0, 100000));
        ga_points_add(p, id, x, 6600000 + g_rand_double_range(rng, 0, 100000), NULL, 1);
    }
    g_rand_free(rng);
    const double bounds[] = {5, 20, 60};
    ga_od *all = NULL;
    assert_ok(ctx, ga_cost_model_table(m, ctx, p, p, GA_METRIC_TIME, 0, &all));
    for (size_t b = 0; b < G_N_ELEMENTS(bounds); b++) {
        ga_od *od = NULL;
        assert_ok(ctx, ga_cost_model_table(m, ctx, p, p, GA_METRIC_TIME, bounds[b], &od));
        size_t kept = 0;
        for (size_t i = 0; i < all->n_from; i++)
            for (size_t q = all->row_start[i]; q < all->row_start[i + 1]; q++) {
                double c;
                bool in = ga_od_lookup(od, i, all->to[q], &c);
                if (all->cost[q] <= bounds[b]) {
                    assert_true(in);
                    assert_true(c == all->cost[q]); /* the same bits */
                    kept++;
                } else {
                    assert_false(in);
                }
            }
        assert_int_equal(od->n_pairs, kept);
        assert_true(kept > 600); /* more than the diagonal */
        ga_od_free(od);
    }
    ga_od_free(all);
    ga_points_free(p);
    ga_cost_model_free(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_at_the_bound),
        cmocka_unit_test(test_same_as_filtered),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
