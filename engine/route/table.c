/* The router: snapping, one-to-many searches and many-to-many tables in
 * parallel (core/parallel.h), see include/geoaccess/route.h.
 *
 * A point joins the network at its projection on arc a (tail u, head v,
 * cost w) at fraction t. Its position along a is P = round(w t) graph units
 * (0.1 s or 0.1 m): leaving the point costs w - P to v, reaching it costs P
 * from u; on the reverse arc b of a two-way road likewise with t' = 1 - t.
 * Two points on the same road are also joined directly along it. Every path
 * cost is thus an integer number of units, the same whichever direction the
 * table is searched in, and the table is byte-identical whatever the
 * direction and the number of threads.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "core/parallel.h"
#include "graph/builder.h"
#include "graph/graphfile.h"
#include "route/router.h"

void ga_road_options_init(ga_road_options *o) {
    *o = (ga_road_options){
        .snap_distance_m = GA_ROAD_DEFAULT_SNAP_DISTANCE_M,
        .access_speed_kmh = 0, /* the graph's own: ga_graph_access_speed */
        .skip_unsnapped = false,
        .threads = 0,
        .table_method = GA_TABLE_AUTO,
    };
}

double ga_graph_access_speed(const ga_graph *g) {
    /* the length-weighted median of the arcs' speeds, by 0.1 km/h bins (one
     * pass; speeds are capped at 300 km/h by the profiles) */
    enum { BINS = 3001 };
    double *len = g_new0(double, BINS), total = 0;
    for (uint32_t a = 0; a < g->n_arcs; a++) {
        if (!g->time_ds[a] || g->time_ds[a] >= GA_WEIGHT_INF) continue;
        double kmh = 3.6 * g->dist_dm[a] / g->time_ds[a]; /* dm/ds = m/s */
        long bin = lround(kmh * 10);
        if (bin < 0 || bin >= BINS) continue;
        len[bin] += g->dist_dm[a];
        total += g->dist_dm[a];
    }
    double median = NAN, acc = 0;
    for (long b = 0; b < BINS && total > 0; b++) {
        acc += len[b];
        if (acc >= total / 2) {
            median = b / 10.0;
            break;
        }
    }
    g_free(len);
    if (!(median > 0)) return GA_ROAD_DEFAULT_ACCESS_SPEED_KMH;
    return MIN(GA_ROAD_DEFAULT_ACCESS_SPEED_KMH, median);
}

static ga_status check_crs(ga_ctx *ctx, const ga_graph *g) {
    const char *wk = ga_ctx_get_working_crs(ctx);
    if (!g->crs || !*g->crs || !wk || !g_ascii_strcasecmp(g->crs, wk)) return GA_OK;
    PJ *a = proj_create(ctx->proj, g->crs), *b = proj_create(ctx->proj, wk);
    bool same = a && b && proj_is_equivalent_to_with_ctx(ctx->proj, a, b, PJ_COMP_EQUIVALENT);
    if (a) proj_destroy(a);
    if (b) proj_destroy(b);
    if (!same)
        return ga_fail(ctx, GA_ERR_CRS,
                       "the road graph is in %s but the working CRS is %s: build the graph "
                       "in the working CRS",
                       g->crs, wk);
    return GA_OK;
}

ga_status ga_router_new(ga_ctx *ctx, const ga_graph *graph, const ga_road_options *opts,
                        ga_router **out) {
    if (!graph) return ga_fail(ctx, GA_ERR_ARG, "road router: no graph");
    ga_road_options o;
    ga_road_options_init(&o);
    if (opts) {
        if (isnan(opts->snap_distance_m) || isinf(opts->snap_distance_m))
            return ga_fail(ctx, GA_ERR_ARG, "snap distance must be a finite number of metres");
        if (isnan(opts->access_speed_kmh) || isinf(opts->access_speed_kmh))
            return ga_fail(ctx, GA_ERR_ARG, "access speed must be a finite number of km/h");
        if (opts->snap_distance_m > 0) o.snap_distance_m = opts->snap_distance_m;
        if (opts->access_speed_kmh > 0) o.access_speed_kmh = opts->access_speed_kmh;
        o.skip_unsnapped = opts->skip_unsnapped;
        o.threads = opts->threads;
        if (opts->table_method < GA_TABLE_AUTO || opts->table_method > GA_TABLE_CH)
            return ga_fail(ctx, GA_ERR_ARG, "unknown table method %d", (int)opts->table_method);
        o.table_method = opts->table_method;
    }
    if (o.threads <= 0) o.threads = (int)g_get_num_processors();
    if (!(o.access_speed_kmh > 0)) {
        o.access_speed_kmh = ga_graph_access_speed(graph);
        /* the lengths were read for that: a mapped graph gives their pages
         * back (a table of times never reads them again; issue 14) */
        ga_graph_release_pages(graph, graph->dist_dm, (size_t)graph->n_arcs * sizeof *graph->dist_dm);
    }
    ga_status st = check_crs(ctx, graph);
    if (st != GA_OK) return st;
    ga_router *r = g_new0(ga_router, 1);
    r->g = graph;
    r->opts = o;
    g_mutex_init(&r->lock);
    r->spare = g_ptr_array_new_with_free_func((GDestroyNotify)ga_search_free);
    r->snap = ga_snap_index_new(graph);
    if (r->snap && graph->n_nodes) {
        /* the largest strongly connected component (ties: the one holding the
         * lowest node, as the graph builder): a point whose road lies outside
         * it is cut off from the rest and cannot be routed */
        uint32_t n = graph->n_nodes;
        uint32_t *comp = ga_try_new(uint32_t, n);
        /* ga_graph_scc gives 0 components only when memory runs out */
        uint32_t nc = comp ? ga_graph_scc(n, graph->first_out, graph->head, comp) : 0;
        bool nomem = nc == 0;
        if (nc > 1) {
            uint32_t *size = ga_try_new0(uint32_t, nc), best = comp[0];
            r->main_node = size ? ga_try_new(uint8_t, n) : NULL;
            if (r->main_node) {
                for (uint32_t v = 0; v < n; v++) size[comp[v]]++;
                for (uint32_t v = 0; v < n; v++)
                    if (size[comp[v]] > size[best]) best = comp[v];
                for (uint32_t v = 0; v < n; v++) r->main_node[v] = comp[v] == best;
            } else {
                nomem = true;
            }
            g_free(size);
        }
        g_free(comp);
        if (nomem) {
            ga_router_free(r);
            return ga_nomem(ctx, "road router: the network's components");
        }
    }
    if (!r->snap) {
        ga_router_free(r);
        return ga_fail(ctx, GA_ERR_NOMEM, "road router: out of memory building the snapping index");
    }
    *out = r;
    return GA_OK;
}

void ga_router_free(ga_router *r) {
    if (!r) return;
    for (int m = 0; m < 2; m++)
        for (int b = 0; b < 2; b++) ga_adj_clear(&r->adj[m][b]);
    ga_ch_free(r->ch[0]);
    ga_ch_free(r->ch[1]);
    if (r->spare) g_ptr_array_free(r->spare, TRUE);
    ga_snap_index_free(r->snap);
    g_free(r->main_node);
    g_mutex_clear(&r->lock);
    if (r->owned && r->owned_free) r->owned_free(r->owned);
    g_free(r);
}

void ga_router_adopt_graph(ga_router *r, ga_graph *g, void (*free_fn)(ga_graph *)) {
    r->owned = g;
    r->owned_free = free_fn;
}

const ga_adj *ga_router_adj(ga_router *r, ga_metric metric, bool backward) {
    int m = metric == GA_METRIC_DISTANCE ? 1 : 0, b = backward ? 1 : 0;
    const ga_adj *res = NULL;
    g_mutex_lock(&r->lock);
    if (!r->built[m][b]) r->built[m][b] = ga_adj_build(r->g, m, backward, &r->adj[m][b]);
    if (r->built[m][b]) res = &r->adj[m][b];
    g_mutex_unlock(&r->lock);
    return res;
}

static void ch_progress(void *user, uint64_t done, uint64_t total) {
    ga_progress(user, "contraction hierarchy", done, total);
}

const ga_ch *ga_router_ch(ga_router *r, ga_ctx *ctx, ga_metric metric) {
    int m = metric == GA_METRIC_DISTANCE ? 1 : 0;
    const ga_adj *fw = ga_router_adj(r, metric, false);
    if (!fw) return NULL;
    g_mutex_lock(&r->lock);
    if (!r->ch_tried[m]) {
        r->ch[m] = ga_ch_build(fw, ctx ? ch_progress : NULL, ctx);
        r->ch_tried[m] = TRUE;
    }
    const ga_ch *res = r->ch[m];
    g_mutex_unlock(&r->lock);
    return res;
}

ga_search *ga_router_take_search(ga_router *r) {
    ga_search *s = NULL;
    g_mutex_lock(&r->lock);
    if (r->spare->len) s = g_ptr_array_steal_index(r->spare, r->spare->len - 1);
    g_mutex_unlock(&r->lock);
    if (!s) s = ga_search_new(r->g->n_nodes);
    return s;
}

void ga_router_give_search(ga_router *r, ga_search *s) {
    if (!s) return;
    s->queue = GA_QUEUE_DEFAULT;
    g_mutex_lock(&r->lock);
    g_ptr_array_add(r->spare, s);
    g_mutex_unlock(&r->lock);
}

/* ---- stage timing (ga_table_timing) ---- */

typedef struct {
    double wall, cpu;
} stamp;

static stamp stamp_now(void) {
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (stamp){(double)g_get_monotonic_time() / 1e6, (double)ts.tv_sec + ts.tv_nsec / 1e9};
}

/* Adds the time since *since to stage k and restarts the clock. */
static void stage_done(ga_table_timing *t, int k, stamp *since) {
    stamp now = stamp_now();
    t->wall[k] += now.wall - since->wall;
    t->cpu[k] += now.cpu - since->cpu;
    *since = now;
}

void ga_router_last_table_timing(ga_router *r, ga_table_timing *out) {
    g_mutex_lock(&r->lock);
    *out = r->last_table;
    g_mutex_unlock(&r->lock);
}

/* ---- snapping ---- */

typedef struct {
    const ga_router *r;
    const double *x, *y;
    ga_snap *out;
} snap_job;

/* Each point's snap depends on the point alone. */
static void snap_range(void *arg, size_t lo, size_t hi) {
    const snap_job *j = arg;
    for (size_t i = lo; i < hi; i++)
        ga_snap_index_nearest(j->r->snap, j->x[i], j->y[i], j->r->opts.snap_distance_m, &j->out[i]);
}

ga_status ga_router_snap(ga_router *r, ga_ctx *ctx, const double *x, const double *y, size_t n,
                         ga_snap *out) {
    snap_job j = {r, x, y, out};
    ga_parallel_ranges(r->opts.threads, n, 512, snap_range, &j, ctx, "snapping");
    ga_progress(ctx, "snapping", n, n);
    return GA_OK;
}

/* ---- links between points and the network ---- */

/* A point's pt_link to a node: `node` and the cost in units between the node
 * and the point. */
typedef struct {
    uint32_t node, cost;
} pt_link;

/* A snapped point: up to two links out (point -> node) and two in
 * (node -> point), its position on its (indexed) arc for direct joins, and
 * its access cost. */
typedef struct {
    bool ok;
    uint8_t n_out, n_in;
    pt_link out[3], in[3];
    uint32_t arc, twin;  /* indexed arc and its reverse (or GA_NODE_NONE) */
    uint32_t pa, pb;     /* units from arc's tail / from twin's tail */
    double access;       /* access-leg cost in the metric's unit */
    double access_m;     /* access-leg length, metres */
    double px, py;       /* the point itself */
} joined;

static void join_point(const ga_router *r, const ga_snap *s, const uint32_t *w, double access_per_m,
                       joined *j) {
    memset(j, 0, sizeof *j);
    if (!s->snapped) return;
    const ga_graph *g = r->g;
    uint32_t a = s->arc, b = ga_snap_index_twin(r->snap, a);
    j->ok = true;
    j->arc = a;
    j->twin = b;
    j->access = s->distance_m * access_per_m;
    j->access_m = s->distance_m;
    uint32_t pa = (uint32_t)lround((double)w[a] * s->fraction);
    if (pa > w[a]) pa = w[a];
    j->pa = pa;
    j->out[j->n_out++] = (pt_link){g->head[a], w[a] - pa};
    j->in[j->n_in++] = (pt_link){ga_snap_index_tail(r->snap, a), pa};
    if (b != GA_NODE_NONE) {
        uint32_t pb = (uint32_t)lround((double)w[b] * (1.0 - s->fraction));
        if (pb > w[b]) pb = w[b];
        j->pb = pb;
        j->out[j->n_out++] = (pt_link){g->head[b], w[b] - pb};
        j->in[j->n_in++] = (pt_link){ga_snap_index_tail(r->snap, b), pb};
    }
    /* a point at an end of a one-way arc (position 0 or w) stands on the
     * node itself and may use every arc of that node */
    if (pa == 0) j->out[j->n_out++] = (pt_link){ga_snap_index_tail(r->snap, a), 0};
    if (pa == w[a]) j->in[j->n_in++] = (pt_link){g->head[a], 0};
}

/* True when a joined point reaches, and is reached from, the largest
 * strongly connected component. */
static bool joined_on_main(const ga_router *r, const joined *j) {
    if (!j->ok) return false;
    if (!r->main_node) return true;
    bool out = false, in = false;
    for (uint8_t k = 0; k < j->n_out; k++) out |= r->main_node[j->out[k].node] != 0;
    for (uint8_t k = 0; k < j->n_in; k++) in |= r->main_node[j->in[k].node] != 0;
    return out && in;
}

ga_point_route ga_router_point_route(const ga_router *r, double x, double y) {
    ga_snap sn;
    ga_snap_index_nearest(r->snap, x, y, r->opts.snap_distance_m, &sn);
    if (!sn.snapped) return GA_POINT_UNSNAPPED;
    joined j;
    join_point(r, &sn, r->g->time_ds, 0, &j);
    return joined_on_main(r, &j) ? GA_POINT_ROUTED : GA_POINT_CUT_OFF;
}

/* Direct cost from point s to point q along their common road, or UINT64_MAX. */
static inline uint64_t direct_cost(const joined *s, const joined *q) {
    if (s->arc != q->arc) return UINT64_MAX;
    uint64_t best = UINT64_MAX;
    if (q->pa >= s->pa) best = q->pa - s->pa;
    if (s->twin != GA_NODE_NONE && q->pb >= s->pb && q->pb - s->pb < best) best = q->pb - s->pb;
    return best;
}

/* ---- the table ---- */

typedef struct {
    uint32_t node, point, cost;
} target_link;

typedef struct {
    uint32_t n;
    uint32_t *idx;
    double *cost;
} row;

typedef struct {
    ga_router *r;
    const ga_adj *adj;
    bool backward;        /* sources are the destinations */
    size_t n_src, n_tgt;
    const joined *src, *tgt;
    const uint32_t *src_order; /* sources to search (snapped ones) */
    size_t n_src_order;
    target_link *tl;      /* collect links of every target, by node */
    size_t n_tl;
    uint32_t *tgt_by_arc; /* targets sorted by arc (direct joins) */
    size_t n_tgt_by_arc;
    uint8_t *target_mark; /* n_nodes */
    uint32_t n_target_nodes;
    double scale;         /* units per cost unit (600 per minute, 10 per metre) */
    double access_per_m;  /* access-leg cost per metre */
    uint64_t *near_key;   /* targets by grid cell (cell << 32 | target), sorted */
    size_t n_near;
    double near_cell;     /* cell side: twice the snap distance */
    double max_cost;      /* INFINITY: no bound */
    /* contraction hierarchy (NULL: plain searches): buckets of the target
     * nodes, and each target link's index among them */
    const ga_ch *ch;
    ga_ch_buckets bk;
    uint32_t *tl_k;
    uint32_t n_tn;
    row *rows;            /* n_src */
    gint next;            /* next entry of src_order to search */
    gint done;
    gint failed;
    const char *stage;    /* progress stage of the searches */
    gsize settled;        /* total settled nodes (atomic adds) */
} table_job;

static int cmp_tl(const void *a, const void *b) {
    const target_link *x = a, *y = b;
    if (x->node != y->node) return x->node < y->node ? -1 : 1;
    return x->point < y->point ? -1 : x->point > y->point;
}

/* One source: search, then collect. best/stamp are the worker's arrays over
 * targets. */
static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static inline uint64_t cell_key(double x, double y, double cell) {
    int64_t cx = (int64_t)floor(x / cell), cy = (int64_t)floor(y / cell);
    return ((uint64_t)(uint32_t)(int32_t)cx << 16 ^ (uint64_t)(uint32_t)(int32_t)cy) & 0xFFFFFFFFu;
}

static bool run_source(table_job *job, ga_search *s, uint32_t i, uint64_t *best, double *direct,
                       uint32_t *touched, uint64_t *tdist) {
    const joined *p = &job->src[i];
    ga_seed seeds[3];
    size_t ns = 0;
    const pt_link *sl = job->backward ? p->in : p->out;
    uint8_t nl = job->backward ? p->n_in : p->n_out;
    for (uint8_t k = 0; k < nl; k++) seeds[ns++] = (ga_seed){sl[k].node, sl[k].cost};
    uint32_t bound = GA_WEIGHT_INF - 1;
    if (isfinite(job->max_cost)) {
        double b = floor((job->max_cost - p->access) * job->scale + 1e-6);
        if (b < 0) b = -1;
        bound = b < 0 ? 0 : b >= GA_WEIGHT_INF - 1 ? GA_WEIGHT_INF - 1 : (uint32_t)b;
        if (b < 0) ns = 0; /* even the access leg is over the bound */
    }
    uint32_t n_settled = 0;
    if (ns && job->ch)
        n_settled = ga_ch_query(job->ch, &job->bk, s, seeds, ns, !job->backward, bound, tdist);
    else if (ns)
        n_settled = ga_search_run(s, job->adj, seeds, ns, bound, job->target_mark, job->n_target_nodes);
    g_atomic_pointer_add(&job->settled, (gssize)n_settled);
    uint32_t n_touched = 0;
    /* collect: every target pt_link whose node was settled */
    if (ns) {
        for (size_t k = 0; k < job->n_tl; k++) {
            const target_link *t = &job->tl[k];
            uint64_t d;
            if (job->ch) {
                d = tdist[job->tl_k[k]]; /* the same rule as a search's bound */
                if (d > bound) continue;
            } else {
                d = ga_search_dist(s, t->node);
                if (d == GA_WEIGHT_INF) continue;
            }
            uint64_t c = d + t->cost;
            if (best[t->point] == UINT64_MAX && direct[t->point] == INFINITY)
                touched[n_touched++] = t->point;
            if (c < best[t->point]) best[t->point] = c;
        }
        if (job->ch)
            for (uint32_t k = 0; k < job->n_tn; k++) tdist[k] = UINT64_MAX;
    }
    /* direct joins along the same road */
    if (ns && job->n_tgt_by_arc) {
        size_t lo = 0, hi = job->n_tgt_by_arc;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (job->tgt[job->tgt_by_arc[mid]].arc < p->arc) lo = mid + 1;
            else hi = mid;
        }
        for (size_t k = lo; k < job->n_tgt_by_arc && job->tgt[job->tgt_by_arc[k]].arc == p->arc; k++) {
            uint32_t q = job->tgt_by_arc[k];
            const joined *jq = &job->tgt[q];
            uint64_t c = job->backward ? direct_cost(jq, p) : direct_cost(p, jq);
            if (c == UINT64_MAX) continue;
            if (best[q] == UINT64_MAX && direct[q] == INFINITY) touched[n_touched++] = q;
            if (c < best[q]) best[q] = c;
        }
    }
    /* straight between two points when that is shorter than their two
     * access legs (a point and a facility side by side, or the same place) */
    for (int dx = -1; dx <= 1; dx++)
        for (int dy = -1; dy <= 1; dy++) {
            uint64_t key = cell_key(p->px + dx * job->near_cell, p->py + dy * job->near_cell,
                                    job->near_cell);
            size_t lo = 0, hi = job->n_near;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (job->near_key[mid] >> 32 < key) lo = mid + 1;
                else hi = mid;
            }
            for (size_t k = lo; k < job->n_near && job->near_key[k] >> 32 == key; k++) {
                uint32_t q = (uint32_t)job->near_key[k];
                const joined *o = job->backward ? &job->tgt[q] : p;
                const joined *d = job->backward ? p : &job->tgt[q];
                double ex = d->px - o->px, ey = d->py - o->py, r = o->access_m + d->access_m;
                /* cheap rejection first (a margin well above hypot's rounding);
                 * the exact test below decides */
                if (ex * ex + ey * ey > r * r * (1 + 1e-9) + 1e-12) continue;
                double dist = hypot(ex, ey);
                if (!(dist <= r)) continue;
                if (best[q] == UINT64_MAX && direct[q] == INFINITY) touched[n_touched++] = q;
                double c = dist * job->access_per_m;
                if (c < direct[q]) direct[q] = c;
            }
        }
    /* the row, in target order */
    row *rw = &job->rows[i];
    rw->idx = g_try_new(uint32_t, n_touched ? n_touched : 1);
    rw->cost = g_try_new(double, n_touched ? n_touched : 1);
    if (!rw->idx || !rw->cost) return false;
    /* the row in target order: sort the touched targets when few, else scan */
    bool scan = (size_t)n_touched * 16 > job->n_tgt;
    if (!scan) qsort(touched, n_touched, sizeof *touched, cmp_u32);
    for (uint32_t k = 0, q = 0; scan ? q < job->n_tgt : k < n_touched; k++, q++) {
        if (scan) {
            if (best[q] == UINT64_MAX && direct[q] == INFINITY) continue;
        } else {
            q = touched[k];
        }
        uint64_t units = best[q];
        double straight = direct[q];
        best[q] = UINT64_MAX;
        direct[q] = INFINITY;
        /* (path / scale + origin access) + destination access: the same
         * arithmetic whichever side was searched */
        const joined *o = job->backward ? &job->tgt[q] : p;
        const joined *d = job->backward ? p : &job->tgt[q];
        double c = units == UINT64_MAX ? INFINITY
                                       : (double)units / job->scale + o->access + d->access;
        if (straight < c) c = straight;
        if (isfinite(job->max_cost) && c > job->max_cost) continue;
        rw->idx[rw->n] = q;
        rw->cost[rw->n] = c;
        rw->n++;
    }
    return true;
}

static void table_worker(void *arg) {
    table_job *job = arg;
    ga_search *s = ga_router_take_search(job->r);
    uint64_t *best = g_try_new(uint64_t, job->n_tgt ? job->n_tgt : 1);
    uint32_t *touched = g_try_new(uint32_t, job->n_tgt ? job->n_tgt : 1);
    double *direct = g_try_new(double, job->n_tgt ? job->n_tgt : 1);
    uint64_t *tdist = job->ch ? g_try_new(uint64_t, job->n_tn ? job->n_tn : 1) : NULL;
    if (!s || !best || !touched || !direct || (job->ch && (!tdist || !ga_search_heap_ready(s) || !ga_search_settled_ready(s)))) {
        g_atomic_int_set(&job->failed, 1);
    } else {
        for (size_t q = 0; q < job->n_tgt; q++) {
            best[q] = UINT64_MAX;
            direct[q] = INFINITY;
        }
        for (uint32_t k = 0; tdist && k < job->n_tn; k++) tdist[k] = UINT64_MAX;
        for (;;) {
            if (g_atomic_int_get(&job->failed)) break;
            gint k = g_atomic_int_add(&job->next, 1);
            if ((size_t)k >= job->n_src_order) break;
            if (!run_source(job, s, job->src_order[k], best, direct, touched, tdist)) {
                g_atomic_int_set(&job->failed, 1);
                break;
            }
            g_atomic_int_inc(&job->done);
        }
    }
    ga_router_give_search(job->r, s);
    g_free(best);
    g_free(touched);
    g_free(direct);
    g_free(tdist);
}

/* Progress of the searches, while the workers run. */
static bool table_poll(void *arg, ga_ctx *ctx) {
    table_job *job = arg;
    gint d = g_atomic_int_get(&job->done);
    ga_progress(ctx, job->stage, (uint64_t)d, job->n_src_order);
    return (size_t)d < job->n_src_order && !g_atomic_int_get(&job->failed);
}

/* Up to 10 quoted ids of the points flagged `want` in why[], for messages. */
static void list_ids(GString *s, const ga_points *p, const uint8_t *why, uint8_t want, size_t count) {
    size_t shown = 0;
    for (size_t i = 0; i < ga_points_count(p) && shown < 10; i++)
        if (why[i] == want) g_string_append_printf(s, "%s'%s'", shown++ ? ", " : "", ga_points_id(p, i));
    if (count > shown) g_string_append_printf(s, " and %zu more", count - shown);
}

/* Snaps a layer; fails on (or warns about) points beyond the snap distance,
 * and warns about points on roads cut off from the rest of the network.
 * *unknown (n flags, or NULL when every point is routed) marks the points
 * that cannot be routed: their costs are unknown. */
static ga_status join_layer(ga_router *r, ga_ctx *ctx, const ga_points *p, const char *what,
                            const uint32_t *w, double access_per_m, joined **out, uint8_t **unknown) {
    size_t n = ga_points_count(p);
    double *x = g_new(double, n ? n : 1), *y = g_new(double, n ? n : 1);
    for (size_t i = 0; i < n; i++) ga_points_xy(p, i, &x[i], &y[i]);
    ga_snap *sn = g_new(ga_snap, n ? n : 1);
    ga_router_snap(r, ctx, x, y, n, sn);
    joined *j = g_new(joined, n ? n : 1);
    uint8_t *why = g_new0(uint8_t, n ? n : 1); /* 0 routed, 1 beyond the snap distance, 2 cut off */
    size_t far = 0, cut = 0, first = 0;
    for (size_t i = 0; i < n; i++) {
        join_point(r, &sn[i], w, access_per_m, &j[i]);
        j[i].px = x[i];
        j[i].py = y[i];
        if (!sn[i].snapped) {
            why[i] = 1;
            if (far++ == 0) first = i;
        } else if (!joined_on_main(r, &j[i])) {
            why[i] = 2;
            j[i].ok = false; /* not searched from, never a target */
            cut++;
        }
    }
    if (far && !r->opts.skip_unsnapped) {
        char more[96] = "";
        if (far > 1) snprintf(more, sizeof more, "; %zu of %zu %ss are that far", far, n, what);
        ga_status st = ga_fail(ctx, GA_ERR_UNREACHABLE,
                               "%s '%s' (%.1f, %.1f): no road within %g m (snap distance)%s",
                               what, ga_points_id(p, first), x[first], y[first],
                               r->opts.snap_distance_m, more);
        g_free(x);
        g_free(y);
        g_free(sn);
        g_free(j);
        g_free(why);
        return st;
    }
    if (far || cut) {
        GString *m = g_string_new(NULL);
        g_string_append_printf(m, "%zu %s%s cannot be routed (unknown costs, left out):", far + cut, what,
                               far + cut > 1 ? "s" : "");
        if (far) {
            g_string_append_printf(m, " %zu further than %g m from every road (", far, r->opts.snap_distance_m);
            list_ids(m, p, why, 1, far);
            g_string_append_c(m, ')');
        }
        if (cut) {
            g_string_append_printf(m, "%s %zu on roads cut off from the rest of the network (", far ? ";" : "", cut);
            list_ids(m, p, why, 2, cut);
            g_string_append_c(m, ')');
        }
        ga_warn(ctx, "%s", m->str);
        g_string_free(m, TRUE);
        *unknown = why;
    } else {
        g_free(why);
        *unknown = NULL;
    }
    g_free(x);
    g_free(y);
    g_free(sn);
    *out = j;
    return GA_OK;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* ---- the merge of the rows into the OD table ---- */

typedef struct {
    const table_job *job;
    ga_od *od;
    size_t *fill; /* backward: each origin's next free entry */
} merge_job;

/* Forward rows are the origins' own: copied to their place. */
static void merge_forward(void *arg, size_t lo, size_t hi) {
    const merge_job *m = arg;
    for (size_t i = lo; i < hi; i++) {
        const row *rw = &m->job->rows[i];
        if (rw->n) { /* an unsnapped origin has no row arrays at all */
            memcpy(m->od->to + m->od->row_start[i], rw->idx, rw->n * sizeof *m->od->to);
            memcpy(m->od->cost + m->od->row_start[i], rw->cost, rw->n * sizeof *m->od->cost);
        }
    }
}

/* Backward rows are by destination, each sorted by origin: the first entry
 * of a row at or after origin lo. */
static uint32_t row_lower(const row *rw, size_t lo) {
    uint32_t a = 0, b = rw->n;
    while (a < b) {
        uint32_t mid = a + (b - a) / 2;
        if (rw->idx[mid] < lo) a = mid + 1;
        else b = mid;
    }
    return a;
}

/* The number of pairs of each origin in [lo, hi) (into row_start[i + 1]). */
static void merge_backward_count(void *arg, size_t lo, size_t hi) {
    const merge_job *m = arg;
    for (size_t j = 0; j < m->job->n_src; j++) {
        const row *rw = &m->job->rows[j];
        for (uint32_t k = row_lower(rw, lo); k < rw->n && rw->idx[k] < hi; k++)
            m->od->row_start[rw->idx[k] + 1]++;
    }
}

/* The pairs of the origins in [lo, hi), by destination: each origin's pairs
 * in destination order, as a counting sort places them. */
static void merge_backward_fill(void *arg, size_t lo, size_t hi) {
    const merge_job *m = arg;
    ga_od *od = m->od;
    for (size_t i = lo; i < hi; i++) m->fill[i] = od->row_start[i];
    for (size_t j = 0; j < m->job->n_src; j++) {
        const row *rw = &m->job->rows[j];
        for (uint32_t k = row_lower(rw, lo); k < rw->n && rw->idx[k] < hi; k++) {
            size_t at = m->fill[rw->idx[k]]++;
            od->to[at] = (uint32_t)j;
            od->cost[at] = rw->cost[k];
        }
    }
}

ga_status ga_router_table(ga_router *r, ga_ctx *ctx, const ga_points *from, const ga_points *to,
                          ga_metric metric, double max_cost, ga_od **out) {
    if (metric != GA_METRIC_TIME && metric != GA_METRIC_DISTANCE)
        return ga_fail(ctx, GA_ERR_ARG, "road router: unknown metric %d", (int)metric);
    const ga_graph *g = r->g;
    size_t nf = ga_points_count(from), nt = ga_points_count(to);
    if (nf > UINT32_MAX / 2 || nt > UINT32_MAX / 2)
        return ga_fail(ctx, GA_ERR_ARG, "road router: too many points");
    const uint32_t *w = metric == GA_METRIC_TIME ? g->time_ds : g->dist_dm;
    double scale = metric == GA_METRIC_TIME ? 600.0 : 10.0;
    double access_per_m = metric == GA_METRIC_TIME ? 60.0 / (r->opts.access_speed_kmh * 1000.0) : 1.0;
    joined *jf = NULL, *jt = NULL;
    uint8_t *unk_from = NULL, *unk_to = NULL;
    ga_table_timing tm = {{0}, {0}};
    stamp clock = stamp_now();
    ga_status st = join_layer(r, ctx, from, "origin", w, access_per_m, &jf, &unk_from);
    if (st != GA_OK) return st;
    st = join_layer(r, ctx, to, "destination", w, access_per_m, &jt, &unk_to);
    if (st != GA_OK) {
        g_free(jf);
        g_free(unk_from);
        return st;
    }
    stage_done(&tm, GA_TT_SNAP, &clock);
    table_job job = {
        .r = r,
        .backward = nt < nf,
        .scale = scale,
        .access_per_m = access_per_m,
        .near_cell = 2 * r->opts.snap_distance_m,
        .max_cost = (max_cost > 0 && isfinite(max_cost)) ? max_cost : INFINITY,
    };
    job.n_src = job.backward ? nt : nf;
    job.n_tgt = job.backward ? nf : nt;
    job.src = job.backward ? jt : jf;
    job.tgt = job.backward ? jf : jt;
    job.adj = ga_router_adj(r, metric, job.backward);
    job.rows = g_new0(row, job.n_src ? job.n_src : 1);
    uint32_t *src_order = g_new(uint32_t, job.n_src ? job.n_src : 1);
    for (size_t i = 0; i < job.n_src; i++)
        if (job.src[i].ok) src_order[job.n_src_order++] = (uint32_t)i;
    job.src_order = src_order;
    /* collect links of the targets: nodes that reach (or, backward, are
     * reached from) each target, sorted by node for locality */
    job.tl = g_new(target_link, 3 * job.n_tgt + 1);
    uint32_t *by_arc = g_new(uint32_t, job.n_tgt ? job.n_tgt : 1);
    for (size_t q = 0; q < job.n_tgt; q++) {
        const joined *jq = &job.tgt[q];
        if (!jq->ok) continue;
        by_arc[job.n_tgt_by_arc++] = (uint32_t)q;
        const pt_link *l = job.backward ? jq->out : jq->in;
        uint8_t nl = job.backward ? jq->n_out : jq->n_in;
        for (uint8_t k = 0; k < nl; k++)
            job.tl[job.n_tl++] = (target_link){l[k].node, (uint32_t)q, l[k].cost};
    }
    qsort(job.tl, job.n_tl, sizeof *job.tl, cmp_tl);
    {
        /* targets by (arc, index) */
        uint64_t *key = g_new(uint64_t, job.n_tgt_by_arc ? job.n_tgt_by_arc : 1);
        for (size_t k = 0; k < job.n_tgt_by_arc; k++)
            key[k] = (uint64_t)job.tgt[by_arc[k]].arc << 32 | by_arc[k];
        qsort(key, job.n_tgt_by_arc, sizeof *key, cmp_u64);
        for (size_t k = 0; k < job.n_tgt_by_arc; k++) by_arc[k] = (uint32_t)key[k];
        g_free(key);
    }
    job.tgt_by_arc = by_arc;
    /* targets by grid cell, for the straight joins of nearby points */
    job.near_key = g_new(uint64_t, job.n_tgt ? job.n_tgt : 1);
    for (size_t q = 0; q < job.n_tgt; q++)
        if (job.tgt[q].ok)
            job.near_key[job.n_near++] =
                cell_key(job.tgt[q].px, job.tgt[q].py, job.near_cell) << 32 | (uint64_t)q;
    qsort(job.near_key, job.n_near, sizeof *job.near_key, cmp_u64);
    job.target_mark = g_try_new0(uint8_t, g->n_nodes ? g->n_nodes : 1);
    if (!job.adj || !job.target_mark) {
        st = ga_fail(ctx, GA_ERR_NOMEM, "road router: out of memory for the table");
        goto done;
    }
    for (size_t k = 0; k < job.n_tl; k++)
        if (!job.target_mark[job.tl[k].node]) {
            job.target_mark[job.tl[k].node] = 1;
            job.n_target_nodes++;
        }
    stage_done(&tm, GA_TT_PREPARE, &clock);
    /* large unbounded tables: the contraction hierarchy (same costs) */
    if (job.n_src_order && job.n_tl &&
        (r->opts.table_method == GA_TABLE_CH ||
         (r->opts.table_method == GA_TABLE_AUTO && !isfinite(job.max_cost) &&
          job.n_src_order >= GA_TABLE_CH_MIN_SOURCES))) {
        const ga_ch *ch = ga_router_ch(r, ctx, metric);
        job.tl_k = g_try_new(uint32_t, job.n_tl);
        uint32_t *tn = g_try_new(uint32_t, job.n_target_nodes ? job.n_target_nodes : 1);
        ga_search *s = ch && job.tl_k && tn ? ga_router_take_search(r) : NULL;
        if (s) {
            /* job.tl is sorted by node: its distinct nodes, in order */
            for (size_t k = 0; k < job.n_tl; k++) {
                if (k == 0 || job.tl[k].node != job.tl[k - 1].node) tn[job.n_tn++] = job.tl[k].node;
                job.tl_k[k] = job.n_tn - 1;
            }
            uint32_t bound = GA_WEIGHT_INF - 1;
            if (isfinite(job.max_cost)) {
                double b = floor(job.max_cost * job.scale + 1e-6);
                if (b < bound) bound = b < 0 ? 0 : (uint32_t)b;
            }
            if (ga_ch_buckets_build(ch, s, tn, job.n_tn, !job.backward, bound, &job.bk)) {
                job.ch = ch;
                job.settled += job.bk.settled;
            }
            ga_router_give_search(r, s);
        }
        g_free(tn);
        if (!job.ch) { /* out of memory: plain searches */
            g_clear_pointer(&job.tl_k, g_free);
            job.n_tn = 0;
        }
    }
    stage_done(&tm, GA_TT_SELECT, &clock);
    /* search in parallel: each worker pulls sources from a shared counter
     * and writes only the rows of its sources */
    int n_threads = r->opts.threads;
    if ((size_t)n_threads > job.n_src_order) n_threads = job.n_src_order ? (int)job.n_src_order : 1;
    const char *stage = metric == GA_METRIC_TIME ? "road times" : "road distances";
    job.stage = stage;
    st = ga_parallel_run(ctx, n_threads, table_worker, &job, table_poll, "road router");
    if (st) goto done;
    ga_progress(ctx, stage, job.n_src_order, job.n_src_order);
    stage_done(&tm, GA_TT_SEARCH, &clock);
    if (g_atomic_int_get(&job.failed)) {
        st = ga_fail(ctx, GA_ERR_NOMEM, "road router: out of memory during the searches");
        goto done;
    }
    /* merge the rows in source order, each sorted by target; backward rows
     * (by destination) are transposed (count, then fill), which keeps each
     * origin's pairs in destination order */
    {
        size_t n_pairs = 0;
        for (size_t i = 0; i < job.n_src; i++) n_pairs += job.rows[i].n;
        ga_od *od = g_new0(ga_od, 1);
        od->n_from = nf;
        od->n_to = nt;
        od->n_pairs = n_pairs;
        od->row_start = g_new0(size_t, nf + 1);
        od->to = g_new(uint32_t, n_pairs ? n_pairs : 1);
        od->cost = g_new(double, n_pairs ? n_pairs : 1);
        /* rows into the table over ranges of origins, in parallel when the
         * table is large: each range writes only its own origins' entries */
        merge_job mj = {&job, od, NULL};
        int mt = n_pairs >= 65536 ? r->opts.threads : 1;
        size_t chunk = nf / (8 * (size_t)MAX(mt, 1)) + 1;
        if (!job.backward) {
            for (size_t i = 0; i < nf; i++) od->row_start[i + 1] = od->row_start[i] + job.rows[i].n;
            ga_parallel_ranges(mt, nf, MAX(chunk, 64), merge_forward, &mj, NULL, NULL);
        } else {
            mj.fill = ga_try_new(size_t, nf ? nf : 1);
            if (!mj.fill) {
                ga_od_free(od);
                st = ga_nomem(ctx, "road table");
                goto done;
            }
            ga_parallel_ranges(mt, nf, chunk, merge_backward_count, &mj, NULL, NULL);
            for (size_t i = 0; i < nf; i++) od->row_start[i + 1] += od->row_start[i];
            ga_parallel_ranges(mt, nf, chunk, merge_backward_fill, &mj, NULL, NULL);
            g_free(mj.fill);
        }
        od->from_unknown = g_steal_pointer(&unk_from);
        od->to_unknown = g_steal_pointer(&unk_to);
        *out = od;
        st = GA_OK;
    }
done:
    for (size_t i = 0; i < job.n_src; i++) {
        g_free(job.rows[i].idx);
        g_free(job.rows[i].cost);
    }
    g_free(job.rows);
    g_free(src_order);
    g_free(job.tl);
    g_free(by_arc);
    g_free(job.target_mark);
    g_free(job.near_key);
    g_free(job.tl_k);
    ga_ch_buckets_clear(&job.bk);
    g_free(jf);
    g_free(jt);
    g_free(unk_from);
    g_free(unk_to);
    stage_done(&tm, GA_TT_MERGE, &clock);
    g_mutex_lock(&r->lock);
    r->last_table = tm;
    g_mutex_unlock(&r->lock);
    return st;
}

ga_status ga_router_point_to_nodes(ga_router *r, ga_ctx *ctx, double x, double y, ga_metric metric,
                                   double max_cost, bool backward, double *cost) {
    if (metric != GA_METRIC_TIME && metric != GA_METRIC_DISTANCE)
        return ga_fail(ctx, GA_ERR_ARG, "road router: unknown metric %d", (int)metric);
    const ga_graph *g = r->g;
    const uint32_t *w = metric == GA_METRIC_TIME ? g->time_ds : g->dist_dm;
    double scale = metric == GA_METRIC_TIME ? 600.0 : 10.0;
    double access_per_m = metric == GA_METRIC_TIME ? 60.0 / (r->opts.access_speed_kmh * 1000.0) : 1.0;
    ga_snap sn;
    ga_snap_index_nearest(r->snap, x, y, r->opts.snap_distance_m, &sn);
    if (!sn.snapped)
        return ga_fail(ctx, GA_ERR_UNREACHABLE, "point (%.1f, %.1f): no road within %g m (snap distance)",
                       x, y, r->opts.snap_distance_m);
    joined j;
    join_point(r, &sn, w, access_per_m, &j);
    if (!joined_on_main(r, &j))
        return ga_fail(ctx, GA_ERR_UNREACHABLE,
                       "point (%.1f, %.1f): its road is cut off from the rest of the network", x, y);
    const ga_adj *adj = ga_router_adj(r, metric, backward);
    ga_search *s = adj ? ga_router_take_search(r) : NULL;
    if (s && !ga_search_settled_ready(s)) { /* every node's cost is read from the list */
        ga_router_give_search(r, s);
        s = NULL;
    }
    if (!s) return ga_fail(ctx, GA_ERR_NOMEM, "road router: out of memory");
    ga_seed seeds[3];
    size_t ns = 0;
    const pt_link *l = backward ? j.in : j.out;
    uint8_t nl = backward ? j.n_in : j.n_out;
    for (uint8_t k = 0; k < nl; k++) seeds[ns++] = (ga_seed){l[k].node, l[k].cost};
    bool bounded = max_cost > 0 && isfinite(max_cost);
    uint32_t bound = GA_WEIGHT_INF - 1;
    if (bounded) {
        double b = floor((max_cost - j.access) * scale + 1e-6);
        if (b < 0) ns = 0;
        else if (b < GA_WEIGHT_INF - 1) bound = (uint32_t)b;
    }
    for (uint32_t v = 0; v < g->n_nodes; v++) cost[v] = INFINITY;
    if (ns) ga_search_run(s, adj, seeds, ns, bound, NULL, 0);
    for (uint32_t k = 0; ns && k < s->n_settled; k++) {
        uint32_t v = s->settled[k];
        double c = (double)s->st[v].dist / scale + j.access;
        if (!bounded || c <= max_cost) cost[v] = c;
    }
    ga_router_give_search(r, s);
    return GA_OK;
}
