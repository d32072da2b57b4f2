/* Issue 14, routing memory: a query state holds what its queue uses.
 *
 * The 4-ary heap's per-node arrays (12 bytes a node) are allocated only
 * when that queue runs (Dial's queue, the default, never touches them), and
 * Dial's entry pool grows with the searches instead of starting at one
 * entry per node; costs stay those of every queue, and an allocation that
 * fails falls back to the radix heap with the same costs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "test_util.h"
#include "memory_util.h"
#include "core/alloc.h"
#include "core/internal.h"
#include "graph/builder.h"
#include "route/dijkstra.h"
#include "route/router.h"

/* A two-way chain 0 - 1 - ... - N-1, arc weight 1 + (tail % 3). */
#define N 200000u
typedef struct {
    ga_graph g;
    ga_adj adj;
} chain;

static uint32_t cost_from_0(uint32_t v) {
    uint32_t c = 0;
    for (uint32_t u = 0; u < v; u++) c += 1 + u % 3;
    return c;
}

static void chain_make(chain *c) {
    uint32_t m = 2 * (N - 1);
    c->g = (ga_graph){.n_nodes = N, .n_arcs = m};
    c->g.first_out = g_new(uint32_t, N + 1);
    c->g.head = g_new(uint32_t, m);
    c->g.time_ds = g_new(uint32_t, m);
    uint32_t k = 0;
    for (uint32_t v = 0; v < N; v++) {
        c->g.first_out[v] = k;
        if (v > 0) { /* v -> v-1: the weight of the arc (v-1) -> v */
            c->g.head[k] = v - 1;
            c->g.time_ds[k++] = 1 + (v - 1) % 3;
        }
        if (v + 1 < N) {
            c->g.head[k] = v + 1;
            c->g.time_ds[k++] = 1 + v % 3;
        }
    }
    c->g.first_out[N] = k;
    c->g.dist_dm = c->g.time_ds;
    assert_true(ga_adj_build(&c->g, 0, false, &c->adj));
}

static void chain_free(chain *c) {
    ga_adj_clear(&c->adj);
    g_free(c->g.first_out);
    g_free(c->g.head);
    g_free(c->g.time_ds);
}

static void check_all(const ga_search *s) {
    uint32_t c = 0;
    for (uint32_t v = 0; v < N; v++) {
        assert_int_equal(ga_search_dist(s, v), c);
        c += 1 + v % 3;
    }
}

static void test_default_queue_holds_no_heap(void **state) {
    (void)state;
    chain c;
    chain_make(&c);
    ga_search *s = ga_search_new(N);
    assert_non_null(s);
    assert_int_equal(s->queue, GA_QUEUE_DIAL);
    /* node state (8): the heap's 12 bytes and the settled list's 4 are not
     * there (a table reads its targets' costs, not the list) */
    assert_null(s->pos);
    assert_null(s->heap.items);
    assert_null(s->settled);
    assert_true(ga_search_bytes(s) <= sizeof *s + (size_t)N * 8);
    /* a bounded search uses a few hundred pool entries: the pool stays at
     * its start, far below one entry a node */
    ga_seed seed = {0, 0};
    uint32_t bound = cost_from_0(300);
    assert_int_equal(ga_search_run(s, &c.adj, &seed, 1, bound, NULL, 0), 301);
    assert_int_equal(ga_search_dist(s, 300), bound);
    assert_int_equal(ga_search_dist(s, 301), GA_WEIGHT_INF);
    assert_null(s->pos);
    assert_true(s->pool_cap < N / 2);
    size_t after_bounded = ga_search_bytes(s);
    assert_true(after_bounded < sizeof *s + (size_t)N * 8 + (size_t)N * 4);
    assert_null(s->settled);
    /* the list on request: the nodes in order of cost */
    assert_true(ga_search_settled_ready(s));
    assert_int_equal(ga_search_run(s, &c.adj, &seed, 1, bound, NULL, 0), 301);
    for (uint32_t k = 0; k < 301; k++) assert_int_equal(s->settled[k], k);
    assert_true(ga_search_bytes(s) >= after_bounded + (size_t)N * 4);
    /* one to all: the pool grows as needed, the costs are exact */
    assert_int_equal(ga_search_run(s, &c.adj, &seed, 1, GA_WEIGHT_INF, NULL, 0), N);
    check_all(s);
    assert_true(s->pool_cap >= N);
    assert_null(s->pos);
    assert_null(s->heap.items);
    /* the 4-ary heap: arrays on first use, same costs */
    s->queue = GA_QUEUE_HEAP4;
    assert_int_equal(ga_search_run(s, &c.adj, &seed, 1, GA_WEIGHT_INF, NULL, 0), N);
    check_all(s);
    assert_non_null(s->pos);
    assert_non_null(s->heap.items);
    assert_true(ga_search_bytes(s) >= (size_t)N * 24);
    ga_search_free(s);
    chain_free(&c);
}

/* the heap's arrays cannot be allocated: the radix heap answers, same costs */
static void test_heap_arrays_out_of_memory(void **state) {
    (void)state;
    chain c;
    chain_make(&c);
    ga_seed seed = {0, 0};
    for (uint64_t k = 1; k <= 2; k++) {
        ga_search *s = ga_search_new(N);
        assert_non_null(s);
        s->queue = GA_QUEUE_HEAP4;
        ga_alloc_fail_at(k);
        assert_int_equal(ga_search_run(s, &c.adj, &seed, 1, GA_WEIGHT_INF, NULL, 0), N);
        assert_true(ga_alloc_failed());
        ga_alloc_fail_at(0);
        check_all(s);
        assert_false(s->pos && s->heap.items);
        /* memory back: the next query gets them */
        assert_int_equal(ga_search_run(s, &c.adj, &seed, 1, GA_WEIGHT_INF, NULL, 0), N);
        check_all(s);
        assert_non_null(s->pos);
        assert_non_null(s->heap.items);
        ga_search_free(s);
    }
    chain_free(&c);
}

/* The router reads a mapped graph's lengths once (the access speed) and
 * gives their pages back: reading them again after maps them again, so the
 * process did not hold them (a table of times never reads them). */
static void test_router_gives_lengths_back(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    ga_graph *g = grid_graph(ctx, 400);
    char *dir = test_tmpdir("search_memory");
    char *path = g_build_filename(dir, "grid.graph", NULL);
    assert_status(ctx, ga_graph_write(ctx, g, path), GA_OK);
    uint64_t want = 0;
    for (uint32_t a = 0; a < g->n_arcs; a++) want += g->dist_dm[a];
    ga_graph_free(g);
    ga_graph *h = NULL;
    assert_status(ctx, ga_graph_load(ctx, path, &h), GA_OK);
    ga_router *r = NULL;
    ga_road_options o;
    ga_road_options_init(&o); /* access speed: the graph's own, from the lengths */
    assert_status(ctx, ga_router_new(ctx, h, &o, &r), GA_OK);
    double before = rss_file_kb();
    if (before < 0) skip();
    uint64_t sum = 0;
    for (uint32_t a = 0; a < h->n_arcs; a++) sum += h->dist_dm[a];
    double grew = rss_file_kb() - before;
    assert_int_equal(sum, want);
    double len_kb = (double)h->n_arcs * 4 / 1024;
    assert_true(len_kb > 1000);
    assert_true(grew > 0.8 * len_kb);
    ga_router_free(r);
    ga_graph_free(h);
    test_rm_rf(dir);
    g_free(path);
    g_free(dir);
    ga_ctx_free(ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_queue_holds_no_heap),
        cmocka_unit_test(test_heap_arrays_out_of_memory),
        cmocka_unit_test(test_router_gives_lengths_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
