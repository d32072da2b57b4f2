/* The compact snapping index (issue 14, memory): the grid keeps 8-byte
 * (arc, segment) entries and reads the segments' ends from the graph, no
 * copy of each segment; answers the same nearest segment as a brute-force
 * scan of every arc of the graph. */
#include <stdlib.h>
#include <string.h>
#include "test_util.h"
#include "memory_util.h"
#include "core/internal.h"
#include "graph/builder.h"
#include "route/snap.h"
#include <sys/stat.h>
#include <glib/gstdio.h>

static uint64_t rng = 99;
static double unif(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

/* A jittered 40 x 40 grid of two-way and one-way roads, most with 0-3 bends. */
static ga_graph *make_graph(ga_ctx *ctx) {
    enum { K = 40 };
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    double x[K * K], y[K * K];
    for (int j = 0; j < K; j++)
        for (int i = 0; i < K; i++) {
            x[j * K + i] = 700000 + 200.0 * i + (unif() - 0.5) * 80;
            y[j * K + i] = 6600000 + 200.0 * j + (unif() - 0.5) * 80;
            ga_graph_builder_add_node(b, x[j * K + i], y[j * K + i]);
        }
    for (int j = 0; j < K; j++)
        for (int i = 0; i < K; i++)
            for (int d = 0; d < 2; d++) {
                if ((d == 0 && i + 1 >= K) || (d == 1 && j + 1 >= K)) continue;
                if (unif() < 0.1) continue;
                int u = j * K + i, v = d == 0 ? u + 1 : u + K;
                double xy[6];
                int nb = (int)(unif() * 4);
                for (int k = 0; k < nb; k++) {
                    double t = (k + 1.0) / (nb + 1);
                    xy[2 * k] = x[u] + t * (x[v] - x[u]) + (unif() - 0.5) * 40;
                    xy[2 * k + 1] = y[u] + t * (y[v] - y[u]) + (unif() - 0.5) * 40;
                }
                ga_graph_builder_add_edge(b, u, v, 20 + unif() * 20, -1, unif() < 0.1, xy, nb);
            }
    ga_graph *g = NULL;
    assert_status(ctx, ga_graph_builder_finish(ctx, b, NULL, &g), GA_OK);
    ga_graph_builder_free(b);
    return g;
}

static void vertex(const ga_graph *g, uint32_t tail, uint32_t a, uint32_t k, double *x, double *y) {
    uint32_t nk = g->geom_first[a + 1] - g->geom_first[a];
    int32_t xi, yi;
    if (k == 0) {
        xi = g->x_cm[tail];
        yi = g->y_cm[tail];
    } else if (k == nk + 1) {
        xi = g->x_cm[g->head[a]];
        yi = g->y_cm[g->head[a]];
    } else {
        xi = g->geom_x_cm[g->geom_first[a] + k - 1];
        yi = g->geom_y_cm[g->geom_first[a] + k - 1];
    }
    *x = xi / 100.0;
    *y = yi / 100.0;
}

/* Distance from (x, y) to arc a and the fraction of the arc's length at the
 * nearest point (first nearest segment). */
static double arc_dist(const ga_graph *g, uint32_t tail, uint32_t a, double x, double y,
                       double *fraction) {
    uint32_t nk = g->geom_first[a + 1] - g->geom_first[a];
    double best = INFINITY, best_along = 0, cum = 0, px, py;
    vertex(g, tail, a, 0, &px, &py);
    for (uint32_t k = 1; k <= nk + 1; k++) {
        double qx, qy;
        vertex(g, tail, a, k, &qx, &qy);
        double dx = qx - px, dy = qy - py, l2 = dx * dx + dy * dy;
        double t = l2 > 0 ? ((x - px) * dx + (y - py) * dy) / l2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = px + t * dx - x, ey = py + t * dy - y, d = sqrt(ex * ex + ey * ey);
        double l = hypot(dx, dy);
        if (d < best) {
            best = d;
            best_along = cum + t * l;
        }
        cum += l;
        px = qx;
        py = qy;
    }
    *fraction = cum > 0 ? best_along / cum : 0;
    return best;
}

static void test_compact_matches_brute_force(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    ga_graph *g = make_graph(ctx);
    ga_snap_index *ix = ga_snap_index_new(g);
    assert_non_null(ix);
    uint32_t *tail = malloc(sizeof *tail * g->n_arcs);
    size_t all_seg = 0;
    for (uint32_t u = 0; u < g->n_nodes; u++)
        for (uint32_t e = g->first_out[u]; e < g->first_out[u + 1]; e++) {
            tail[e] = u;
            all_seg += g->geom_first[e + 1] - g->geom_first[e] + 1;
            assert_int_equal(ga_snap_index_tail(ix, e), u);
        }
    /* memory: no per-arc array; a 48-byte copy of every indexed segment (half the arcs' segments,
     * two-way roads indexed once) would alone be 24 bytes per arc segment */
    size_t bytes = ga_snap_index_bytes(ix);
    assert_true(bytes < 12 * all_seg + 1024);
    for (int i = 0; i < 3000; i++) {
        double x = 700000 - 300 + unif() * 8600, y = 6600000 - 300 + unif() * 8600;
        ga_snap s;
        ga_snap_index_nearest(ix, x, y, 5000, &s);
        assert_true(s.snapped);
        double best = INFINITY, f;
        for (uint32_t a = 0; a < g->n_arcs; a++) best = fmin(best, arc_dist(g, tail[a], a, x, y, &f));
        assert_near(s.distance_m, best, 1e-9);
        double d = arc_dist(g, tail[s.arc], s.arc, x, y, &f);
        assert_near(d, best, 1e-9);
        assert_near(s.fraction, f, 1e-9);
        assert_near(hypot(s.x - x, s.y - y), best, 1e-6);
    }
    /* out of reach */
    ga_snap s;
    ga_snap_index_nearest(ix, 600000, 6600000, 5000, &s);
    assert_false(s.snapped);
    free(tail);
    ga_snap_index_free(ix);
    ga_graph_free(g);
    ga_ctx_free(ctx);
}

/* The pairing of two-way roads the index used to store: greedy in arc
 * order, each unpaired arc takes the first unpaired arc leading back with the
 * same geometry reversed. */
static bool rev_geom(const ga_graph *g, uint32_t a, uint32_t b) {
    uint32_t na = g->geom_first[a + 1] - g->geom_first[a], nb = g->geom_first[b + 1] - g->geom_first[b];
    if (na != nb) return false;
    for (uint32_t k = 0; k < na; k++) {
        uint32_t ia = g->geom_first[a] + k, ib = g->geom_first[b] + nb - 1 - k;
        if (g->geom_x_cm[ia] != g->geom_x_cm[ib] || g->geom_y_cm[ia] != g->geom_y_cm[ib]) return false;
    }
    return true;
}

static void greedy_twins(const ga_graph *g, uint32_t *twin) {
    for (uint32_t e = 0; e < g->n_arcs; e++) twin[e] = GA_NODE_NONE;
    for (uint32_t u = 0; u < g->n_nodes; u++)
        for (uint32_t e = g->first_out[u]; e < g->first_out[u + 1]; e++) {
            if (twin[e] != GA_NODE_NONE) continue;
            uint32_t v = g->head[e];
            for (uint32_t f = g->first_out[v]; f < g->first_out[v + 1]; f++)
                if (f != e && g->head[f] == u && twin[f] == GA_NODE_NONE && rev_geom(g, e, f)) {
                    twin[e] = f;
                    twin[f] = e;
                    break;
                }
        }
}

static void check_twins(const ga_graph *g) {
    ga_snap_index *ix = ga_snap_index_new(g);
    assert_non_null(ix);
    uint32_t *twin = malloc(sizeof *twin * (g->n_arcs ? g->n_arcs : 1));
    greedy_twins(g, twin);
    for (uint32_t e = 0; e < g->n_arcs; e++) assert_int_equal(ga_snap_index_twin(ix, e), twin[e]);
    free(twin);
    ga_snap_index_free(ix);
}

/* Twins are computed when asked (no per-arc array): the same pairs as the
 * greedy pairing, with duplicate parallel arcs and loops (geometry reading
 * the same both ways or not). */
static void test_twins_on_demand(void **state) {
    (void)state;
    /* nodes 0, 1, 2; arcs sorted by tail */
    enum { N = 3, M = 13 };
    uint32_t first_out[N + 1] = {0, 8, 12, 13};
    uint32_t head[M] = {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1};
    /* intermediate vertices per arc: a2 (5,5); a6 (1,1),(2,2); a7 (2,2),(1,1);
     * a9 (5,5); a12 (9,9) */
    uint32_t geom_first[M + 1] = {0, 0, 0, 1, 1, 1, 1, 3, 5, 5, 6, 6, 6, 7};
    int32_t gx[7] = {500, 100, 200, 200, 100, 500, 900}, gy[7] = {500, 100, 200, 200, 100, 500, 900};
    uint32_t w[M];
    for (int i = 0; i < M; i++) w[i] = 10;
    int32_t x[N] = {0, 1000, 2000}, y[N] = {0, 0, 0};
    ga_graph g = {.n_nodes = N, .n_arcs = M, .first_out = first_out, .head = head, .time_ds = w,
                  .dist_dm = w, .x_cm = x, .y_cm = y, .geom_first = geom_first, .geom_x_cm = gx,
                  .geom_y_cm = gy};
    check_twins(&g);
    /* and on a built graph */
    ga_ctx *ctx = ga_ctx_new();
    ga_graph *bg = make_graph(ctx);
    check_twins(bg);
    ga_graph_free(bg);
    ga_ctx_free(ctx);
}

/* Loading a graph file checks every byte, then gives the pages back: the
 * process holds only what its work reads (a 30 MB file would otherwise stay
 * resident in full). */
static void test_loaded_graph_pages_released(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    ga_graph *g = grid_graph(ctx, 600);
    char *dir = test_tmpdir("memory");
    char *path = g_build_filename(dir, "grid.graph", NULL);
    assert_status(ctx, ga_graph_write(ctx, g, path), GA_OK);
    uint64_t want = 0;
    for (uint32_t a = 0; a < g->n_arcs; a++) want += g->time_ds[a] + g->head[a];
    uint32_t n_nodes = g->n_nodes;
    ga_graph_free(g);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    double before = rss_file_kb();
    if (before < 0) skip(); /* no /proc */
    ga_graph *h = NULL;
    assert_status(ctx, ga_graph_load(ctx, path, &h), GA_OK);
    double grew = rss_file_kb() - before;
    assert_true(sb.st_size > 20 * 1024 * 1024);
    assert_true(grew < (double)sb.st_size / 1024 / 4);
    /* the arrays still read right */
    assert_int_equal(h->n_nodes, n_nodes);
    uint64_t sum = 0;
    for (uint32_t a = 0; a < h->n_arcs; a++) sum += h->time_ds[a] + h->head[a];
    assert_int_equal(sum, want);
    ga_graph_free(h);
    test_rm_rf(dir);
    g_free(path);
    g_free(dir);
    ga_ctx_free(ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_matches_brute_force),
        cmocka_unit_test(test_twins_on_demand),
        cmocka_unit_test(test_loaded_graph_pages_released),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
