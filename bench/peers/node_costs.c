/* node_costs: geoaccess's side of the pgRouting comparison (bench/peers/pgrouting.py).
 *
 * On a graph file written by `geoaccess graph`, for node ids (the ids of the
 * `--export` CSV, 0-based) it times, on one core:
 *   - bounded one-to-many: one search per source, every node within the bound
 *     (travel time), the engine's search from the node itself
 *     (ga_search_run, what the table and catchment code run), and the same
 *     through the public API, ga_router_point_to_nodes() at the node's
 *     coordinates (snapping, a cost array of every node per query);
 *   - a table: ga_router_table() between points standing exactly on the
 *     table's nodes (travel time, no bound, one thread);
 * and writes what it found, for the comparison with pgRouting's costs:
 *   --bounded-dump FILE: source,node,cost_ds for every node within the bound;
 *   --table-dump FILE: from,to,cost_ds for every pair of the table;
 *   --snap-dump FILE: the nodes whose own coordinates snap onto an arc that
 *     does not end at them (another road through the same place).
 * Costs are in whole deciseconds (the graph's unit; a point on a node has no
 * access leg, so a table cost in minutes x 600 is an integer: checked).
 *
 *   node_costs GRAPH --sources FILE --bound-ds 6000 --table FILE
 *
 * Prints key=value lines (times in seconds): each timing runs the whole batch
 * once to warm up, then repeats it until three runs agree within 3 % (at most
 * 10 runs) and reports the median of the last three, the best run and the
 * process's CPU time in the median run.
 */
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

/* Peak resident memory of this program: VmHWM of /proc/self/status. Not
 * getrusage's ru_maxrss, which Linux carries over an exec from the process
 * that forked us (the Python driver, holding the comparison's tables). */
static double peak_rss_mb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %lf kB", &kb) == 1) break;
    if (f) fclose(f);
    if (kb < 0) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        kb = (double)ru.ru_maxrss;
    }
    return kb / 1024.0;
}

static double now_s(void) { return (double)g_get_monotonic_time() / 1e6; }

static int cmp_dbl(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double cpu_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef double (*timed_fn)(void *arg);

/* CPU time of the process (every thread) in the median run of the last
 * three of the last measure(): on a shared machine, time not spent waiting
 * for a core. */
static double last_cpu;

/* Median of the last three runs once they agree within 3 % (at most 10). */
static double measure(timed_fn fn, void *arg, double *best, int *runs) {
    double t[10], c[10];
    int n = 0;
    double med = 0;
    fn(arg); /* warm-up, as for pgRouting */
    while (n < 10) {
        double c0 = cpu_s();
        t[n] = fn(arg);
        c[n] = cpu_s() - c0;
        n++;
        if (n >= 3) {
            double w[3] = {t[n - 3], t[n - 2], t[n - 1]};
            qsort(w, 3, sizeof *w, cmp_dbl);
            med = w[1];
            if (med <= 0 || (w[2] - w[0]) / med < 0.03) break;
        }
    }
    last_cpu = c[n - 1];
    for (int i = n >= 3 ? n - 3 : 0; i < n; i++)
        if (t[i] == med) last_cpu = c[i];
    *best = t[0];
    for (int i = 1; i < n; i++)
        if (t[i] < *best) *best = t[i];
    *runs = n;
    return med;
}

static uint32_t *read_nodes(const char *path, uint32_t n_nodes, size_t *count) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "node_costs: %s: cannot open\n", path);
        exit(1);
    }
    GArray *a = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    char line[64];
    size_t ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *end;
        unsigned long v = strtoul(line, &end, 10);
        if (end == line || v >= n_nodes) {
            fprintf(stderr, "node_costs: %s: line %zu: not a node id below %u\n", path, ln, n_nodes);
            exit(1);
        }
        uint32_t u = (uint32_t)v;
        g_array_append_val(a, u);
    }
    fclose(f);
    *count = a->len;
    return (uint32_t *)g_array_free(a, FALSE);
}

typedef struct {
    const ga_adj *adj;
    ga_search *s;
    const uint32_t *src;
    size_t n_src;
    uint32_t bound;
    uint64_t settled;
} engine_batch;

static double run_engine(void *arg) {
    engine_batch *b = arg;
    b->settled = 0;
    double t0 = now_s();
    for (size_t q = 0; q < b->n_src; q++) {
        ga_seed seed = {b->src[q], 0};
        b->settled += ga_search_run(b->s, b->adj, &seed, 1, b->bound, NULL, 0);
    }
    return now_s() - t0;
}

/* The hierarchy at the engine level, on node ids (what RoutingKit's
 * many-to-many does): the targets' selection once (ga_ch_buckets_build),
 * then per source an upward search and a sweep (ga_ch_query). For the
 * bounded one-to-many every node is a target (PHAST). */
typedef struct {
    const ga_ch *ch;
    ga_search *s;
    const uint32_t *src, *tgt;
    size_t n_src, n_tgt;
    uint32_t bound;
    uint64_t *dist;   /* n_src x n_tgt, UINT64_MAX: not reached (or over the bound) */
    uint64_t reached;
} ch_batch;

static double run_ch(void *arg) {
    ch_batch *b = arg;
    double t0 = now_s();
    ga_ch_buckets bk;
    /* no query state: the whole upward closure of the targets (for PHAST,
     * every node a target, that is the graph; a bounded selection would run
     * one reverse search per node for nothing) */
    if (!ga_search_heap_ready(b->s) || !ga_search_settled_ready(b->s) ||
        !ga_ch_buckets_build(b->ch, NULL, b->tgt, (uint32_t)b->n_tgt, true, b->bound, &bk)) {
        fprintf(stderr, "node_costs: out of memory\n");
        exit(1);
    }
    b->reached = 0;
    for (size_t q = 0; q < b->n_src; q++) {
        uint64_t *row = b->dist + q * b->n_tgt;
        for (size_t k = 0; k < b->n_tgt; k++) row[k] = UINT64_MAX;
        ga_seed seed = {b->src[q], 0};
        ga_ch_query(b->ch, &bk, b->s, &seed, 1, true, b->bound, row);
        for (size_t k = 0; k < b->n_tgt; k++) {
            if (row[k] > b->bound) row[k] = UINT64_MAX;
            else b->reached++;
        }
    }
    ga_ch_buckets_clear(&bk);
    return now_s() - t0;
}

typedef struct {
    ga_router *r;
    ga_ctx *ctx;
    const ga_graph *g;
    const uint32_t *src;
    size_t n_src;
    double bound_min;
    double *cost;
    uint64_t reached;
} api_batch;

static double run_api(void *arg) {
    api_batch *b = arg;
    b->reached = 0;
    double t0 = now_s();
    for (size_t q = 0; q < b->n_src; q++) {
        uint32_t v = b->src[q];
        if (ga_router_point_to_nodes(b->r, b->ctx, b->g->x_cm[v] / 100.0, b->g->y_cm[v] / 100.0,
                                     GA_METRIC_TIME, b->bound_min, false, b->cost) != GA_OK) {
            fprintf(stderr, "node_costs: %s\n", ga_ctx_last_error(b->ctx));
            exit(1);
        }
        for (uint32_t k = 0; k < b->g->n_nodes; k++) b->reached += isfinite(b->cost[k]);
    }
    return now_s() - t0;
}

typedef struct {
    ga_router *r;
    ga_ctx *ctx;
    ga_points *pts;
    ga_od *od; /* of the last run */
} table_batch;

/* Byte-identical tables (the same pairs in the same order, the same bits). */
static int od_same(const ga_od *a, const ga_od *b) {
    return a->n_from == b->n_from && a->n_to == b->n_to && a->n_pairs == b->n_pairs &&
           !memcmp(a->row_start, b->row_start, (a->n_from + 1) * sizeof *a->row_start) &&
           !memcmp(a->to, b->to, a->n_pairs * sizeof *a->to) &&
           !memcmp(a->cost, b->cost, a->n_pairs * sizeof *a->cost);
}

static double run_table(void *arg) {
    table_batch *b = arg;
    ga_od_free(b->od);
    b->od = NULL;
    double t0 = now_s();
    if (ga_router_table(b->r, b->ctx, b->pts, b->pts, GA_METRIC_TIME, 0, &b->od) != GA_OK) {
        fprintf(stderr, "node_costs: %s\n", ga_ctx_last_error(b->ctx));
        exit(1);
    }
    return now_s() - t0;
}

int main(int argc, char **argv) {
    char *sources = NULL, *table = NULL, *bdump = NULL, *tdump = NULL, *sdump = NULL;
    int bound_ds = 6000;
    GOptionEntry entries[] = {
        {"sources", 0, 0, G_OPTION_ARG_FILENAME, &sources, "source node ids, one a line", "FILE"},
        {"bound-ds", 0, 0, G_OPTION_ARG_INT, &bound_ds, "bound in deciseconds (6000)", "DS"},
        {"table", 0, 0, G_OPTION_ARG_FILENAME, &table, "table node ids, one a line", "FILE"},
        {"bounded-dump", 0, 0, G_OPTION_ARG_FILENAME, &bdump, "write source,node,cost_ds", "FILE"},
        {"table-dump", 0, 0, G_OPTION_ARG_FILENAME, &tdump, "write from,to,cost_ds", "FILE"},
        {"snap-dump", 0, 0, G_OPTION_ARG_FILENAME, &sdump,
         "write node,arc,tail,head,fraction,distance_m for every node whose own coordinates "
         "snap onto an arc that does not end at it", "FILE"},
        G_OPTION_ENTRY_NULL,
    };
    GOptionContext *oc = g_option_context_new("GRAPH - geoaccess side of the pgRouting comparison");
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(oc, &argc, &argv, &err) || argc != 2 || bound_ds < 0) {
        fprintf(stderr, "node_costs: %s\n", err ? err->message : "give one graph file and --bound-ds >= 0");
        return 2;
    }
    g_option_context_free(oc);

    ga_ctx *ctx = ga_ctx_new();
    double t0 = now_s();
    ga_graph *g = NULL;
    ga_router *r = NULL;
    ga_road_options ro;
    ga_road_options_init(&ro);
    ro.threads = 1;
    if (ga_graph_load(ctx, argv[1], &g) != GA_OK ||
        (g->crs && *g->crs && ga_ctx_set_working_crs(ctx, g->crs) != GA_OK) ||
        ga_router_new(ctx, g, &ro, &r) != GA_OK) {
        fprintf(stderr, "node_costs: %s\n", ga_ctx_last_error(ctx));
        return 1;
    }
    const ga_adj *adj = ga_router_adj(r, GA_METRIC_TIME, false);
    ga_router_adj(r, GA_METRIC_TIME, true); /* tables may search backwards */
    if (!adj) {
        fprintf(stderr, "node_costs: out of memory\n");
        return 1;
    }
    printf("nodes=%u arcs=%u\n", g->n_nodes, g->n_arcs);
    printf("setup_s=%.6f\n", now_s() - t0); /* load the file, snap index, both adjacencies */

    if (sdump) {
        /* A point placed exactly on a node should join the graph at that node
         * (no access leg). It does not when another road's geometry passes
         * through the same coordinates without a junction (a tie at 0 m, e.g.
         * two OSM nodes at one place): such nodes are listed. */
        FILE *f = fopen(sdump, "w");
        if (!f) {
            fprintf(stderr, "node_costs: %s: cannot write\n", sdump);
            return 1;
        }
        double *x = g_new(double, g->n_nodes), *y = g_new(double, g->n_nodes);
        ga_snap *sn = g_new(ga_snap, g->n_nodes);
        for (uint32_t v = 0; v < g->n_nodes; v++) {
            x[v] = g->x_cm[v] / 100.0;
            y[v] = g->y_cm[v] / 100.0;
        }
        ga_router_snap(r, ctx, x, y, g->n_nodes, sn);
        uint32_t elsewhere = 0;
        for (uint32_t v = 0; v < g->n_nodes; v++) {
            uint32_t a = sn[v].arc, tail = ga_snap_index_tail(r->snap, a);
            if (sn[v].snapped && (tail == v || g->head[a] == v)) continue;
            elsewhere++;
            fprintf(f, "%u,%u,%u,%u,%.9f,%.9g\n", v, a, tail, g->head[a], sn[v].fraction,
                    sn[v].distance_m);
        }
        fclose(f);
        printf("nodes_snapping_elsewhere=%u\n", elsewhere);
        g_free(x);
        g_free(y);
        g_free(sn);
    }
    double best;
    int runs;
    if (sources) {
        size_t ns;
        uint32_t *src = read_nodes(sources, g->n_nodes, &ns);
        ga_search *s = ga_search_new(g->n_nodes);
        if (!s || !ga_search_settled_ready(s)) return 1; /* the dump below reads the list */
        engine_batch eb = {adj, s, src, ns, (uint32_t)bound_ds, 0};
        double te = measure(run_engine, &eb, &best, &runs);
        printf("bounded_engine_s=%.6f bounded_engine_best_s=%.6f bounded_engine_cpu_s=%.6f runs=%d "
               "sources=%zu settled=%llu\n",
               te, best, last_cpu, runs, ns, (unsigned long long)eb.settled);
        {
            /* bounded one-to-many through the hierarchy: PHAST, every node a
             * target; checked against the search above, node for node */
            const ga_ch *ch = ga_router_ch(r, ctx, GA_METRIC_TIME);
            uint32_t *all = g_new(uint32_t, g->n_nodes);
            for (uint32_t v = 0; v < g->n_nodes; v++) all[v] = v;
            ch_batch cb = {ch, s, src, all, ns, g->n_nodes, (uint32_t)bound_ds,
                           g_new(uint64_t, ns * g->n_nodes), 0};
            if (!ch) {
                fprintf(stderr, "node_costs: out of memory\n");
                return 1;
            }
            printf("ch_build_s=%.6f ch_up_arcs=%u\n", ch->build_s, ch->up[0].n_arcs + ch->up[1].n_arcs);
            double tc = measure(run_ch, &cb, &best, &runs);
            uint64_t diff = 0;
            for (size_t q = 0; q < ns; q++) {
                ga_seed seed = {src[q], 0};
                ga_search_run(s, adj, &seed, 1, (uint32_t)bound_ds, NULL, 0);
                for (uint32_t v = 0; v < g->n_nodes; v++) {
                    uint32_t d = ga_search_dist(s, v);
                    uint64_t e = d == GA_WEIGHT_INF ? UINT64_MAX : d;
                    diff += e != cb.dist[q * g->n_nodes + v];
                }
            }
            printf("bounded_phast_s=%.6f bounded_phast_best_s=%.6f bounded_phast_cpu_s=%.6f runs=%d "
                   "reached=%llu differences_vs_search=%llu\n",
                   tc, best, last_cpu, runs, (unsigned long long)cb.reached, (unsigned long long)diff);
            g_free(cb.dist);
            g_free(all);
        }
        double *cost = g_new(double, g->n_nodes);
        api_batch ab = {r, ctx, g, src, ns, bound_ds / 600.0, cost, 0};
        double ta = measure(run_api, &ab, &best, &runs);
        printf("bounded_api_s=%.6f bounded_api_best_s=%.6f bounded_api_cpu_s=%.6f runs=%d reached=%llu\n",
               ta, best, last_cpu, runs, (unsigned long long)ab.reached);
        if (bdump) {
            FILE *f = fopen(bdump, "w");
            if (!f) {
                fprintf(stderr, "node_costs: %s: cannot write\n", bdump);
                return 1;
            }
            uint64_t api_diff = 0;
            for (size_t q = 0; q < ns; q++) {
                ga_seed seed = {src[q], 0};
                ga_search_run(s, adj, &seed, 1, (uint32_t)bound_ds, NULL, 0);
                for (uint32_t k = 0; k < s->n_settled; k++) {
                    uint32_t v = s->settled[k];
                    fprintf(f, "%u,%u,%u\n", src[q], v, ga_search_dist(s, v));
                }
                /* the public API must agree with the engine, node for node */
                ga_router_point_to_nodes(r, ctx, g->x_cm[src[q]] / 100.0, g->y_cm[src[q]] / 100.0,
                                         GA_METRIC_TIME, bound_ds / 600.0, false, cost);
                for (uint32_t v = 0; v < g->n_nodes; v++) {
                    uint32_t d = ga_search_dist(s, v);
                    double e = d == GA_WEIGHT_INF ? INFINITY : d / 600.0;
                    if (!(isinf(e) && isinf(cost[v])) && fabs(e - cost[v]) > 1e-9) api_diff++;
                }
            }
            fclose(f);
            printf("bounded_api_vs_engine_differences=%llu\n", (unsigned long long)api_diff);
        }
        g_free(cost);
        ga_search_free(s);
        g_free(src);
    }
    if (table) {
        size_t nt;
        uint64_t *ch_dist = NULL;
        uint32_t *tn = read_nodes(table, g->n_nodes, &nt);
        ga_points *pts = ga_points_new();
        for (size_t i = 0; i < nt; i++) {
            char id[16];
            snprintf(id, sizeof id, "%u", tn[i]);
            ga_points_add(pts, id, g->x_cm[tn[i]] / 100.0, g->y_cm[tn[i]] / 100.0, NULL, 1);
        }
        {
            /* the hierarchy's many-to-many on the node ids (RoutingKit's
             * query), checked against ga_router_table below */
            const ga_ch *ch = ga_router_ch(r, ctx, GA_METRIC_TIME);
            ga_search *s = ga_search_new(g->n_nodes);
            if (!ch || !s) {
                fprintf(stderr, "node_costs: out of memory\n");
                return 1;
            }
            ch_batch cb = {ch, s, tn, tn, nt, nt, GA_WEIGHT_INF - 1, g_new(uint64_t, nt * nt), 0};
            double tc = measure(run_ch, &cb, &best, &runs);
            printf("table_engine_s=%.6f table_engine_best_s=%.6f table_engine_cpu_s=%.6f runs=%d pairs=%llu\n",
                   tc, best, last_cpu, runs, (unsigned long long)cb.reached);
            ch_dist = cb.dist;
            ga_search_free(s);
        }
        table_batch tb = {r, ctx, pts, NULL};
        double tt = measure(run_table, &tb, &best, &runs);
        printf("table_s=%.6f table_best_s=%.6f table_cpu_s=%.6f runs=%d n=%zu pairs=%zu\n", tt, best,
               last_cpu, runs, nt, tb.od->n_pairs);
        /* the same on 2 threads (the hierarchy is shared, each worker has its own query state) */
        {
            r->opts.threads = 2;
            ga_od *keep = tb.od;
            tb.od = NULL;
            double t2 = measure(run_table, &tb, &best, &runs);
            printf("table_2threads_s=%.6f table_2threads_best_s=%.6f table_2threads_cpu_s=%.6f runs=%d identical=%d\n",
                   t2, best, last_cpu, runs, od_same(keep, tb.od));
            ga_od_free(tb.od);
            tb.od = keep;
            r->opts.threads = 1;
        }
        {
            uint64_t diff = 0;
            for (size_t i = 0; i < tb.od->n_from; i++) {
                size_t k = tb.od->row_start[i];
                for (size_t j = 0; j < nt; j++) {
                    uint64_t e = UINT64_MAX;
                    if (k < tb.od->row_start[i + 1] && tb.od->to[k] == j) e = (uint64_t)llround(tb.od->cost[k++] * 600.0);
                    diff += e != ch_dist[i * nt + j];
                }
            }
            printf("table_engine_vs_router_differences=%llu\n", (unsigned long long)diff);
            g_free(ch_dist);
        }
        if (tdump) {
            FILE *f = fopen(tdump, "w");
            if (!f) {
                fprintf(stderr, "node_costs: %s: cannot write\n", tdump);
                return 1;
            }
            size_t fractional = 0;
            for (size_t i = 0; i < tb.od->n_from; i++)
                for (size_t k = tb.od->row_start[i]; k < tb.od->row_start[i + 1]; k++) {
                    double ds = tb.od->cost[k] * 600.0;
                    if (fabs(ds - round(ds)) > 1e-6) fractional++;
                    fprintf(f, "%u,%u,%.0f\n", tn[i], tn[tb.od->to[k]], round(ds));
                }
            fclose(f);
            printf("table_fractional_costs=%zu\n", fractional);
        }
        ga_od_free(tb.od);
        ga_points_free(pts);
        g_free(tn);
    }
    printf("peak_rss_mb=%.1f\n", peak_rss_mb());
    ga_router_free(r);
    ga_graph_free(g);
    ga_ctx_free(ctx);
    g_free(sources);
    g_free(table);
    g_free(bdump);
    g_free(tdump);
    g_free(sdump);
    return 0;
}
