/* Out of memory in engine/measure and engine/graph (issue 10): each
 * operation is run again and again with the n-th allocation made through
 * core/alloc failing (n = 1, 2, ...). Each run must either return
 * GA_ERR_NOMEM (or an error whose message says out of memory) or, once n
 * is beyond the operation's allocations, succeed with no allocation
 * failed; never crash. What a failing run took must be freed: the test is
 * meant to run in the ASan build (ASAN_OPTIONS=detect_leaks=1), where
 * LeakSanitizer reports at exit whatever a failure path left behind.
 *
 * The inputs (OD tables, points, communes, graphs, routers) are made
 * before the hook is armed: the sweep is over the measure and graph code.
 *
 * Cap: each sweep runs at most MAX_STEPS failing runs, every n from 1 to
 * DENSE and then every STRIDE-th n (a sweep that has not reached success
 * by then fails the test). The operations below need from a few to a few
 * hundred allocations through core/alloc (172 for the OSM build, the
 * largest), so every one of their failure points is visited; the whole
 * test takes about 4 s (10 s in the ASan build). */
#include "plan_fixtures.h"
#include <shapefil.h>
#include <glib/gstdio.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "graph/builder.h"
#include "graph/graphfile.h"
#include "graph/profile.h"

enum { MAX_STEPS = 2000, DENSE = 1000, STRIDE = 7 };

typedef ga_status (*op_fn)(ga_ctx *ctx, void *user);

/* Sweeps `op`; returns how many allocations could fail (its last n). */
static uint64_t sweep(const char *name, op_fn op, void *user) {
    uint64_t n = 1;
    for (int step = 0; step < MAX_STEPS; step++) {
        ga_ctx *ctx = ga_ctx_new();
        assert_non_null(ctx);
        ga_alloc_fail_at(n);
        ga_status st = op(ctx, user);
        bool failed = ga_alloc_failed();
        ga_alloc_fail_at(0);
        if (!failed) {
            if (st != GA_OK)
                fail_msg("%s: no allocation failed at n = %llu but it returned %d: %s", name,
                         (unsigned long long)n, (int)st, ga_ctx_last_error(ctx));
            ga_ctx_free(ctx);
            fprintf(stderr, "# %s: %llu allocation(s) made to fail\n", name, (unsigned long long)step);
            return n - 1;
        }
        if (st == GA_OK)
            fail_msg("%s: allocation %llu failed but the operation said GA_OK", name,
                     (unsigned long long)n);
        if (st != GA_ERR_NOMEM && !strstr(ga_ctx_last_error(ctx), "out of memory"))
            fail_msg("%s: allocation %llu failed but the error is %d: %s", name,
                     (unsigned long long)n, (int)st, ga_ctx_last_error(ctx));
        ga_ctx_free(ctx);
        n += n < DENSE ? 1 : STRIDE;
    }
    fail_msg("%s: still failing after %d steps (cap)", name, MAX_STEPS);
    return 0;
}

#define SWEEP(op, user)                                                          \
    do {                                                                         \
        uint64_t n_ = sweep(#op, op, user);                                      \
        assert_true(n_ > 0); /* the operation allocates through core/alloc */    \
    } while (0)

/* ---- decay, FCA, inequality, coverage ---- */

static ga_status op_decay(ga_ctx *ctx, void *user) {
    (void)user;
    ga_decay *d = NULL;
    ga_status st = ga_decay_parse(ctx, "steps:10=1,15=0.5,20=0.25", &d);
    if (st) return st;
    ga_decay_free(d);
    if ((st = ga_decay_parse(ctx, "gaussian:30", &d))) return st;
    ga_decay_free(d);
    return GA_OK;
}

/* demand A 100, B 200, C 50; supply X 10, Y 5; A->X 5, A->Y 15, B->X 12,
 * B->Y 3, C->X 8 (tests/test_measure_fca.c's small case) */
static ga_od *small_od(ga_ctx *ctx) {
    ga_od_builder *b = ga_od_builder_new(3, 2);
    ga_od_builder_add(b, 0, 0, 5);
    ga_od_builder_add(b, 0, 1, 15);
    ga_od_builder_add(b, 1, 0, 12);
    ga_od_builder_add(b, 1, 1, 3);
    ga_od_builder_add(b, 2, 0, 8);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    return od;
}
static const double DEM[] = {100, 200, 50}, SUP[] = {10, 5};

typedef struct {
    const ga_od *od;
    ga_fca_method method;
} fca_case;

static ga_status op_fca(ga_ctx *ctx, void *user) {
    const fca_case *c = user;
    ga_decay *d = NULL;
    ga_status st = ga_decay_parse(ctx, "steps:10=1,20=0.5", &d);
    if (st) return st;
    double a[3] = {-1, -1, -1};
    st = ga_fca(ctx, c->method, c->od, DEM, SUP, d, a);
    if (st) /* results through the out-parameter only on success */
        assert_true(a[0] == -1 && a[1] == -1 && a[2] == -1);
    if (!st) st = ga_spatial_availability(ctx, c->od, DEM, SUP, d, 1.0, a);
    if (!st) st = ga_cost_to_closest(ctx, c->od, SUP, 6, d, a);
    ga_decay_free(d);
    return st;
}

static ga_status op_inequality(ga_ctx *ctx, void *user) {
    (void)user;
    const double x[] = {1, 2, 3, 10, 0.5}, w[] = {10, 20, 30, 5, 1};
    double g = 0, p = 0, t = 0;
    ga_status st = ga_gini(ctx, x, w, 5, &g);
    if (!st) st = ga_palma(ctx, x, w, 5, &p);
    if (!st) st = ga_theil(ctx, x, w, 5, &t);
    return st;
}

static ga_status op_coverage(ga_ctx *ctx, void *user) {
    (void)user;
    const double cost[] = {5, 40, NAN, INFINITY, 12}, pop[] = {100, 200, 300, 400, 500};
    const char *const group[] = {"b", "a", "b", NULL, "c"};
    ga_coverage *c = NULL;
    ga_status st = ga_coverage_compute(ctx, 5, cost, pop, group, 30, &c);
    if (st) return st;
    assert_int_equal(c->n_groups, 4); /* a, b, c, (none) */
    ga_coverage_free(c);
    return GA_OK;
}

static void test_decay_fca_inequality_coverage(void **state) {
    (void)state;
    SWEEP(op_decay, NULL);
    ga_ctx *ctx = ga_ctx_new();
    ga_od *od = small_od(ctx);
    for (int m = GA_FCA_2SFCA; m <= GA_FCA_BFCA; m++) {
        fca_case c = {od, (ga_fca_method)m};
        SWEEP(op_fca, &c);
    }
    ga_od_free(od);
    ga_ctx_free(ctx);
    SWEEP(op_inequality, NULL);
    SWEEP(op_coverage, NULL);
}

/* ---- APL ---- */

typedef struct {
    const ga_od *od;
    const ga_table *pract;
} apl_case;

static ga_status op_apl(ga_ctx *ctx, void *user) {
    const apl_case *c = user;
    static const char *ids[] = {"K1", "K2", "K3"};
    static const double std_pop[] = {1000, 500, 2000}, tot[] = {900, 600, 1800};
    double sup[3], apl[3];
    ga_apl_summary s;
    ga_status st = ga_apl_supply_from_table(ctx, c->pract, NULL, ids, 3, NULL, sup);
    if (!st) st = ga_apl_communes(ctx, 3, ids, std_pop, tot, sup, c->od, NULL, apl, &s);
    return st;
}

static void test_apl(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    ga_od_builder *b = ga_od_builder_new(3, 3);
    ga_od_builder_add(b, 0, 1, 8);
    ga_od_builder_add(b, 1, 0, 8);
    ga_od_builder_add(b, 0, 2, 18);
    ga_od_builder_add(b, 2, 0, 18);
    ga_od_builder_add(b, 1, 2, 12);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read(ctx, test_path("fixtures/measure/practitioners.csv"), &t));
    apl_case c = {od, t};
    SWEEP(op_apl, &c);
    ga_table_free(t);
    ga_od_free(od);
    ga_ctx_free(ctx);
}

/* ---- zone rules ---- */

static double lookup(ga_zone_value what, const char *type, void *user) {
    (void)user;
    if (what == GA_ZONE_APL) return 2.0;
    return !strcmp(type, "urg") ? 35 : 5;
}

static ga_status op_zones(ga_ctx *ctx, void *user) {
    (void)user;
    ga_zone_rule *r = NULL;
    ga_status st = ga_zone_rule_parse(
        ctx, "time to urg > 30 or (apl < 2.5 and not time to gp > 10) or unknown(distance to mat)", &r);
    if (st) return st;
    assert_true(ga_zone_rule_eval(r, lookup, NULL));
    assert_int_equal(ga_zone_rule_type_count(r), 3);
    ga_zone_rule_free(r);
    return GA_OK;
}

static void test_zones(void **state) {
    (void)state;
    SWEEP(op_zones, NULL);
}

/* ---- scenarios ---- */

#define N 5
typedef struct {
    plan_communes pc;
    ga_cost_model *model;
    ga_points *fac;
    double pop[N];
} scen_case;

static const char SCEN[] = "[scenario]\nname = s1\ndescription = a test\n"
                           "[add new-gp]\ntype = gp\ncommune = C2\ncapacity = 2\n"
                           "[remove]\nids = urg-1\n"
                           "[capacity]\ngp-a = 3\n"
                           "[retire]\nage = 65\ntype = gp\n";

static ga_status op_scenario(ga_ctx *ctx, void *user) {
    scen_case *f = user;
    static const char *const types[] = {"gp", "urg"};
    static const double ages[] = {50, 70, NAN};
    ga_scenario *s = NULL;
    ga_status st = ga_scenario_read_buffer(ctx, "s1.ini", SCEN, strlen(SCEN), &s);
    if (st) return st;
    ga_scenario_inputs in = {.communes = f->pc.c, .population = f->pop, .facilities = f->fac,
                             .ages = ages, .types = types, .n_types = 2, .threshold = 1.5,
                             .apl_type = "gp", .acts_per_unit = 5400};
    ga_scenario_run *r = NULL;
    st = ga_scenarios_run(ctx, f->model, &in, &s, 1, &r);
    ga_scenario_free(s);
    if (st) return st;
    assert_int_equal(r->n_scenarios, 1);
    assert_non_null(r->scenarios[0].apl);
    ga_scenario_run_free(r);
    return GA_OK;
}

static void test_scenario(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    scen_case f;
    double px[N], py[N];
    for (int k = 0; k < N; k++) {
        f.pop[k] = 100.0 * (k + 1);
        px[k] = 500 + 1000.0 * k;
        py[k] = 0;
    }
    plan_communes_make(ctx, &f.pc, N, 1000, 1000, f.pop, px, py);
    assert_ok(ctx, ga_straight_model_new(ctx, 1.0, 60, &f.model));
    f.fac = ga_points_new();
    ga_points_add(f.fac, "gp-a", PX0 + 500, PY0, "gp", 1);
    ga_points_add(f.fac, "gp-b", PX0 + 500, PY0, "gp", 1);
    ga_points_add(f.fac, "urg-1", PX0 + 4500, PY0, "urg", 1);
    assert_ok(ctx, ga_points_assign_communes(ctx, f.fac, f.pc.c, false));
    SWEEP(op_scenario, &f);
    ga_points_free(f.fac);
    ga_cost_model_free(f.model);
    plan_communes_cleanup(&f.pc);
    ga_ctx_free(ctx);
}

/* ---- catchments ---- */

typedef struct {
    ga_router *router;
    ga_cost_model *model;
    ga_points *fac;
    plan_communes pc;
    double pop[3];
    char *dir;
} catch_case;

static ga_status op_catchments(ga_ctx *ctx, void *user) {
    catch_case *c = user;
    const double thr[] = {2, 1};
    ga_catchment_options o;
    ga_catchment_options_init(&o);
    o.threads = 1;
    ga_catchments *k = NULL;
    ga_status st = ga_catchments_road(ctx, c->router, c->fac, thr, 2, &o, &k);
    if (st) return st;
    double pp[4], pa[4];
    st = ga_catchments_population(ctx, k, c->model, c->fac, c->pc.c, c->pop, pp, pa);
    if (!st) {
        char *path = g_build_filename(c->dir, "catchments.geojson", NULL);
        st = ga_catchments_write_geojson(ctx, k, c->fac, pp, pa, path);
        g_free(path);
    }
    ga_catchments_free(k);
    if (st) return st;
    const double rad[] = {2000, 1000};
    if ((st = ga_catchments_circles(ctx, c->fac, thr, rad, 2, &o, &k))) return st;
    ga_catchments_free(k);
    return GA_OK;
}

static void test_catchments(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    catch_case c = {.pop = {100, 200, 300}};
    /* a line A - B - C - D, 1 km apart, 60 s per km, two-way */
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    uint32_t v[4];
    for (int k = 0; k < 4; k++) v[k] = ga_graph_builder_add_node(b, PX0 + 1000.0 * k, PY0);
    for (int k = 0; k < 3; k++) ga_graph_builder_add_edge(b, v[k], v[k + 1], 60, -1, false, NULL, 0);
    ga_graph *g = NULL;
    const ga_graph_build_options raw = {.keep_all_components = true, .no_contraction = true,
                                        .no_renumbering = true};
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &raw, &g));
    ga_graph_builder_free(b);
    ga_road_options ro;
    ga_road_options_init(&ro);
    ro.access_speed_kmh = 6;
    ro.threads = 1;
    assert_ok(ctx, ga_router_new(ctx, g, &ro, &c.router));
    assert_ok(ctx, ga_road_model_new(ctx, g, &ro, &c.model));
    c.fac = ga_points_new();
    ga_points_add(c.fac, "f1", PX0, PY0, "test", 1);
    ga_points_add(c.fac, "f2", PX0 + 3000, PY0, "test", 1);
    double px[3] = {500, 1500, 2500}, py[3] = {0, 0, 0};
    plan_communes_make(ctx, &c.pc, 3, 1000, 1000, c.pop, px, py);
    c.dir = test_tmpdir("oom");
    SWEEP(op_catchments, &c);
    char *path = g_build_filename(c.dir, "catchments.geojson", NULL);
    g_unlink(path);
    g_free(path);
    test_rm_rf(c.dir);
    g_free(c.dir);
    plan_communes_cleanup(&c.pc);
    ga_points_free(c.fac);
    ga_cost_model_free(c.model);
    ga_router_free(c.router);
    ga_graph_free(g);
    ga_ctx_free(ctx);
}

/* ---- graphs: OSM, shapefile, file, profile ---- */

static ga_status op_graph_osm(ga_ctx *ctx, void *user) {
    (void)user;
    ga_graph *g = NULL;
    ga_graph_build_info info;
    ga_status st = ga_graph_build_osm(ctx, test_path("fixtures/graph/synthetic_tiny.osm"), NULL, &g, &info);
    if (st) return st;
    assert_true(g->n_nodes > 0);
    ga_graph_free(g);
    /* the CRS chosen from the extract, and a label with the profile file */
    ga_graph_options o = {.crs = "auto", .profile = "walk"};
    if ((st = ga_graph_build_osm(ctx, test_path("fixtures/graph/synthetic_tiny.osm"), &o, &g, NULL)))
        return st;
    ga_graph_free(g);
    return GA_OK;
}

static ga_status op_graph_shp(ga_ctx *ctx, void *user) {
    (void)user;
    const char *path = getenv("GA_NEAR_MISS");
    assert_non_null(path);
    ga_graph *g = NULL;
    ga_status st = ga_graph_build_shp(ctx, path, NULL, &g, NULL);
    if (st) return st;
    assert_true(g->n_nodes > 0);
    ga_graph_free(g);
    return GA_OK;
}

typedef struct {
    const ga_graph *g;
    char *path;
} file_case;

static ga_status op_graph_file(ga_ctx *ctx, void *user) {
    file_case *c = user;
    ga_status st = ga_graph_write(ctx, c->g, c->path);
    if (st) return st;
    ga_graph *h = NULL;
    if ((st = ga_graph_load(ctx, c->path, &h))) return st;
    assert_int_equal(h->n_arcs, c->g->n_arcs);
    assert_string_equal(h->crs, c->g->crs);
    ga_graph_free(h);
    return GA_OK;
}

static const char PROFILE[] = "[profile]\nname = test\nmode = car\n"
                              "[speeds]\nprimary = 80\nresidential = 30\n"
                              "[shapefile]\nclass_field = KIND\ndirection_field = DIR\n"
                              "denied = closed\n"
                              "[shapefile.classes]\nBig = primary\nSmall = residential\n"
                              "[shapefile.directions]\nBoth = both\nOne = forward\n";

static ga_status op_profile(ga_ctx *ctx, void *user) {
    (void)user;
    ga_profile *p = NULL;
    ga_status st = ga_profile_parse(ctx, PROFILE, strlen(PROFILE), "test.ini", &p);
    if (st) return st;
    assert_true(ga_profile_speed(p, "primary") == 80);
    ga_profile_free(p);
    if ((st = ga_profile_load(ctx, "car", &p))) return st;
    ga_profile_free(p);
    ga_shp_mapping *m = ga_shp_mapping_builtin("bdtopo");
    if (!m) return ga_nomem(ctx, "mapping");
    ga_shp_mapping_free(m);
    return GA_OK;
}

static void test_graphs(void **state) {
    (void)state;
    SWEEP(op_graph_osm, NULL);
    SWEEP(op_graph_shp, NULL);
    SWEEP(op_profile, NULL);
    ga_ctx *ctx = ga_ctx_new();
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_build_osm(ctx, test_path("fixtures/graph/synthetic_tiny.osm"), NULL, &g, NULL));
    char *dir = test_tmpdir("oom");
    file_case c = {g, g_build_filename(dir, "tiny.gagraph", NULL)};
    SWEEP(op_graph_file, &c);
    test_rm_rf(dir);
    g_free(c.path);
    g_free(dir);
    ga_graph_free(g);
    ga_ctx_free(ctx);
}

/* The builder's own steps: components, contraction and renumbering on. */
static ga_status op_builder(ga_ctx *ctx, void *user) {
    (void)user;
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    if (!b) return ga_nomem(ctx, "builder");
    for (int k = 0; k < 6; k++) ga_graph_builder_add_node(b, PX0 + 100.0 * k, PY0 + (k % 2) * 50.0);
    for (int k = 0; k < 4; k++) ga_graph_builder_add_edge(b, k, k + 1, 10, -1, k == 2, NULL, 0);
    ga_graph_builder_add_edge(b, 4, 0, 10, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, 5, 5, 10, -1, false, NULL, 0); /* self-loop, island */
    ga_graph *g = NULL;
    ga_status st = ga_graph_builder_finish(ctx, b, NULL, &g);
    ga_graph_builder_free(b);
    ga_graph_free(g);
    return st;
}

static void test_builder(void **state) {
    (void)state;
    SWEEP(op_builder, NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decay_fca_inequality_coverage),
        cmocka_unit_test(test_apl),
        cmocka_unit_test(test_zones),
        cmocka_unit_test(test_scenario),
        cmocka_unit_test(test_catchments),
        cmocka_unit_test(test_graphs),
        cmocka_unit_test(test_builder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
