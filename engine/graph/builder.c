/* Graph builder: self-loops, strongly connected components, degree-2 chain
 * contraction, Hilbert renumbering and CSR packing.
 *
 * Written by hand: GLib has no graph algorithms, and igraph is not among the
 * project's dependencies; the passes below are linear and work on flat
 * arrays, which keeps building Malta or a French region fast and small.
 */
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "graph/builder.h"

typedef struct {
    uint32_t u, v;
    uint32_t geom_first, geom_count; /* into b->gx/gy (chain output: c->gx) */
    double time_s, dist_m;
    uint8_t oneway;
} bedge;

struct ga_graph_builder {
    char *crs, *profile;
    GArray *x, *y;    /* double, metres */
    GArray *edges;    /* bedge */
    GArray *gx, *gy;  /* double, intermediate vertices */
    uint32_t *node_map; /* after finish: builder node -> graph node */
    uint32_t node_map_len;
    uint8_t sha[32];
};

ga_graph_builder *ga_graph_builder_new(const char *crs, const char *profile) {
    ga_graph_builder *b = ga_try_new0(ga_graph_builder, 1);
    if (!b) return NULL;
    b->crs = ga_try_strdup(crs ? crs : "");
    b->profile = ga_try_strdup(profile ? profile : "");
    if (!b->crs || !b->profile) {
        g_free(b->crs);
        g_free(b->profile);
        g_free(b);
        return NULL;
    }
    b->x = g_array_new(FALSE, FALSE, sizeof(double));
    b->y = g_array_new(FALSE, FALSE, sizeof(double));
    b->edges = g_array_new(FALSE, FALSE, sizeof(bedge));
    b->gx = g_array_new(FALSE, FALSE, sizeof(double));
    b->gy = g_array_new(FALSE, FALSE, sizeof(double));
    return b;
}

void ga_graph_builder_free(ga_graph_builder *b) {
    if (!b) return;
    g_free(b->crs);
    g_free(b->profile);
    g_array_free(b->x, TRUE);
    g_array_free(b->y, TRUE);
    g_array_free(b->edges, TRUE);
    g_array_free(b->gx, TRUE);
    g_array_free(b->gy, TRUE);
    g_free(b->node_map);
    g_free(b);
}

uint32_t ga_graph_builder_add_node(ga_graph_builder *b, double x, double y) {
    g_array_append_val(b->x, x);
    g_array_append_val(b->y, y);
    return b->x->len - 1;
}

uint32_t ga_graph_builder_node_count(const ga_graph_builder *b) { return b->x->len; }
size_t ga_graph_builder_edge_count(const ga_graph_builder *b) { return b->edges->len; }

void ga_graph_builder_set_source_sha256(ga_graph_builder *b, const uint8_t sha256[32]) {
    memcpy(b->sha, sha256, 32);
}

#define BX(b, i) g_array_index((b)->x, double, (i))
#define BY(b, i) g_array_index((b)->y, double, (i))

void ga_graph_builder_add_edge(ga_graph_builder *b, uint32_t from, uint32_t to,
                               double time_s, double dist_m, bool oneway,
                               const double *xy, size_t n_vertices) {
    bedge e = {.u = from, .v = to, .geom_first = b->gx->len,
               .geom_count = (uint32_t)n_vertices, .time_s = time_s,
               .dist_m = dist_m, .oneway = oneway};
    for (size_t i = 0; i < n_vertices; i++) {
        g_array_append_val(b->gx, xy[2 * i]);
        g_array_append_val(b->gy, xy[2 * i + 1]);
    }
    if (dist_m < 0 && from < b->x->len && to < b->x->len) {
        double px = BX(b, from), py = BY(b, from), d = 0;
        for (size_t i = 0; i <= n_vertices; i++) {
            double qx = i < n_vertices ? xy[2 * i] : BX(b, to);
            double qy = i < n_vertices ? xy[2 * i + 1] : BY(b, to);
            d += hypot(qx - px, qy - py);
            px = qx;
            py = qy;
        }
        e.dist_m = d;
    }
    g_array_append_val(b->edges, e);
}

/* ---- strongly connected components (iterative Tarjan) ---- */

/* Directed CSR over builder nodes from the edge list; false when memory
 * runs out (nothing taken). */
static bool directed_csr(uint32_t n, const bedge *E, size_t m, const bool *edge_alive,
                         uint32_t **first_out, uint32_t **head) {
    uint32_t *fo = ga_try_new0(uint32_t, (size_t)n + 1);
    if (!fo) return false;
    for (size_t i = 0; i < m; i++) {
        if (!edge_alive[i]) continue;
        fo[E[i].u + 1]++;
        if (!E[i].oneway) fo[E[i].v + 1]++;
    }
    for (uint32_t v = 0; v < n; v++) fo[v + 1] += fo[v];
    uint32_t *pos = ga_try_new(uint32_t, n ? n : 1);
    uint32_t *hd = ga_try_new(uint32_t, fo[n] ? fo[n] : 1);
    if (!pos || !hd) {
        g_free(pos);
        g_free(hd);
        g_free(fo);
        return false;
    }
    memcpy(pos, fo, sizeof(uint32_t) * n);
    for (size_t i = 0; i < m; i++) {
        if (!edge_alive[i]) continue;
        hd[pos[E[i].u]++] = E[i].v;
        if (!E[i].oneway) hd[pos[E[i].v]++] = E[i].u;
    }
    g_free(pos);
    *first_out = fo;
    *head = hd;
    return true;
}

/* comp[v] = component id; returns the number of components, 0 when memory
 * runs out (n > 0). */
static uint32_t tarjan(uint32_t n, const uint32_t *fo, const uint32_t *hd, uint32_t *comp) {
    const uint32_t UNVIS = UINT32_MAX;
    uint32_t *index = ga_try_new(uint32_t, n), *low = ga_try_new(uint32_t, n);
    bool *on = ga_try_new0(bool, n);
    uint32_t *stack = ga_try_new(uint32_t, n), sp = 0;
    uint32_t *cv = ga_try_new(uint32_t, n), *cpos = ga_try_new(uint32_t, n), csp = 0;
    uint32_t idx = 0, ncomp = 0;
    if (!index || !low || !on || !stack || !cv || !cpos) n = 0; /* out of memory: 0 components */
    for (uint32_t v = 0; v < n; v++) index[v] = UNVIS;
    for (uint32_t s = 0; s < n; s++) {
        if (index[s] != UNVIS) continue;
        index[s] = low[s] = idx++;
        stack[sp++] = s;
        on[s] = true;
        cv[csp] = s;
        cpos[csp++] = fo[s];
        while (csp) {
            uint32_t v = cv[csp - 1];
            if (cpos[csp - 1] < fo[v + 1]) {
                uint32_t w = hd[cpos[csp - 1]++];
                if (index[w] == UNVIS) {
                    index[w] = low[w] = idx++;
                    stack[sp++] = w;
                    on[w] = true;
                    cv[csp] = w;
                    cpos[csp++] = fo[w];
                } else if (on[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
            } else {
                csp--;
                if (low[v] == index[v]) {
                    uint32_t w;
                    do {
                        w = stack[--sp];
                        on[w] = false;
                        comp[w] = ncomp;
                    } while (w != v);
                    ncomp++;
                }
                if (csp) {
                    uint32_t u = cv[csp - 1];
                    if (low[v] < low[u]) low[u] = low[v];
                }
            }
        }
    }
    g_free(index);
    g_free(low);
    g_free(on);
    g_free(stack);
    g_free(cv);
    g_free(cpos);
    return ncomp;
}

uint32_t ga_graph_scc(uint32_t n, const uint32_t *first_out, const uint32_t *head, uint32_t *comp) {
    return n ? tarjan(n, first_out, head, comp) : 0;
}

/* ---- Hilbert curve ---- */

static uint64_t hilbert_d(uint32_t order_bits, uint32_t x, uint32_t y) {
    uint64_t d = 0;
    for (uint32_t s = 1u << (order_bits - 1); s > 0; s >>= 1) {
        uint32_t rx = (x & s) > 0, ry = (y & s) > 0;
        d += (uint64_t)s * s * ((3 * rx) ^ ry);
        if (ry == 0) {
            if (rx == 1) {
                x = s - 1 - x;
                y = s - 1 - y;
            }
            uint32_t t = x;
            x = y;
            y = t;
        }
    }
    return d;
}

typedef struct {
    uint64_t key;
    uint32_t node;
} sort_key;

static int cmp_sort_key(const void *a, const void *b) {
    const sort_key *p = a, *q = b;
    if (p->key != q->key) return p->key < q->key ? -1 : 1;
    return p->node < q->node ? -1 : p->node > q->node;
}

/* ---- arcs ---- */

typedef struct {
    uint32_t from, to;
    uint32_t time_ds, dist_dm;
    uint32_t geom_first, geom_count;
    uint8_t reversed; /* geometry to be read backwards */
    uint32_t seq;     /* tie-break: order of creation */
} barc;

static int cmp_barc(const void *a, const void *b) {
    const barc *p = a, *q = b;
    if (p->from != q->from) return p->from < q->from ? -1 : 1;
    if (p->to != q->to) return p->to < q->to ? -1 : 1;
    if (p->time_ds != q->time_ds) return p->time_ds < q->time_ds ? -1 : 1;
    if (p->dist_dm != q->dist_dm) return p->dist_dm < q->dist_dm ? -1 : 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

static uint32_t round_weight(double v) {
    double r = nearbyint(v * 10.0);
    if (!(r >= 0)) return 0;
    if (r >= (double)(GA_WEIGHT_INF - 1)) return GA_WEIGHT_INF - 1;
    return (uint32_t)r;
}

static bool to_cm(double m, int32_t *out) {
    double r = nearbyint(m * 100.0);
    if (!(r > (double)INT32_MIN && r < (double)INT32_MAX)) return false;
    *out = (int32_t)r;
    return true;
}

void ga_graph_free(ga_graph *g) {
    if (!g) return;
    if (g->mapping) {
        munmap(g->mapping, g->mapping_size);
    } else {
        g_free(g->first_out);
        g_free(g->head);
        g_free(g->time_ds);
        g_free(g->dist_dm);
        g_free(g->x_cm);
        g_free(g->y_cm);
        g_free(g->geom_first);
        g_free(g->geom_x_cm);
        g_free(g->geom_y_cm);
    }
    g_free(g->crs);
    g_free(g->profile);
    g_free(g);
}

/* Contraction: chains between kept nodes. Output edges in `out`, geometry in
 * ox/oy. */
typedef struct {
    GArray *edges; /* bedge */
    GArray *gx, *gy;
} chains;

static uint32_t other_end(const bedge *e, uint32_t v) { return e->u == v ? e->v : e->u; }

ga_status ga_graph_builder_finish(ga_ctx *ctx, ga_graph_builder *b,
                                  const ga_graph_build_options *opts,
                                  ga_graph **out) {
    static const ga_graph_build_options defaults = {0};
    if (!opts) opts = &defaults;
    const uint32_t n = b->x->len;
    const size_t m = b->edges->len;
    const bedge *E = (const bedge *)b->edges->data;
    const double *GX = (const double *)b->gx->data, *GY = (const double *)b->gy->data;

    for (size_t i = 0; i < m; i++)
        if (E[i].u >= n || E[i].v >= n)
            return ga_fail(ctx, GA_ERR_ARG,
                           "graph builder: edge %zu joins node %u to node %u, "
                           "but there are %u nodes", i, E[i].u, E[i].v, n);
    if (m > UINT32_MAX / 2)
        return ga_fail(ctx, GA_ERR_ARG, "graph builder: too many edges (%zu)", m);

    /* taken below, freed at `done` (out of memory: `nomem`) */
    ga_status st = GA_OK;
    bool *edge_alive = NULL, *node_alive = NULL, *kept = NULL, *used = NULL;
    uint32_t *inc_first = NULL, *inc = NULL;
    chains ch = {NULL, NULL, NULL};
    GArray *walked = NULL;
    barc *A = NULL;
    ga_graph *g = NULL;

    /* 1. self-loops */
    edge_alive = ga_try_new(bool, m ? m : 1);
    node_alive = ga_try_new(bool, n ? n : 1);
    if (!edge_alive || !node_alive) goto nomem;
    for (size_t i = 0; i < m; i++) edge_alive[i] = E[i].u != E[i].v;

    /* 2. largest strongly connected component */
    uint32_t dropped_nodes = 0, dropped_components = 0;
    if (!opts->keep_all_components && n > 0) {
        uint32_t *fo = NULL, *hd = NULL, *comp = ga_try_new(uint32_t, n);
        if (!comp || !directed_csr(n, E, m, edge_alive, &fo, &hd)) {
            g_free(comp);
            goto nomem;
        }
        uint32_t nc = tarjan(n, fo, hd, comp);
        g_free(fo);
        g_free(hd);
        uint32_t *size = nc ? ga_try_new0(uint32_t, nc) : NULL;
        uint32_t *first = nc ? ga_try_new(uint32_t, nc) : NULL;
        if (!size || !first) {
            g_free(size);
            g_free(first);
            g_free(comp);
            goto nomem;
        }
        for (uint32_t c = 0; c < nc; c++) first[c] = UINT32_MAX;
        for (uint32_t v = 0; v < n; v++) {
            size[comp[v]]++;
            if (first[comp[v]] == UINT32_MAX) first[comp[v]] = v;
        }
        uint32_t best = 0;
        for (uint32_t c = 1; c < nc; c++)
            if (size[c] > size[best] || (size[c] == size[best] && first[c] < first[best]))
                best = c;
        for (uint32_t v = 0; v < n; v++) {
            node_alive[v] = comp[v] == best;
            if (!node_alive[v]) dropped_nodes++;
        }
        dropped_components = nc - 1;
        for (size_t i = 0; i < m; i++)
            if (edge_alive[i] && (!node_alive[E[i].u] || !node_alive[E[i].v]))
                edge_alive[i] = false;
        uint32_t second = 0;
        for (uint32_t c = 0; c < nc; c++)
            if (c != best && size[c] > second) second = size[c];
        if (dropped_nodes)
            ga_warn(ctx, "road graph: dropped %u node(s) in %u component(s) not "
                    "strongly connected to the largest one (%u nodes kept; the largest "
                    "dropped component has %u)",
                    dropped_nodes, dropped_components, size[best], second);
        g_free(size);
        g_free(first);
        g_free(comp);
    } else {
        for (uint32_t v = 0; v < n; v++) node_alive[v] = true;
    }

    /* incidence lists (undirected) of live edges */
    if (!(inc_first = ga_try_new0(uint32_t, (size_t)n + 1))) goto nomem;
    for (size_t i = 0; i < m; i++) {
        if (!edge_alive[i]) continue;
        inc_first[E[i].u + 1]++;
        inc_first[E[i].v + 1]++;
    }
    for (uint32_t v = 0; v < n; v++) inc_first[v + 1] += inc_first[v];
    if (!(inc = ga_try_new(uint32_t, inc_first[n] ? inc_first[n] : 1))) goto nomem;
    {
        uint32_t *pos = ga_try_new(uint32_t, (size_t)n + 1);
        if (!pos) goto nomem;
        memcpy(pos, inc_first, sizeof(uint32_t) * ((size_t)n + 1));
        for (size_t i = 0; i < m; i++) {
            if (!edge_alive[i]) continue;
            inc[pos[E[i].u]++] = (uint32_t)i;
            inc[pos[E[i].v]++] = (uint32_t)i;
        }
        g_free(pos);
    }

    /* 3. contraction */
    if (!(kept = ga_try_new(bool, n ? n : 1))) goto nomem; /* node survives as a graph node */
    for (uint32_t v = 0; v < n; v++) {
        uint32_t deg = inc_first[v + 1] - inc_first[v];
        /* isolated nodes stay only when the caller keeps every component */
        bool keep = node_alive[v] && (deg > 0 || opts->keep_all_components);
        if (keep && !opts->no_contraction && deg == 2) {
            const bedge *a = &E[inc[inc_first[v]]], *c = &E[inc[inc_first[v] + 1]];
            if (a != c) {
                if (!a->oneway && !c->oneway) keep = false;
                else if (a->oneway && c->oneway &&
                         ((a->v == v) != (c->v == v)))
                    keep = false; /* one enters, one leaves */
            }
        }
        kept[v] = keep;
    }

    ch = (chains){g_array_new(FALSE, FALSE, sizeof(bedge)),
                  g_array_new(FALSE, FALSE, sizeof(double)),
                  g_array_new(FALSE, FALSE, sizeof(double))};
    if (!(used = ga_try_new0(bool, m ? m : 1))) goto nomem;
    walked = g_array_new(FALSE, FALSE, sizeof(uint32_t)); /* edges of a chain */
    double road_m = 0;
    /* Walk from kept node s along edge e0 to the next kept node. */
#define APPEND_GEOM(px, py)                                                      \
    do {                                                                         \
        double px_ = (px), py_ = (py);                                           \
        g_array_append_val(ch.gx, px_);                                          \
        g_array_append_val(ch.gy, py_);                                          \
    } while (0)
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t s0 = 0; s0 < n; s0++) {
            if (pass == 0 && !kept[s0]) continue;
            for (uint32_t k = inc_first[s0]; k < inc_first[s0 + 1]; k++) {
                uint32_t e0 = inc[k];
                if (used[e0]) continue;
                if (pass == 1) { /* a cycle of degree-2 nodes: keep two of them */
                    kept[s0] = true;
                    kept[other_end(&E[e0], s0)] = true;
                }
                bedge c = {.u = s0, .geom_first = ch.gx->len};
                uint32_t cur = s0, e = e0, first_mid = GA_NODE_NONE;
                bool first_edge = true;
                g_array_set_size(walked, 0);
                for (;;) {
                    const bedge *ed = &E[e];
                    used[e] = true;
                    g_array_append_val(walked, e);
                    bool fwd = ed->u == cur;
                    if (first_edge) {
                        c.oneway = ed->oneway ? (fwd ? 1 : 2) : 0;
                        first_edge = false;
                    }
                    c.time_s += ed->time_s;
                    c.dist_m += ed->dist_m;
                    for (uint32_t j = 0; j < ed->geom_count; j++) {
                        uint32_t gi = fwd ? ed->geom_first + j
                                          : ed->geom_first + ed->geom_count - 1 - j;
                        APPEND_GEOM(GX[gi], GY[gi]);
                    }
                    uint32_t nx = other_end(ed, cur);
                    if (kept[nx]) {
                        c.v = nx;
                        break;
                    }
                    APPEND_GEOM(BX(b, nx), BY(b, nx));
                    if (first_mid == GA_NODE_NONE) first_mid = nx;
                    uint32_t a0 = inc[inc_first[nx]], a1 = inc[inc_first[nx] + 1];
                    e = a0 == e ? a1 : a0;
                    cur = nx;
                    if (used[e]) { /* cannot happen: kept[] closes cycles */
                        c.v = nx;
                        kept[nx] = true;
                        break;
                    }
                }
                c.geom_count = ch.gx->len - c.geom_first;
                if (c.u == c.v) {
                    g_array_set_size(ch.gx, c.geom_first);
                    g_array_set_size(ch.gy, c.geom_first);
                    if (first_mid == GA_NODE_NONE) continue; /* cannot happen: no self-loops */
                    /* A chain back to its start (a loop street hanging from one
                     * junction): as one arc u -> u it would be useless for
                     * routing and its road lost to snapping, so its first
                     * inner node is kept and the loop walked again: two arcs. */
                    kept[first_mid] = true;
                    for (guint j = 0; j < walked->len; j++)
                        used[g_array_index(walked, uint32_t, j)] = false;
                    k--; /* the same edge again (unsigned wrap is undone by k++) */
                    continue;
                }
                road_m += c.dist_m;
                g_array_append_val(ch.edges, c);
            }
        }
    }
#undef APPEND_GEOM
    g_array_free(walked, TRUE);
    walked = NULL;
    g_clear_pointer(&used, g_free);
    g_clear_pointer(&inc, g_free);
    g_clear_pointer(&inc_first, g_free);
    g_clear_pointer(&edge_alive, g_free);

    /* 4. numbering */
    uint32_t nk = 0;
    for (uint32_t v = 0; v < n; v++) nk += kept[v];
    g_free(b->node_map);
    b->node_map_len = 0;
    if (!(b->node_map = ga_try_new(uint32_t, n ? n : 1))) goto nomem;
    b->node_map_len = n;
    for (uint32_t v = 0; v < n; v++) b->node_map[v] = GA_NODE_NONE;
    {
        sort_key *keys = ga_try_new(sort_key, nk ? nk : 1);
        if (!keys) goto nomem;
        double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
        for (uint32_t v = 0; v < n; v++) {
            if (!kept[v]) continue;
            minx = fmin(minx, BX(b, v));
            maxx = fmax(maxx, BX(b, v));
            miny = fmin(miny, BY(b, v));
            maxy = fmax(maxy, BY(b, v));
        }
        double span = fmax(maxx - minx, maxy - miny);
        double scale = span > 0 ? 65535.0 / span : 0;
        uint32_t k = 0;
        for (uint32_t v = 0; v < n; v++) {
            if (!kept[v]) continue;
            keys[k].node = v;
            if (opts->no_renumbering) keys[k].key = 0;
            else
                keys[k].key = hilbert_d(16, (uint32_t)((BX(b, v) - minx) * scale),
                                        (uint32_t)((BY(b, v) - miny) * scale));
            k++;
        }
        if (!opts->no_renumbering) qsort(keys, nk, sizeof *keys, cmp_sort_key);
        for (uint32_t i = 0; i < nk; i++) b->node_map[keys[i].node] = i;
        g_free(keys);
    }

    /* 5. arcs and CSR */
    const bedge *C = (const bedge *)ch.edges->data;
    size_t nc = ch.edges->len;
    size_t na = 0;
    for (size_t i = 0; i < nc; i++) na += C[i].oneway ? 1 : 2;
    if (na >= GA_NODE_NONE) {
        st = ga_fail(ctx, GA_ERR_ARG, "graph builder: too many arcs (%zu)", na);
        goto done;
    }
    if (!(A = ga_try_new(barc, na ? na : 1))) goto nomem;
    size_t k = 0;
    uint64_t geom_total = 0;
    for (size_t i = 0; i < nc; i++) {
        uint32_t u = b->node_map[C[i].u], v = b->node_map[C[i].v];
        barc a = {.time_ds = round_weight(C[i].time_s), .dist_dm = round_weight(C[i].dist_m),
                  .geom_first = C[i].geom_first, .geom_count = C[i].geom_count};
        if (C[i].oneway != 2) {
            a.from = u;
            a.to = v;
            a.reversed = 0;
            a.seq = (uint32_t)k;
            A[k++] = a;
            geom_total += a.geom_count;
        }
        if (C[i].oneway != 1) {
            a.from = v;
            a.to = u;
            a.reversed = 1;
            a.seq = (uint32_t)k;
            A[k++] = a;
            geom_total += a.geom_count;
        }
    }
    if (geom_total >= UINT32_MAX) {
        st = ga_fail(ctx, GA_ERR_ARG, "graph builder: too many geometry vertices");
        goto done;
    }
    qsort(A, na, sizeof *A, cmp_barc);

    if (!(g = ga_try_new0(ga_graph, 1))) goto nomem;
    g->n_nodes = nk;
    g->n_arcs = (uint32_t)na;
    g->first_out = ga_try_new0(uint32_t, (size_t)nk + 1);
    g->head = ga_try_new(uint32_t, na ? na : 1);
    g->time_ds = ga_try_new(uint32_t, na ? na : 1);
    g->dist_dm = ga_try_new(uint32_t, na ? na : 1);
    g->x_cm = ga_try_new(int32_t, nk ? nk : 1);
    g->y_cm = ga_try_new(int32_t, nk ? nk : 1);
    g->geom_first = ga_try_new(uint32_t, na + 1);
    g->geom_x_cm = ga_try_new(int32_t, geom_total ? geom_total : 1);
    g->geom_y_cm = ga_try_new(int32_t, geom_total ? geom_total : 1);
    g->crs = ga_try_strdup(b->crs);
    g->profile = ga_try_strdup(b->profile);
    if (!g->first_out || !g->head || !g->time_ds || !g->dist_dm || !g->x_cm || !g->y_cm ||
        !g->geom_first || !g->geom_x_cm || !g->geom_y_cm || !g->crs || !g->profile)
        goto nomem;
    g->road_length_dm = (uint64_t)nearbyint(road_m * 10.0);
    g->dropped_nodes = dropped_nodes;
    g->dropped_components = dropped_components;
    memcpy(g->source_sha256, b->sha, 32);
    const double *CX = (const double *)ch.gx->data, *CY = (const double *)ch.gy->data;
    bool range_ok = true;
    for (uint32_t v = 0; v < n; v++) {
        uint32_t w = b->node_map[v];
        if (w == GA_NODE_NONE) continue;
        range_ok &= to_cm(BX(b, v), &g->x_cm[w]) && to_cm(BY(b, v), &g->y_cm[w]);
    }
    uint32_t gpos = 0;
    for (size_t i = 0; i < na; i++) {
        g->first_out[A[i].from + 1]++;
        g->head[i] = A[i].to;
        g->time_ds[i] = A[i].time_ds;
        g->dist_dm[i] = A[i].dist_dm;
        g->geom_first[i] = gpos;
        for (uint32_t j = 0; j < A[i].geom_count; j++) {
            uint32_t s = A[i].reversed ? A[i].geom_first + A[i].geom_count - 1 - j
                                       : A[i].geom_first + j;
            range_ok &= to_cm(CX[s], &g->geom_x_cm[gpos]) && to_cm(CY[s], &g->geom_y_cm[gpos]);
            gpos++;
        }
    }
    g->geom_first[na] = gpos;
    for (uint32_t v = 0; v < nk; v++) g->first_out[v + 1] += g->first_out[v];
    if (!range_ok) {
        st = ga_fail(ctx, GA_ERR_CRS,
                     "graph builder: coordinates beyond +-21,474 km in CRS '%s' "
                     "(not a metric CRS?)", b->crs);
        goto done;
    }
    *out = g;
    g = NULL;
    goto done;
nomem:
    st = ga_nomem(ctx, "road graph");
done:
    ga_graph_free(g);
    g_free(A);
    if (walked) g_array_free(walked, TRUE);
    if (ch.edges) g_array_free(ch.edges, TRUE);
    if (ch.gx) g_array_free(ch.gx, TRUE);
    if (ch.gy) g_array_free(ch.gy, TRUE);
    g_free(used);
    g_free(inc);
    g_free(inc_first);
    g_free(edge_alive);
    g_free(kept);
    g_free(node_alive);
    return st;
}

uint32_t ga_graph_builder_graph_node(const ga_graph_builder *b, uint32_t id) {
    if (!b->node_map || id >= b->node_map_len) return GA_NODE_NONE;
    return b->node_map[id];
}
