/* Bounded one-to-many Dijkstra: see dijkstra.h. */
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "core/alloc.h"
#include "route/dijkstra.h"

bool ga_adj_build(const ga_graph *g, int metric, bool backward, ga_adj *out) {
    uint32_t n = g->n_nodes, m = g->n_arcs;
    const uint32_t *w = metric == 0 ? g->time_ds : g->dist_dm;
    ga_adj a = {.n_nodes = n, .n_arcs = m};
    a.first = g_try_new(uint32_t, (size_t)n + 1);
    a.arcs = g_try_new(ga_arcw, m ? m : 1);
    if (!a.first || !a.arcs) {
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
                if (w[e] > a.max_w) a.max_w = w[e];
            }
        g_free(fill);
    }
    *out = a;
    return true;
}

uint32_t ga_adj_forward_arc(const ga_graph *g, const ga_adj *bw, uint32_t v, uint32_t k) {
    /* the arcs into v keep the order of their tails and, for one tail u, the
     * order of u's arcs: entry k is the j-th arc u -> v of u, where j counts
     * the entries before k from the same tail */
    const uint32_t u = bw->arcs[k].head;
    uint32_t j = 0;
    for (uint32_t i = k; i-- > bw->first[v] && bw->arcs[i].head == u;) j++;
    for (uint32_t e = g->first_out[u]; e < g->first_out[u + 1]; e++)
        if (g->head[e] == v && j-- == 0) return e;
    return GA_NODE_NONE; /* not reached for an adjacency built from g */
}

void ga_adj_clear(ga_adj *a) {
    g_free(a->first);
    g_free(a->arcs);
    memset(a, 0, sizeof *a);
}

ga_search *ga_search_new(uint32_t n_nodes) {
    ga_search *s = g_try_new0(ga_search, 1);
    if (!s) return NULL;
    s->n_nodes = n_nodes;
    s->queue = GA_QUEUE_DEFAULT;
    size_t n = n_nodes ? n_nodes : 1;
    s->st = g_try_new0(ga_node_state, n);
    /* the 4-ary heap's slots and items (12 bytes a node) are allocated by
     * its first query (ga_search_heap_ready): Dial's queue, the default, never
     * touches them; the settled list (4 bytes a node) by its readers
     * (ga_search_settled_ready) */
    if (!s->st) {
        ga_search_free(s);
        return NULL;
    }
    return s;
}

void ga_search_free(ga_search *s) {
    if (!s) return;
    g_free(s->st);
    g_free(s->pos);
    g_free(s->heap.items);
    g_free(s->settled);
    ga_radix_clear(&s->radix);
    g_free(s->bhead);
    g_free(s->bbits);
    g_free(s->pool);
    g_free(s);
}

#define POS_ARGS s->pos, sizeof(uint32_t)

bool ga_search_heap_ready(ga_search *s) {
    if (s->pos && s->heap.items) return true;
    size_t n = s->n_nodes ? s->n_nodes : 1;
    if (!s->pos) s->pos = ga_try_new(uint32_t, n);
    if (!s->heap.items) s->heap.items = ga_try_new(ga_heap_item, n);
    return s->pos && s->heap.items;
}

bool ga_search_settled_ready(ga_search *s) {
    if (!s->settled) s->settled = ga_try_new(uint32_t, s->n_nodes ? s->n_nodes : 1);
    return s->settled != NULL;
}

size_t ga_search_bytes(const ga_search *s) {
    size_t n = s->n_nodes ? s->n_nodes : 1, b = sizeof *s;
    b += n * sizeof *s->st;
    if (s->settled) b += n * sizeof *s->settled;
    if (s->pos) b += n * sizeof *s->pos;
    if (s->heap.items) b += n * sizeof *s->heap.items;
    b += s->pool_cap * sizeof *s->pool;
    b += (size_t)s->n_buckets * sizeof *s->bhead + s->n_buckets / 64 * sizeof *s->bbits;
    for (int k = 0; k < GA_RADIX_BUCKETS; k++) b += (size_t)s->radix.b[k].cap * sizeof(ga_heap_item);
    return b;
}

/* After a search stopped early: a node still queued is not settled; its
 * stamp goes back to "not reached" so that ga_search_dist() and every reader
 * of the state see settled nodes only (cur - 1 is never the current stamp) */
static inline void unreach(ga_search *s, uint32_t v) {
    s->st[v].stamp = s->cur - 1;
}

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
    const uint32_t bound1 = bound + 1; /* bound < GA_WEIGHT_INF <= UINT32_MAX */
    for (size_t i = 0; i < n_seeds; i++) {
        uint32_t v = seeds[i].node, d = seeds[i].dist;
        if (d > bound) continue;
        ga_node_state *x = &st[v];
        if (x->stamp != cur || d < x->dist) {
            x->stamp = cur;
            x->dist = d;
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
        /* a node is pushed again only with a strictly lower cost, so its
         * newest entry is the only one whose key is its cost; older ones
         * come out later (higher keys), after it is settled */
        if (du != st[u].dist) continue;
        if (s->settled) s->settled[s->n_settled] = u;
        s->n_settled++;
        if (stop_at_targets && target_mark[u] && ++hits == n_target_nodes) {
            for (int b = 0; b < GA_RADIX_BUCKETS; b++)
                for (uint32_t k = 0; k < h->b[b].size; k++) {
                    ga_heap_item r = h->b[b].items[k];
                    if (st[r.node].dist == r.key) unreach(s, r.node); /* still queued */
                }
            break;
        }
        for (uint32_t e = first[u], end = first[u + 1]; e < end; e++) {
            uint32_t v = arcs[e].head, d = du + arcs[e].w;
            ga_node_state *x = &st[v];
            const uint32_t lim = x->stamp == cur ? x->dist : bound1;
            if (d < lim) {
                x->stamp = cur;
                x->dist = d;
                ga_radix_push(h, v, d);
            }
        }
    }
    return s->n_settled;
}

#define DIAL_MAX_BUCKETS (1u << 23)
#define DIAL_POOL_START (1u << 16)

static bool grow_pool(ga_search *s) {
    size_t cap = s->pool_cap * 2;
    if (cap > UINT32_MAX - 1) return false; /* entry indexes are 32-bit */
    ga_dial_entry *p = g_try_renew(ga_dial_entry, s->pool, cap);
    if (!p) return false;
    s->pool = p;
    s->pool_cap = cap;
    return true;
}
#define DIAL_NIL UINT32_MAX /* end of a bucket list */

/* Dial's bucket queue with lazy deletion (see dijkstra.h); false when it
 * cannot be used.
 *
 * A bucket is a singly linked list of entries (node, next) appended to a
 * per-query pool; a cheaper cost for a queued node appends a new entry and
 * leaves the old one, which is skipped when popped (its node is settled by
 * then: an older entry always costs more). Compared with doubly linked
 * lists through the nodes (decrease-key in place), a relaxation writes the
 * node's state, one pool entry (sequential) and one bucket head, and never
 * touches the state of the node previously at the head of the bucket.
 * Every queued entry costs within [key, key + max_w] of the cursor `key`,
 * and there are more buckets than max_w, so a bucket never holds two
 * costs. */
static bool run_dial(ga_search *s, const ga_adj *adj, const ga_seed *seeds, size_t n_seeds,
                     uint32_t bound, const uint8_t *target_mark, uint32_t n_target_nodes,
                     uint32_t *n_settled) {
    uint32_t nb = 1;
    while (nb <= adj->max_w && nb < DIAL_MAX_BUCKETS) nb <<= 1;
    if (nb <= adj->max_w) return false;
    if (nb < 64) nb = 64; /* at least one word of the occupancy bitmap */
    uint32_t lo = UINT32_MAX, hi = 0;
    for (size_t i = 0; i < n_seeds; i++) {
        if (seeds[i].dist > bound) continue;
        if (seeds[i].dist < lo) lo = seeds[i].dist;
        if (seeds[i].dist > hi) hi = seeds[i].dist;
    }
    if (lo != UINT32_MAX && hi - lo >= nb) return false;
    if (nb > s->n_buckets) {
        g_free(s->bhead);
        g_free(s->bbits);
        s->bhead = g_try_new(uint32_t, nb);
        s->bbits = g_try_new0(uint64_t, nb / 64);
        if (!s->bhead || !s->bbits) {
            g_clear_pointer(&s->bhead, g_free);
            g_clear_pointer(&s->bbits, g_free);
            s->n_buckets = 0;
            return false;
        }
        for (uint32_t b = 0; b < nb; b++) s->bhead[b] = DIAL_NIL;
        s->n_buckets = nb;
    }
    /* the pool: at most one entry per seed and per improving relaxation;
     * starts at DIAL_POOL_START entries (or one per node and seed, if
     * fewer) and doubles when a query needs more, so that it holds what the
     * largest query so far used (bounded searches use a small part of the
     * graph), not 8 bytes for every node */
    size_t need = (size_t)s->n_nodes + n_seeds;
    if (need > DIAL_POOL_START) need = DIAL_POOL_START;
    if (s->pool_cap < need) {
        ga_dial_entry *p = g_try_renew(ga_dial_entry, s->pool, need);
        if (!p) return false;
        s->pool = p;
        s->pool_cap = need;
    }
    new_query(s);
    const uint32_t cur = s->cur;
    /* bhead[] holds s->n_buckets heads, all empty between queries; this
     * query uses the first nb */
    const uint32_t mask = nb - 1;
    ga_node_state *st = s->st;
    uint32_t *bhead = s->bhead;
    uint64_t *bbits = s->bbits;
    ga_dial_entry *pool = s->pool;
    size_t cap = s->pool_cap;
    uint32_t np = 0, popped = 0;
    /* locals, not s->..., so the compiler keeps them in registers (stores
     * through st and pool could alias them) */
    uint32_t *const settled = s->settled;
    uint32_t n_set = 0;
#define DIAL_PUSH(v, d)                                                                            \
    do {                                                                                           \
        if (G_UNLIKELY(np == cap)) {                                                               \
            if (!grow_pool(s)) goto oom;                                                           \
            pool = s->pool;                                                                        \
            cap = s->pool_cap;                                                                     \
        }                                                                                          \
        uint32_t b_ = (d)&mask;                                                                    \
        pool[np] = (ga_dial_entry){(v), bhead[b_]};                                                \
        bhead[b_] = np++;                                                                          \
        bbits[b_ >> 6] |= UINT64_C(1) << (b_ & 63);                                                \
    } while (0)
    for (size_t i = 0; i < n_seeds; i++) {
        uint32_t v = seeds[i].node, d = seeds[i].dist;
        if (d > bound) continue;
        ga_node_state *x = &st[v];
        if (x->stamp != cur || d < x->dist) {
            x->stamp = cur;
            x->dist = d;
            DIAL_PUSH(v, d);
        }
    }
    const uint32_t *first = adj->first;
    const ga_arcw *arcs = adj->arcs;
    const uint32_t bound1 = bound + 1; /* bound < GA_WEIGHT_INF <= UINT32_MAX */
    uint32_t hits = 0, key = lo;
    bool stop_at_targets = target_mark && n_target_nodes;
    while (popped < np) {
        /* the next non-empty bucket from the occupancy bitmap (a loop over
         * empty buckets mispredicts its exit at every node) */
        while (bhead[key & mask] == DIAL_NIL) {
            uint32_t b = key & mask;
            uint64_t w = bbits[b >> 6] >> (b & 63);
            if (w) {
                key += (uint32_t)__builtin_ctzll(w);
                break;
            }
            key += 64 - (b & 63);
        }
        const uint32_t b = key & mask, k = bhead[b], nx = pool[k].next;
        bhead[b] = nx;
        if (nx == DIAL_NIL) bbits[b >> 6] &= ~(UINT64_C(1) << (b & 63));
        popped++;
        const uint32_t u = pool[k].node, du = key;
        /* a node is pushed again only with a strictly lower cost: its newest
         * entry is the only one whose key is its cost, and the older ones
         * come out after it is settled */
        if (st[u].dist != du) continue;
        if (settled) settled[n_set] = u;
        n_set++;
        if (stop_at_targets && target_mark[u] && ++hits == n_target_nodes) break;
        /* one test per arc: d must beat the node's cost, or the bound for a
         * node not reached yet (a settled node never passes: its cost is at
         * most du <= d) */
        for (uint32_t e = first[u], end = first[u + 1]; e < end; e++) {
            uint32_t v = arcs[e].head, d = du + arcs[e].w;
            ga_node_state *x = &st[v];
            const bool seen = x->stamp == cur;
            const uint32_t lim = seen ? x->dist : bound1;
            if (d < lim) {
                x->stamp = cur;
                x->dist = d;
                DIAL_PUSH(v, d);
            }
        }
    }
#undef DIAL_PUSH
    /* stopped at the targets: empty the buckets still holding entries
     * (within [key, key + max_w], fewer than nb buckets) so that the next
     * query starts with every bucket empty */
    for (; popped < np; key++) {
        for (uint32_t k = bhead[key & mask]; k != DIAL_NIL; k = pool[k].next) {
            popped++;
            if (st[pool[k].node].dist == key) unreach(s, pool[k].node); /* still queued */
        }
        bhead[key & mask] = DIAL_NIL;
        bbits[(key & mask) >> 6] = 0;
    }
    s->n_settled = n_set;
    *n_settled = n_set;
    return true;
oom:
    /* leave the buckets empty; the caller falls back to the radix heap */
    for (uint32_t b = 0; b < nb; b++) bhead[b] = DIAL_NIL;
    memset(bbits, 0, nb / 64 * sizeof *bbits);
    return false;
}

uint32_t ga_search_run(ga_search *s, const ga_adj *adj, const ga_seed *seeds, size_t n_seeds,
                       uint32_t bound, const uint8_t *target_mark, uint32_t n_target_nodes) {
    if (bound >= GA_WEIGHT_INF) bound = GA_WEIGHT_INF - 1;
    if (s->queue == GA_QUEUE_DIAL) {
        uint32_t n;
        if (run_dial(s, adj, seeds, n_seeds, bound, target_mark, n_target_nodes, &n)) return n;
        return run_radix(s, adj, seeds, n_seeds, bound, target_mark, n_target_nodes);
    }
    if (s->queue == GA_QUEUE_RADIX || !ga_search_heap_ready(s))
        return run_radix(s, adj, seeds, n_seeds, bound, target_mark, n_target_nodes);
    new_query(s);
    const uint32_t cur = s->cur;
    ga_node_state *st = s->st;
    ga_heap *h = &s->heap;
    uint32_t *pos = s->pos;
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
            ga_heap_decrease(h, pos[v], d, POS_ARGS);
        }
    }
    const uint32_t *first = adj->first;
    const ga_arcw *arcs = adj->arcs;
    uint32_t hits = 0;
    bool stop_at_targets = target_mark && n_target_nodes;
    while (h->size) {
        ga_heap_item it = ga_heap_pop(h, POS_ARGS);
        uint32_t u = it.node, du = it.key;
        pos[u] = GA_SETTLED;
        if (s->settled) s->settled[s->n_settled] = u;
        s->n_settled++;
        if (stop_at_targets && target_mark[u] && ++hits == n_target_nodes) {
            for (uint32_t k = 0; k < h->size; k++) unreach(s, h->items[k].node); /* still queued */
            break;
        }
        for (uint32_t e = first[u], end = first[u + 1]; e < end; e++) {
            uint32_t v = arcs[e].head, d = du + arcs[e].w;
            if (d > bound) continue;
            ga_node_state *x = &st[v];
            if (x->stamp != cur) {
                x->stamp = cur;
                x->dist = d;
                ga_heap_push(h, v, d, POS_ARGS);
            } else if (d < x->dist && pos[v] != GA_SETTLED) {
                x->dist = d;
                ga_heap_decrease(h, pos[v], d, POS_ARGS);
            }
        }
    }
    return s->n_settled;
}
