/* Graph builder: CSR layout, rounding, contraction, components, numbering. */
#include "test_util.h"
#include <string.h>
#include "core/internal.h"
#include "graph/builder.h"

static const ga_graph_build_options raw = {.keep_all_components = true,
                                           .no_contraction = true,
                                           .no_renumbering = true};

/* Arc u -> v, or UINT32_MAX. */
static uint32_t find_arc(const ga_graph *g, uint32_t u, uint32_t v) {
    for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++)
        if (g->head[a] == v) return a;
    return UINT32_MAX;
}

static void test_raw_keeps_ids_and_rounds(void **state) {
    ga_ctx *ctx = *state;
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    uint32_t n0 = ga_graph_builder_add_node(b, 700000.0, 6600000.0);
    uint32_t n1 = ga_graph_builder_add_node(b, 700100.004, 6600000.0);
    uint32_t n2 = ga_graph_builder_add_node(b, 700100.0, 6600050.0);
    assert_int_equal(n0, 0);
    assert_int_equal(n2, 2);
    /* 0 -> 1 one way, 12.34 s, 100.004 m: 123 ds, 1000 dm */
    ga_graph_builder_add_edge(b, n0, n1, 12.34, 100.004, true, NULL, 0);
    /* 1 <-> 2 with a bend, length from the polyline: 30 + 40 = 70 m */
    double v[2] = {700130.0, 6600010.0};
    ga_graph_builder_add_edge(b, n1, n2, 5.06, -1, false, v, 1);
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &raw, &g));
    assert_int_equal(g->n_nodes, 3);
    assert_int_equal(g->n_arcs, 3);
    assert_string_equal(g->crs, "EPSG:2154");
    assert_string_equal(g->profile, "test");
    assert_int_equal(g->x_cm[1], 70010000); /* 700100.004 m -> cm */
    assert_int_equal(g->y_cm[2], 660005000);
    uint32_t a01 = find_arc(g, 0, 1), a10 = find_arc(g, 1, 0);
    assert_int_not_equal(a01, UINT32_MAX);
    assert_int_equal(a10, UINT32_MAX);
    assert_int_equal(g->time_ds[a01], 123);
    assert_int_equal(g->dist_dm[a01], 1000);
    uint32_t a12 = find_arc(g, 1, 2), a21 = find_arc(g, 2, 1);
    /* hypot(29.996, 10) + hypot(30, 40) = 31.6190 + 50 = 81.619 m */
    double expect = hypot(700130.0 - 700100.004, 10.0) + 50.0;
    assert_int_equal(g->dist_dm[a12], (uint32_t)nearbyint(expect * 10));
    assert_int_equal(g->dist_dm[a21], g->dist_dm[a12]);
    assert_int_equal(g->time_ds[a12], 51);
    /* geometry: one vertex each way */
    assert_int_equal(g->geom_first[a12 + 1] - g->geom_first[a12], 1);
    assert_int_equal(g->geom_x_cm[g->geom_first[a12]], 70013000);
    assert_int_equal(g->geom_x_cm[g->geom_first[a21]], 70013000);
    assert_int_equal(g->geom_first[g->n_arcs], 2);
    for (uint32_t i = 0; i < 3; i++) assert_int_equal(ga_graph_builder_graph_node(b, i), i);
    ga_graph_free(g);
    ga_graph_builder_free(b);
}

/* A straight two-way road of 5 nodes, 100 m apart: contracted to 2 nodes,
 * 2 arcs carrying 400 m and the 3 inner vertices. */
static void test_chain_contraction_keeps_length(void **state) {
    ga_ctx *ctx = *state;
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "car");
    for (int i = 0; i < 5; i++) ga_graph_builder_add_node(b, 100.0 * i, 0);
    for (int i = 0; i < 4; i++)
        ga_graph_builder_add_edge(b, i, i + 1, 3.6, -1, false, NULL, 0);
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, NULL, &g));
    assert_int_equal(g->n_nodes, 2);
    assert_int_equal(g->n_arcs, 2);
    assert_int_equal(g->dist_dm[0], 4000);
    assert_int_equal(g->dist_dm[1], 4000);
    assert_int_equal(g->time_ds[0], 144);
    assert_int_equal(g->road_length_dm, 4000);
    uint32_t e0 = ga_graph_builder_graph_node(b, 0), e4 = ga_graph_builder_graph_node(b, 4);
    assert_int_not_equal(e0, GA_NODE_NONE);
    assert_int_not_equal(e4, GA_NODE_NONE);
    assert_int_equal(ga_graph_builder_graph_node(b, 2), GA_NODE_NONE);
    uint32_t a = find_arc(g, e0, e4);
    assert_int_equal(g->geom_first[a + 1] - g->geom_first[a], 3);
    /* vertices in the arc's direction */
    assert_int_equal(g->geom_x_cm[g->geom_first[a]], 10000);
    assert_int_equal(g->geom_x_cm[g->geom_first[a] + 2], 30000);
    uint32_t r = find_arc(g, e4, e0);
    assert_int_equal(g->geom_x_cm[g->geom_first[r]], 30000);
    assert_int_equal(ga_ctx_warning_count(ctx), 0);
    ga_graph_free(g);
    ga_graph_builder_free(b);
}

/* Where a two-way street becomes one way, the node stays; a one-way chain
 * with consistent direction is contracted; a roundabout-like one-way cycle
 * of degree-2 nodes hanging off nothing is dropped as a separate component. */
static void test_oneway_change_and_components(void **state) {
    ga_ctx *ctx = *state;
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "car");
    /* main: square 0-1-2-3 two-way, plus 1 -> 4 -> 5 -> 2 one-way chain */
    double xy[][2] = {{0, 0}, {100, 0}, {100, 100}, {0, 100}, {200, 0}, {200, 100}};
    for (int i = 0; i < 6; i++) ga_graph_builder_add_node(b, xy[i][0], xy[i][1]);
    ga_graph_builder_add_edge(b, 0, 1, 10, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, 1, 2, 10, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, 2, 3, 10, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, 3, 0, 10, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, 1, 4, 10, -1, true, NULL, 0);
    ga_graph_builder_add_edge(b, 4, 5, 10, -1, true, NULL, 0);
    ga_graph_builder_add_edge(b, 5, 2, 10, -1, true, NULL, 0);
    /* a dead-end one-way spur 3 -> 6: 6 cannot get back: dropped */
    ga_graph_builder_add_node(b, -100, 100);
    ga_graph_builder_add_edge(b, 3, 6, 10, -1, true, NULL, 0);
    /* a separate two-node island */
    ga_graph_builder_add_node(b, 5000, 5000);
    ga_graph_builder_add_node(b, 5100, 5000);
    ga_graph_builder_add_edge(b, 7, 8, 10, -1, false, NULL, 0);
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, NULL, &g));
    /* kept: 1 and 2 (degree 3); 0, 3 contracted (3 has degree 2 once the
     * spur is gone); 4, 5 contracted (one-way chain) */
    assert_int_equal(g->dropped_nodes, 3);
    assert_int_equal(g->dropped_components, 2);
    assert_int_equal(g->n_nodes, 2);
    uint32_t n1 = ga_graph_builder_graph_node(b, 1), n2 = ga_graph_builder_graph_node(b, 2);
    /* arcs: 1<->2 direct (2), 1<->2 via 0,3 (2), 1->2 via 4,5 (1) */
    assert_int_equal(g->n_arcs, 5);
    int from1 = 0;
    for (uint32_t a = g->first_out[n1]; a < g->first_out[n1 + 1]; a++) from1++;
    assert_int_equal(from1, 3);
    /* the one-way arc 1 -> 2 via 4, 5 is 300 m */
    bool found = false;
    for (uint32_t a = g->first_out[n1]; a < g->first_out[n1 + 1]; a++)
        if (g->dist_dm[a] == 3000 && g->geom_first[a + 1] - g->geom_first[a] == 2 &&
            g->geom_x_cm[g->geom_first[a]] == 20000 && g->geom_y_cm[g->geom_first[a]] == 0)
            found = true;
    assert_true(found);
    /* no way back from 2 through 5, 4 */
    for (uint32_t a = g->first_out[n2]; a < g->first_out[n2 + 1]; a++)
        if (g->geom_first[a + 1] > g->geom_first[a])
            assert_int_not_equal(g->geom_x_cm[g->geom_first[a]], 20000);
    /* road length: 4 x 100 + 300 */
    assert_int_equal(g->road_length_dm, 7000);
    assert_int_equal(ga_ctx_warning_count(ctx), 1);
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "dropped 3 node(s) in 2 component(s)"));
    ga_ctx_clear_warnings(ctx);
    ga_graph_free(g);
    ga_graph_builder_free(b);
}

/* Hilbert numbering: CSR stays consistent with the builder's node map. */
static void test_renumbering_consistent(void **state) {
    ga_ctx *ctx = *state;
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "car");
    /* a 6 x 6 two-way grid */
    for (int j = 0; j < 6; j++)
        for (int i = 0; i < 6; i++) ga_graph_builder_add_node(b, 50.0 * i, 50.0 * j);
    for (int j = 0; j < 6; j++)
        for (int i = 0; i < 6; i++) {
            if (i < 5) ga_graph_builder_add_edge(b, j * 6 + i, j * 6 + i + 1, 5, -1, false, NULL, 0);
            if (j < 5) ga_graph_builder_add_edge(b, j * 6 + i, (j + 1) * 6 + i, 5, -1, false, NULL, 0);
        }
    ga_graph_build_options o = {.no_contraction = true};
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &o, &g));
    assert_int_equal(g->n_nodes, 36);
    assert_int_equal(g->n_arcs, 2 * 60);
    bool seen[36] = {0};
    for (uint32_t v = 0; v < 36; v++) {
        uint32_t w = ga_graph_builder_graph_node(b, v);
        assert_true(w < 36);
        assert_false(seen[w]);
        seen[w] = true;
        assert_int_equal(g->x_cm[w], (int32_t)(5000 * (v % 6)));
        assert_int_equal(g->y_cm[w], (int32_t)(5000 * (v / 6)));
    }
    /* every arc joins grid neighbours, 50 m, sorted by head */
    for (uint32_t u = 0; u < g->n_nodes; u++)
        for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++) {
            uint32_t v = g->head[a];
            double d = hypot(g->x_cm[u] - g->x_cm[v], g->y_cm[u] - g->y_cm[v]);
            assert_near(d, 5000, 0);
            assert_int_equal(g->dist_dm[a], 500);
            if (a > g->first_out[u]) assert_true(g->head[a - 1] <= v);
        }
    /* Hilbert order: consecutive ids are grid neighbours */
    for (uint32_t w = 1; w < 36; w++) {
        double d = hypot(g->x_cm[w] - g->x_cm[w - 1], g->y_cm[w] - g->y_cm[w - 1]);
        assert_true(d <= 5000 * 1.5);
    }
    ga_graph_free(g);
    ga_graph_builder_free(b);
}

static void test_bad_node_id(void **state) {
    ga_ctx *ctx = *state;
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "car");
    ga_graph_builder_add_node(b, 0, 0);
    ga_graph_builder_add_edge(b, 0, 3, 1, 1, false, NULL, 0);
    ga_graph *g = NULL;
    assert_status(ctx, ga_graph_builder_finish(ctx, b, NULL, &g), GA_ERR_ARG);
    assert_null(g);
    assert_error_mentions(ctx, "node 3");
    ga_graph_builder_free(b);
    ga_graph_free(NULL);
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
        cmocka_unit_test(test_raw_keeps_ids_and_rounds),
        cmocka_unit_test(test_chain_contraction_keeps_length),
        cmocka_unit_test(test_oneway_change_and_components),
        cmocka_unit_test(test_renumbering_consistent),
        cmocka_unit_test(test_bad_node_id),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
