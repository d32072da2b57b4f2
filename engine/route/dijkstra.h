/* Bounded one-to-many Dijkstra on the CSR graph, forward or backward.
 *
 * Written by hand (not igraph): the searches are bounded (stop at a cost),
 * multi-source (a point snapped inside an arc starts from both ends with
 * partial costs), run by many threads on one immutable graph, and must not
 * pay O(n) per query: the per-node state carries a timestamp, so starting a
 * new query is O(1) (increment the stamp; nodes with an old stamp are
 * unvisited).
 *
 * The adjacency used by the search interleaves (head, weight) per arc for
 * one metric and one direction (8 bytes per arc, one cache line holds 8
 * arcs); the backward adjacency is the reverse CSR, built once per router.
 */
#ifndef GA_ROUTE_DIJKSTRA_H
#define GA_ROUTE_DIJKSTRA_H

#include <stdbool.h>
#include <stdint.h>
#include "graph/graph.h"
#include "route/heap.h"
#include "route/radix.h"

typedef struct {
    uint32_t head, w;
} ga_arcw;

/* Adjacency for one metric and one direction: arcs of node v are
 * arcs[first[v] .. first[v+1]-1]; in a backward adjacency `head` is the
 * forward arc's tail (ga_adj_forward_arc finds the graph's arc; a forward
 * adjacency keeps the graph's arc order). */
typedef struct {
    uint32_t n_nodes, n_arcs;
    uint32_t *first;
    ga_arcw *arcs;
    uint32_t max_w; /* largest arc weight */
} ga_adj;

/* Builds the adjacency of `g` for a metric (0 time in deciseconds, 1 length
 * in decimetres) and direction. Returns false when memory runs out. */
bool ga_adj_build(const ga_graph *g, int metric, bool backward, ga_adj *out);
void ga_adj_clear(ga_adj *a);
/* The graph's arc of entry k (first[v] <= k < first[v+1]) of a backward
 * adjacency built from g: no per-arc ids are kept (4 bytes an arc), the arc
 * is found among its tail's arcs (the entries of node v keep the tails'
 * order, and one tail's arcs their order in the graph). */
uint32_t ga_adj_forward_arc(const ga_graph *g, const ga_adj *bw, uint32_t v, uint32_t k);

/* A start node and its initial cost. */
typedef struct {
    uint32_t node, dist;
} ga_seed;

#define GA_SETTLED UINT32_MAX

/* 8 bytes a node. After a run, a node whose stamp is the query's is
 * settled and `dist` is its cost (a search stopped early at its targets
 * takes the stamp back from the nodes it left queued). */
typedef struct {
    uint32_t stamp, dist;
} ga_node_state;

/* An entry of Dial's bucket lists. */
typedef struct {
    uint32_t node, next;
} ga_dial_entry;

/* Priority queues: the indexed 4-ary heap (decrease-key), the radix heap
 * (lazy deletion), or Dial's bucket queue: a circular array of buckets, one
 * per cost value modulo a power of two above the largest arc weight, each a
 * singly linked list of entries in a per-query pool (lazy deletion: O(1)
 * push and pop; the cursor finds the next non-empty bucket through an
 * occupancy bitmap, 64 cost values a word). Dial falls
 * back to the radix heap when the largest arc weight exceeds 2^22 units or
 * the seeds' costs span more than it. All give the same costs;
 * bench/route measures them and GA_QUEUE_DEFAULT is the fastest there (see
 * bench/README.md). */
typedef enum { GA_QUEUE_HEAP4 = 0, GA_QUEUE_RADIX = 1, GA_QUEUE_DIAL = 2 } ga_queue_kind;
#define GA_QUEUE_DEFAULT GA_QUEUE_DIAL

/* Query state of one thread (never shared). */
typedef struct {
    uint32_t n_nodes;
    uint32_t cur; /* stamp of the current query */
    ga_queue_kind queue;
    ga_node_state *st;
    uint32_t *pos; /* 4-ary heap: a node's heap slot, or GA_SETTLED
                      (with heap.items: NULL until the heap's first query) */
    ga_heap heap;
    ga_radix radix;
    /* Dial: bucket heads (indexes into pool), all empty between queries */
    uint32_t *bhead;
    uint64_t *bbits; /* occupancy: bit b set when bucket b is not empty */
    ga_dial_entry *pool;
    size_t pool_cap;
    uint32_t n_buckets;
    uint32_t *settled; /* nodes in the order they were settled: NULL until
                          ga_search_settled_ready (a table reads its targets'
                          costs, not this list: 4 bytes a node saved) */
    uint32_t n_settled; /* counted with or without the list */
} ga_search;

/* NULL when memory runs out. */
ga_search *ga_search_new(uint32_t n_nodes);
void ga_search_free(ga_search *s);
/* Allocates the 4-ary heap's per-node arrays (pos, heap.items) if not yet
 * done: ga_search_run does it when the heap is the queue (falling back to
 * the radix heap, same costs, when memory runs out); the hierarchy's
 * searches (ch.h) need it done before. False when memory runs out. */
bool ga_search_heap_ready(ga_search *s);
/* Allocates the settled list (4 bytes a node) if not yet done: the
 * searches then list the nodes they settle in s->settled. Needed by the
 * readers of that list (reach.h, one-to-all costs) and by the hierarchy's
 * searches (ch.h). False when memory runs out. */
bool ga_search_settled_ready(ga_search *s);
/* Bytes the state holds now (its per-node arrays, the queue's buffers). */
size_t ga_search_bytes(const ga_search *s);

/* Settles every node whose cost from the seeds is <= bound, in order of
 * cost; stops early once `n_target_nodes` nodes marked in `target_mark`
 * (may be NULL) are settled. Returns the number of settled nodes. */
uint32_t ga_search_run(ga_search *s, const ga_adj *adj, const ga_seed *seeds,
                       size_t n_seeds, uint32_t bound, const uint8_t *target_mark,
                       uint32_t n_target_nodes);

/* Cost of v after a run, or GA_WEIGHT_INF when v was not settled. */
static inline uint32_t ga_search_dist(const ga_search *s, uint32_t v) {
    const ga_node_state *x = &s->st[v];
    return x->stamp == s->cur ? x->dist : GA_WEIGHT_INF;
}

#endif
