/* The reached part of the network around a point (route/reach.c), on a
 * hand-made straight road A(0,0) - B(1 km) - C(2 km) - D(3 km), two-way,
 * 1 minute per km, access leg at 6 km/h (100 m a minute). From a point on
 * the road at 500 m: A and B at 0.5 min, C at 1.5, D at 2.5; within 1 min
 * the road from 0 to 1.5 km. From 100 m off the road the access leg costs
 * 1 min more. Thresholds are inclusive. */
#include "test_util.h"
#include "core/internal.h"
#include "graph/builder.h"
#include "route/reach.h"

#define X0 700000.0
#define Y0 6600000.0

static ga_graph *line(ga_ctx *ctx) {
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    uint32_t n[4];
    for (int k = 0; k < 4; k++) n[k] = ga_graph_builder_add_node(b, X0 + 1000.0 * k, Y0);
    for (int k = 0; k < 3; k++) ga_graph_builder_add_edge(b, n[k], n[k + 1], 60, -1, false, NULL, 0);
    ga_graph_build_options o = {.keep_all_components = true, .no_contraction = true, .no_renumbering = true};
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &o, &g));
    ga_graph_builder_free(b);
    return g;
}

typedef struct {
    ga_ctx *ctx;
    ga_graph *g;
    ga_router *r;
    ga_reach *q;
} fixture;

/* Total length (m) and largest x (m from A) of the pieces within `thr`. */
static void pieces_extent(fixture *f, double thr, double *length, double *max_x) {
    GArray *p = g_array_new(FALSE, FALSE, sizeof(ga_reach_piece));
    GArray *xy = g_array_new(FALSE, FALSE, sizeof(double));
    ga_reach_pieces(f->q, thr, p);
    *length = 0;
    *max_x = -INFINITY;
    for (guint k = 0; k < p->len; k++) {
        g_array_set_size(xy, 0);
        size_t nv = ga_reach_piece_coords(f->r, &g_array_index(p, ga_reach_piece, k), xy);
        const double *c = (const double *)xy->data;
        for (size_t v = 0; v + 1 < nv; v++)
            *length += hypot(c[2 * v + 2] - c[2 * v], c[2 * v + 3] - c[2 * v + 1]);
        for (size_t v = 0; v < nv; v++) *max_x = MAX(*max_x, c[2 * v] - X0);
    }
    g_array_free(p, TRUE);
    g_array_free(xy, TRUE);
}

static void on_the_road(void **state) {
    fixture *f = *state;
    assert_ok(f->ctx, ga_reach_run(f->q, f->ctx, X0 + 500, Y0, GA_METRIC_TIME, 10, false));
    assert_near(ga_reach_access_cost(f->q), 0, 1e-9);
    assert_int_equal(ga_reach_node_count(f->q, 0.4), 0);
    assert_int_equal(ga_reach_node_count(f->q, 0.5), 2); /* A and B, inclusive */
    assert_int_equal(ga_reach_node_count(f->q, 1.5), 3);
    assert_int_equal(ga_reach_node_count(f->q, 10), 4);
    double len, max_x;
    pieces_extent(f, 1.0, &len, &max_x);
    assert_near(len, 1500, 1);
    assert_near(max_x, 1500, 1);
    pieces_extent(f, 10, &len, &max_x);
    assert_near(len, 3000, 1e-6); /* the whole road, each two-way road once */
    assert_near(max_x, 3000, 1e-6);
}

static void off_the_road(void **state) {
    fixture *f = *state;
    assert_ok(f->ctx, ga_reach_run(f->q, f->ctx, X0 + 500, Y0 + 100, GA_METRIC_TIME, 10, false));
    assert_near(ga_reach_access_cost(f->q), 1.0, 1e-9);
    double sx, sy;
    ga_reach_snap_point(f->q, &sx, &sy);
    assert_near(sx, X0 + 500, 1e-6);
    assert_near(sy, Y0, 1e-6);
    assert_int_equal(ga_reach_node_count(f->q, 1.4), 0);
    assert_int_equal(ga_reach_node_count(f->q, 1.5), 2);
    double len, max_x;
    pieces_extent(f, 2.0, &len, &max_x);
    assert_near(len, 1500, 1);
    assert_near(max_x, 1500, 1);
    /* in metres: 100 m of access, then 400 m each way along the road */
    assert_ok(f->ctx, ga_reach_run(f->q, f->ctx, X0 + 500, Y0 + 100, GA_METRIC_DISTANCE, 5000, false));
    assert_near(ga_reach_access_cost(f->q), 100, 1e-9);
    pieces_extent(f, 500, &len, &max_x);
    assert_near(len, 800, 1);
    assert_near(max_x, 900, 1);
}

static void refused(void **state) {
    fixture *f = *state;
    assert_status(f->ctx, ga_reach_run(f->q, f->ctx, X0 + 500, Y0 + 5000, GA_METRIC_TIME, 10, false),
                  GA_ERR_UNREACHABLE);
    assert_error_mentions(f->ctx, "no road within");
    assert_status(f->ctx, ga_reach_run(f->q, f->ctx, X0 + 500, Y0, GA_METRIC_TIME, 0, false), GA_ERR_ARG);
    assert_error_mentions(f->ctx, "positive number");
}

static int setup(void **state) {
    fixture *f = g_new0(fixture, 1);
    f->ctx = ga_ctx_new();
    f->g = line(f->ctx);
    ga_road_options o;
    ga_road_options_init(&o);
    o.access_speed_kmh = 6;
    o.threads = 1;
    if (ga_router_new(f->ctx, f->g, &o, &f->r)) return -1;
    f->q = ga_reach_new(f->r);
    *state = f;
    return f->q ? 0 : -1;
}
static int teardown(void **state) {
    fixture *f = *state;
    ga_reach_free(f->q);
    ga_router_free(f->r);
    ga_graph_free(f->g);
    ga_ctx_free(f->ctx);
    g_free(f);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(on_the_road),
        cmocka_unit_test(off_the_road),
        cmocka_unit_test(refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
