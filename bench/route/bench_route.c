/* Routing benchmarks: snapping, one-to-all, bounded one-to-many and
 * many-to-many tables on one graph, side by side with igraph's Dijkstra
 * (built with -Dbench_peers=true) on the same graph and queries.
 *
 *   bench_route --synthetic 1000000          SYNTHETIC graph (bench/synthetic.h)
 *   bench_route --osm FILE.osm.pbf [--name malta]
 *   bench_route --shp FILE.shp
 * Options: --sources K (one-to-all queries, default 200), --bound MIN
 * (bounded searches, default 15 minutes), --table N (N x N table, default
 * 1000), --snap-points N (default 20000), --threads T (table threads,
 * default all cores), --strtree (also time GEOS's STRtree for snapping).
 * A missing input file exits with 77 (skipped).
 *
 * Each timing repeats the whole batch until three runs agree within 3 %
 * (at most 10 runs; 3 for igraph) and reports the median of the last three,
 * the best run and the CPU time (the machine may be shared).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <glib.h>
#include "core/internal.h"
#include "graph/graph.h"
#include "route/router.h"
#include "synthetic.h"
#ifdef GA_HAVE_IGRAPH
#include <igraph.h>
#endif

static double now_s(void) { return (double)g_get_monotonic_time() / 1e6; }

static double peak_rss_mb(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

typedef double (*timed_fn)(void *arg); /* returns the seconds of one run */

static int cmp_dbl(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Best time of the last measure() (the machine may be shared: other work
 * only slows a run down, so the best run is the least disturbed). */
static double last_best;
/* Median CPU time (all threads of the process) of the last 3 runs of the
 * last measure(): on a shared machine, time not spent waiting for a core. */
static double last_cpu;

static double cpu_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Repeats fn until the last 3 runs agree within 3 % (at most 10 runs);
 * returns the median of the last 3, sets last_best to the fastest run. */
static int max_runs = 10;

static double measure(timed_fn fn, void *arg, double *spread, int *runs) {
    double t[10], c[10];
    int n = 0;
    double med = 0, sp = 1;
    while (n < max_runs) {
        double c0 = cpu_s();
        t[n] = fn(arg);
        c[n] = cpu_s() - c0;
        n++;
        if (n >= 3) {
            double w[3] = {t[n - 3], t[n - 2], t[n - 1]};
            qsort(w, 3, sizeof *w, cmp_dbl);
            med = w[1];
            sp = med > 0 ? (w[2] - w[0]) / med : 0;
            if (sp < 0.03) break;
        }
    }
    if (n < 3) med = t[n - 1];
    {
        double w[3] = {c[n >= 3 ? n - 3 : 0], c[n >= 2 ? n - 2 : 0], c[n - 1]};
        qsort(w, 3, sizeof *w, cmp_dbl);
        last_cpu = w[1];
    }
    last_best = t[0];
    for (int i = 1; i < n; i++)
        if (t[i] < last_best) last_best = t[i];
    *spread = sp;
    *runs = n;
    return med;
}

static uint64_t rng = 12345;
static uint32_t rnd(uint32_t n) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

/* ---- one-to-all / bounded one-to-many ---- */

typedef struct {
    const ga_adj *adj;
    ga_search *s;
    const uint32_t *src;
    int n_src;
    uint32_t bound;
    uint64_t settled;
} search_batch;

static double run_ours(void *arg) {
    search_batch *b = arg;
    b->settled = 0;
    double t0 = now_s();
    for (int q = 0; q < b->n_src; q++) {
        ga_seed seed = {b->src[q], 0};
        b->settled += ga_search_run(b->s, b->adj, &seed, 1, b->bound, NULL, 0);
    }
    return now_s() - t0;
}

#ifdef GA_HAVE_IGRAPH
typedef struct {
    igraph_t *g;
    igraph_vector_t *w;
    const uint32_t *src;
    int n_src;
    double cutoff; /* < 0: none */
} igraph_batch;

static double run_igraph(void *arg) {
    igraph_batch *b = arg;
    igraph_matrix_t res;
    igraph_matrix_init(&res, 0, 0);
    double t0 = now_s();
    for (int q = 0; q < b->n_src; q++) {
        if (b->cutoff < 0)
            igraph_distances_dijkstra(b->g, &res, igraph_vss_1(b->src[q]), igraph_vss_all(), b->w,
                                      IGRAPH_OUT);
        else
            igraph_distances_dijkstra_cutoff(b->g, &res, igraph_vss_1(b->src[q]), igraph_vss_all(),
                                             b->w, IGRAPH_OUT, b->cutoff);
    }
    double t = now_s() - t0;
    igraph_matrix_destroy(&res);
    return t;
}

/* Same costs from every source? Returns the number of differing nodes. */
static uint64_t compare_igraph(igraph_batch *ib, search_batch *sb) {
    igraph_matrix_t res;
    igraph_matrix_init(&res, 0, 0);
    uint64_t diff = 0;
    uint32_t n = sb->adj->n_nodes;
    for (int q = 0; q < sb->n_src; q++) {
        ga_seed seed = {sb->src[q], 0};
        ga_search_run(sb->s, sb->adj, &seed, 1, sb->bound, NULL, 0);
        if (ib->cutoff < 0)
            igraph_distances_dijkstra(ib->g, &res, igraph_vss_1(sb->src[q]), igraph_vss_all(), ib->w,
                                      IGRAPH_OUT);
        else
            igraph_distances_dijkstra_cutoff(ib->g, &res, igraph_vss_1(sb->src[q]), igraph_vss_all(),
                                             ib->w, IGRAPH_OUT, ib->cutoff);
        for (uint32_t v = 0; v < n; v++) {
            uint32_t d = ga_search_dist(sb->s, v);
            double theirs = MATRIX(res, 0, v);
            double ours = d == GA_WEIGHT_INF ? IGRAPH_INFINITY : (double)d;
            if (theirs != ours) diff++;
        }
    }
    igraph_matrix_destroy(&res);
    return diff;
}
#endif

/* ---- snapping ---- */

typedef struct {
    ga_router *r;
    ga_ctx *ctx;
    const double *x, *y;
    size_t n;
    ga_snap *out;
} snap_batch;

static double run_snap(void *arg) {
    snap_batch *b = arg;
    double t0 = now_s();
    ga_router_snap(b->r, b->ctx, b->x, b->y, b->n, b->out);
    return now_s() - t0;
}

/* GEOS STRtree over the same segments, for comparison. */
typedef struct {
    double x0, y0, x1, y1;
} seg_item;

static int seg_distance(const void *a, const void *b, double *d, void *user) {
    /* GEOS passes the query item and a tree item in either order */
    const seg_item *p = a == user ? a : b, *s = a == user ? b : a;
    double dx = s->x1 - s->x0, dy = s->y1 - s->y0, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((p->x0 - s->x0) * dx + (p->y0 - s->y0) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    *d = hypot(s->x0 + t * dx - p->x0, s->y0 + t * dy - p->y0);
    return 1;
}

typedef struct {
    GEOSContextHandle_t h;
    GEOSSTRtree *tree;
    const double *x, *y;
    size_t n;
    double *dist;
} strtree_batch;

static double run_strtree(void *arg) {
    strtree_batch *b = arg;
    double t0 = now_s();
    for (size_t i = 0; i < b->n; i++) {
        seg_item q = {b->x[i], b->y[i], b->x[i], b->y[i]};
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(b->h, b->x[i], b->y[i]);
        const seg_item *near = GEOSSTRtree_nearest_generic_r(b->h, b->tree, &q, pt, seg_distance, &q);
        double d = INFINITY;
        if (near) seg_distance(&q, near, &d, &q);
        b->dist[i] = d;
        GEOSGeom_destroy_r(b->h, pt);
    }
    return now_s() - t0;
}

/* ---- table ---- */

typedef struct {
    ga_router *r;
    ga_ctx *ctx;
    ga_points *from, *to;
    double max_cost;
    size_t n_pairs;
} table_batch;

static double run_table(void *arg) {
    table_batch *b = arg;
    ga_od *od = NULL;
    double t0 = now_s();
    if (ga_router_table(b->r, b->ctx, b->from, b->to, GA_METRIC_TIME, b->max_cost, &od) != GA_OK) {
        fprintf(stderr, "table: %s\n", ga_ctx_last_error(b->ctx));
        exit(1);
    }
    double t = now_s() - t0;
    b->n_pairs = od->n_pairs;
    ga_od_free(od);
    return t;
}

/* Times N x N tables, unbounded and bounded, on one thread and on
 * all_threads, with the router's current table method; build_s > 0 adds a
 * figure counting a one-off build (the contraction hierarchy's). */
static void time_tables(ga_router *r, ga_ctx *ctx, ga_points *from, ga_points *to, int table_n,
                        double bound_min, int all_threads, const char *label, double build_s) {
    for (int pass = 0; pass < 2; pass++) {
        r->opts.threads = pass == 0 ? 1 : all_threads;
        if (pass == 1 && all_threads == 1) break;
        double spread, sp2;
        int runs;
        table_batch tb = {r, ctx, from, to, 0, 0};
        double tt = measure(run_table, &tb, &spread, &runs), tt_best = last_best, tt_cpu = last_cpu;
        ga_table_timing tm;
        ga_router_last_table_timing(r, &tm);
        table_batch tbb = {r, ctx, from, to, bound_min, 0};
        double ttb = measure(run_table, &tbb, &sp2, &runs), ttb_best = last_best;
        double np = (double)table_n * table_n;
        printf("table %dx%d%s, %d thread%s: unbounded %.4f s, %.2f M pairs/s (best run %.2f; per "
               "CPU second %.2f; %zu pairs found, spread %.1f%%); <= %g min %.4f s, %.2f M "
               "pairs/s (best run %.2f; %zu pairs, spread %.1f%%)",
               table_n, table_n, label, r->opts.threads, r->opts.threads > 1 ? "s" : "", tt,
               np / tt / 1e6, np / tt_best / 1e6, np / tt_cpu / 1e6, tb.n_pairs, spread * 100,
               bound_min, ttb, np / ttb / 1e6, np / ttb_best / 1e6, tbb.n_pairs, sp2 * 100);
        if (build_s > 0) printf("; with the build: %.2f M pairs/s", np / (tt + build_s) / 1e6);
        printf("\n");
        /* where the last unbounded run spent its time (CPU: the process's,
         * every thread; CPU above wall is the stage running in parallel) */
        static const char *const names[GA_TT_N] = {"snap", "prepare", "select", "search", "merge"};
        printf("  stages, last unbounded run, wall/CPU ms:");
        for (int k = 0; k < GA_TT_N; k++)
            printf(" %s %.1f/%.1f", names[k], tm.wall[k] * 1e3, tm.cpu[k] * 1e3);
        printf("\n");
    }
}

static size_t graph_bytes(const ga_graph *g) {
    size_t n = g->n_nodes, m = g->n_arcs, gv = g->geom_first[m];
    return (n + 1) * 4 + m * 12 + n * 8 + (m + 1) * 4 + gv * 8;
}

int main(int argc, char **argv) {
    int synthetic = 0, n_sources = 200, table_n = 1000, snap_n = 20000, threads = 0;
    gboolean no_ch = FALSE;
    double bound_min = 15;
    char *osm = NULL, *shp = NULL, *name = NULL;
    gboolean strtree = FALSE, no_peers = FALSE;
    GOptionEntry entries[] = {
        {"synthetic", 0, 0, G_OPTION_ARG_INT, &synthetic, "SYNTHETIC graph of about N nodes", "N"},
        {"osm", 0, 0, G_OPTION_ARG_FILENAME, &osm, "OSM extract", "FILE"},
        {"shp", 0, 0, G_OPTION_ARG_FILENAME, &shp, "road shapefile", "FILE"},
        {"name", 0, 0, G_OPTION_ARG_STRING, &name, "name in the report", "NAME"},
        {"sources", 0, 0, G_OPTION_ARG_INT, &n_sources, "one-to-all queries (200)", "K"},
        {"bound", 0, 0, G_OPTION_ARG_DOUBLE, &bound_min, "bound of bounded searches, minutes (15)", "MIN"},
        {"table", 0, 0, G_OPTION_ARG_INT, &table_n, "N x N table (1000)", "N"},
        {"no-ch", 0, 0, G_OPTION_ARG_NONE, &no_ch, "tables: skip the contraction hierarchy", NULL},
        {"snap-points", 0, 0, G_OPTION_ARG_INT, &snap_n, "points to snap (20000)", "N"},
        {"threads", 0, 0, G_OPTION_ARG_INT, &threads, "table threads (0: all cores)", "T"},
        {"strtree", 0, 0, G_OPTION_ARG_NONE, &strtree, "also time GEOS STRtree snapping", NULL},
        {"no-peers", 0, 0, G_OPTION_ARG_NONE, &no_peers, "skip igraph", NULL},
        G_OPTION_ENTRY_NULL,
    };
    GOptionContext *oc = g_option_context_new("- routing benchmark");
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(oc, &argc, &argv, &err)) {
        fprintf(stderr, "bench_route: %s\n", err->message);
        return 2;
    }
    g_option_context_free(oc);
    const char *path = osm ? osm : shp;
    if (path && !g_file_test(path, G_FILE_TEST_EXISTS)) {
        printf("SKIP: %s is absent (../shared not available)\n", path);
        return 77;
    }
    ga_ctx *ctx = ga_ctx_new();
    ga_graph *g = NULL;
    double t0 = now_s();
    ga_status st;
    char label[256];
    if (synthetic > 0) {
        st = ga_bench_synthetic_graph(ctx, (uint32_t)synthetic, 42, 700000, 6600000, &g);
        snprintf(label, sizeof label, "SYNTHETIC grid %d", synthetic);
    } else if (path) {
        ga_graph_options go = {.profile = "car", .crs = "auto"};
        st = osm ? ga_graph_build_osm(ctx, path, &go, &g, NULL) : ga_graph_build_shp(ctx, path, &go, &g, NULL);
        snprintf(label, sizeof label, "%s", name ? name : path);
    } else {
        fprintf(stderr, "bench_route: give --synthetic N, --osm FILE or --shp FILE\n");
        return 2;
    }
    if (st != GA_OK) {
        fprintf(stderr, "bench_route: %s\n", ga_ctx_last_error(ctx));
        return 1;
    }
    double build_s = now_s() - t0;
    if (g->crs && *g->crs) ga_ctx_set_working_crs(ctx, g->crs);
    uint32_t n = g->n_nodes, m = g->n_arcs;
    printf("== %s: %u nodes, %u arcs (%.2f arcs/node), built in %.2f s, CRS %s\n", label, n, m,
           (double)m / n, build_s, g->crs);

    ga_road_options ro;
    ga_road_options_init(&ro);
    ro.snap_distance_m = 5000;
    ro.threads = threads;
    ga_router *r = NULL;
    t0 = now_s();
    if (ga_router_new(ctx, g, &ro, &r) != GA_OK) {
        fprintf(stderr, "bench_route: %s\n", ga_ctx_last_error(ctx));
        return 1;
    }
    double index_s = now_s() - t0;
    t0 = now_s();
    const ga_adj *adj = ga_router_adj(r, GA_METRIC_TIME, false);
    ga_router_adj(r, GA_METRIC_TIME, true);
    double adj_s = now_s() - t0;
    size_t gb = graph_bytes(g), sb = ga_snap_index_bytes(r->snap);
    size_t ab = ((size_t)n + 1) * 4 + (size_t)m * 8, qb = (size_t)n * (sizeof(ga_node_state) + sizeof(ga_dial_entry));
    /* query state: node state, Dial's pool at one entry a node (it grows to
     * what the searches push); the 4-ary heap's 12 bytes a node only when
     * that queue runs, the settled list's 4 only for its readers */
    printf("memory: graph %.1f B/node, snap index %.1f B/node (built in %.2f s), adjacency "
           "%.1f B/node per direction (both built in %.2f s), query state %.1f B/node per thread\n",
           (double)gb / n, (double)sb / n, index_s, (double)ab / n, adj_s, (double)qb / n);

    /* -- snapping: points near random nodes (up to 200 m away) -- */
    double *px = g_new(double, snap_n), *py = g_new(double, snap_n);
    for (int i = 0; i < snap_n; i++) {
        uint32_t v = rnd(n);
        px[i] = g->x_cm[v] / 100.0 + ((int)rnd(40001) - 20000) / 100.0;
        py[i] = g->y_cm[v] / 100.0 + ((int)rnd(40001) - 20000) / 100.0;
    }
    ga_snap *sn = g_new(ga_snap, snap_n);
    snap_batch sbt = {r, ctx, px, py, (size_t)snap_n, sn};
    double spread;
    int runs;
    double ts = measure(run_snap, &sbt, &spread, &runs);
    printf("snap (grid): %d points in %.4f s: %.2f us/point, %.2f M points/s (spread %.1f%%, %d runs)\n",
           snap_n, ts, ts / snap_n * 1e6, snap_n / ts / 1e6, spread * 100, runs);
    if (strtree) {
        /* the same segments in a GEOS STRtree */
        t0 = now_s();
        GEOSContextHandle_t h = ctx->geos;
        GEOSSTRtree *tree = GEOSSTRtree_create_r(h, 10);
        GPtrArray *envs = g_ptr_array_new();
        size_t nseg = 0;
        for (uint32_t u = 0; u < n; u++)
            for (uint32_t e = g->first_out[u]; e < g->first_out[u + 1]; e++) {
                uint32_t tw = ga_snap_index_twin(r->snap, e);
                if (tw != GA_NODE_NONE && tw < e) continue;
                uint32_t k0 = g->geom_first[e], k1 = g->geom_first[e + 1];
                double ax = g->x_cm[u] / 100.0, ay = g->y_cm[u] / 100.0;
                for (uint32_t k = k0; k <= k1; k++) {
                    double bx = k < k1 ? g->geom_x_cm[k] / 100.0 : g->x_cm[g->head[e]] / 100.0;
                    double by = k < k1 ? g->geom_y_cm[k] / 100.0 : g->y_cm[g->head[e]] / 100.0;
                    seg_item *it = g_new(seg_item, 1);
                    *it = (seg_item){ax, ay, bx, by};
                    GEOSGeometry *env = GEOSGeom_createRectangle_r(h, fmin(ax, bx), fmin(ay, by),
                                                                   fmax(ax, bx), fmax(ay, by));
                    GEOSSTRtree_insert_r(h, tree, env, it);
                    g_ptr_array_add(envs, env);
                    g_ptr_array_add(envs, it);
                    nseg++;
                    ax = bx;
                    ay = by;
                }
            }
        { /* GEOS 3.11 builds the tree on the first query */
            seg_item q = {px[0], py[0], px[0], py[0]};
            GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, px[0], py[0]);
            GEOSSTRtree_nearest_generic_r(h, tree, &q, pt, seg_distance, &q);
            GEOSGeom_destroy_r(h, pt);
        }
        double tb = now_s() - t0;
        double rss_after = peak_rss_mb();
        double *dist = g_new(double, snap_n);
        strtree_batch stb = {h, tree, px, py, (size_t)snap_n, dist};
        double tq = measure(run_strtree, &stb, &spread, &runs);
        size_t same = 0;
        for (int i = 0; i < snap_n; i++)
            same += (!sn[i].snapped && dist[i] > 5000) || fabs(dist[i] - sn[i].distance_m) < 1e-6;
        printf("snap (GEOS STRtree): %zu segments, built in %.2f s (grid: %.2f s), %.2f us/point "
               "(spread %.1f%%): grid %.1fx faster; same distances %zu/%d; peak RSS after build "
               "%.0f MB\n",
               nseg, tb, index_s, tq / snap_n * 1e6, spread * 100, tq / ts, same, snap_n, rss_after);
        GEOSSTRtree_destroy_r(h, tree);
        for (guint i = 0; i < envs->len; i += 2) {
            GEOSGeom_destroy_r(h, envs->pdata[i]);
            g_free(envs->pdata[i + 1]);
        }
        g_ptr_array_free(envs, TRUE);
        g_free(dist);
    }

    /* -- one-to-all and bounded one-to-many, one core -- */
    uint32_t *src = g_new(uint32_t, n_sources);
    for (int q = 0; q < n_sources; q++) src[q] = rnd(n);
    ga_search *s = ga_search_new(n);
    uint32_t bound = (uint32_t)lround(bound_min * 600);
    search_batch all = {adj, s, src, n_sources, GA_WEIGHT_INF, 0};
    search_batch bnd = {adj, s, src, n_sources, bound, 0};
    /* both priority queues; the default one is compared with igraph */
    double t_all = 0, t_bnd = 0, t_all_best = 0, t_bnd_best = 0, t_all_cpu = 0, t_bnd_cpu = 0;
    for (int qk = 2; qk >= 0; qk--) {
        static const char *const names[] = {"4-ary heap", "radix heap", "Dial buckets"};
        s->queue = (ga_queue_kind)qk;
        const char *qn = names[qk];
        double ta = measure(run_ours, &all, &spread, &runs), ta_best = last_best, ta_cpu = last_cpu;
        printf("one-to-all (time, %s): %d sources, %.3f ms/query, %.0f settled/query, %.1f M settled "
               "nodes/s (best run %.1f M/s; per CPU second %.1f M/s; spread %.1f%%, %d runs)\n",
               qn, n_sources, ta / n_sources * 1e3, (double)all.settled / n_sources,
               all.settled / ta / 1e6, all.settled / ta_best / 1e6, all.settled / ta_cpu / 1e6,
               spread * 100, runs);
        double sp_b;
        double tb = measure(run_ours, &bnd, &sp_b, &runs), tb_best = last_best, tb_cpu = last_cpu;
        printf("bounded one-to-many (<= %g min, %s): %.3f ms/query, %.0f settled/query, %.1f M "
               "settled nodes/s (best run %.1f M/s; per CPU second %.1f M/s; spread %.1f%%, %d runs)\n",
               bound_min, qn, tb / n_sources * 1e3, (double)bnd.settled / n_sources,
               bnd.settled / tb / 1e6, bnd.settled / tb_best / 1e6, bnd.settled / tb_cpu / 1e6,
               sp_b * 100, runs);
        if (s->queue == GA_QUEUE_DEFAULT) {
            t_all = ta;
            t_bnd = tb;
            t_all_best = ta_best;
            t_bnd_best = tb_best;
            t_all_cpu = ta_cpu;
            t_bnd_cpu = tb_cpu;
        }
    }
    s->queue = GA_QUEUE_DEFAULT;
#ifdef GA_HAVE_IGRAPH
    if (!no_peers) {
        igraph_set_error_handler(igraph_error_handler_printignore);
        t0 = now_s();
        igraph_vector_int_t edges;
        igraph_vector_int_init(&edges, 2 * (igraph_integer_t)m);
        igraph_vector_t w;
        igraph_vector_init(&w, m);
        for (uint32_t u = 0; u < n; u++)
            for (uint32_t e = g->first_out[u]; e < g->first_out[u + 1]; e++) {
                VECTOR(edges)[2 * e] = u;
                VECTOR(edges)[2 * e + 1] = g->head[e];
                VECTOR(w)[e] = g->time_ds[e];
            }
        igraph_t ig;
        igraph_create(&ig, &edges, n, IGRAPH_DIRECTED);
        igraph_vector_int_destroy(&edges);
        double ig_build = now_s() - t0;
        igraph_batch iall = {&ig, &w, src, n_sources, -1};
        igraph_batch ibnd = {&ig, &w, src, n_sources, (double)bound};
        double sp_i;
        /* igraph is slow on big graphs: 3 runs at most */
        max_runs = 3;
        double ti_all = measure(run_igraph, &iall, &sp_i, &runs);
        printf("igraph %s one-to-all: %.3f ms/query (spread %.1f%%, %d runs; graph built in %.2f s): "
               "ours %.2fx faster (best runs: %.2fx; CPU time: %.2fx)\n",
               IGRAPH_VERSION, ti_all / n_sources * 1e3, sp_i * 100, runs, ig_build, ti_all / t_all,
               last_best / t_all_best, last_cpu / t_all_cpu);
        double ti_bnd = measure(run_igraph, &ibnd, &sp_i, &runs);
        max_runs = 10;
        printf("igraph bounded (cutoff %g min): %.3f ms/query (spread %.1f%%, %d runs): ours %.2fx "
               "faster (best runs: %.2fx; CPU time: %.2fx)\n",
               bound_min, ti_bnd / n_sources * 1e3, sp_i * 100, runs, ti_bnd / t_bnd,
               last_best / t_bnd_best, last_cpu / t_bnd_cpu);
        int nc = n_sources < 20 ? n_sources : 20;
        search_batch call = all, cbnd = bnd;
        call.n_src = cbnd.n_src = nc;
        iall.n_src = ibnd.n_src = nc;
        uint64_t d1 = compare_igraph(&iall, &call), d2 = compare_igraph(&ibnd, &cbnd);
        printf("igraph costs identical: %s (%d sources x %u nodes, unbounded %llu and bounded %llu "
               "differences)\n",
               d1 + d2 == 0 ? "yes" : "NO", nc, n, (unsigned long long)d1, (unsigned long long)d2);
        igraph_destroy(&ig);
        igraph_vector_destroy(&w);
    }
#else
    printf("igraph: not built (meson configure -Dbench_peers=true)\n");
#endif

    /* -- many-to-many tables: points near random nodes -- */
    if (table_n > 0) {
        ga_points *from = ga_points_new(), *to = ga_points_new();
        for (int side = 0; side < 2; side++)
            for (int i = 0; i < table_n; i++) {
                uint32_t v = rnd(n);
                char id[24];
                snprintf(id, sizeof id, "%c%d", side ? 'd' : 'o', i);
                ga_points_add(side ? to : from, id, g->x_cm[v] / 100.0 + ((int)rnd(10001) - 5000) / 100.0,
                              g->y_cm[v] / 100.0 + ((int)rnd(10001) - 5000) / 100.0, NULL, 1);
            }
        int all_threads = r->opts.threads;
        r->opts.table_method = GA_TABLE_DIJKSTRA;
        time_tables(r, ctx, from, to, table_n, bound_min, all_threads, "", 0);
        /* the same tables through the contraction hierarchy: its build once,
         * then the bucket many-to-many; the costs must be the same bytes */
        if (!no_ch) {
            double tch = now_s();
            const ga_ch *ch = ga_router_ch(r, NULL, GA_METRIC_TIME);
            double ch_s = now_s() - tch;
            if (!ch) {
                fprintf(stderr, "bench_route: out of memory building the contraction hierarchy\n");
                return 1;
            }
            printf("contraction hierarchy: built in %.3f s (%.2f us/node), %llu shortcuts (%.2f per "
                   "node), upward arcs %u + %u, peak RSS %.0f MB\n",
                   ch_s, ch_s * 1e6 / n, (unsigned long long)ch->n_shortcuts, (double)ch->n_shortcuts / n,
                   ch->up[0].n_arcs, ch->up[1].n_arcs, peak_rss_mb());
            {
                /* search spaces: nodes an upward search settles, both ways */
                uint64_t up_settled[2] = {0, 0};
                for (int k = 0; k < 1000; k++) {
                    ga_seed seed = {rnd(n), 0};
                    for (int dir = 0; dir < 2; dir++)
                        up_settled[dir] += ga_search_run(s, &ch->up[dir], &seed, 1, GA_WEIGHT_INF, NULL, 0);
                }
                printf("contraction hierarchy: upward search space %.0f nodes forward, %.0f backward "
                       "(mean of 1000 random nodes; plain Dijkstra settles up to %u)\n",
                       up_settled[0] / 1000.0, up_settled[1] / 1000.0, n);
            }
            for (int bounded = 0; bounded < 2; bounded++) {
                ga_od *ref = NULL, *got = NULL;
                double mc = bounded ? bound_min : 0;
                r->opts.threads = 1;
                r->opts.table_method = GA_TABLE_DIJKSTRA;
                if (ga_router_table(r, ctx, from, to, GA_METRIC_TIME, mc, &ref) != GA_OK) return 1;
                r->opts.table_method = GA_TABLE_CH;
                if (ga_router_table(r, ctx, from, to, GA_METRIC_TIME, mc, &got) != GA_OK) return 1;
                bool same = ref->n_pairs == got->n_pairs &&
                            !memcmp(ref->row_start, got->row_start, (ref->n_from + 1) * sizeof(size_t)) &&
                            !memcmp(ref->to, got->to, ref->n_pairs * sizeof(uint32_t)) &&
                            !memcmp(ref->cost, got->cost, ref->n_pairs * sizeof(double));
                printf("contraction hierarchy %s table: %s as plain Dijkstra's (%zu pairs)\n",
                       bounded ? "bounded" : "unbounded", same ? "byte-identical" : "DIFFERENT",
                       ref->n_pairs);
                ga_od_free(ref);
                ga_od_free(got);
                if (!same) return 1;
            }
            time_tables(r, ctx, from, to, table_n, bound_min, all_threads, ", contraction hierarchy", ch_s);
            r->opts.table_method = GA_TABLE_AUTO;
        }
        ga_points_free(from);
        ga_points_free(to);
    }
    printf("peak RSS: %.0f MB (%.0f B/node)\n", peak_rss_mb(), peak_rss_mb() * 1048576.0 / n);

    ga_search_free(s);
    g_free(src);
    g_free(px);
    g_free(py);
    g_free(sn);
    ga_router_free(r);
    ga_graph_free(g);
    ga_ctx_free(ctx);
    g_free(osm);
    g_free(shp);
    g_free(name);
    return 0;
}
