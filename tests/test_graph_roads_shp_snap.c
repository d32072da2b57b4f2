/* Road networks as they come (issue 9, section 5): line ends a fraction of a
 * millimetre apart are joined within the snapping tolerance (default 1 cm),
 * at line ends and at vertices inside other lines, and counted; a bridge
 * crossing a street without a shared vertex stays apart. Fixture: the
 * SYNTHETIC shapefile written by tests/make_near_miss_roads.c (its comment
 * draws the network). */
#include "test_util.h"
#include <glib.h>
#include "core/internal.h"
#include "graph/builder.h"
#include "graph/graph.h"

#define X0 770000.0
#define Y0 6280000.0

static const char *fixture(void) {
    const char *p = getenv("GA_NEAR_MISS");
    assert_non_null(p);
    return p;
}

/* the node within 1 cm of (x, y), relative to (X0, Y0) */
static uint32_t node_at(const ga_graph *g, double x, double y) {
    for (uint32_t v = 0; v < g->n_nodes; v++)
        if (llabs((long long)g->x_cm[v] - llround((X0 + x) * 100)) <= 1 &&
            llabs((long long)g->y_cm[v] - llround((Y0 + y) * 100)) <= 1)
            return v;
    return GA_NODE_NONE;
}

static uint32_t degree(const ga_graph *g, uint32_t v) { return g->first_out[v + 1] - g->first_out[v]; }

static uint32_t arc(const ga_graph *g, uint32_t u, uint32_t v) {
    for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++)
        if (g->head[a] == v) return a;
    return UINT32_MAX;
}

/* Every vertex kept (no contraction, every component): the near misses are
 * one node each, the bridge crosses M1 without a node. */
static void test_near_misses_joined(void **state) {
    ga_ctx *ctx = *state;
    ga_graph_options o = {.keep_all_components = true, .no_contraction = true};
    ga_graph *g = NULL;
    ga_graph_build_info info;
    assert_ok(ctx, ga_graph_build_shp(ctx, fixture(), &o, &g, &info));
    /* (0,0) (100,0) (200,0) (200,100) (100,-100) (0,100) and the bridge's two
     * ends; 7 two-way segments */
    assert_int_equal(g->n_nodes, 8);
    assert_int_equal(g->n_arcs, 14);
    assert_int_equal(info.joined_vertices, 4);
    assert_near(info.snap_tolerance_m, GA_GRAPH_DEFAULT_SNAP_TOLERANCE_M, 0);
    uint32_t a = node_at(g, 0, 0), b = node_at(g, 100, 0), c = node_at(g, 200, 0),
             d = node_at(g, 200, 100), e = node_at(g, 100, -100), f = node_at(g, 0, 100);
    /* M1's inner vertex (100,0) joins M3: three two-way segments leave it */
    assert_int_equal(degree(g, b), 3);
    assert_int_equal(degree(g, a), 2); /* M1 and M4 */
    assert_int_equal(degree(g, c), 2); /* M1 and M2 */
    assert_int_equal(degree(g, d), 2); /* M2 and M4 */
    assert_int_equal(degree(g, e), 1);
    assert_int_equal(degree(g, f), 2);
    assert_int_not_equal(arc(g, b, e), UINT32_MAX);
    assert_int_not_equal(arc(g, c, d), UINT32_MAX);
    assert_int_not_equal(arc(g, d, f), UINT32_MAX);
    assert_int_not_equal(arc(g, f, a), UINT32_MAX);
    /* the bridge: no node where it crosses M1, which runs 100 m from (0,0)
     * to (100,0) in one arc; its ends touch only each other */
    assert_int_equal(node_at(g, 50, 0), GA_NODE_NONE);
    uint32_t ab = arc(g, a, b);
    assert_int_not_equal(ab, UINT32_MAX);
    assert_int_equal(g->dist_dm[ab], 1000);
    uint32_t s = node_at(g, 50, -50), n = node_at(g, 50, 50);
    assert_int_not_equal(s, GA_NODE_NONE);
    assert_int_equal(degree(g, s), 1);
    assert_int_equal(degree(g, n), 1);
    assert_int_equal(g->head[g->first_out[s]], n);
    ga_graph_free(g);
    ga_ctx_clear_warnings(ctx);
}

/* The default build: one network (the bridge is its own component, dropped);
 * with exact equality only (negative tolerance), as before, the streets
 * fall apart into pieces, and a tolerance below the gaps joins only the
 * gaps below it. */
static void test_tolerance_choices(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = NULL;
    ga_graph_build_info info;
    assert_ok(ctx, ga_graph_build_shp(ctx, fixture(), NULL, &g, &info));
    assert_int_equal(info.joined_vertices, 4);
    assert_int_equal(g->dropped_components, 1); /* the bridge */
    assert_int_equal(g->dropped_nodes, 2);
    /* kept: the loop (0,0)-(200,0)-(200,100)-(0,100) and the spur to (100,-100):
     * 200 + 100 + 200 + 100 + 100 m of road */
    assert_near(ga_graph_length_km(g), 0.7, 1e-3);
    ga_graph_free(g);
    ga_ctx_clear_warnings(ctx);

    ga_graph_options exact = {.snap_tolerance_m = -1};
    assert_ok(ctx, ga_graph_build_shp(ctx, fixture(), &exact, &g, &info));
    assert_int_equal(info.joined_vertices, 0);
    assert_near(info.snap_tolerance_m, 0, 0);
    assert_int_equal(g->dropped_components, 4); /* five pieces, one kept */
    assert_true(ga_graph_length_km(g) < 0.31);
    ga_graph_free(g);
    ga_ctx_clear_warnings(ctx);

    /* 0.55 mm: joins the 0.1 mm and 0.5 mm gaps, not 0.63 nor 0.9 mm */
    ga_graph_options fine = {.snap_tolerance_m = 0.00055, .keep_all_components = true,
                             .no_contraction = true};
    assert_ok(ctx, ga_graph_build_shp(ctx, fixture(), &fine, &g, &info));
    assert_int_equal(info.joined_vertices, 2);
    assert_int_equal(g->n_nodes, 10);
    ga_graph_free(g);
    ga_ctx_clear_warnings(ctx);

    ga_graph_options bad = {.snap_tolerance_m = 1000};
    assert_status(ctx, ga_graph_build_shp(ctx, fixture(), &bad, &g, &info), GA_ERR_ARG);
    assert_error_mentions(ctx, "snapping tolerance");
}

/* A loop street hanging from one junction (a "raquette"): contracted into
 * one arc J -> J it was dropped as a self-loop, with its road (the default
 * build of the fixture above kept 0.1 km instead of 0.7). Now its first inner
 * node stays: two arcs each way, the length kept; one way round too. */
static void test_loop_street_kept(void **state) {
    ga_ctx *ctx = *state;
    for (int oneway = 0; oneway < 2; oneway++) {
        ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
        uint32_t j = ga_graph_builder_add_node(b, 0, 0);
        uint32_t e = ga_graph_builder_add_node(b, -100, 0);
        uint32_t p = ga_graph_builder_add_node(b, 100, 0);
        uint32_t q = ga_graph_builder_add_node(b, 100, 100);
        uint32_t r = ga_graph_builder_add_node(b, 0, 100);
        ga_graph_builder_add_edge(b, j, e, 10, 100, false, NULL, 0);
        ga_graph_builder_add_edge(b, j, p, 10, 100, oneway, NULL, 0);
        ga_graph_builder_add_edge(b, p, q, 10, 100, oneway, NULL, 0);
        ga_graph_builder_add_edge(b, q, r, 10, 100, oneway, NULL, 0);
        ga_graph_builder_add_edge(b, r, j, 10, 100, oneway, NULL, 0);
        ga_graph *g = NULL;
        assert_ok(ctx, ga_graph_builder_finish(ctx, b, NULL, &g));
        assert_int_equal(ga_ctx_warning_count(ctx), 0); /* nothing dropped */
        /* J, the dead end E and the loop's first inner node (P) */
        assert_int_equal(g->n_nodes, 3);
        assert_int_equal(g->n_arcs, oneway ? 4 : 6);
        assert_near(ga_graph_length_km(g), 0.5, 1e-9);
        uint64_t total_dm = 0;
        for (uint32_t a = 0; a < g->n_arcs; a++) total_dm += g->dist_dm[a];
        assert_int_equal(total_dm, oneway ? 2 * 1000 + 4000 : 2 * 1000 + 2 * 4000);
        ga_graph_free(g);
        ga_graph_builder_free(b);
    }
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
        cmocka_unit_test(test_near_misses_joined),
        cmocka_unit_test(test_tolerance_choices),
        cmocka_unit_test(test_loop_street_kept),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
