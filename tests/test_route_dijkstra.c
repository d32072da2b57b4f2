/* Router internals: the indexed 4-ary heap and the bounded multi-source
 * Dijkstra, against a plain O(n^2) reference on random graphs. */
#include <stdlib.h>
#include <string.h>
#include "test_util.h"
#include "route/ch.h"
#include "route/dijkstra.h"

/* Deterministic xorshift generator. */
static uint64_t rng_state = 88172645463325252ull;
static uint32_t rnd(uint32_t n) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Keys pushed, some decreased, come out sorted. */
static void test_heap_order(void **state) {
    (void)state;
    enum { N = 5000 };
    ga_heap h = {.items = calloc(N, sizeof(ga_heap_item))};
    uint32_t *pos = calloc(N, sizeof *pos), *key = calloc(N, sizeof *key);
    for (uint32_t v = 0; v < N; v++) {
        key[v] = rnd(100000);
        ga_heap_push(&h, v, key[v], pos, sizeof *pos);
    }
    for (uint32_t k = 0; k < N / 3; k++) {
        uint32_t v = rnd(N);
        if (key[v] == 0) continue;
        key[v] = rnd(key[v]);
        ga_heap_decrease(&h, pos[v], key[v], pos, sizeof *pos);
    }
    uint32_t *sorted = malloc(N * sizeof *sorted);
    memcpy(sorted, key, N * sizeof *sorted);
    qsort(sorted, N, sizeof *sorted, cmp_u32);
    for (uint32_t k = 0; k < N; k++) {
        ga_heap_item it = ga_heap_pop(&h, pos, sizeof *pos);
        assert_int_equal(it.key, sorted[k]);
        assert_int_equal(key[it.node], it.key);
    }
    assert_int_equal(h.size, 0);
    free(h.items);
    free(pos);
    free(key);
    free(sorted);
}

/* A random directed graph in CSR (no geometry needed by the search). */
typedef struct {
    ga_graph g;
    uint32_t *tail; /* per arc */
} rgraph;

static void rgraph_make(rgraph *r, uint32_t n, uint32_t m, uint32_t max_w) {
    memset(r, 0, sizeof *r);
    uint32_t *u = malloc(m * sizeof *u), *v = malloc(m * sizeof *v);
    for (uint32_t e = 0; e < m; e++) {
        u[e] = rnd(n);
        v[e] = rnd(n);
    }
    ga_graph *g = &r->g;
    g->n_nodes = n;
    g->n_arcs = m;
    g->first_out = calloc(n + 1, sizeof(uint32_t));
    g->head = malloc(m * sizeof(uint32_t));
    g->time_ds = malloc(m * sizeof(uint32_t));
    g->dist_dm = malloc(m * sizeof(uint32_t));
    r->tail = malloc(m * sizeof(uint32_t));
    for (uint32_t e = 0; e < m; e++) g->first_out[u[e] + 1]++;
    for (uint32_t x = 0; x < n; x++) g->first_out[x + 1] += g->first_out[x];
    uint32_t *fill = malloc(n * sizeof *fill);
    memcpy(fill, g->first_out, n * sizeof *fill);
    for (uint32_t e = 0; e < m; e++) {
        uint32_t k = fill[u[e]]++;
        g->head[k] = v[e];
        r->tail[k] = u[e];
        /* some zero weights and many ties */
        g->time_ds[k] = rnd(max_w + 1);
        g->dist_dm[k] = rnd(7) * 100;
    }
    free(fill);
    free(u);
    free(v);
}

static void rgraph_free(rgraph *r) {
    free(r->g.first_out);
    free(r->g.head);
    free(r->g.time_ds);
    free(r->g.dist_dm);
    free(r->tail);
}

/* Reference: O(n^2) Dijkstra over the arc list, forward or backward. */
static void reference(const rgraph *r, const uint32_t *w, bool backward, const ga_seed *seeds,
                      size_t ns, uint64_t *dist) {
    uint32_t n = r->g.n_nodes;
    bool *done = calloc(n, sizeof *done);
    for (uint32_t x = 0; x < n; x++) dist[x] = UINT64_MAX;
    for (size_t k = 0; k < ns; k++)
        if (seeds[k].dist < dist[seeds[k].node]) dist[seeds[k].node] = seeds[k].dist;
    for (;;) {
        uint32_t best = UINT32_MAX;
        for (uint32_t x = 0; x < n; x++)
            if (!done[x] && dist[x] != UINT64_MAX && (best == UINT32_MAX || dist[x] < dist[best]))
                best = x;
        if (best == UINT32_MAX) break;
        done[best] = true;
        for (uint32_t e = 0; e < r->g.n_arcs; e++) {
            uint32_t from = backward ? r->g.head[e] : r->tail[e];
            uint32_t to = backward ? r->tail[e] : r->g.head[e];
            if (from == best && dist[best] + w[e] < dist[to]) dist[to] = dist[best] + w[e];
        }
    }
    free(done);
}

static void check_random(uint32_t n, uint32_t m, uint32_t max_w, int queries, ga_queue_kind queue) {
    rgraph r;
    rgraph_make(&r, n, m, max_w);
    ga_search *s = ga_search_new(n);
    assert_non_null(s);
    assert_true(ga_search_settled_ready(s)); /* the order of settling is checked below */
    s->queue = queue;
    /* force a stamp wrap-around during the run */
    s->cur = UINT32_MAX - 3;
    uint64_t *ref = malloc(n * sizeof *ref);
    for (int metric = 0; metric < 2; metric++)
        for (int backward = 0; backward < 2; backward++) {
            ga_adj adj;
            assert_true(ga_adj_build(&r.g, metric, backward, &adj));
            const uint32_t *w = metric ? r.g.dist_dm : r.g.time_ds;
            for (int q = 0; q < queries; q++) {
                ga_seed seeds[3];
                size_t ns = 1 + rnd(3);
                for (size_t k = 0; k < ns; k++) seeds[k] = (ga_seed){rnd(n), rnd(max_w)};
                /* unbounded, or a bound around the typical distance */
                uint32_t bound = (q % 3 == 0) ? GA_WEIGHT_INF : rnd(4 * max_w);
                ga_search_run(s, &adj, seeds, ns, bound, NULL, 0);
                reference(&r, w, backward, seeds, ns, ref);
                uint32_t expected_settled = 0;
                for (uint32_t v = 0; v < n; v++) {
                    bool in = ref[v] != UINT64_MAX && ref[v] <= bound;
                    expected_settled += in;
                    uint32_t d = ga_search_dist(s, v);
                    if (in) {
                        if (d != ref[v])
                            fail_msg("metric %d backward %d query %d node %u: %u, expected %llu",
                                     metric, backward, q, v, d, (unsigned long long)ref[v]);
                    } else {
                        assert_int_equal(d, GA_WEIGHT_INF);
                    }
                }
                assert_int_equal(s->n_settled, expected_settled);
                /* settled in non-decreasing order of cost */
                for (uint32_t k = 1; k < s->n_settled; k++)
                    assert_true(s->st[s->settled[k - 1]].dist <= s->st[s->settled[k]].dist);
            }
            ga_adj_clear(&adj);
        }
    assert_true(s->cur < 1000); /* wrapped and reset */
    free(ref);
    ga_search_free(s);
    rgraph_free(&r);
}

static void test_random_sparse(void **state) {
    (void)state;
    check_random(200, 600, 1000, 40, GA_QUEUE_HEAP4);
    check_random(200, 600, 1000, 40, GA_QUEUE_RADIX);
    check_random(200, 600, 1000, 40, GA_QUEUE_DIAL);
}

static void test_random_dense_small_weights(void **state) {
    (void)state;
    check_random(60, 900, 3, 40, GA_QUEUE_HEAP4);
    check_random(60, 900, 3, 40, GA_QUEUE_RADIX);
    check_random(60, 900, 3, 40, GA_QUEUE_DIAL);
}

/* The reverse adjacency holds every arc once, reversed, and finds its id. */
static void test_reverse_adjacency(void **state) {
    (void)state;
    rgraph r;
    rgraph_make(&r, 50, 300, 100);
    ga_adj adj;
    assert_true(ga_adj_build(&r.g, 0, true, &adj));
    uint32_t *seen = calloc(r.g.n_arcs, sizeof *seen);
    for (uint32_t v = 0; v < adj.n_nodes; v++)
        for (uint32_t k = adj.first[v]; k < adj.first[v + 1]; k++) {
            uint32_t e = ga_adj_forward_arc(&r.g, &adj, v, k);
            assert_true(e < r.g.n_arcs);
            assert_int_equal(r.g.head[e], v);
            assert_int_equal(r.tail[e], adj.arcs[k].head);
            assert_int_equal(r.g.time_ds[e], adj.arcs[k].w);
            seen[e]++;
        }
    for (uint32_t e = 0; e < r.g.n_arcs; e++) assert_int_equal(seen[e], 1);
    free(seen);
    ga_adj_clear(&adj);
    rgraph_free(&r);
}

/* Stopping once every target is settled leaves the targets' costs exact;
 * the nodes left queued read as not reached (never a tentative cost), and
 * the query state is clean for the next query (a full search right after an
 * early stop, on the same state, gives every reference cost). */
static void early_stop(ga_queue_kind queue) {
    rgraph r;
    rgraph_make(&r, 300, 1500, 500);
    ga_adj adj;
    assert_true(ga_adj_build(&r.g, 0, false, &adj));
    ga_search *s = ga_search_new(300);
    s->queue = queue;
    uint64_t *ref = malloc(300 * sizeof *ref);
    uint8_t *mark = calloc(300, 1);
    for (int round = 0; round < 20; round++) {
        memset(mark, 0, 300);
        uint32_t targets[5] = {rnd(300), rnd(300), rnd(300), rnd(300), rnd(300)};
        uint32_t nt = 0;
        for (int k = 0; k < 5; k++)
            if (!mark[targets[k]]) {
                mark[targets[k]] = 1;
                nt++;
            }
        ga_seed seed = {rnd(300), 0};
        reference(&r, r.g.time_ds, false, &seed, 1, ref);
        uint32_t full = 0;
        for (int v = 0; v < 300; v++) full += ref[v] != UINT64_MAX;
        uint32_t settled = ga_search_run(s, &adj, &seed, 1, GA_WEIGHT_INF, mark, nt);
        assert_true(settled <= full);
        for (int k = 0; k < 5; k++) {
            uint32_t d = ga_search_dist(s, targets[k]);
            if (ref[targets[k]] == UINT64_MAX)
                assert_int_equal(d, GA_WEIGHT_INF);
            else
                assert_int_equal(d, ref[targets[k]]);
        }
        uint32_t finite = 0;
        for (uint32_t v = 0; v < 300; v++) {
            uint32_t d = ga_search_dist(s, v);
            if (d == GA_WEIGHT_INF) continue;
            finite++;
            assert_int_equal(d, ref[v]);
        }
        assert_int_equal(finite, settled);
        /* the same state, a full search from the same seed */
        assert_int_equal(ga_search_run(s, &adj, &seed, 1, GA_WEIGHT_INF, NULL, 0), full);
        for (uint32_t v = 0; v < 300; v++)
            assert_int_equal(ga_search_dist(s, v), ref[v] == UINT64_MAX ? GA_WEIGHT_INF : ref[v]);
    }
    free(ref);
    free(mark);
    ga_search_free(s);
    ga_adj_clear(&adj);
    rgraph_free(&r);
}

/* A seed beyond the bound settles nothing; a zero bound settles the seeds
 * at cost 0 and the nodes behind zero-cost arcs. */
static void test_early_stop_at_targets(void **state) {
    (void)state;
    early_stop(GA_QUEUE_HEAP4);
    early_stop(GA_QUEUE_RADIX);
    early_stop(GA_QUEUE_DIAL);
}

static void bounds(ga_queue_kind queue) {
    /* 0 -> 1 (w 0) -> 2 (w 5) -> 3 (w 5) */
    uint32_t first[5] = {0, 1, 2, 3, 3}, head[3] = {1, 2, 3}, w[3] = {0, 5, 5};
    ga_graph g = {.n_nodes = 4, .n_arcs = 3, .first_out = first, .head = head, .time_ds = w,
                  .dist_dm = w};
    ga_adj adj;
    assert_true(ga_adj_build(&g, 0, false, &adj));
    ga_search *s = ga_search_new(4);
    s->queue = queue;
    ga_seed seed = {0, 0};
    assert_int_equal(ga_search_run(s, &adj, &seed, 1, 0, NULL, 0), 2);
    assert_int_equal(ga_search_dist(s, 1), 0);
    assert_int_equal(ga_search_dist(s, 2), GA_WEIGHT_INF);
    assert_int_equal(ga_search_run(s, &adj, &seed, 1, 5, NULL, 0), 3);
    assert_int_equal(ga_search_dist(s, 2), 5);
    assert_int_equal(ga_search_run(s, &adj, &seed, 1, 9, NULL, 0), 3);
    assert_int_equal(ga_search_run(s, &adj, &seed, 1, 10, NULL, 0), 4);
    assert_int_equal(ga_search_dist(s, 3), 10);
    seed.dist = 11;
    assert_int_equal(ga_search_run(s, &adj, &seed, 1, 10, NULL, 0), 0);
    assert_int_equal(ga_search_dist(s, 0), GA_WEIGHT_INF);
    /* seeds further apart than the largest arc (Dial falls back) */
    ga_seed two[2] = {{0, 100}, {2, 0}};
    assert_int_equal(ga_search_run(s, &adj, two, 2, GA_WEIGHT_INF, NULL, 0), 4);
    assert_int_equal(ga_search_dist(s, 3), 5);
    assert_int_equal(ga_search_dist(s, 1), 100);
    ga_search_free(s);
    ga_adj_clear(&adj);
}

/* An arc heavier than Dial's bucket array (falls back to the radix heap). */
static void test_heavy_arc(void **state) {
    (void)state;
    uint32_t first[4] = {0, 1, 2, 2}, head[2] = {1, 2}, w[2] = {1u << 24, 1};
    ga_graph g = {.n_nodes = 3, .n_arcs = 2, .first_out = first, .head = head, .time_ds = w,
                  .dist_dm = w};
    ga_adj adj;
    assert_true(ga_adj_build(&g, 0, false, &adj));
    assert_int_equal(adj.max_w, 1u << 24);
    for (int q = 0; q < 3; q++) {
        ga_search *s = ga_search_new(3);
        s->queue = (ga_queue_kind)q;
        ga_seed seed = {0, 0};
        assert_int_equal(ga_search_run(s, &adj, &seed, 1, GA_WEIGHT_INF, NULL, 0), 3);
        assert_int_equal(ga_search_dist(s, 2), (1u << 24) + 1);
        ga_search_free(s);
    }
    ga_adj_clear(&adj);
}

static void test_bounds(void **state) {
    (void)state;
    bounds(GA_QUEUE_HEAP4);
    bounds(GA_QUEUE_RADIX);
    bounds(GA_QUEUE_DIAL);
}

/* Contraction hierarchy: the bucket many-to-many gives the reference
 * costs between every source and target, both ways (towards and from the
 * targets), from multi-node seeds with initial costs, within a bound; on
 * sparse graphs (one-way arcs, unreachable pairs), denser ones with many
 * zero-cost arcs and ties, parallel arcs and loops. */
static void ch_case(uint32_t n, uint32_t m, uint32_t max_w) {
    rgraph r;
    rgraph_make(&r, n, m, max_w);
    for (int metric = 0; metric < 2; metric++) {
        const uint32_t *w = metric ? r.g.dist_dm : r.g.time_ds;
        ga_adj fw;
        assert_true(ga_adj_build(&r.g, metric, false, &fw));
        ga_ch *ch = ga_ch_build(&fw, NULL, NULL);
        assert_non_null(ch);
        /* every node has a distinct rank */
        uint8_t *seen = calloc(n, 1);
        for (uint32_t v = 0; v < n; v++) {
            assert_true(ch->rank[v] < n);
            assert_int_equal(seen[ch->rank[v]], 0);
            seen[ch->rank[v]] = 1;
        }
        free(seen);
        ga_search *s = ga_search_new(n);
        enum { NT = 12 };
        uint32_t targets[NT];
        for (int k = 0; k < NT; k++) targets[k] = rnd(n);
        uint64_t *ref = malloc(n * sizeof *ref), dist[NT];
        for (int towards = 0; towards < 2; towards++)
            for (int bounded = 0; bounded < 2; bounded++) {
                uint32_t bound = bounded ? 3 * max_w + 1 : GA_WEIGHT_INF - 1;
                ga_ch_buckets bk;
                assert_true(ga_ch_buckets_build(ch, s, targets, NT, towards, bound, &bk));
                for (int q = 0; q < 15; q++) {
                    ga_seed seeds[2] = {{rnd(n), rnd(50)}, {rnd(n), rnd(50)}};
                    size_t ns = 1 + (q & 1);
                    /* towards: costs from the seeds; else costs to the seeds */
                    reference(&r, w, !towards, seeds, ns, ref);
                    for (int k = 0; k < NT; k++) dist[k] = UINT64_MAX;
                    ga_ch_query(ch, &bk, s, seeds, ns, towards, bound, dist);
                    for (int k = 0; k < NT; k++) {
                        uint64_t want = ref[targets[k]];
                        if (want != UINT64_MAX && want <= bound)
                            assert_int_equal(dist[k], want);
                        else if (want == UINT64_MAX)
                            assert_true(dist[k] == UINT64_MAX); /* no path at all */
                        else
                            assert_true(dist[k] >= want); /* beyond the bound: a real path or none */
                    }
                }
                ga_ch_buckets_clear(&bk);
            }
        free(ref);
        ga_search_free(s);
        ga_ch_free(ch);
        ga_adj_clear(&fw);
    }
    rgraph_free(&r);
}

static void test_ch_against_reference(void **state) {
    (void)state;
    ch_case(300, 700, 1000); /* sparse: one-way arcs, unreachable pairs */
    ch_case(200, 1600, 30);  /* denser, small weights: many ties */
    ch_case(120, 900, 3);    /* zero-cost arcs, parallel arcs, loops */
    ch_case(1, 3, 5);        /* a single node with loops */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heap_order),
        cmocka_unit_test(test_random_sparse),
        cmocka_unit_test(test_random_dense_small_weights),
        cmocka_unit_test(test_reverse_adjacency),
        cmocka_unit_test(test_early_stop_at_targets),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_heavy_arc),
        cmocka_unit_test(test_ch_against_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
