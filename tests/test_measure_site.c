/* Siting (measure/site.c) on rows of hand-made communes under a
 * straight-line model of 1 minute per km: optima found by hand (greedy and
 * exact agree), a case where the greedy is not optimal and the exact
 * search finds better, exclusions and the minimum distance, the refusals;
 * and, over seeded random instances, that the lazy greedy makes the same
 * choices as a plain greedy computed with ga_scenarios_run (so every gain
 * is the scenario's own figure, to the last bit), that adding a site never
 * lowers the objective, and the zones objective against the scenarios. */
#include "plan_fixtures.h"
#include "core/internal.h"

static const char *const TYPES[] = {"gp"};

typedef struct {
    ga_ctx *ctx;
    plan_communes pc;
    ga_cost_model *model;
    ga_points *fac;
    double *pop;
    size_t n;
} world;

/* n communes of w metres in a row, points at px (from PX0), py 0. */
static void world_make(world *w, size_t n, double width, double height, const double *pop, const double *px,
                       const double *py) {
    w->ctx = ga_ctx_new();
    w->n = n;
    w->pop = g_memdup2(pop, n * sizeof *pop);
    double *zero = g_new0(double, n);
    plan_communes_make(w->ctx, &w->pc, n, width, height, pop, px, py ? py : zero);
    g_free(zero);
    assert_ok(w->ctx, ga_straight_model_new(w->ctx, 1.0, 60, &w->model));
    w->fac = ga_points_new();
}

static void world_free(world *w) {
    ga_points_free(w->fac);
    ga_cost_model_free(w->model);
    plan_communes_cleanup(&w->pc);
    ga_ctx_free(w->ctx);
    g_free(w->pop);
}

static ga_scenario_inputs base_of(world *w) {
    return (ga_scenario_inputs){.communes = w->pc.c, .population = w->pop, .facilities = w->fac,
                                .types = TYPES, .n_types = 1, .threshold = 1, .apl_type = "gp",
                                .acts_per_unit = 5400};
}

/* Every commune a candidate. */
static ga_site_candidate *all_communes(world *w) {
    ga_site_candidate *c = g_new0(ga_site_candidate, w->n);
    for (size_t i = 0; i < w->n; i++) c[i].commune = ga_communes_id(w->pc.c, i);
    return c;
}

static ga_site_result *site(world *w, const ga_site_options *o, ga_site_candidate *c, size_t nc) {
    ga_scenario_inputs in = base_of(w);
    ga_site_result *r = NULL;
    assert_ok(w->ctx, ga_site_run(w->ctx, w->model, &in, c, nc, o, &r));
    return r;
}

/* Five communes 1 km apart (people 100..500), a GP in C0. Within 1 minute:
 * C0 and C1 covered; a site in C3 covers C2, C3, C4: 1200 people, the most
 * one site can bring. Within 0.5 minutes a site covers its own commune: the
 * best two are C4 and C3 (900). */
static void test_known_optimum(void **state) {
    (void)state;
    world w;
    double pop[5] = {100, 200, 300, 400, 500}, px[5] = {500, 1500, 2500, 3500, 4500};
    world_make(&w, 5, 1000, 1000, pop, px, NULL);
    ga_points_add(w.fac, "gp-0", PX0 + 500, PY0, "gp", 1);
    assert_ok(w.ctx, ga_points_assign_communes(w.ctx, w.fac, w.pc.c, false));
    ga_site_candidate *c = all_communes(&w);
    ga_site_options o;
    ga_site_options_init(&o);
    o.type = "gp";
    o.threshold = 1;
    for (int ex = 0; ex < 2; ex++) {
        o.exact = ex;
        o.k = 1;
        ga_site_result *r = site(&w, &o, c, 5);
        assert_int_equal(r->n_chosen, 1);
        assert_int_equal(r->chosen[0].candidate, 3);
        assert_true(r->chosen[0].gain == 1200 && r->chosen[0].cumulative == 1200);
        ga_site_result_free(r);
    }
    o.threshold = 0.5;
    o.k = 2;
    for (int ex = 0; ex < 2; ex++) {
        o.exact = ex;
        ga_site_result *r = site(&w, &o, c, 5);
        assert_int_equal(r->n_chosen, 2);
        assert_int_equal(r->chosen[0].candidate, 4);
        assert_int_equal(r->chosen[1].candidate, 3);
        assert_true(r->chosen[0].gain == 500 && r->chosen[1].gain == 400 && r->chosen[1].cumulative == 900);
        ga_site_result_free(r);
    }
    g_free(c);
    world_free(&w);
}

/* People 3, 4, 0, 4, 3 at 0, 1, 2, 3, 4 km, no GP, 1 minute. The middle
 * site (C2) covers C1, C2, C3: 8, the best single site; greedy adds C0 (+3,
 * tied with C1, C3 and C4: the first candidate): 11. Two sites off the
 * middle cover 14 (C0 and C3, C0 and C4, C1 and C3, C1 and C4): only the
 * exact search finds them, the first pair in candidate order. */
static void test_greedy_not_optimal(void **state) {
    (void)state;
    world w;
    double pop[5] = {3, 4, 0, 4, 3}, px[5] = {500, 1500, 2500, 3500, 4500};
    world_make(&w, 5, 1000, 1000, pop, px, NULL);
    ga_site_candidate *c = all_communes(&w);
    ga_site_options o;
    ga_site_options_init(&o);
    o.type = "gp";
    o.threshold = 1;
    o.k = 2;
    ga_site_result *g = site(&w, &o, c, 5);
    assert_int_equal(g->chosen[0].candidate, 2);
    assert_true(g->chosen[0].gain == 8);
    assert_int_equal(g->chosen[1].candidate, 0);
    assert_true(g->chosen[1].cumulative == 11);
    o.exact = true;
    ga_site_result *e = site(&w, &o, c, 5);
    assert_int_equal(e->n_chosen, 2);
    assert_int_equal(e->chosen[0].candidate, 0);
    assert_int_equal(e->chosen[1].candidate, 3);
    assert_true(e->chosen[0].gain == 7 && e->chosen[1].gain == 7 && e->chosen[1].cumulative == 14);
    ga_site_result_free(g);
    ga_site_result_free(e);
    /* minimum distance: after C2, C1 and C3 (1 km) are too near; C0 and C4
     * at 2 km are just allowed (inclusive) */
    o.exact = false;
    o.min_distance_km = 2;
    g = site(&w, &o, c, 5);
    assert_int_equal(g->n_chosen, 2);
    assert_int_equal(g->chosen[1].candidate, 0);
    assert_true(g->chosen[1].cumulative == 11);
    ga_site_result_free(g);
    o.min_distance_km = 2.5; /* nothing left after C2 */
    g = site(&w, &o, c, 5);
    assert_int_equal(g->n_chosen, 1);
    ga_site_result_free(g);
    /* exclusion: without C2, C0 (7, the first of four) then C3 (7) */
    o.min_distance_km = 0;
    const char *const ex[] = {"C2", NULL};
    o.exclude = ex;
    g = site(&w, &o, c, 5);
    assert_int_equal(g->n_excluded, 1);
    assert_int_equal(g->chosen[0].candidate, 0);
    assert_int_equal(g->chosen[1].candidate, 3);
    assert_true(g->chosen[1].cumulative == 14);
    ga_site_result_free(g);
    g_free(c);
    world_free(&w);
}

static void test_refusals(void **state) {
    (void)state;
    world w;
    double pop[3] = {1, 1, 1}, px[3] = {500, 1500, 2500};
    world_make(&w, 3, 1000, 1000, pop, px, NULL);
    ga_site_candidate *c = all_communes(&w);
    ga_scenario_inputs in = base_of(&w);
    ga_site_options o;
    ga_site_options_init(&o);
    o.type = "gp";
    o.k = 3;
    o.exact = true;
    ga_site_result *r = NULL;
    assert_status(w.ctx, ga_site_run(w.ctx, w.model, &in, c, 3, &o, &r), GA_ERR_ARG);
    assert_error_mentions(w.ctx, "k <= 2");
    o.k = 2;
    ga_site_candidate *many = g_new0(ga_site_candidate, GA_SITE_EXACT_MAX_CANDIDATES + 1);
    for (size_t k = 0; k <= GA_SITE_EXACT_MAX_CANDIDATES; k++) many[k].commune = "C0";
    assert_status(w.ctx, ga_site_run(w.ctx, w.model, &in, many, GA_SITE_EXACT_MAX_CANDIDATES + 1, &o, &r),
                  GA_ERR_ARG);
    assert_error_mentions(w.ctx, "at most 1000 candidates");
    g_free(many);
    o.exact = false;
    o.objective = GA_SITE_APL;
    o.type = "pharm";
    assert_status(w.ctx, ga_site_run(w.ctx, w.model, &in, c, 3, &o, &r), GA_ERR_ARG);
    assert_error_mentions(w.ctx, "APL's supply type 'gp'");
    o.type = "gp";
    c[1].commune = "C9";
    assert_status(w.ctx, ga_site_run(w.ctx, w.model, &in, c, 3, &o, &r), GA_ERR_VALUE);
    assert_error_mentions(w.ctx, "candidate 2: commune 'C9'");
    c[1].commune = "C1";
    const char *const ex[] = {"C7", NULL};
    o.exclude = ex;
    assert_status(w.ctx, ga_site_run(w.ctx, w.model, &in, c, 3, &o, &r), GA_ERR_VALUE);
    assert_error_mentions(w.ctx, "excluded commune 'C7'");
    o.exclude = NULL;
    ga_zone_rule *rule = NULL;
    assert_ok(w.ctx, ga_zone_rule_parse(w.ctx, "distance to gp > 3", &rule));
    o.objective = GA_SITE_ZONES;
    o.rule = rule;
    assert_status(w.ctx, ga_site_run(w.ctx, w.model, &in, c, 3, &o, &r), GA_ERR_ARG);
    assert_error_mentions(w.ctx, "'time to gp'");
    ga_zone_rule_free(rule);
    g_free(c);
    world_free(&w);
}

/* ---- random instances against the scenarios ---- */

/* n communes of 2 x 8 km in a row, points anywhere inside, 0..1000 people,
 * 2 GP practices of 1-3 GPs at commune points. */
static void random_world(world *w, GRand *rng, size_t n) {
    double *pop = g_new(double, n), *px = g_new(double, n), *py = g_new(double, n);
    for (size_t i = 0; i < n; i++) {
        pop[i] = g_rand_int_range(rng, 0, 1001);
        px[i] = 2000.0 * (double)i + g_rand_double_range(rng, 100, 1900);
        py[i] = g_rand_double_range(rng, -3900, 3900);
    }
    world_make(w, n, 2000, 8000, pop, px, py);
    for (int f = 0; f < 2; f++) {
        size_t i = (size_t)g_rand_int_range(rng, 0, (gint32)n);
        char id[16];
        g_snprintf(id, sizeof id, "gp-%d", f);
        ga_points_add(w->fac, id, PX0 + px[i], PY0 + py[i], "gp", g_rand_int_range(rng, 1, 4));
    }
    assert_ok(w->ctx, ga_points_assign_communes(w->ctx, w->fac, w->pc.c, false));
    g_free(pop);
    g_free(px);
    g_free(py);
}

/* The objective of scenario k of a run, as the scenarios compute it. */
static double scenario_objective(const ga_scenario_run *r, size_t k, const ga_site_options *o, const double *pop) {
    if (o->objective == GA_SITE_APL)
        return ga_site_apl_gain(r->n_communes, pop, r->base.apl, r->scenarios[k].apl, o->apl_floor);
    if (o->objective == GA_SITE_COVERAGE) {
        ga_crossings x;
        ga_scenario_crossings(r, k, 0, o->threshold, pop, &x);
        return x.people_gain;
    }
    /* zones "apl < 2.5 and time to gp > T": people out of the zone */
    double v = 0;
    for (size_t i = 0; i < r->n_communes; i++) {
        bool zb = r->base.apl[i] < 2.5 && r->base.time[i] > o->threshold;
        bool zs = r->scenarios[k].apl[i] < 2.5 && r->scenarios[k].time[i] > o->threshold;
        v += pop[i] * ((double)zb - (double)zs);
    }
    return v;
}

/* A plain greedy with a scenario per candidate and round. */
static size_t plain_greedy(world *w, const ga_site_options *o, size_t *chosen, double *value) {
    ga_scenario_inputs in = base_of(w);
    size_t m = 0;
    for (; m < o->k; m++) {
        ga_scenario **sc = g_new0(ga_scenario *, w->n);
        for (size_t c = 0; c < w->n; c++) {
            sc[c] = ga_scenario_new("s");
            for (size_t q = 0; q <= m; q++) {
                size_t cand = q < m ? chosen[q] : c;
                char id[16];
                g_snprintf(id, sizeof id, "site-%zu", q + 1);
                ga_scenario_add(sc[c], id, "gp", ga_communes_id(w->pc.c, cand), 0, 0, o->capacity);
            }
        }
        ga_scenario_run *r = NULL;
        assert_ok(w->ctx, ga_scenarios_run(w->ctx, w->model, &in, sc, w->n, &r));
        double best = -INFINITY;
        for (size_t c = 0; c < w->n; c++) {
            bool taken = false;
            for (size_t q = 0; q < m; q++) taken |= chosen[q] == c;
            double v = scenario_objective(r, c, o, w->pop);
            if (!taken && v > best) {
                best = v;
                chosen[m] = c;
            }
        }
        value[m] = best;
        ga_scenario_run_free(r);
        for (size_t c = 0; c < w->n; c++) ga_scenario_free(sc[c]);
        g_free(sc);
    }
    return m;
}

static void random_objective(ga_site_objective obj, bool zone_rule) {
    GRand *rng = g_rand_new_with_seed(20261202u + (guint32)obj);
    for (int inst = 0; inst < 12; inst++) {
        world w;
        random_world(&w, rng, 9);
        ga_site_candidate *c = all_communes(&w);
        ga_site_options o;
        ga_site_options_init(&o);
        o.type = "gp";
        o.objective = obj;
        o.k = 4;
        o.threshold = g_rand_double_range(rng, 2, 6);
        o.capacity = g_rand_int_range(rng, 1, 3);
        o.apl_floor = g_rand_double_range(rng, 2, 6);
        ga_zone_rule *rule = NULL;
        if (zone_rule) {
            g_autofree char *t = g_strdup_printf("apl < 2.5 and time to gp > %.17g", o.threshold);
            assert_ok(w.ctx, ga_zone_rule_parse(w.ctx, t, &rule));
            o.rule = rule;
        }
        ga_site_result *r = site(&w, &o, c, w.n);
        size_t chosen[4];
        double value[4];
        assert_int_equal(plain_greedy(&w, &o, chosen, value), 4);
        assert_int_equal(r->n_chosen, 4);
        for (size_t k = 0; k < 4; k++) {
            /* the same sites, and the cumulative gain is the scenario's */
            assert_int_equal(r->chosen[k].candidate, chosen[k]);
            assert_true(r->chosen[k].cumulative == value[k]);
            /* adding a site never lowers the objective */
            if (obj != GA_SITE_ZONES) assert_true(r->chosen[k].gain >= 0);
            if (k && obj != GA_SITE_ZONES) assert_true(r->chosen[k].cumulative >= r->chosen[k - 1].cumulative);
        }
        ga_site_result_free(r);
        ga_zone_rule_free(rule);
        g_free(c);
        world_free(&w);
    }
    g_rand_free(rng);
}

static void test_random_coverage(void **state) {
    (void)state;
    random_objective(GA_SITE_COVERAGE, false);
}

static void test_random_apl(void **state) {
    (void)state;
    random_objective(GA_SITE_APL, false);
}

static void test_random_zones(void **state) {
    (void)state;
    random_objective(GA_SITE_ZONES, true);
}

/* The APL objective by hand. */
static void test_apl_gain(void **state) {
    (void)state;
    double pop[4] = {10, 20, NAN, 5}, b[4] = {1, 2, 1, 3}, a[4] = {2, 4, 9, 4};
    /* 10 x (2 - 1) + 20 x (2.5 - 2) + 0 + 5 x (2.5 - 2.5) */
    assert_true(ga_site_apl_gain(4, pop, b, a, 2.5) == 20);
    double u[4] = {1, NAN, 1, 1};
    /* a loss below the floor counts: 5 x (1 - 2.5); unknown APL: nothing */
    assert_true(ga_site_apl_gain(4, pop, b, u, 2.5) == -7.5);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_optimum),     cmocka_unit_test(test_greedy_not_optimal),
        cmocka_unit_test(test_refusals),          cmocka_unit_test(test_apl_gain),
        cmocka_unit_test(test_random_coverage),   cmocka_unit_test(test_random_apl),
        cmocka_unit_test(test_random_zones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
