/* The road router and cost model on hand-made networks with known answers,
 * and against a reference Dijkstra on random networks. */
#include <stdlib.h>
#include <string.h>
#include "test_util.h"
#include "core/internal.h"
#include "graph/builder.h"
#include "route/router.h"

#define X0 700000.0
#define Y0 6600000.0

static const ga_graph_build_options raw = {.keep_all_components = true,
                                           .no_contraction = true,
                                           .no_renumbering = true};

static ga_points *pts(int n, const char *const *ids, const double *xy) {
    ga_points *p = ga_points_new();
    for (int i = 0; i < n; i++) ga_points_add(p, ids[i], X0 + xy[2 * i], Y0 + xy[2 * i + 1], NULL, 1);
    return p;
}

static double cost_of(const ga_od *od, size_t i, size_t j) {
    double c;
    return ga_od_lookup(od, i, j, &c) ? c : -1;
}

/* Network "loop":
 *   A(0,0) <-> B(1000,0)  100 s, 1000 m
 *   B -> C(2000,0) -> D(2000,1000) -> B   one-way loop: 100 s, 100 s, 150 s
 *   A -> E(0,1000) 100 s straight; E -> A 50 s through (-100,500): a dead
 *   end where one turns around.
 *   F(5000,0) <-> G(6000,0) 60 s: a second component. */
static ga_graph *loop_network(ga_ctx *ctx) {
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    uint32_t A = ga_graph_builder_add_node(b, X0, Y0);
    uint32_t B = ga_graph_builder_add_node(b, X0 + 1000, Y0);
    uint32_t C = ga_graph_builder_add_node(b, X0 + 2000, Y0);
    uint32_t D = ga_graph_builder_add_node(b, X0 + 2000, Y0 + 1000);
    uint32_t E = ga_graph_builder_add_node(b, X0, Y0 + 1000);
    uint32_t F = ga_graph_builder_add_node(b, X0 + 5000, Y0);
    uint32_t G = ga_graph_builder_add_node(b, X0 + 6000, Y0);
    ga_graph_builder_add_edge(b, A, B, 100, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, B, C, 100, -1, true, NULL, 0);
    ga_graph_builder_add_edge(b, C, D, 100, -1, true, NULL, 0);
    ga_graph_builder_add_edge(b, D, B, 150, -1, true, NULL, 0);
    ga_graph_builder_add_edge(b, A, E, 100, -1, true, NULL, 0);
    double bend[2] = {X0 - 100, Y0 + 500};
    ga_graph_builder_add_edge(b, E, A, 50, -1, true, bend, 1);
    ga_graph_builder_add_edge(b, F, G, 60, -1, false, NULL, 0);
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &raw, &g));
    ga_graph_builder_free(b);
    return g;
}

static ga_cost_model *model_with(ga_ctx *ctx, const ga_graph *g, double snap, bool skip, int threads,
                                 ga_table_method method) {
    ga_road_options o;
    ga_road_options_init(&o);
    o.table_method = method;
    o.access_speed_kmh = 6; /* 100 m per minute */
    if (snap > 0) o.snap_distance_m = snap;
    o.skip_unsnapped = skip;
    o.threads = threads;
    ga_cost_model *m = NULL;
    assert_ok(ctx, ga_road_model_new(ctx, g, &o, &m));
    return m;
}

static ga_cost_model *model_for(ga_ctx *ctx, const ga_graph *g, double snap, bool skip, int threads) {
    return model_with(ctx, g, snap, skip, threads, GA_TABLE_AUTO);
}

static void test_loop_times_and_distances(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = loop_network(ctx);
    ga_cost_model *m = model_for(ctx, g, 0, false, 1);
    const char *oid[] = {"ab_mid", "bc_1500", "bc_1250", "ae_mid", "ab_off"};
    const double oxy[] = {500, 0, 1500, 0, 1250, 0, 0, 500, 500, 30};
    const char *did[] = {"bc_1500", "bc_1250", "ab_mid", "bc_off", "fg_mid"};
    const double dxy[] = {1500, 0, 1250, 0, 500, 0, 1500, -40, 5500, 0};
    ga_points *o = pts(5, oid, oxy), *d = pts(5, did, dxy);
    ga_od *od = NULL;
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, 0, &od));
    /* A-B middle -> B (50 s) -> middle of B->C (50 s) */
    assert_near(cost_of(od, 0, 0), 100.0 / 60, 1e-12);
    /* upstream on the one-way B->C: round the loop:
     * 50 (to C) + 100 (C->D) + 150 (D->B) + 25 (B->1250) = 325 s */
    assert_near(cost_of(od, 1, 1), 325.0 / 60, 1e-12);
    /* downstream on the same one-way arc: directly along it, 25 s */
    assert_near(cost_of(od, 2, 0), 25.0 / 60, 1e-12);
    /* backwards along the two-way A-B: from 1500 on B->C, loop back to B,
     * then 50 s to the middle of B-A: 50 + 100 + 150 + 50 */
    assert_near(cost_of(od, 1, 2), 350.0 / 60, 1e-12);
    /* turn around at the dead end E: 50 s to E, 50 s back to A, 50 s to the
     * middle of A-B */
    assert_near(cost_of(od, 3, 2), 150.0 / 60, 1e-12);
    /* access legs: 30 m and 40 m at 100 m/min add 0.3 + 0.4 minutes */
    assert_near(cost_of(od, 4, 3), 100.0 / 60 + 0.7, 1e-12);
    /* the second component is unreachable: no pair */
    for (size_t i = 0; i < 5; i++) assert_near(cost_of(od, i, 4), -1, 0);
    ga_od_free(od);

    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_DISTANCE, 0, &od));
    assert_near(cost_of(od, 0, 0), 1000, 1e-9);
    /* 500 + 1000 + 1414.2 (D->B, stored in decimetres) + 250 */
    assert_near(cost_of(od, 1, 1), 500 + 1000 + 1414.2 + 250, 1e-9);
    assert_near(cost_of(od, 2, 0), 250, 1e-9);
    assert_near(cost_of(od, 4, 3), 1000 + 30 + 40, 1e-9);
    ga_od_free(od);
    ga_cost_model_free(m);
    ga_points_free(o);
    ga_points_free(d);
    ga_graph_free(g);
}

/* Same answers with many origins and few destinations (backward searches). */
static void test_loop_backward_matches_forward(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = loop_network(ctx);
    ga_cost_model *m = model_for(ctx, g, 0, false, 2);
    const char *id[] = {"p0", "p1", "p2", "p3", "p4", "p5"};
    const double xy[] = {500, 0, 1500, 0, 1250, 0, 0, 500, 500, 30, 2000, 400};
    ga_points *all = pts(6, id, xy);
    for (int j = 0; j < 6; j++) {
        ga_points *one = pts(1, id + j, xy + 2 * j);
        ga_od *fwd = NULL, *bwd = NULL;
        /* 1 x 6: forward from the single origin; 6 x 1: backward from the
         * single destination */
        assert_ok(ctx, ga_cost_model_table(m, ctx, one, all, GA_METRIC_TIME, 0, &fwd));
        assert_ok(ctx, ga_cost_model_table(m, ctx, all, one, GA_METRIC_TIME, 0, &bwd));
        ga_od *all_all = NULL;
        assert_ok(ctx, ga_cost_model_table(m, ctx, all, all, GA_METRIC_TIME, 0, &all_all));
        for (int i = 0; i < 6; i++) {
            double a = cost_of(fwd, 0, i), b = cost_of(all_all, j, i);
            assert_true(a == b);
            a = cost_of(bwd, i, 0);
            b = cost_of(all_all, i, j);
            assert_true(a == b);
        }
        /* a point to itself costs nothing */
        assert_true(cost_of(all_all, j, j) == 0);
        ga_od_free(fwd);
        ga_od_free(bwd);
        ga_od_free(all_all);
        ga_points_free(one);
    }
    ga_cost_model_free(m);
    ga_points_free(all);
    ga_graph_free(g);
}

/* Two points side by side, 300 m from the road: straight (20 m at the
 * access speed, 0.2 min) rather than 300 m to the road and back (6 min). */
static void test_nearby_points_go_straight(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = loop_network(ctx);
    ga_cost_model *m = model_for(ctx, g, 0, false, 1);
    const char *oid[] = {"o"};
    const double oxy[] = {500, 300};
    const char *did[] = {"near", "far"};
    const double dxy[] = {520, 300, 1000, -350};
    ga_points *o = pts(1, oid, oxy), *d = pts(2, did, dxy);
    ga_od *od = NULL;
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, 0, &od));
    assert_near(cost_of(od, 0, 0), 0.2, 1e-12);
    /* 820 m apart (more than 300 + 350 m of access legs): by road, 3 min to
     * A-B, 50 s to B, 3.5 min from B */
    assert_near(cost_of(od, 0, 1), 6.5 + 50.0 / 60, 1e-12);
    ga_od_free(od);
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_DISTANCE, 0, &od));
    assert_near(cost_of(od, 0, 0), 20, 1e-12);
    assert_near(cost_of(od, 0, 1), 300 + 500 + 350, 1e-9);
    ga_od_free(od);
    /* bounded below the road cost, the straight pair stays */
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, 1, &od));
    assert_int_equal(od->n_pairs, 1);
    assert_near(cost_of(od, 0, 0), 0.2, 1e-12);
    ga_od_free(od);
    ga_cost_model_free(m);
    ga_points_free(o);
    ga_points_free(d);
    ga_graph_free(g);
}

static void test_max_cost_bound(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = loop_network(ctx);
    ga_cost_model *m = model_for(ctx, g, 0, false, 1);
    const char *oid[] = {"o"};
    const double oxy[] = {500, 0};
    /* 100 s, 325 - 25 + ... : destinations at 100 s, 75 s, 0 s, 150 s */
    const char *did[] = {"d100", "d75", "d0", "d150"};
    const double dxy[] = {1500, 0, 1250, 0, 500, 0, 0, 500};
    ga_points *o = pts(1, oid, oxy), *d = pts(4, did, dxy);
    ga_od *od = NULL;
    /* exactly 100 s is kept */
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, 100.0 / 60, &od));
    assert_near(cost_of(od, 0, 0), 100.0 / 60, 1e-12);
    assert_near(cost_of(od, 0, 1), 75.0 / 60, 1e-12);
    assert_near(cost_of(od, 0, 2), 0, 0);
    /* d150: A-B middle -> A (50 s) -> E (100 s) -> middle of A->E? it is on
     * A->E at 50 s: 50 + 50 = 100 s. */
    assert_near(cost_of(od, 0, 3), 100.0 / 60, 1e-12);
    assert_int_equal(od->n_pairs, 4);
    ga_od_free(od);
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, 99.9 / 60, &od));
    assert_int_equal(od->n_pairs, 2);
    assert_near(cost_of(od, 0, 1), 75.0 / 60, 1e-12);
    ga_od_free(od);
    /* in metres: 1000 m bound keeps 1000, 750 and 0 and 1000 (A->E mid) */
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_DISTANCE, 999, &od));
    assert_int_equal(od->n_pairs, 2);
    ga_od_free(od);
    ga_cost_model_free(m);
    ga_points_free(o);
    ga_points_free(d);
    ga_graph_free(g);
}

static void test_point_beyond_snap_distance(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = loop_network(ctx);
    const char *oid[] = {"near", "far_away"};
    const double oxy[] = {500, 10, 3500, 2000}; /* far: 1000 m+ from any road */
    const char *did[] = {"d"};
    const double dxy[] = {1500, 0};
    ga_points *o = pts(2, oid, oxy), *d = pts(1, did, dxy);
    ga_cost_model *m = model_for(ctx, g, 500, false, 1);
    ga_od *od = NULL;
    assert_status(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, 0, &od),
                  GA_ERR_UNREACHABLE);
    assert_null(od);
    assert_error_mentions(ctx, "far_away");
    assert_error_mentions(ctx, "500");
    ga_cost_model_free(m);
    /* allowed: warned about and left out */
    m = model_for(ctx, g, 500, true, 1);
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, 0, &od));
    assert_int_equal(ga_ctx_warning_count(ctx), 1);
    if (!strstr(ga_ctx_warning(ctx, 0), "far_away")) fail_msg("warning: %s", ga_ctx_warning(ctx, 0));
    assert_int_equal(od->n_pairs, 1);
    assert_near(cost_of(od, 0, 0), 100.0 / 60 + 0.1, 1e-12);
    ga_od_free(od);
    ga_cost_model_free(m);
    /* outside the network's box: 1000 m east of C, the nearest point */
    ga_road_options ro;
    ga_road_options_init(&ro);
    ro.snap_distance_m = 1500;
    ga_router *r = NULL;
    assert_ok(ctx, ga_router_new(ctx, g, &ro, &r));
    double x = X0 + 3000, y = Y0;
    ga_snap sn;
    assert_ok(ctx, ga_router_snap(r, ctx, &x, &y, 1, &sn));
    assert_true(sn.snapped);
    assert_near(sn.distance_m, 1000, 1e-9);
    assert_near(sn.x, X0 + 2000, 1e-9);
    ga_router_free(r);
    ro.snap_distance_m = 999;
    assert_ok(ctx, ga_router_new(ctx, g, &ro, &r));
    assert_ok(ctx, ga_router_snap(r, ctx, &x, &y, 1, &sn));
    assert_false(sn.snapped);
    ga_router_free(r);
    ga_points_free(o);
    ga_points_free(d);
    ga_graph_free(g);
}

/* Snapping: projection, distance, arc and fraction; a point at equal
 * distance from two roads goes to the lowest arc, always. */
static void test_snap_and_ties(void **state) {
    ga_ctx *ctx = *state;
    /* two parallel two-way roads y=0 and y=100 joined at x=0 and x=1000,
     * every side 60 s */
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    uint32_t n00 = ga_graph_builder_add_node(b, X0, Y0);
    uint32_t n10 = ga_graph_builder_add_node(b, X0 + 1000, Y0);
    uint32_t n01 = ga_graph_builder_add_node(b, X0, Y0 + 100);
    uint32_t n11 = ga_graph_builder_add_node(b, X0 + 1000, Y0 + 100);
    ga_graph_builder_add_edge(b, n00, n10, 60, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, n01, n11, 60, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, n00, n01, 60, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, n10, n11, 60, -1, false, NULL, 0);
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &raw, &g));
    ga_graph_builder_free(b);
    ga_router *r = NULL;
    assert_ok(ctx, ga_router_new(ctx, g, NULL, &r));
    double x[3] = {X0 + 250, X0 + 500, X0 + 1030}, y[3] = {Y0 - 20, Y0 + 50, Y0 + 75};
    ga_snap s[3];
    assert_ok(ctx, ga_router_snap(r, ctx, x, y, 3, s));
    assert_true(s[0].snapped);
    assert_near(s[0].distance_m, 20, 1e-9);
    assert_near(s[0].x, X0 + 250, 1e-9);
    assert_near(s[0].y, Y0, 1e-9);
    assert_int_equal(g->head[s[0].arc] == n10 ? 0 : 1, 0); /* indexed arc 0 -> 1 */
    assert_near(s[0].fraction, 0.25, 1e-12);
    /* tie between y=0 and y=100: the lowest arc (out of node 0) */
    assert_true(s[1].snapped);
    assert_near(s[1].distance_m, 50, 1e-9);
    assert_int_equal(ga_snap_index_tail(r->snap, s[1].arc), n00);
    assert_int_equal(g->head[s[1].arc], n10);
    /* beside the road x=1000 */
    assert_near(s[2].distance_m, 30, 1e-9);
    assert_near(s[2].fraction, 0.75, 1e-12);
    /* the tie point reaches the right side in 30 s + 30 s (either road), and
     * equal-cost paths: from (250,0) to (750,100) two ways of 45+60+15 = 15+60+45 = 120 s */
    ga_router_free(r);
    ga_cost_model *m = model_for(ctx, g, 0, false, 1);
    const char *oid[] = {"tie", "p"};
    const double oxy[] = {500, 50, 250, 0};
    const char *did[] = {"right", "q"};
    const double dxy[] = {1000, 50, 750, 100};
    ga_points *o = pts(2, oid, oxy), *d = pts(2, did, dxy);
    ga_od *od = NULL;
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, 0, &od));
    assert_near(cost_of(od, 0, 0), 1.0 + 0.5, 1e-12); /* 60 s + 50 m at 100 m/min */
    assert_near(cost_of(od, 1, 1), 120.0 / 60, 1e-12);
    ga_od_free(od);
    ga_cost_model_free(m);
    ga_points_free(o);
    ga_points_free(d);
    ga_graph_free(g);
}

static void test_crs_mismatch_and_bad_options(void **state) {
    ga_ctx *ctx = *state;
    ga_graph_builder *b = ga_graph_builder_new("EPSG:32631", "test");
    uint32_t a = ga_graph_builder_add_node(b, 500000, 4800000);
    uint32_t c = ga_graph_builder_add_node(b, 500100, 4800000);
    ga_graph_builder_add_edge(b, a, c, 10, -1, false, NULL, 0);
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &raw, &g));
    ga_graph_builder_free(b);
    ga_cost_model *m = NULL;
    assert_status(ctx, ga_road_model_new(ctx, g, NULL, &m), GA_ERR_CRS);
    assert_error_mentions(ctx, "EPSG:32631");
    assert_null(m);
    ga_road_options o;
    ga_road_options_init(&o);
    o.snap_distance_m = NAN;
    assert_ok(ctx, ga_ctx_set_working_crs(ctx, "EPSG:32631"));
    assert_status(ctx, ga_road_model_new(ctx, g, &o, &m), GA_ERR_ARG);
    assert_error_mentions(ctx, "snap distance");
    assert_ok(ctx, ga_road_model_new(ctx, g, NULL, &m));
    char *desc = ga_cost_model_describe(m);
    assert_non_null(strstr(desc, "road"));
    g_free(desc);
    ga_cost_model_free(m);
    assert_ok(ctx, ga_ctx_set_working_crs(ctx, "EPSG:2154"));
    ga_graph_free(g);
}

/* ---- random networks: reference Dijkstra, threads ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

/* A perturbed grid of side k, 100 m apart, random edges to the right and
 * upper neighbours (some one-way, random times). */
static ga_graph *random_network(ga_ctx *ctx, int k) {
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    for (int j = 0; j < k; j++)
        for (int i = 0; i < k; i++)
            ga_graph_builder_add_node(b, X0 + 100.0 * i + rnd(30), Y0 + 100.0 * j + rnd(30));
    for (int j = 0; j < k; j++)
        for (int i = 0; i < k; i++) {
            uint32_t u = (uint32_t)(j * k + i);
            if (i + 1 < k && rnd(10) < 9)
                ga_graph_builder_add_edge(b, u, u + 1, 5 + rnd(60), -1, rnd(5) == 0, NULL, 0);
            if (j + 1 < k && rnd(10) < 9) {
                bool ow = rnd(5) == 0;
                /* a one-way edge points either way */
                if (ow && rnd(2))
                    ga_graph_builder_add_edge(b, u + (uint32_t)k, u, 5 + rnd(60), -1, true, NULL, 0);
                else
                    ga_graph_builder_add_edge(b, u, u + (uint32_t)k, 5 + rnd(60), -1, ow, NULL, 0);
            }
        }
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &raw, &g));
    ga_graph_builder_free(b);
    return g;
}

/* O(n^2) reference over the CSR (time in deciseconds). */
static void reference_from(const ga_graph *g, uint32_t src, uint64_t *dist) {
    uint32_t n = g->n_nodes;
    bool *done = calloc(n, 1);
    for (uint32_t v = 0; v < n; v++) dist[v] = UINT64_MAX;
    dist[src] = 0;
    for (;;) {
        uint32_t u = UINT32_MAX;
        for (uint32_t v = 0; v < n; v++)
            if (!done[v] && dist[v] != UINT64_MAX && (u == UINT32_MAX || dist[v] < dist[u])) u = v;
        if (u == UINT32_MAX) break;
        done[u] = true;
        for (uint32_t e = g->first_out[u]; e < g->first_out[u + 1]; e++)
            if (dist[u] + g->time_ds[e] < dist[g->head[e]]) dist[g->head[e]] = dist[u] + g->time_ds[e];
    }
    free(done);
}

/* Points standing on nodes cost exactly the node-to-node shortest path;
 * checked forward (fewer origins) and backward (fewer destinations), with
 * and without a bound. */
static void test_random_against_reference(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = random_network(ctx, 20);
    ga_cost_model *m_dij = model_with(ctx, g, 0, false, 3, GA_TABLE_DIJKSTRA);
    ga_cost_model *m_ch = model_with(ctx, g, 0, false, 3, GA_TABLE_CH);
    for (int round = 0; round < 8; round++) {
        ga_cost_model *m = round < 4 ? m_dij : m_ch; /* both methods */
        int nf = round % 2 ? 40 : 7, nt = round % 2 ? 9 : 35;
        double bound = round >= 2 ? 2.0 : 0; /* minutes */
        uint32_t *fn = malloc(nf * sizeof *fn), *tn = malloc(nt * sizeof *tn);
        ga_points *o = ga_points_new(), *d = ga_points_new();
        for (int side = 0; side < 2; side++) {
            int cnt = side ? nt : nf;
            for (int i = 0; i < cnt; i++) {
                uint32_t v;
                do v = rnd(g->n_nodes);
                while (g->first_out[v] == g->first_out[v + 1]); /* has a road */
                char id[16];
                snprintf(id, sizeof id, "n%u", v);
                ga_points_add(side ? d : o, id, g->x_cm[v] / 100.0, g->y_cm[v] / 100.0, NULL, 1);
                (side ? tn : fn)[i] = v;
            }
        }
        ga_od *od = NULL;
        assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, bound, &od));
        uint64_t *dist = malloc(g->n_nodes * sizeof *dist);
        size_t expected_pairs = 0;
        for (int i = 0; i < nf; i++) {
            reference_from(g, fn[i], dist);
            for (int j = 0; j < nt; j++) {
                uint64_t dd = dist[tn[j]];
                double want = dd == UINT64_MAX ? -1 : (double)dd / 600.0;
                if (bound > 0 && want > bound) want = -1;
                double got = cost_of(od, i, j);
                if (got != want)
                    fail_msg("round %d: n%u -> n%u: %.17g, expected %.17g", round, fn[i], tn[j], got,
                             want);
                expected_pairs += want >= 0;
            }
        }
        assert_int_equal(od->n_pairs, expected_pairs);
        free(dist);
        ga_od_free(od);
        ga_points_free(o);
        ga_points_free(d);
        free(fn);
        free(tn);
    }
    ga_cost_model_free(m_dij);
    ga_cost_model_free(m_ch);
    ga_graph_free(g);
}

/* Random points near the roads: 1 and 4 threads give identical tables,
 * bounded and not, in time and distance; so does the contraction hierarchy
 * (2 threads) against plain searches. */
static void test_threads_identical(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = random_network(ctx, 40);
    ga_cost_model *m1 = model_with(ctx, g, 200, true, 1, GA_TABLE_DIJKSTRA),
                  *m4 = model_with(ctx, g, 200, true, 4, GA_TABLE_DIJKSTRA),
                  *mc = model_with(ctx, g, 200, true, 2, GA_TABLE_CH);
    ga_points *o = ga_points_new(), *d = ga_points_new();
    for (int i = 0; i < 150; i++) {
        char id[16];
        snprintf(id, sizeof id, "o%d", i);
        ga_points_add(o, id, X0 + rnd(400000) / 100.0, Y0 + rnd(400000) / 100.0, NULL, 1);
    }
    for (int i = 0; i < 170; i++) {
        char id[16];
        snprintf(id, sizeof id, "d%d", i);
        ga_points_add(d, id, X0 + rnd(400000) / 100.0, Y0 + rnd(400000) / 100.0, NULL, 1);
    }
    for (int metric = 0; metric < 2; metric++)
        for (int bounded = 0; bounded < 2; bounded++)
            for (int swap = 0; swap < 2; swap++) {
                double bound = bounded ? (metric ? 1500 : 3) : 0;
                ga_od *a = NULL, *b = NULL;
                const ga_points *f = swap ? d : o, *t = swap ? o : d;
                assert_ok(ctx, ga_cost_model_table(m1, ctx, f, t, metric, bound, &a));
                assert_true(a->n_pairs > 100);
                for (int other = 0; other < 2; other++) {
                    assert_ok(ctx, ga_cost_model_table(other ? mc : m4, ctx, f, t, metric, bound, &b));
                    assert_int_equal(a->n_pairs, b->n_pairs);
                    assert_memory_equal(a->row_start, b->row_start, (a->n_from + 1) * sizeof(size_t));
                    assert_memory_equal(a->to, b->to, a->n_pairs * sizeof(uint32_t));
                    assert_memory_equal(a->cost, b->cost, a->n_pairs * sizeof(double));
                    ga_od_free(b);
                }
                ga_od_free(a);
            }
    ga_cost_model_free(m1);
    ga_cost_model_free(m4);
    ga_cost_model_free(mc);
    ga_points_free(o);
    ga_points_free(d);
    ga_graph_free(g);
}

/* One point to every node, forward and backward, equals the reference. */
static void test_point_to_nodes(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = random_network(ctx, 15);
    ga_router *r = NULL;
    assert_ok(ctx, ga_router_new(ctx, g, NULL, &r));
    uint32_t v;
    do v = rnd(g->n_nodes);
    while (g->first_out[v] == g->first_out[v + 1]);
    double *cost = malloc(g->n_nodes * sizeof *cost);
    uint64_t *dist = malloc(g->n_nodes * sizeof *dist);
    assert_ok(ctx, ga_router_point_to_nodes(r, ctx, g->x_cm[v] / 100.0, g->y_cm[v] / 100.0,
                                            GA_METRIC_TIME, 0, false, cost));
    reference_from(g, v, dist);
    for (uint32_t u = 0; u < g->n_nodes; u++) {
        double want = dist[u] == UINT64_MAX ? INFINITY : dist[u] / 600.0;
        assert_true(cost[u] == want);
    }
    /* backward: cost[u] = u -> v */
    assert_ok(ctx, ga_router_point_to_nodes(r, ctx, g->x_cm[v] / 100.0, g->y_cm[v] / 100.0,
                                            GA_METRIC_TIME, 1.0, true, cost));
    for (uint32_t u = 0; u < g->n_nodes; u++) {
        reference_from(g, u, dist);
        double want = dist[v] == UINT64_MAX ? INFINITY : dist[v] / 600.0;
        if (want > 1.0) want = INFINITY;
        assert_true(cost[u] == want);
    }
    free(cost);
    free(dist);
    ga_router_free(r);
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_loop_times_and_distances, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop_backward_matches_forward, setup, teardown),
        cmocka_unit_test_setup_teardown(test_max_cost_bound, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nearby_points_go_straight, setup, teardown),
        cmocka_unit_test_setup_teardown(test_point_beyond_snap_distance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snap_and_ties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crs_mismatch_and_bad_options, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_against_reference, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads_identical, setup, teardown),
        cmocka_unit_test_setup_teardown(test_point_to_nodes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
