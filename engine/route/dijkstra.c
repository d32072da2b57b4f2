/* Bounded one-to-many Dijkstra: see dijkstra.h. */
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "route/dijkstra.h"

bool ga_adj_build(const ga_graph *g, int metric, bool backward, ga_adj *out) {
    uint32_t n = g->n_nodes, m = g->n_arcs;
    const uint32_t *w = metric == 0 ? g->time_ds : g->dist_dm;
    ga_adj a = {.n_nodes = n, .n_arcs = m};
    a.first = g_try_new(uint32_t, (size_t)n + 1);
    a.arcs = g_try_new(ga_arcw, m ? m : 1);
    if (backward) a.arc_id = g_try_new(uint32_t, m ? m : 1);
    if (!a.first || !a.arcs || (backward && !a.arc_id)) {
        ga_adj_clear(&a);
        return false;
    }
    if (!backward) {
        memcpy(a.first, g->first_out, ((size_t)n + 1) * sizeof *a.first);
        for (uint32_t e = 0; e < m; e++) a.arcs[e] = (ga_arcw){g->head[e], w[e]};
        for (uint32_t e = 0; e < m; e++)
            if (w[e] > a.max_w) a.max_w = w[e];
    } else {
        /* counting sort of the arcs by head; arcs into v keep the order of
         * their tails (stable), so the layout is deterministic */
        memset(a.first, 0, ((size_t)n + 1) * sizeof *a.first);
        for (uint32_t e = 0; e < m; e++) a.first[g->head[e] + 1]++;
        for (uint32_t v = 0; v < n; v++) a.first[v + 1] += a.first[v];
        uint32_t *fill = g_new(uint32_t, n ? n : 1);
        memcpy(fill, a.first, (size_t)n * sizeof *fill);
        for (uint32_t u = 0; u < n; u++)
            for (uint32_t e = g->first_out[u]; e < g->first_out[u + 1]; e++) {
                uint32_t k = fill[g->head[e]]++;
                a.arcs[k] = (ga_arcw){u, w[e]};
                a.arc_id[k] = e;
                if (w[e] > a.max_w) a.max_w = w[e];
            }
        g_free(fill);
    }
    *out = a;
    return true;
}

void ga_adj_clear(ga_adj *a) {
    g_free(a->first);
    g_free(a->arcs);
    g_free(a->arc_id);
    memset(a, 0, sizeof *a);
}

ga_search *ga_search_new(uint32_t n_nodes) {
    ga_search *s = g_try_new0(ga_search, 1);
    if (!s) return NULL;
    s->n_nodes = n_nodes;
    s->queue = GA_QUEUE_DEFAULT;
    size_t n = n_nodes ? n_nodes : 1;
    s->st = g_try_new0(ga_node_state, n);
    s->heap.items = g_try_new(ga_heap_item, n);
    s->settled = g_try_new(uint32_t, n);
    if (!s->st || !s->heap.items || !s->settled) {
        ga_search_free(s);
        return NULL;
    }
    return s;
}

void ga_search_free(ga_search *s) {
    if (!s) return;
    g_free(s->st);
    g_free(s->heap.items);
    g_free(s->settled);
    ga_radix_clear(&s->radix);
    g_free(s->bhead);
    g_free(s->bstamp);
    g_free(s->prev);
    g_free(s);
}

#define POS_ARGS &s->st[0].pos, sizeof(ga_node_state)

/* O(1) reset: a new stamp; on wrap-around (every 2^32 - 1 queries) clear */
static void new_query(ga_search *s) {
    if (++s->cur == 0) {
        for (uint32_t v = 0; v < s->n_nodes; v++) s->st[v].stamp = 0;
        s->cur = 1;
    }
    s->n_settled = 0;
}

static uint32_t run_radix(ga_search *s, const ga_adj *adj, const ga_seed *seeds, size_t n_seeds,
                          uint32_t bound, const uint8_t *target_mark, uint32_t n_target_nodes) {
    new_query(s);
    const uint32_t cur = s->cur;
    ga_node_state *st = s->st;
    ga_radix *h = &s->radix;
    ga_radix_reset(h);
    for (size_t i = 0; i < n_seeds; i++) {
        uint32_t v = seeds[i].node, d = seeds[i].dist;
        if (d > bound) continue;
        ga_node_state *x = &st[v];
        if (x->stamp != cur || d < x->dist) {
            x->stamp = cur;
            x->dist = d;
            x->pos = 0;
            ga_radix_push(h, v, d);
        }
    }
    const uint32_t *first = adj->first;
    const ga_arcw *arcs = adj->arcs;
    uint32_t hits = 0;
    bool stop_at_targets = target_mark && n_target_nodes;
    while (h->size) {
        ga_heap_item it = ga_radix_pop(h);
        uint32_t u = it.node, du = it.key;
        ga_node_state *xu = &st[u];
        if (xu->pos == GA_SETTLED || du != xu->dist) continue; /* stale entry */
        xu->pos = GA_SETTLED;
        s->settled[s->n_settled++] = u;
        if (stop_at_targets && target_mark[u] && ++hits == n_target_nodes) break;
        for (uint32_t e = first[u], end = first[u + 1]; e < end; e++) {
            uint32_t v = arcs[e].head, d = du + arcs[e].w;
            if (d > bound) continue;
            ga_node_state *x = &st[v];
            if (x->stamp != cur) {
                x->stamp = cur;
                x->dist = d;
                x->pos = 0;
                ga_radix_push(h, v, d);
            } else if (d < x->dist) {
                x->dist = d;
                ga_radix_push(h, v, d);
            }
        }
    }
    return s->n_settled;
}

#define DIAL_MAX_BUCKETS (1u << 23)
/* end of a bucket list: not GA_SETTLED (UINT32_MAX), which marks settled
 * nodes in the same field */
#define DIAL_NIL (UINT32_MAX - 1)

/* Dial's bucket queue (see dijkstra.h); false when it cannot be used. */
static bool run_dial(ga_search *s, const ga_adj *adj, const ga_seed *seeds, size_t n_seeds,
                     uint32_t bound, const uint8_t *target_mark, uint32_t n_target_nodes,
                     uint32_t *n_settled) {
    uint32_t nb = 1;
    while (nb <= adj->max_w && nb < DIAL_MAX_BUCKETS) nb <<= 1;
    if (nb <= adj->max_w) return false;
    uint32_t lo = UINT32_MAX, hi = 0;
    for (size_t i = 0; i < n_seeds; i++) {
        if (seeds[i].dist > bound) continue;
        if (seeds[i].dist < lo) lo = seeds[i].dist;
        if (seeds[i].dist > hi) hi = seeds[i].dist;
    }
    if (lo != UINT32_MAX && hi - lo >= nb) return false;
    if (nb > s->n_buckets) {
        g_free(s->bhead);
        g_free(s->bstamp);
        s->bhead = g_try_new(uint32_t, nb);
        s->bstamp = g_try_new0(uint32_t, nb);
        if (!s->prev) s->prev = g_try_new(uint32_t, s->n_nodes ? s->n_nodes : 1);
        if (!s->bhead || !s->bstamp || !s->prev) {
            g_free(s->bhead);
            g_free(s->bstamp);
            s->bhead = s->bstamp = NULL;
            s->n_buckets = 0;
            return false;
        }
        s->n_buckets = nb;
        /* bucket stamps start at 0: make sure no query has stamp 0 */
    }
    new_query(s);
    const uint32_t cur = s->cur;
    if (cur == 1) memset(s->bstamp, 0, (size_t)s->n_buckets * sizeof *s->bstamp); /* wrapped */
    const uint32_t mask = nb - 1;
    ga_node_state *st = s->st;
    uint32_t *bhead = s->bhead, *bstamp = s->bstamp, *prev = s->prev;
    uint32_t count = 0;
#define BHEAD(b) (bstamp[b] == cur ? bhead[b] : DIAL_NIL)
#define DIAL_INSERT(v, d)                                                                          \
    do {                                                                                           \
        uint32_t b_ = (d)&mask, h_ = BHEAD(b_);                                                    \
        st[v].pos = h_;                                                                            \
        prev[v] = DIAL_NIL;                                                                    \
        if (h_ != DIAL_NIL) prev[h_] = (v);                                                    \
        bhead[b_] = (v);                                                                           \
        bstamp[b_] = cur;                                                                          \
        count++;                                                                                   \
    } while (0)
#define DIAL_REMOVE(v)                                                                             \
    do {                                                                                           \
        uint32_t b_ = st[v].dist & mask, n_ = st[v].pos, p_ = prev[v];                            \
        if (p_ != DIAL_NIL) st[p_].pos = n_;                                                   \
        else bhead[b_] = n_;                                                                       \
        if (n_ != DIAL_NIL) prev[n_] = p_;                                                     \
        count--;                                                                                   \
    } while (0)
    for (size_t i = 0; i < n_seeds; i++) {
        uint32_t v = seeds[i].node, d = seeds[i].dist;
        if (d > bound) continue;
        ga_node_state *x = &st[v];
        if (x->stamp != cur) {
            x->stamp = cur;
            x->dist = d;
            DIAL_INSERT(v, d);
        } else if (d < x->dist) {
            DIAL_REMOVE(v);
            x->dist = d;
            DIAL_INSERT(v, d);
        }
    }
    const uint32_t *first = adj->first;
    const ga_arcw *arcs = adj->arcs;
    uint32_t hits = 0, key = lo;
    bool stop_at_targets = target_mark && n_target_nodes;
    while (count) {
        uint32_t u;
        while ((u = BHEAD(key & mask)) == DIAL_NIL) key++;
        /* pop the head of the bucket: every node in it costs `key` */
        uint32_t nx = st[u].pos;
        bhead[key & mask] = nx;
        if (nx != DIAL_NIL) prev[nx] = DIAL_NIL;
        count--;
        const uint32_t du = key;
        st[u].pos = GA_SETTLED;
        s->settled[s->n_settled++] = u;
        if (stop_at_targets && target_mark[u] && ++hits == n_target_nodes) break;
        for (uint32_t e = first[u], end = first[u + 1]; e < end; e++) {
            uint32_t v = arcs[e].head, d = du + arcs[e].w;
            if (d > bound) continue;
            ga_node_state *x = &st[v];
            if (x->stamp != cur) {
                x->stamp = cur;
                x->dist = d;
                DIAL_INSERT(v, d);
            } else if (d < x->dist && x->pos != GA_SETTLED) {
                DIAL_REMOVE(v);
                x->dist = d;
                DIAL_INSERT(v, d);
            }
        }
    }
#undef BHEAD
#undef DIAL_INSERT
#undef DIAL_REMOVE
    *n_settled = s->n_settled;
    return true;
}

uint32_t ga_search_run(ga_search *s, const ga_adj *adj, const ga_seed *seeds, size_t n_seeds,
                       uint32_t bound, const uint8_t *target_mark, uint32_t n_target_nodes) {
    if (bound >= GA_WEIGHT_INF) bound = GA_WEIGHT_INF - 1;
    if (s->queue == GA_QUEUE_DIAL) {
        uint32_t n;
        if (run_dial(s, adj, seeds, n_seeds, bound, target_mark, n_target_nodes, &n)) return n;
        return run_radix(s, adj, seeds, n_seeds, bound, target_mark, n_target_nodes);
    }
    if (s->queue == GA_QUEUE_RADIX)
        return run_radix(s, adj, seeds, n_seeds, bound, target_mark, n_target_nodes);
    new_query(s);
    const uint32_t cur = s->cur;
    ga_node_state *st = s->st;
    ga_heap *h = &s->heap;
    h->size = 0;
    for (size_t i = 0; i < n_seeds; i++) {
        uint32_t v = seeds[i].node, d = seeds[i].dist;
        if (d > bound) continue;
        ga_node_state *x = &st[v];
        if (x->stamp != cur) {
            x->stamp = cur;
            x->dist = d;
            ga_heap_push(h, v, d, POS_ARGS);
        } else if (d < x->dist) {
            x->dist = d;
            ga_heap_decrease(h, x->pos, d, POS_ARGS);
        }
    }
    const uint32_t *first = adj->first;
    const ga_arcw *arcs = adj->arcs;
    uint32_t hits = 0;
    bool stop_at_targets = target_mark && n_target_nodes;
    while (h->size) {
        ga_heap_item it = ga_heap_pop(h, POS_ARGS);
        uint32_t u = it.node, du = it.key;
        st[u].pos = GA_SETTLED;
        s->settled[s->n_settled++] = u;
        if (stop_at_targets && target_mark[u] && ++hits == n_target_nodes) break;
        for (uint32_t e = first[u], end = first[u + 1]; e < end; e++) {
            uint32_t v = arcs[e].head, d = du + arcs[e].w;
            if (d > bound) continue;
            ga_node_state *x = &st[v];
            if (x->stamp != cur) {
                x->stamp = cur;
                x->dist = d;
                ga_heap_push(h, v, d, POS_ARGS);
            } else if (d < x->dist && x->pos != GA_SETTLED) {
                x->dist = d;
                ga_heap_decrease(h, x->pos, d, POS_ARGS);
            }
        }
    }
    return s->n_settled;
}
