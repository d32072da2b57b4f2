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

/* Every pair of `o` x `d`: present in the table within the bound with the
 * cost of the formula (the same bits), absent beyond it. */
static void assert_brute_force(ga_ctx *ctx, ga_cost_model *m, const ga_points *o, const ga_points *d,
                               double bound, size_t *kept_out) {
    const double factor = 1.3 / (60 * 1000.0 / 60.0); /* minutes per metre, as the model */
    ga_od *od = NULL;
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, bound, &od));
    size_t kept = 0;
    for (size_t i = 0; i < ga_points_count(o); i++) {
        double x, y;
        ga_points_xy(o, i, &x, &y);
        for (size_t j = 0; j < ga_points_count(d); j++) {
            double tx, ty, c;
            ga_points_xy(d, j, &tx, &ty);
            double want = hypot(tx - x, ty - y) * factor;
            bool in = ga_od_lookup(od, i, j, &c);
            if (want <= bound) {
                if (!in) fail_msg("bound %g: pair %zu (%s), %zu (%s) at %.9f min missing", bound, i,
                                  ga_points_id(o, i), j, ga_points_id(d, j), want);
                assert_true(c == want);
                kept++;
            } else if (in) {
                fail_msg("bound %g: pair %zu, %zu at %.9f min kept", bound, i, j, want);
            }
        }
    }
    assert_int_equal(od->n_pairs, kept);
    ga_od_free(od);
    *kept_out = kept;
}

/* Real communes (the national points of geodata/france): Hérault, Gard,
 * Lozère and Corsica whole, every 40th commune elsewhere; the indexed table
 * against all pairs by brute force at several bounds, a commune set against
 * itself and against another (Corsica's origins are outside the mainland
 * destinations' box), and a bound so small the grid's cells are widened. */
static void test_real_communes_brute_force(void **state) {
    ga_ctx *ctx = *state;
    ga_points *all = NULL;
    ga_points_options po = {.id_col = "insee_code"};
    assert_ok(ctx, ga_points_read_csv(ctx, source_path("geodata/france/communes/communes_points_france.csv"), &po, &all));
    assert_int_equal(ga_points_count(all), 34803);
    ga_points *sub = ga_points_new(), *corsica = ga_points_new(), *mainland = ga_points_new();
    for (size_t k = 0; k < ga_points_count(all); k++) {
        const char *id = ga_points_id(all, k);
        double x, y;
        ga_points_xy(all, k, &x, &y);
        bool dense = g_str_has_prefix(id, "34") || g_str_has_prefix(id, "30") || g_str_has_prefix(id, "48");
        bool isle = g_str_has_prefix(id, "2A") || g_str_has_prefix(id, "2B");
        if (dense || isle || k % 40 == 0) ga_points_add(sub, id, x, y, NULL, 1);
        if (isle) ga_points_add(corsica, id, x, y, NULL, 1);
        else if (dense) ga_points_add(mainland, id, x, y, NULL, 1);
    }
    assert_true(ga_points_count(sub) > 1500);
    ga_cost_model *m = NULL;
    assert_ok(ctx, ga_straight_model_new(ctx, 1.3, 60, &m));
    const double bounds[] = {0.01, 5, 20, 90, 400};
    size_t kept[G_N_ELEMENTS(bounds)];
    for (size_t b = 0; b < G_N_ELEMENTS(bounds); b++) assert_brute_force(ctx, m, sub, sub, bounds[b], &kept[b]);
    assert_int_equal(kept[0], ga_points_count(sub)); /* the diagonal alone */
    for (size_t b = 1; b < G_N_ELEMENTS(bounds); b++) assert_true(kept[b] > kept[b - 1]);
    size_t k2;
    assert_brute_force(ctx, m, corsica, mainland, 600, &k2);
    assert_true(k2 > 0); /* Corsica to Hérault: 300-460 km */
    assert_brute_force(ctx, m, mainland, corsica, 20, &k2);
    assert_int_equal(k2, 0); /* 170 km of sea at least */
    ga_cost_model_free(m);
    ga_points_free(all);
    ga_points_free(sub);
    ga_points_free(corsica);
    ga_points_free(mainland);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_at_the_bound),
        cmocka_unit_test(test_same_as_filtered),
        cmocka_unit_test(test_real_communes_brute_force),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
