/* Unknown versus "none within reach" (issue 9, section 3): a point that
 * cannot be routed (beyond the snap distance, left out with skip_unsnapped,
 * or on a road cut off from the rest of the network) is flagged in the cost
 * table and its values are NAN (unknown) everywhere; a routed point with no
 * facility within reach keeps INFINITY (beyond every threshold).
 * Hand-made networks and hand-computed values. */
#include <glib.h>
#include <glib/gstdio.h>
#include "test_util.h"
#include "core/alloc.h"
#include "core/internal.h"
#include "graph/builder.h"
#include "geoaccess/nearest.h"
#include "route/road.h"
#include "route/router.h"

#define X0 700000.0
#define Y0 6600000.0

/* Two islands of road, every component kept (as `geoaccess graph
 * --keep-components` builds them):
 *   main:   A(0,0) <-> B(1000,0) <-> C(2000,0), 60 s each (1 km/min)
 *   island: F(5000,0) <-> G(6000,0), 60 s
 * The main piece has more nodes: it is the largest strongly connected
 * component; F-G is cut off from it. */
static ga_graph *islands(ga_ctx *ctx) {
    static const ga_graph_build_options raw = {.keep_all_components = true,
                                               .no_contraction = true,
                                               .no_renumbering = true};
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    uint32_t A = ga_graph_builder_add_node(b, X0, Y0);
    uint32_t B = ga_graph_builder_add_node(b, X0 + 1000, Y0);
    uint32_t C = ga_graph_builder_add_node(b, X0 + 2000, Y0);
    uint32_t F = ga_graph_builder_add_node(b, X0 + 5000, Y0);
    uint32_t G = ga_graph_builder_add_node(b, X0 + 6000, Y0);
    ga_graph_builder_add_edge(b, A, B, 60, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, B, C, 60, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, F, G, 60, -1, false, NULL, 0);
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &raw, &g));
    ga_graph_builder_free(b);
    return g;
}

static ga_points *pts(int n, const char *const *ids, const double *xy) {
    ga_points *p = ga_points_new();
    for (int i = 0; i < n; i++) ga_points_add(p, ids[i], X0 + xy[2 * i], Y0 + xy[2 * i + 1], NULL, 1);
    return p;
}

static ga_cost_model *road(ga_ctx *ctx, const ga_graph *g, bool skip, ga_table_method method) {
    ga_road_options o;
    ga_road_options_init(&o);
    o.snap_distance_m = 200;
    o.skip_unsnapped = skip;
    o.threads = 2;
    o.table_method = method;
    ga_cost_model *m = NULL;
    assert_ok(ctx, ga_road_model_new(ctx, g, &o, &m));
    return m;
}

static bool warned(ga_ctx *ctx, const char *a, const char *b) {
    for (size_t i = 0; i < ga_ctx_warning_count(ctx); i++) {
        const char *w = ga_ctx_warning(ctx, i);
        if (strstr(w, a) && (!b || strstr(w, b))) return true;
    }
    return false;
}

/* on the main piece: p (500,0), q (1500,0); on the island: isl (5500,0);
 * far from every road: far (1000,3000) */
static const char *const IDS[] = {"p", "isl", "q", "far"};
static const double XY[] = {500, 0, 5500, 0, 1500, 0, 1000, 3000};

/* A point on a road cut off from the rest used to get no pairs silently:
 * now it is flagged unknown and named in a warning, in both directions, with
 * both table methods and forward or backward searches. */
static void test_table_flags_points_not_routed(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = islands(ctx);
    for (int method = GA_TABLE_DIJKSTRA; method <= GA_TABLE_CH; method++) {
        ga_cost_model *m = road(ctx, g, true, (ga_table_method)method);
        ga_points *all = pts(4, IDS, XY);
        ga_points *one = pts(1, IDS, XY); /* fewer destinations: backward searches */
        for (int dir = 0; dir < 2; dir++) {
            ga_ctx_clear_warnings(ctx);
            ga_od *od = NULL;
            assert_ok(ctx, ga_cost_model_table(m, ctx, all, dir ? one : all, GA_METRIC_TIME, 0, &od));
            assert_non_null(od->from_unknown);
            assert_false(ga_od_from_unknown(od, 0));
            assert_true(ga_od_from_unknown(od, 1)); /* cut off */
            assert_false(ga_od_from_unknown(od, 2));
            assert_true(ga_od_from_unknown(od, 3)); /* beyond 200 m */
            assert_int_equal(ga_od_from_unknown_count(od), 2);
            /* no pair from or to a point not routed */
            assert_int_equal(od->row_start[2] - od->row_start[1], 0);
            assert_int_equal(od->row_start[4] - od->row_start[3], 0);
            double c;
            assert_true(ga_od_lookup(od, 2, 0, &c));
            assert_near(c, 1.0, 1e-9); /* q -> p: 1 km at 1 km/min */
            if (!dir) {
                assert_true(ga_od_to_unknown(od, 1));
                assert_true(ga_od_to_unknown(od, 3));
                assert_false(ga_od_lookup(od, 0, 1, NULL));
                assert_int_equal(od->n_pairs, 4); /* p, q to p, q */
            } else {
                assert_null(od->to_unknown);
                assert_int_equal(ga_od_to_unknown_count(od), 0);
            }
            assert_true(warned(ctx, "on roads cut off from the rest of the network", "'isl'"));
            assert_true(warned(ctx, "further than 200 m from every road", "'far'"));
            ga_od_free(od);
        }
        ga_points_free(all);
        ga_points_free(one);
        ga_cost_model_free(m);
    }
    ga_graph_free(g);
}

/* Without skip_unsnapped a far point still fails the table, naming it; a
 * point on a cut-off road never fails it (it is flagged). */
static void test_unsnapped_fails_cut_off_flagged(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = islands(ctx);
    ga_cost_model *m = road(ctx, g, false, GA_TABLE_AUTO);
    ga_points *all = pts(4, IDS, XY), *three = pts(3, IDS, XY);
    ga_od *od = NULL;
    assert_status(ctx, ga_cost_model_table(m, ctx, all, all, GA_METRIC_TIME, 0, &od), GA_ERR_UNREACHABLE);
    assert_error_mentions(ctx, "'far'");
    assert_ok(ctx, ga_cost_model_table(m, ctx, three, three, GA_METRIC_DISTANCE, 0, &od));
    assert_true(ga_od_from_unknown(od, 1));
    assert_true(ga_od_to_unknown(od, 1));
    assert_false(ga_od_from_unknown(od, 0));
    ga_od_free(od);
    /* the router's verdict on single points */
    ga_router *r = ga_road_model_router(m);
    assert_int_equal(ga_router_point_route(r, X0 + 500, Y0 + 10), GA_POINT_ROUTED);
    assert_int_equal(ga_router_point_route(r, X0 + 5500, Y0), GA_POINT_CUT_OFF);
    assert_int_equal(ga_router_point_route(r, X0 + 1000, Y0 + 3000), GA_POINT_UNSNAPPED);
    double *cost = g_new(double, g->n_nodes);
    assert_status(ctx, ga_router_point_to_nodes(r, ctx, X0 + 5500, Y0, GA_METRIC_TIME, 10, false, cost),
                  GA_ERR_UNREACHABLE);
    assert_error_mentions(ctx, "cut off");
    g_free(cost);
    ga_points_free(all);
    ga_points_free(three);
    ga_cost_model_free(m);
    ga_graph_free(g);
}

/* Routed points only: no flag, no warning (no change for graphs of one
 * component, every graph `geoaccess graph` builds by default). */
static void test_routed_points_flag_nothing(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = islands(ctx);
    ga_cost_model *m = road(ctx, g, true, GA_TABLE_AUTO);
    ga_points *main_pts = pts(1, IDS, XY);
    ga_points_add(main_pts, "q", X0 + 1500, Y0, NULL, 1);
    ga_od *od = NULL;
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_cost_model_table(m, ctx, main_pts, main_pts, GA_METRIC_TIME, 0, &od));
    assert_null(od->from_unknown);
    assert_null(od->to_unknown);
    assert_int_equal(ga_ctx_warning_count(ctx), 0);
    ga_od_free(od);
    ga_points_free(main_pts);
    ga_cost_model_free(m);
    ga_graph_free(g);
}

/* Nearest: NAN for a point not routed, INFINITY for a routed point with no
 * facility within reach (a bounded table). */
static void test_nearest_unknown_and_none(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = islands(ctx);
    ga_cost_model *m = road(ctx, g, true, GA_TABLE_AUTO);
    ga_points *from = pts(4, IDS, XY);
    const char *fid[] = {"F1"};
    const double fxy[] = {0, 0};
    ga_points *fac = pts(1, fid, fxy);
    ga_od *od = NULL;
    /* within 1 minute: p (0.5 min) yes, q (1.5 min) none within reach */
    assert_ok(ctx, ga_cost_model_table(m, ctx, from, fac, GA_METRIC_TIME, 1.0, &od));
    long first[4];
    double cost[4];
    ga_nearest(od, NULL, first, cost, NULL, NULL);
    assert_int_equal(first[0], 0);
    assert_near(cost[0], 0.5, 1e-9);
    assert_true(isnan(cost[1]) && first[1] == -1);
    assert_true(isinf(cost[2]) && first[2] == -1);
    assert_true(isnan(cost[3]) && first[3] == -1);
    /* coverage: the unknown ones are out of the share, counted apart */
    const double pop[] = {100, 1000, 200, 400};
    ga_coverage *c = NULL;
    assert_ok(ctx, ga_coverage_compute(ctx, 4, cost, pop, NULL, 1.0, &c));
    assert_int_equal(c->total_communes, 2);
    assert_int_equal(c->total_communes_covered, 1);
    assert_near(c->total_population, 300, 0);
    assert_near(c->total_covered, 100, 0);
    assert_int_equal(c->total_communes_unknown, 2);
    assert_near(c->total_population_unknown, 1400, 0);
    ga_coverage_free(c);
    ga_od_free(od);
    ga_points_free(from);
    ga_points_free(fac);
    ga_cost_model_free(m);
    ga_graph_free(g);
}

/* APL on 3 communes, all within 5 minutes of each other except commune 2,
 * which is not routed: demand 100, 200 and 700, supply 3000 at commune 0
 * and 5000 at commune 2. Commune 2's demand and supply are left out:
 * APL_0 = APL_1 = 3000 / (100 + 200) = 10; APL_2 unknown. (Counting
 * commune 2 through its intra-commune pair, as before, gave it
 * 5000 / 700.) */
static void test_apl_leaves_unknown_out(void **state) {
    ga_ctx *ctx = *state;
    ga_od_builder *b = ga_od_builder_new(3, 3);
    ga_od_builder_add(b, 0, 1, 5);
    ga_od_builder_add(b, 1, 0, 5);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    od->from_unknown = g_new0(uint8_t, 3);
    od->to_unknown = g_new0(uint8_t, 3);
    od->from_unknown[2] = od->to_unknown[2] = 1;
    const double pop[] = {100, 200, 700}, supply[] = {3000, 0, 5000};
    const char *ids[] = {"c0", "c1", "c2"};
    double apl[3];
    ga_apl_summary s;
    assert_ok(ctx, ga_apl_communes(ctx, 3, ids, pop, pop, supply, od, NULL, apl, &s));
    assert_near(apl[0], 10, 1e-12);
    assert_near(apl[1], 10, 1e-12);
    assert_true(isnan(apl[2]));
    assert_near(s.mean_apl, 10, 1e-12);
    assert_int_equal(s.communes_under, 0);
    assert_int_equal(s.communes_unknown, 1);
    assert_near(s.population_unknown, 700, 0);
    ga_od_free(od);
}

/* The FCA family: an origin not routed gets NAN and takes no part in the
 * competition. 2SFCA, binary 10 min: demand 100 (o0) and 300 (o1), both 5
 * minutes from a supply of 40; o2 (demand 600) is not routed:
 * R = 40 / 400 = 0.1, access 0.1, 0.1, NAN. */
static void test_fca_unknown_is_nan(void **state) {
    ga_ctx *ctx = *state;
    ga_od_builder *b = ga_od_builder_new(3, 1);
    ga_od_builder_add(b, 0, 0, 5);
    ga_od_builder_add(b, 1, 0, 5);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    od->from_unknown = g_new0(uint8_t, 3);
    od->from_unknown[2] = 1;
    const double demand[] = {100, 300, 600}, supply[] = {40};
    ga_decay *d = NULL;
    assert_ok(ctx, ga_decay_parse(ctx, "binary:10", &d));
    double a[3];
    assert_ok(ctx, ga_fca(ctx, GA_FCA_2SFCA, od, demand, supply, d, a));
    assert_near(a[0], 0.1, 1e-15);
    assert_near(a[1], 0.1, 1e-15);
    assert_true(isnan(a[2]));
    assert_ok(ctx, ga_gravity(ctx, od, supply, d, a));
    assert_true(isnan(a[2]) && a[0] == 40);
    assert_ok(ctx, ga_cumulative(ctx, od, supply, 10, a));
    assert_true(isnan(a[2]) && a[1] == 40);
    assert_ok(ctx, ga_cost_to_closest(ctx, od, supply, 1, NULL, a));
    assert_true(isnan(a[2]) && a[0] == 5);
    assert_ok(ctx, ga_spatial_availability(ctx, od, demand, supply, d, 1, a));
    assert_near(a[0], 10, 1e-12); /* 40 x 100 / 400 */
    assert_true(isnan(a[2]));
    ga_decay_free(d);
    ga_od_free(od);
}

/* Zone rules in three-valued logic: an unknown value never makes a zone
 * blanche unless unknown(...) asks for it. */
typedef struct {
    double urg, apl;
} vals;

static double lookup(ga_zone_value what, const char *type, void *user) {
    const vals *v = user;
    (void)type;
    return what == GA_ZONE_APL ? v->apl : v->urg;
}

static void test_rules_unknown(void **state) {
    ga_ctx *ctx = *state;
    ga_zone_rule *r = NULL;
    vals unk = {NAN, 3}, none = {INFINITY, 3}, near = {5, 3};
    assert_ok(ctx, ga_zone_rule_parse(ctx, "not time to urg <= 30", &r));
    assert_false(ga_zone_rule_eval(r, lookup, &unk)); /* was true: not (false) */
    assert_int_equal(ga_zone_rule_eval3(r, lookup, &unk), -1);
    assert_true(ga_zone_rule_eval(r, lookup, &none));
    ga_zone_rule_free(r);
    assert_ok(ctx, ga_zone_rule_parse(ctx, "time to urg > 30 or Unknown ( time to urg )", &r));
    char *d = ga_zone_rule_describe(r);
    assert_string_equal(d, "(time to urg > 30 or unknown(time to urg))");
    g_free(d);
    assert_int_equal(ga_zone_rule_type_count(r), 1);
    assert_true(ga_zone_rule_eval(r, lookup, &unk));
    assert_true(ga_zone_rule_eval(r, lookup, &none));
    assert_false(ga_zone_rule_eval(r, lookup, &near));
    ga_zone_rule_free(r);
    /* Kleene: false and unknown = false; true or unknown = true */
    assert_ok(ctx, ga_zone_rule_parse(ctx, "apl < 2.5 and time to urg > 30", &r));
    assert_int_equal(ga_zone_rule_eval3(r, lookup, &unk), 0);
    ga_zone_rule_free(r);
    assert_ok(ctx, ga_zone_rule_parse(ctx, "apl > 2.5 or time to urg > 30", &r));
    assert_int_equal(ga_zone_rule_eval3(r, lookup, &unk), 1);
    ga_zone_rule_free(r);
    assert_status(ctx, ga_zone_rule_parse(ctx, "unknown time to urg", &r), GA_ERR_ARG);
    assert_error_mentions(ctx, "at character 9: expected '(' after 'unknown'");
    assert_status(ctx, ga_zone_rule_parse(ctx, "unknown(time to urg", &r), GA_ERR_ARG);
    assert_error_mentions(ctx, "expected ')'");
}

/* The builder with no pair at all (a bounded table where nothing is within
 * reach): UBSan reported qsort called on a NULL array. */
static void test_empty_table(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, ga_od_builder_new(2, 3), &od));
    assert_int_equal(od->n_pairs, 0);
    assert_false(ga_od_lookup(od, 1, 2, NULL));
    ga_od_free(od);
    ga_cost_model *m = NULL;
    assert_ok(ctx, ga_straight_model_new(ctx, 1.3, 60, &m));
    const double xy[] = {0, 0, 5000, 0};
    const char *ids[] = {"a", "b"};
    ga_points *a = pts(1, ids, xy), *b = pts(1, ids + 1, xy + 2);
    assert_ok(ctx, ga_cost_model_table(m, ctx, a, b, GA_METRIC_TIME, 1.0, &od));
    assert_int_equal(od->n_pairs, 0);
    ga_od_free(od);
    ga_points_free(a);
    ga_points_free(b);
    ga_cost_model_free(m);
}

/* The matrix CSV keeps the points not routed: "ID,," and ",ID," rows, read
 * back as flags. */
static void test_matrix_round_trip(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = islands(ctx);
    ga_cost_model *m = road(ctx, g, true, GA_TABLE_AUTO);
    ga_points *all = pts(4, IDS, XY);
    ga_od *od = NULL, *back = NULL;
    assert_ok(ctx, ga_cost_model_table(m, ctx, all, all, GA_METRIC_TIME, 0, &od));
    g_autofree char *dir = test_tmpdir("unknown");
    g_autofree char *path = g_build_filename(dir, "m.csv", NULL);
    const char *const *ids = ga_points_ids(all);
    assert_ok(ctx, ga_od_write_csv(ctx, od, ids, ids, -1, path));
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    assert_non_null(strstr(text, "\nisl,,\n"));
    assert_non_null(strstr(text, "\nfar,,\n"));
    assert_non_null(strstr(text, "\n,isl,\n"));
    assert_non_null(strstr(text, "\n,far,\n"));
    size_t unknown_ids = 99;
    assert_ok(ctx, ga_od_read_csv(ctx, path, NULL, ids, 4, ids, 4, &back, &unknown_ids));
    assert_int_equal(unknown_ids, 0);
    assert_int_equal(back->n_pairs, od->n_pairs);
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(ga_od_from_unknown(back, i), ga_od_from_unknown(od, i));
        assert_int_equal(ga_od_to_unknown(back, i), ga_od_to_unknown(od, i));
    }
    ga_od_free(back);
    /* a point flagged and also given costs is refused, naming it */
    FILE *f = fopen(path, "w");
    fputs("from_id,to_id,cost\np,,\np,q,1\n", f);
    fclose(f);
    assert_status(ctx, ga_od_read_csv(ctx, path, NULL, ids, 4, ids, 4, &back, NULL), GA_ERR_VALUE);
    assert_error_mentions(ctx, "origin 'p' is marked as not routed");
    test_rm_rf(dir);
    ga_od_free(od);
    ga_points_free(all);
    ga_cost_model_free(m);
    ga_graph_free(g);
}

static int setup(void **state) {
    *state = ga_ctx_new();
    return *state ? 0 : -1;
}

static int teardown(void **state) {
    ga_ctx_free(*state);
    return 0;
}

/* The router finds the largest component when it opens: running out of
 * memory there is an error, never a router that silently flags nothing as
 * cut off (ga_graph_scc returned 0 and the router went on). */
static void test_router_components_out_of_memory(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = islands(ctx);
    ga_road_options ro;
    ga_road_options_init(&ro);
    bool done = false;
    for (uint64_t k = 1; k <= 200 && !done; k++) {
        ga_router *r = NULL;
        ga_alloc_fail_at(k);
        ga_status st = ga_router_new(ctx, g, &ro, &r);
        bool failed = ga_alloc_failed();
        ga_alloc_fail_at(0);
        if (!failed) {
            assert_ok(ctx, st);
            done = true;
        } else if (st == GA_OK) {
            fail_msg("allocation %llu failed but ga_router_new said GA_OK", (unsigned long long)k);
        } else {
            assert_int_equal(st, GA_ERR_NOMEM);
        }
        ga_router_free(r);
    }
    assert_true(done);
    ga_graph_free(g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_flags_points_not_routed),
        cmocka_unit_test(test_unsnapped_fails_cut_off_flagged),
        cmocka_unit_test(test_routed_points_flag_nothing),
        cmocka_unit_test(test_nearest_unknown_and_none),
        cmocka_unit_test(test_apl_leaves_unknown_out),
        cmocka_unit_test(test_fca_unknown_is_nan),
        cmocka_unit_test(test_rules_unknown),
        cmocka_unit_test(test_empty_table),
        cmocka_unit_test(test_matrix_round_trip),
        cmocka_unit_test(test_router_components_out_of_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
