/* The reached part of the network around a point: see reach.h.
 *
 * The point joins its road exactly as in the router's tables (table.c): it
 * snaps to arc a at fraction t, its position along a is P = round(w_a t)
 * graph units, and along the reverse arc b of a two-way road
 * P' = round(w_b (1 - t)). Forward, the search starts at head(a) with
 * w_a - P (and head(b) with w_b - P'); backward, at tail(a) with P (tail(b)
 * with P'). Reached pieces of an arc u -> v of weight w, for a budget B (the
 * threshold minus the access leg, in units):
 *   forward:  [0, (B - d(u)) / w] from the tail, d(u) the cost to u;
 *   backward: [1 - (B - d(v)) / w, 1] towards the head, d(v) the cost from v;
 * and on the point's own arc the stretch downstream (forward) or upstream
 * (backward) of the point.
 */
#include <math.h>
#include <string.h>
#include "core/internal.h"
#include "route/reach.h"
#include "route/router.h"

struct ga_reach {
    ga_router *r;
    ga_search *s;
    const ga_adj *adj;
    const uint32_t *w;
    double scale;
    bool backward, ran;
    ga_snap snap;
    uint32_t twin;
    double access; /* metric's unit */
};

ga_reach *ga_reach_new(ga_router *r) {
    ga_reach *q = g_try_new0(ga_reach, 1);
    if (!q) return NULL;
    q->r = r;
    q->s = ga_search_new(r->g->n_nodes);
    if (q->s && !ga_search_settled_ready(q->s)) { /* the reached nodes are read from the list */
        ga_search_free(q->s);
        q->s = NULL;
    }
    if (!q->s) {
        g_free(q);
        return NULL;
    }
    return q;
}

void ga_reach_free(ga_reach *q) {
    if (!q) return;
    ga_search_free(q->s);
    g_free(q);
}

ga_status ga_reach_run(ga_reach *q, ga_ctx *ctx, double x, double y, ga_metric metric,
                       double max_cost, bool backward) {
    ga_router *r = q->r;
    const ga_graph *g = r->g;
    if (metric != GA_METRIC_TIME && metric != GA_METRIC_DISTANCE)
        return ga_fail(ctx, GA_ERR_ARG, "reach: unknown metric %d", (int)metric);
    if (!(max_cost > 0) || !isfinite(max_cost))
        return ga_fail(ctx, GA_ERR_ARG, "reach: the bound must be a positive number (got %g)", max_cost);
    q->ran = false;
    q->w = metric == GA_METRIC_TIME ? g->time_ds : g->dist_dm;
    q->scale = metric == GA_METRIC_TIME ? 600.0 : 10.0;
    q->backward = backward;
    q->adj = ga_router_adj(r, metric, backward);
    if (!q->adj) return ga_fail(ctx, GA_ERR_NOMEM, "reach: out of memory for the adjacency");
    ga_snap_index_nearest(r->snap, x, y, r->opts.snap_distance_m, &q->snap);
    if (!q->snap.snapped)
        return ga_fail(ctx, GA_ERR_UNREACHABLE, "point (%.1f, %.1f): no road within %g m (snap distance)",
                       x, y, r->opts.snap_distance_m);
    if (ga_router_point_route(r, x, y) == GA_POINT_CUT_OFF)
        return ga_fail(ctx, GA_ERR_UNREACHABLE,
                       "point (%.1f, %.1f): its road is cut off from the rest of the network", x, y);
    double access_per_m = metric == GA_METRIC_TIME ? 60.0 / (r->opts.access_speed_kmh * 1000.0) : 1.0;
    q->access = q->snap.distance_m * access_per_m;
    uint32_t a = q->snap.arc, b = ga_snap_index_twin(r->snap, a);
    q->twin = b;
    const uint32_t *w = q->w;
    ga_seed seeds[3];
    size_t ns = 0;
    uint32_t pa = (uint32_t)lround((double)w[a] * q->snap.fraction);
    if (pa > w[a]) pa = w[a];
    if (!backward) seeds[ns++] = (ga_seed){g->head[a], w[a] - pa};
    else seeds[ns++] = (ga_seed){ga_snap_index_tail(r->snap, a), pa};
    if (b != GA_NODE_NONE) {
        uint32_t pb = (uint32_t)lround((double)w[b] * (1.0 - q->snap.fraction));
        if (pb > w[b]) pb = w[b];
        if (!backward) seeds[ns++] = (ga_seed){g->head[b], w[b] - pb};
        else seeds[ns++] = (ga_seed){ga_snap_index_tail(r->snap, b), pb};
    }
    if (!backward && pa == 0) seeds[ns++] = (ga_seed){ga_snap_index_tail(r->snap, a), 0};
    if (backward && pa == w[a]) seeds[ns++] = (ga_seed){g->head[a], 0};
    double bnd = floor((max_cost - q->access) * q->scale + 1e-6);
    q->s->n_settled = 0;
    if (bnd >= 0) {
        uint32_t bound = bnd >= GA_WEIGHT_INF - 1 ? GA_WEIGHT_INF - 1 : (uint32_t)bnd;
        ga_search_run(q->s, q->adj, seeds, ns, bound, NULL, 0);
    }
    q->ran = true;
    return GA_OK;
}

double ga_reach_access_cost(const ga_reach *q) { return q->access; }

void ga_reach_snap_point(const ga_reach *q, double *x, double *y) {
    *x = q->snap.x;
    *y = q->snap.y;
}

/* Budget in units for a threshold, or -1 when even the access leg is over. */
static double budget(const ga_reach *q, double threshold) {
    double b = floor((threshold - q->access) * q->scale + 1e-6);
    return b < 0 ? -1 : b;
}

size_t ga_reach_node_count(const ga_reach *q, double threshold) {
    if (!q->ran) return 0;
    double B = budget(q, threshold);
    size_t n = 0;
    for (uint32_t k = 0; k < q->s->n_settled; k++)
        if ((double)q->s->st[q->s->settled[k]].dist <= B) n++;
    return n;
}

size_t ga_reach_nodes(const ga_reach *q, double threshold, GArray *out) {
    if (!q->ran) return 0;
    double B = budget(q, threshold);
    size_t n0 = out->len;
    for (uint32_t k = 0; k < q->s->n_settled; k++)
        if ((double)q->s->st[q->s->settled[k]].dist <= B) g_array_append_val(out, q->s->settled[k]);
    return out->len - n0;
}

static void add_piece(const ga_reach *q, GArray *tmp, uint32_t e, double from, double to) {
    if (from < 0) from = 0;
    if (to > 1) to = 1;
    if (to < from) return;
    uint32_t t = ga_snap_index_twin(q->r->snap, e);
    ga_reach_piece p = {e, from, to};
    if (t != GA_NODE_NONE && t < e) p = (ga_reach_piece){t, 1.0 - to, 1.0 - from};
    g_array_append_val(tmp, p);
}

static int cmp_piece(const void *x, const void *y) {
    const ga_reach_piece *a = x, *b = y;
    if (a->arc != b->arc) return a->arc < b->arc ? -1 : 1;
    if (a->from != b->from) return a->from < b->from ? -1 : 1;
    return (a->to > b->to) - (a->to < b->to);
}

size_t ga_reach_pieces(const ga_reach *q, double threshold, GArray *out) {
    if (!q->ran) return 0;
    double B = budget(q, threshold);
    if (B < 0) return 0;
    const ga_graph *g = q->r->g;
    const uint32_t *w = q->w;
    GArray *tmp = g_array_new(FALSE, FALSE, sizeof(ga_reach_piece));
    for (uint32_t k = 0; k < q->s->n_settled; k++) {
        uint32_t v = q->s->settled[k];
        double d = (double)q->s->st[v].dist;
        if (d > B) continue;
        double left = B - d;
        if (!q->backward) {
            for (uint32_t e = g->first_out[v]; e < g->first_out[v + 1]; e++)
                add_piece(q, tmp, e, 0, w[e] ? left / (double)w[e] : 1);
        } else {
            for (uint32_t i = q->adj->first[v]; i < q->adj->first[v + 1]; i++) {
                uint32_t e = ga_adj_forward_arc(g, q->adj, v, i);
                add_piece(q, tmp, e, w[e] ? 1 - left / (double)w[e] : 0, 1);
            }
        }
    }
    /* the point's own road, from the point */
    uint32_t a = q->snap.arc;
    double t = q->snap.fraction;
    uint32_t arcs[2] = {a, q->twin};
    double pos[2] = {t, 1 - t};
    for (int k = 0; k < 2; k++) {
        if (arcs[k] == GA_NODE_NONE) continue;
        double span = w[arcs[k]] ? B / (double)w[arcs[k]] : 1;
        if (!q->backward) add_piece(q, tmp, arcs[k], pos[k], pos[k] + span);
        else add_piece(q, tmp, arcs[k], pos[k] - span, pos[k]);
    }
    qsort(tmp->data, tmp->len, sizeof(ga_reach_piece), cmp_piece);
    size_t n0 = out->len;
    for (guint i = 0; i < tmp->len; i++) {
        ga_reach_piece p = g_array_index(tmp, ga_reach_piece, i);
        if (out->len > n0) {
            ga_reach_piece *last = &g_array_index(out, ga_reach_piece, out->len - 1);
            if (last->arc == p.arc && p.from <= last->to) {
                if (p.to > last->to) last->to = p.to;
                continue;
            }
        }
        g_array_append_val(out, p);
    }
    g_array_free(tmp, TRUE);
    return out->len - n0;
}

size_t ga_reach_piece_coords(const ga_router *r, const ga_reach_piece *p, GArray *xy) {
    const ga_graph *g = r->g;
    uint32_t a = p->arc;
    uint32_t tail = ga_snap_index_tail(r->snap, a);
    uint32_t g0 = g->geom_first[a], g1 = g->geom_first[a + 1];
    size_t nv = (size_t)(g1 - g0) + 2;
    double vx[64], vy[64];
    double *X = nv > 64 ? g_new(double, nv) : vx, *Y = nv > 64 ? g_new(double, nv) : vy;
    X[0] = g->x_cm[tail] / 100.0;
    Y[0] = g->y_cm[tail] / 100.0;
    for (uint32_t k = g0; k < g1; k++) {
        X[k - g0 + 1] = g->geom_x_cm[k] / 100.0;
        Y[k - g0 + 1] = g->geom_y_cm[k] / 100.0;
    }
    X[nv - 1] = g->x_cm[g->head[a]] / 100.0;
    Y[nv - 1] = g->y_cm[g->head[a]] / 100.0;
    double len = 0;
    for (size_t k = 1; k < nv; k++) len += hypot(X[k] - X[k - 1], Y[k] - Y[k - 1]);
    double s0 = p->from * len, s1 = p->to * len, cum = 0;
    size_t n0 = xy->len;
    bool started = false;
    for (size_t k = 1; k < nv; k++) {
        double sl = hypot(X[k] - X[k - 1], Y[k] - Y[k - 1]);
        double c0 = cum, c1 = cum + sl;
        cum = c1;
        if (c1 < s0 && k + 1 < nv) continue;
        if (!started) {
            double f = sl > 0 ? (s0 - c0) / sl : 0;
            f = f < 0 ? 0 : f > 1 ? 1 : f;
            double px = X[k - 1] + f * (X[k] - X[k - 1]), py = Y[k - 1] + f * (Y[k] - Y[k - 1]);
            g_array_append_val(xy, px);
            g_array_append_val(xy, py);
            started = true;
        }
        if (c1 >= s1 || k + 1 == nv) {
            double f = sl > 0 ? (s1 - c0) / sl : 1;
            f = f < 0 ? 0 : f > 1 ? 1 : f;
            double px = X[k - 1] + f * (X[k] - X[k - 1]), py = Y[k - 1] + f * (Y[k] - Y[k - 1]);
            g_array_append_val(xy, px);
            g_array_append_val(xy, py);
            break;
        }
        g_array_append_val(xy, X[k]);
        g_array_append_val(xy, Y[k]);
    }
    if (X != vx) {
        g_free(X);
        g_free(Y);
    }
    return (xy->len - n0) / 2;
}
