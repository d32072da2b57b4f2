/* The hierarchy's tables by RPHAST (engine/route/ch.c, issue 14): the
 * targets' selection and the per-source sweep give Dijkstra's costs, with
 * every node of the graph as a target (PHAST, the bounded one-to-many of
 * bench/peers) and with a few; the selection is the targets' upward closure
 * in decreasing rank; running out of memory while selecting is reported,
 * never a crash or a leak. */
#include <stdlib.h>
#include <string.h>
#include "test_util.h"
#include "core/alloc.h"
#include "route/ch.h"
#include "route/dijkstra.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

/* A random directed graph as forward and backward adjacencies: a ring of
 * two-way arcs (so most nodes are connected), plus m random one-way arcs,
 * weights 0..max_w (zero-cost arcs and ties included); the last `isolated`
 * nodes have no arc at all (unreachable). */
typedef struct {
    ga_adj fw, bw;
} tgraph;

static void adj_from(uint32_t n, uint32_t m, const uint32_t *from, const uint32_t *to, const uint32_t *w,
                     ga_adj *a) {
    memset(a, 0, sizeof *a);
    a->n_nodes = n;
    a->n_arcs = m;
    a->first = calloc(n + 1, sizeof *a->first);
    a->arcs = malloc((m ? m : 1) * sizeof *a->arcs);
    for (uint32_t e = 0; e < m; e++) a->first[from[e] + 1]++;
    for (uint32_t v = 0; v < n; v++) a->first[v + 1] += a->first[v];
    uint32_t *fill = malloc((n ? n : 1) * sizeof *fill);
    memcpy(fill, a->first, n * sizeof *fill);
    for (uint32_t e = 0; e < m; e++) {
        a->arcs[fill[from[e]]++] = (ga_arcw){to[e], w[e]};
        if (w[e] > a->max_w) a->max_w = w[e];
    }
    free(fill);
}

static void tgraph_make(tgraph *t, uint32_t n, uint32_t isolated, uint32_t m, uint32_t max_w) {
    uint32_t c = n - isolated, cap = 2 * c + m;
    uint32_t *u = calloc(cap, sizeof *u), *v = calloc(cap, sizeof *v), *w = calloc(cap, sizeof *w);
    uint32_t k = 0;
    for (uint32_t i = 0; c > 1 && i < c; i++) {
        uint32_t j = (i + 1) % c, x = rnd(max_w + 1);
        u[k] = i, v[k] = j, w[k++] = x;
        u[k] = j, v[k] = i, w[k++] = x + rnd(3);
    }
    for (uint32_t e = 0; c && e < m; e++) u[k] = rnd(c), v[k] = rnd(c), w[k++] = rnd(max_w + 1);
    adj_from(n, k, u, v, w, &t->fw);
    adj_from(n, k, v, u, w, &t->bw);
    free(u);
    free(v);
    free(w);
}

static void tgraph_free(tgraph *t) {
    free(t->fw.first);
    free(t->fw.arcs);
    free(t->bw.first);
    free(t->bw.arcs);
}

/* Every node a target (PHAST): for seeds with initial costs, bounded or
 * not, both directions, the same costs as Dijkstra's within the bound, and
 * beyond it either none or a cost over the bound. */
static void phast_case(uint32_t n, uint32_t isolated, uint32_t m, uint32_t max_w) {
    tgraph t;
    tgraph_make(&t, n, isolated, m, max_w);
    ga_ch *ch = ga_ch_build(&t.fw, NULL, NULL);
    assert_non_null(ch);
    ga_search *s = ga_search_new(n), *ref = ga_search_new(n);
    assert_non_null(s);
    assert_non_null(ref);
    uint32_t *all = malloc(n * sizeof *all);
    for (uint32_t v = 0; v < n; v++) all[v] = v;
    uint64_t *dist = malloc(n * sizeof *dist);
    for (int towards = 0; towards < 2; towards++)
        for (int bounded = 0; bounded < 2; bounded++) {
            uint32_t bound = bounded ? 4 * max_w + 3 : GA_WEIGHT_INF - 1;
            ga_ch_buckets b;
            assert_true(ga_ch_buckets_build(ch, s, all, n, towards, bound, &b));
            assert_int_equal(b.n_sel, n); /* every node is a target */
            for (int q = 0; q < 25; q++) {
                ga_seed seeds[2] = {{rnd(n), rnd(20)}, {rnd(n), rnd(20)}};
                size_t ns = 1 + (q & 1);
                for (uint32_t v = 0; v < n; v++) dist[v] = UINT64_MAX;
                ga_ch_query(ch, &b, s, seeds, ns, towards, bound, dist);
                /* towards: costs from the seeds (forward search); else to them */
                ga_search_run(ref, towards ? &t.fw : &t.bw, seeds, ns, bound, NULL, 0);
                for (uint32_t v = 0; v < n; v++) {
                    uint32_t want = ga_search_dist(ref, v);
                    if (want != GA_WEIGHT_INF) assert_int_equal(dist[v], want);
                    else assert_true(dist[v] == UINT64_MAX || dist[v] > bound);
                }
                /* a second query on the same sweep state starts afresh */
                for (uint32_t v = 0; v < n; v++) dist[v] = UINT64_MAX;
                ga_seed one = {seeds[0].node, 0};
                ga_ch_query(ch, &b, s, &one, 1, towards, bound, dist);
                ga_search_run(ref, towards ? &t.fw : &t.bw, &one, 1, bound, NULL, 0);
                for (uint32_t v = 0; v < n; v++) {
                    uint32_t want = ga_search_dist(ref, v);
                    if (want != GA_WEIGHT_INF) assert_int_equal(dist[v], want);
                }
            }
            ga_ch_buckets_clear(&b);
        }
    free(dist);
    free(all);
    ga_search_free(s);
    ga_search_free(ref);
    ga_ch_free(ch);
    tgraph_free(&t);
}

static void test_phast_against_dijkstra(void **state) {
    (void)state;
    phast_case(400, 0, 600, 1000); /* road-like: a ring and chords */
    phast_case(300, 40, 900, 30);  /* unreachable nodes, many ties */
    phast_case(150, 5, 700, 2);    /* zero-cost arcs, parallel arcs, loops */
    phast_case(1, 0, 0, 5);        /* a single node */
}

/* A few targets (repeated ones too): the selection is their upward closure,
 * by decreasing rank, each arc to an earlier node; the costs are
 * Dijkstra's. */
static void test_selection(void **state) {
    (void)state;
    enum { N = 500, NT = 9 };
    tgraph t;
    tgraph_make(&t, N, 10, 900, 600);
    ga_ch *ch = ga_ch_build(&t.fw, NULL, NULL);
    assert_non_null(ch);
    ga_search *s = ga_search_new(N), *ref = ga_search_new(N);
    uint32_t targets[NT];
    for (int k = 0; k < NT; k++) targets[k] = rnd(N);
    targets[NT - 1] = targets[0];
    for (int towards = 0; towards < 2; towards++) {
        ga_ch_buckets b;
        assert_true(ga_ch_buckets_build(ch, s, targets, NT, towards, GA_WEIGHT_INF - 1, &b));
        assert_true(b.n_sel < N); /* a few targets select part of the graph */
        const ga_adj *up = &ch->up[towards ? 1 : 0];
        uint8_t *in = calloc(N, 1);
        for (uint32_t i = 0; i < b.n_sel; i++) {
            in[b.node[i]] = 1;
            assert_int_equal(b.loc[b.node[i]], i);
            if (i) assert_true(ch->rank[b.node[i - 1]] > ch->rank[b.node[i]]);
            assert_int_equal(b.first[i + 1] - b.first[i], up->first[b.node[i] + 1] - up->first[b.node[i]]);
            for (uint32_t e = b.first[i]; e < b.first[i + 1]; e++) assert_true(b.arcs[e].head < i);
        }
        for (uint32_t v = 0; v < N; v++) {
            if (!in[v]) {
                assert_int_equal(b.loc[v], UINT32_MAX);
                continue;
            }
            for (uint32_t e = up->first[v]; e < up->first[v + 1]; e++) assert_true(in[up->arcs[e].head]);
        }
        for (int k = 0; k < NT; k++) assert_int_equal(b.node[b.tloc[k]], targets[k]);
        free(in);
        uint64_t dist[NT];
        for (int q = 0; q < 40; q++) {
            ga_seed seed = {rnd(N), 0};
            for (int k = 0; k < NT; k++) dist[k] = UINT64_MAX;
            ga_ch_query(ch, &b, s, &seed, 1, towards, GA_WEIGHT_INF - 1, dist);
            ga_search_run(ref, towards ? &t.fw : &t.bw, &seed, 1, GA_WEIGHT_INF - 1, NULL, 0);
            for (int k = 0; k < NT; k++) {
                uint32_t want = ga_search_dist(ref, targets[k]);
                if (want == GA_WEIGHT_INF) assert_true(dist[k] == UINT64_MAX);
                else assert_int_equal(dist[k], want);
            }
        }
        ga_ch_buckets_clear(&b);
    }
    ga_search_free(s);
    ga_search_free(ref);
    ga_ch_free(ch);
    tgraph_free(&t);
}

/* With a bound and a query state, the selection keeps only what the
 * targets' bounded reverse searches settle: fewer nodes than the closure,
 * arcs still to earlier nodes, costs within the bound exact, beyond it real
 * path costs or none. */
static void test_bounded_selection(void **state) {
    (void)state;
    enum { N = 600, NT = 15 };
    tgraph t;
    tgraph_make(&t, N, 0, 800, 1000);
    ga_ch *ch = ga_ch_build(&t.fw, NULL, NULL);
    assert_non_null(ch);
    ga_search *s = ga_search_new(N), *ref = ga_search_new(N);
    uint32_t targets[NT];
    for (int k = 0; k < NT; k++) targets[k] = rnd(N);
    const uint32_t bound = 2500;
    for (int towards = 0; towards < 2; towards++) {
        ga_ch_buckets all, b;
        assert_true(ga_ch_buckets_build(ch, NULL, targets, NT, towards, bound, &all)); /* no state: closure */
        assert_true(ga_ch_buckets_build(ch, s, targets, NT, towards, bound, &b));
        assert_true(b.n_sel < all.n_sel);
        for (uint32_t i = 0; i < b.n_sel; i++)
            for (uint32_t e = b.first[i]; e < b.first[i + 1]; e++) assert_true(b.arcs[e].head < i);
        uint64_t dist[NT];
        int within = 0;
        for (int q = 0; q < 60; q++) {
            ga_seed seed = {rnd(N), 0};
            for (int k = 0; k < NT; k++) dist[k] = UINT64_MAX;
            ga_ch_query(ch, &b, s, &seed, 1, towards, bound, dist);
            ga_search_run(ref, towards ? &t.fw : &t.bw, &seed, 1, GA_WEIGHT_INF - 1, NULL, 0);
            for (int k = 0; k < NT; k++) {
                uint32_t want = ga_search_dist(ref, targets[k]);
                if (want <= bound) {
                    assert_int_equal(dist[k], want);
                    within++;
                } else {
                    assert_true(dist[k] == UINT64_MAX || (want != GA_WEIGHT_INF && dist[k] >= want));
                }
            }
        }
        assert_true(within > 20); /* the bound leaves pairs on both sides */
        ga_ch_buckets_clear(&all);
        ga_ch_buckets_clear(&b);
    }
    ga_search_free(s);
    ga_search_free(ref);
    ga_ch_free(ch);
    tgraph_free(&t);
}

/* Each allocation of the selection failing in turn: false, the structure
 * left empty (nothing to free twice, nothing leaked: ASan), then success. */
static void test_selection_out_of_memory(void **state) {
    (void)state;
    enum { N = 200 };
    tgraph t;
    tgraph_make(&t, N, 0, 300, 100);
    ga_ch *ch = ga_ch_build(&t.fw, NULL, NULL);
    assert_non_null(ch);
    uint32_t targets[3] = {1, 50, 199};
    int failures = 0;
    for (uint64_t at = 1;; at++) {
        ga_ch_buckets b;
        ga_alloc_fail_at(at);
        bool ok = ga_ch_buckets_build(ch, NULL, targets, 3, true, GA_WEIGHT_INF - 1, &b);
        int failed = ga_alloc_failed();
        ga_alloc_fail_at(0);
        if (!failed) {
            assert_true(ok);
            assert_true(b.n_sel >= 3);
            ga_ch_buckets_clear(&b);
            break;
        }
        assert_false(ok);
        assert_null(b.node);
        assert_null(b.arcs);
        ga_ch_buckets_clear(&b); /* harmless on the emptied structure */
        failures++;
    }
    assert_true(failures >= 5); /* every array of the selection goes through ga_try_* */
    ga_ch_free(ch);
    tgraph_free(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phast_against_dijkstra),
        cmocka_unit_test(test_selection),
        cmocka_unit_test(test_bounded_selection),
        cmocka_unit_test(test_selection_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
