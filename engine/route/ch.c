/* Contraction hierarchy and many-to-many buckets: see ch.h. */
#include <string.h>
#include <glib.h>
#include "core/alloc.h"
#include "route/ch.h"

/* ---- the graph being contracted: per-node lists of arcs in and out ---- */

typedef struct {
    uint32_t to, w;
} dedge;

typedef struct {
    dedge *a;
    uint32_t n, cap;
} dvec;

static bool dvec_push(dvec *v, uint32_t to, uint32_t w) {
    if (v->n == v->cap) {
        uint32_t cap = v->cap ? 2 * v->cap : 4;
        dedge *a = g_try_renew(dedge, v->a, cap);
        if (!a) return false;
        v->a = a;
        v->cap = cap;
    }
    v->a[v->n++] = (dedge){to, w};
    return true;
}

/* Sets the cost of `to` in v to min(current, w), adding it if absent. */
static bool dvec_add_min(dvec *v, uint32_t to, uint32_t w) {
    for (uint32_t k = 0; k < v->n; k++)
        if (v->a[k].to == to) {
            if (w < v->a[k].w) v->a[k].w = w;
            return true;
        }
    return dvec_push(v, to, w);
}

/* A min-heap of 64-bit keys (cost or priority in the high half, node in the
 * low half: ties go to the lower node id, so the build is deterministic). */
typedef struct {
    uint64_t *a;
    size_t n, cap;
} kheap;

static bool kheap_push(kheap *h, uint64_t k) {
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 64;
        uint64_t *a = g_try_renew(uint64_t, h->a, cap);
        if (!a) return false;
        h->a = a;
        h->cap = cap;
    }
    size_t i = h->n++;
    while (i) {
        size_t p = (i - 1) / 2;
        if (h->a[p] <= k) break;
        h->a[i] = h->a[p];
        i = p;
    }
    h->a[i] = k;
    return true;
}

static uint64_t kheap_pop(kheap *h) {
    uint64_t top = h->a[0], last = h->a[--h->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n) break;
        if (c + 1 < h->n && h->a[c + 1] < h->a[c]) c++;
        if (h->a[c] >= last) break;
        h->a[i] = h->a[c];
        i = c;
    }
    if (h->n) h->a[i] = last;
    return top;
}

typedef struct {
    uint32_t n;
    dvec *out, *in;
    uint8_t *done;
    uint32_t *dn;     /* contracted neighbours */
    int32_t *prio;
    /* witness searches */
    uint32_t *wdist, *wstamp, wcur;
    kheap wh;
    bool oom;
} builder;

#define WITNESS_SIMULATE 30  /* settled nodes per witness search, priorities */
#define WITNESS_CONTRACT 100 /* ... when contracting */

static bool add_arc(builder *b, uint32_t u, uint32_t v, uint32_t w) {
    return dvec_add_min(&b->out[u], v, w) && dvec_add_min(&b->in[v], u, w);
}

static inline uint32_t wdist(const builder *b, uint32_t x) {
    return b->wstamp[x] == b->wcur ? b->wdist[x] : UINT32_MAX;
}

/* Costs from u on the remaining graph without `skip`, up to `limit`, settling
 * at most `max_settled` nodes (read with wdist()). */
static void witness(builder *b, uint32_t u, uint32_t skip, uint32_t limit, uint32_t max_settled) {
    if (++b->wcur == 0) {
        memset(b->wstamp, 0, (size_t)b->n * sizeof *b->wstamp);
        b->wcur = 1;
    }
    b->wh.n = 0;
    b->wstamp[u] = b->wcur;
    b->wdist[u] = 0;
    if (!kheap_push(&b->wh, (uint64_t)u)) {
        b->oom = true;
        return;
    }
    uint32_t settled = 0;
    while (b->wh.n) {
        uint64_t k = kheap_pop(&b->wh);
        uint32_t x = (uint32_t)k, d = (uint32_t)(k >> 32);
        if (d != b->wdist[x]) continue; /* an older entry */
        if (d > limit || ++settled > max_settled) break;
        const dvec *o = &b->out[x];
        for (uint32_t e = 0; e < o->n; e++) {
            uint32_t y = o->a[e].to;
            if (y == skip || b->done[y]) continue;
            uint64_t nd = (uint64_t)d + o->a[e].w;
            if (nd > limit) continue;
            if (nd < wdist(b, y)) {
                b->wstamp[y] = b->wcur;
                b->wdist[y] = (uint32_t)nd;
                if (!kheap_push(&b->wh, nd << 32 | y)) {
                    b->oom = true;
                    return;
                }
            }
        }
    }
}

/* Contracts v (simulate: only counts the shortcuts it would add). Returns
 * the number of shortcuts; *removed = arcs in and out of v. */
static int32_t contract(builder *b, uint32_t v, bool simulate, int32_t *removed) {
    const dvec *in = &b->in[v], *out = &b->out[v];
    int32_t shortcuts = 0, n_in = 0, n_out = 0;
    for (uint32_t e = 0; e < out->n; e++) n_out += !b->done[out->a[e].to];
    for (uint32_t i = 0; i < in->n; i++) {
        uint32_t u = in->a[i].to, wu = in->a[i].w;
        if (b->done[u]) continue;
        n_in++;
        uint64_t limit = 0;
        bool any = false;
        for (uint32_t e = 0; e < out->n; e++) {
            uint32_t x = out->a[e].to;
            if (x == u || b->done[x]) continue;
            uint64_t need = (uint64_t)wu + out->a[e].w;
            if (need > limit) limit = need;
            any = true;
        }
        if (!any) continue;
        if (limit >= GA_WEIGHT_INF) limit = GA_WEIGHT_INF - 1;
        witness(b, u, v, (uint32_t)limit, simulate ? WITNESS_SIMULATE : WITNESS_CONTRACT);
        if (b->oom) return 0;
        for (uint32_t e = 0; e < out->n; e++) {
            uint32_t x = out->a[e].to;
            if (x == u || b->done[x]) continue;
            uint64_t need = (uint64_t)wu + out->a[e].w;
            if (need >= GA_WEIGHT_INF) continue; /* as good as unreachable */
            if (wdist(b, x) <= need) continue;  /* a witness: no shortcut */
            shortcuts++;
            /* only out[u] and in[x] change (u, x != v): v's lists stay put */
            if (!simulate && !add_arc(b, u, x, (uint32_t)need)) {
                b->oom = true;
                return 0;
            }
        }
    }
    *removed = n_in + n_out;
    return shortcuts;
}

static int32_t priority(builder *b, uint32_t v) {
    int32_t removed = 0, sc = contract(b, v, true, &removed);
    return sc - removed + (int32_t)b->dn[v];
}

static inline uint64_t prio_key(int32_t p, uint32_t v) {
    return (uint64_t)((uint32_t)p ^ 0x80000000u) << 32 | v;
}

/* Flattens per-node lists into an adjacency. */
static bool to_adj(uint32_t n, dvec *lists, ga_adj *out) {
    ga_adj a = {.n_nodes = n};
    uint64_t m = 0;
    for (uint32_t v = 0; v < n; v++) m += lists[v].n;
    if (m >= UINT32_MAX) return false;
    a.n_arcs = (uint32_t)m;
    a.first = g_try_new(uint32_t, (size_t)n + 1);
    a.arcs = g_try_new(ga_arcw, m ? m : 1);
    if (!a.first || !a.arcs) {
        ga_adj_clear(&a);
        return false;
    }
    uint32_t k = 0;
    for (uint32_t v = 0; v < n; v++) {
        a.first[v] = k;
        for (uint32_t e = 0; e < lists[v].n; e++) {
            a.arcs[k++] = (ga_arcw){lists[v].a[e].to, lists[v].a[e].w};
            if (lists[v].a[e].w > a.max_w) a.max_w = lists[v].a[e].w;
        }
    }
    a.first[n] = k;
    *out = a;
    return true;
}

ga_ch *ga_ch_build(const ga_adj *fw, ga_ch_progress progress, void *user) {
    gint64 t0 = g_get_monotonic_time();
    const uint32_t n = fw->n_nodes;
    builder b = {.n = n};
    ga_ch *ch = g_try_new0(ga_ch, 1);
    dvec *up_out = g_try_new0(dvec, n ? n : 1), *up_in = g_try_new0(dvec, n ? n : 1);
    b.out = g_try_new0(dvec, n ? n : 1);
    b.in = g_try_new0(dvec, n ? n : 1);
    b.done = g_try_new0(uint8_t, n ? n : 1);
    b.dn = g_try_new0(uint32_t, n ? n : 1);
    b.prio = g_try_new0(int32_t, n ? n : 1);
    b.wdist = g_try_new(uint32_t, n ? n : 1);
    b.wstamp = g_try_new0(uint32_t, n ? n : 1);
    kheap q = {0};
    bool ok = ch && up_out && up_in && b.out && b.in && b.done && b.dn && b.prio && b.wdist && b.wstamp;
    if (ok) {
        ch->n_nodes = n;
        ch->rank = g_try_new(uint32_t, n ? n : 1);
        ok = ch->rank != NULL;
    }
    /* the graph: parallel arcs keep their cheapest, loops are dropped */
    for (uint32_t u = 0; ok && u < n; u++)
        for (uint32_t e = fw->first[u]; ok && e < fw->first[u + 1]; e++)
            if (fw->arcs[e].head != u) ok = add_arc(&b, u, fw->arcs[e].head, fw->arcs[e].w);
    uint64_t n_orig = 0;
    for (uint32_t u = 0; ok && u < n; u++) n_orig += b.out[u].n;
    for (uint32_t v = 0; ok && v < n; v++) {
        b.prio[v] = priority(&b, v);
        ok = !b.oom && kheap_push(&q, prio_key(b.prio[v], v));
    }
    uint32_t order = 0;
    while (ok && q.n) {
        uint64_t k = kheap_pop(&q);
        uint32_t v = (uint32_t)k;
        if (b.done[v] || k != prio_key(b.prio[v], v)) continue; /* stale */
        /* lazy update: contract v only if it is still the least important */
        int32_t p = priority(&b, v);
        if (b.oom) break;
        if (p != b.prio[v]) {
            b.prio[v] = p;
            if (q.n && prio_key(p, v) > q.a[0]) {
                ok = kheap_push(&q, prio_key(p, v));
                continue;
            }
        }
        /* v's arcs to the nodes still there go up the hierarchy */
        for (uint32_t e = 0; ok && e < b.out[v].n; e++)
            if (!b.done[b.out[v].a[e].to]) ok = dvec_push(&up_out[v], b.out[v].a[e].to, b.out[v].a[e].w);
        for (uint32_t e = 0; ok && e < b.in[v].n; e++)
            if (!b.done[b.in[v].a[e].to]) ok = dvec_push(&up_in[v], b.in[v].a[e].to, b.in[v].a[e].w);
        if (!ok) break;
        int32_t removed;
        contract(&b, v, false, &removed);
        if (b.oom) break;
        b.done[v] = 1;
        ch->rank[v] = order++;
        if (progress && (order & 4095) == 0) progress(user, order, n);
        /* neighbours: one more contracted neighbour; their priorities are
         * brought up to date when they come out of the queue (lazy
         * updates only: recomputing them here too made the build 3.6x
         * slower on Malta for no smaller search spaces) */
        for (int side = 0; ok && side < 2; side++) {
            const dvec *l = side ? &b.in[v] : &b.out[v];
            for (uint32_t e = 0; ok && e < l->n; e++) {
                uint32_t x = l->a[e].to;
                if (b.done[x]) continue;
                b.dn[x]++;
            }
        }
    }
    ok = ok && !b.oom && order == n;
    if (progress) progress(user, order, n);
    uint64_t n_all = 0; /* every arc is upward from one of its ends */
    for (uint32_t v = 0; ok && v < n; v++) n_all += up_out[v].n + up_in[v].n;
    if (ok) ok = to_adj(n, up_out, &ch->up[0]) && to_adj(n, up_in, &ch->up[1]);
    if (ok) ch->n_shortcuts = n_all > n_orig ? n_all - n_orig : 0;
    for (uint32_t v = 0; v < n; v++) {
        if (b.out) g_free(b.out[v].a);
        if (b.in) g_free(b.in[v].a);
        if (up_out) g_free(up_out[v].a);
        if (up_in) g_free(up_in[v].a);
    }
    g_free(b.out);
    g_free(b.in);
    g_free(up_out);
    g_free(up_in);
    g_free(b.done);
    g_free(b.dn);
    g_free(b.prio);
    g_free(b.wdist);
    g_free(b.wstamp);
    g_free(b.wh.a);
    g_free(q.a);
    if (!ok) {
        ga_ch_free(ch);
        return NULL;
    }
    ch->build_s = (double)(g_get_monotonic_time() - t0) / 1e6;
    return ch;
}

void ga_ch_free(ga_ch *ch) {
    if (!ch) return;
    g_free(ch->rank);
    ga_adj_clear(&ch->up[0]);
    ga_adj_clear(&ch->up[1]);
    g_free(ch);
}

/* ---- many-to-many ---- */

/* The upward search of the tables: Dijkstra on one upward graph with a
 * 4-ary heap (the search spaces are small, and the shortcuts' large weights
 * would spread Dial's buckets thin) and stall-on-demand during the search
 * (Geisberger et al. 2008): a node u popped at d(u) is no meeting point of a
 * shortest path when a higher node x already reached has an arc to u (in the
 * search's direction: `down` lists them at u) with d(x) + w < d(u); its arcs
 * are then not relaxed and it is left out of s->settled (neither fills nor
 * scans buckets). The node where a shortest path peaks is never stalled, so
 * the costs stay exact. Every node reached within the bound is popped; after
 * the run s->settled lists the unstalled ones, in order of cost, with their
 * costs in s->st. Returns the number of nodes popped. */
static uint32_t up_search(ga_search *s, const ga_adj *up, const ga_adj *down, const ga_seed *seeds,
                          size_t n_seeds, uint32_t bound) {
    if (++s->cur == 0) {
        for (uint32_t v = 0; v < s->n_nodes; v++) s->st[v].stamp = 0;
        s->cur = 1;
    }
    s->n_settled = 0;
    const uint32_t cur = s->cur;
    ga_node_state *st = s->st;
    uint32_t *pos = s->pos;
    ga_heap *h = &s->heap;
    h->size = 0;
    for (size_t i = 0; i < n_seeds; i++) {
        uint32_t v = seeds[i].node, d = seeds[i].dist;
        if (d > bound) continue;
        if (st[v].stamp != cur) {
            st[v] = (ga_node_state){cur, d};
            ga_heap_push(h, v, d, pos, sizeof *pos);
        } else if (d < st[v].dist) {
            st[v].dist = d;
            ga_heap_decrease(h, pos[v], d, pos, sizeof *pos);
        }
    }
    const uint32_t *ufirst = up->first, *dfirst = down->first;
    const ga_arcw *uarcs = up->arcs, *darcs = down->arcs;
    uint32_t popped = 0;
    while (h->size) {
        ga_heap_item it = ga_heap_pop(h, pos, sizeof *pos);
        uint32_t u = it.node;
        uint64_t du = it.key;
        pos[u] = GA_SETTLED;
        popped++;
        bool stall = false;
        for (uint32_t e = dfirst[u]; e < dfirst[u + 1]; e++) {
            uint32_t x = darcs[e].head;
            if (st[x].stamp == cur && (uint64_t)st[x].dist + darcs[e].w < du) {
                stall = true;
                break;
            }
        }
        if (stall) continue;
        s->settled[s->n_settled++] = u;
        for (uint32_t e = ufirst[u]; e < ufirst[u + 1]; e++) {
            uint32_t v = uarcs[e].head;
            uint64_t nd = du + uarcs[e].w;
            if (nd > bound) continue;
            if (st[v].stamp != cur) {
                st[v] = (ga_node_state){cur, (uint32_t)nd};
                ga_heap_push(h, v, (uint32_t)nd, pos, sizeof *pos);
            } else if (nd < st[v].dist && pos[v] != GA_SETTLED) {
                st[v].dist = (uint32_t)nd;
                ga_heap_decrease(h, pos[v], (uint32_t)nd, pos, sizeof *pos);
            }
        }
    }
    return popped;
}

static int cmp_rank_desc(const void *a, const void *b, void *user) {
    const uint32_t *rank = user;
    uint32_t x = rank[*(const uint32_t *)a], y = rank[*(const uint32_t *)b];
    return x > y ? -1 : x < y;
}

bool ga_ch_buckets_build(const ga_ch *ch, ga_search *s, const uint32_t *targets, uint32_t n_targets,
                         bool towards, uint32_t bound, ga_ch_buckets *out) {
    memset(out, 0, sizeof *out);
    const ga_adj *up = &ch->up[towards ? 1 : 0], *down = &ch->up[towards ? 0 : 1];
    const uint32_t n = ch->n_nodes;
    out->n_nodes = n;
    out->n_targets = n_targets;
    out->loc = ga_try_new(uint32_t, n ? n : 1);
    out->node = ga_try_new(uint32_t, n ? n : 1);
    out->tloc = ga_try_new(uint32_t, n_targets ? n_targets : 1);
    out->first = ga_try_new(uint32_t, (size_t)n + 1);
    if (!out->loc || !out->node || !out->tloc || !out->first) goto fail;
    if (s && (!ga_search_heap_ready(s) || !ga_search_settled_ready(s))) goto fail;
    for (uint32_t v = 0; v < n; v++) out->loc[v] = UINT32_MAX;
    /* loc = 0 marks a node found; out->node lists them */
    uint32_t n_sel = 0;
    for (uint32_t k = 0; k < n_targets; k++) {
        uint32_t t = targets[k];
        if (out->loc[t] != UINT32_MAX) continue;
        out->loc[t] = 0;
        out->node[n_sel++] = t;
    }
    if (s && bound < GA_WEIGHT_INF - 1) {
        /* bounded: only the nodes a target's reverse upward search settles
         * within the bound (unstalled). Every node of a path within the
         * bound is among them (the down part of a shortest path is an
         * upward shortest path from the target, in reverse); arcs to nodes
         * left out are dropped, so costs beyond the bound may come out
         * higher or not at all, never lower */
        for (uint32_t k = 0; k < n_targets; k++) {
            ga_seed seed = {targets[k], 0};
            up_search(s, up, down, &seed, 1, bound);
            for (uint32_t i = 0; i < s->n_settled; i++) {
                uint32_t x = s->settled[i];
                if (out->loc[x] != UINT32_MAX) continue;
                out->loc[x] = 0;
                out->node[n_sel++] = x;
            }
        }
    } else {
        /* the upward closure of the targets (out->node as the queue) */
        for (uint32_t i = 0; i < n_sel; i++) {
            uint32_t v = out->node[i];
            for (uint32_t e = up->first[v]; e < up->first[v + 1]; e++) {
                uint32_t x = up->arcs[e].head;
                if (out->loc[x] != UINT32_MAX) continue;
                out->loc[x] = 0;
                out->node[n_sel++] = x;
            }
        }
    }
    out->n_sel = n_sel;
    g_qsort_with_data(out->node, (gint)n_sel, sizeof *out->node, cmp_rank_desc, ch->rank);
    for (uint32_t i = 0; i < n_sel; i++) out->loc[out->node[i]] = i;
    uint64_t n_arcs = 0;
    for (uint32_t i = 0; i < n_sel; i++) {
        uint32_t v = out->node[i];
        for (uint32_t e = up->first[v]; e < up->first[v + 1]; e++) n_arcs += out->loc[up->arcs[e].head] != UINT32_MAX;
    }
    out->arcs = ga_try_new(ga_arcw, n_arcs ? n_arcs : 1);
    if (!out->arcs) goto fail;
    uint32_t k = 0;
    out->first[0] = 0;
    for (uint32_t i = 0; i < n_sel; i++) {
        uint32_t v = out->node[i];
        for (uint32_t e = up->first[v]; e < up->first[v + 1]; e++) {
            uint32_t l = out->loc[up->arcs[e].head];
            if (l != UINT32_MAX) out->arcs[k++] = (ga_arcw){l, up->arcs[e].w};
        }
        out->first[i + 1] = k;
    }
    for (uint32_t t = 0; t < n_targets; t++) out->tloc[t] = out->loc[targets[t]];
    out->settled = n_sel;
    return true;
fail:
    ga_ch_buckets_clear(out);
    return false;
}

void ga_ch_buckets_clear(ga_ch_buckets *b) {
    g_free(b->node);
    g_free(b->loc);
    g_free(b->first);
    g_free(b->arcs);
    g_free(b->tloc);
    memset(b, 0, sizeof *b);
}

uint32_t ga_ch_query(const ga_ch *ch, const ga_ch_buckets *b, ga_search *s, const ga_seed *seeds,
                     size_t n_seeds, bool towards, uint32_t bound, uint64_t *dist) {
    const ga_adj *down = &ch->up[towards ? 1 : 0];
    uint32_t m = up_search(s, &ch->up[towards ? 0 : 1], down, seeds, n_seeds, bound);
    uint32_t *D = s->pos; /* the heap positions are dead after the search */
    const uint32_t n_sel = b->n_sel;
    for (uint32_t i = 0; i < n_sel; i++) D[i] = GA_WEIGHT_INF;
    for (uint32_t i = 0; i < s->n_settled; i++) {
        uint32_t v = s->settled[i], l = b->loc[v];
        if (l != UINT32_MAX) D[l] = s->st[v].dist;
    }
    /* by decreasing rank: every arc comes from a node already final */
    const uint32_t *first = b->first;
    const ga_arcw *arcs = b->arcs;
    for (uint32_t i = 0; i < n_sel; i++) {
        uint64_t d = D[i];
        for (uint32_t e = first[i]; e < first[i + 1]; e++) {
            uint64_t c = (uint64_t)D[arcs[e].head] + arcs[e].w;
            d = c < d ? c : d;
        }
        D[i] = (uint32_t)d; /* <= GA_WEIGHT_INF */
    }
    for (uint32_t k = 0; k < b->n_targets; k++) {
        uint64_t d = D[b->tloc[k]];
        if (d < GA_WEIGHT_INF && d < dist[k]) dist[k] = d;
    }
    return m;
}
