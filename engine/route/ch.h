/* Contraction hierarchy for many-to-many tables.
 *
 * Written by hand: no library in the stack has one (igraph and GEOS do not
 * route; OSRM and RoutingKit are not Debian libraries we link). Geisberger,
 * Sanders, Schultes & Delling (2008), "Contraction hierarchies: faster and
 * simpler hierarchical routing in road networks", WEA 2008: nodes are
 * contracted one by one, least important first (edge difference plus
 * contracted neighbours, lazily updated); contracting v adds a shortcut
 * u -> w of cost c(u,v) + c(v,w) unless a witness path u -> w avoiding v and
 * no longer exists (a local Dijkstra search, limited in settled nodes: a
 * witness not found adds a shortcut, never a wrong cost). Tables use the
 * bucket algorithm of Knopp, Sanders, Schultes, Schulz & Wagner (2007),
 * "Computing many-to-many shortest paths using highway hierarchies",
 * ALENEX 2007: an upward search from every target, in reverse, leaves
 * (target, cost) in buckets at the nodes it settles; an upward search from
 * every source meets them. Costs are the same integers as Dijkstra's on the
 * original graph (tested against it), so a table is byte-identical whichever
 * algorithm ran.
 */
#ifndef GA_ROUTE_CH_H
#define GA_ROUTE_CH_H

#include <stdbool.h>
#include <stdint.h>
#include "route/dijkstra.h"

typedef struct {
    uint32_t n_nodes;
    uint32_t *rank;   /* contraction order of each node */
    /* Upward graphs as adjacencies the ordinary search runs on:
     * up[0]: arcs u -> v (original or shortcut) with rank[v] > rank[u], at u;
     * up[1]: the same arcs reversed (v -> u with rank[v] > rank[u], at u),
     * for searches towards a node. */
    ga_adj up[2];
    uint64_t n_shortcuts;
    double build_s;
} ga_ch;

/* Builds the hierarchy of a forward adjacency (one metric). NULL when
 * memory runs out. Deterministic: no threads, ties broken by node id.
 * `progress` (may be NULL) is told how many nodes are contracted, now and
 * then. */
typedef void (*ga_ch_progress)(void *user, uint64_t done, uint64_t total);
ga_ch *ga_ch_build(const ga_adj *forward, ga_ch_progress progress, void *user);
void ga_ch_free(ga_ch *ch);

/* Buckets of a set of targets: for target k (0..n_targets-1) standing on
 * node targets[k], every node its reverse upward search settles within
 * `bound` holds (k, cost). `towards` = true: the table's costs run from the
 * searched sources to the targets (buckets on up[1]); false: from the
 * targets to the sources (buckets on up[0]). */
typedef struct {
    uint32_t n_nodes;
    uint32_t *first;              /* n_nodes + 1 */
    struct ga_ch_entry {
        uint32_t target, cost;
    } *e;
    uint64_t settled;             /* nodes settled by the bucket searches */
} ga_ch_buckets;

bool ga_ch_buckets_build(const ga_ch *ch, ga_search *s, const uint32_t *targets, uint32_t n_targets,
                         bool towards, uint32_t bound, ga_ch_buckets *out);
void ga_ch_buckets_clear(ga_ch_buckets *b);

/* Costs from the seeds to every target of the buckets, into dist (one per
 * target, UINT64_MAX where not met; the caller sets them to UINT64_MAX
 * before the first call and after reading them). `towards` as for the
 * buckets. Returns the number of nodes the upward search settled. */
uint32_t ga_ch_query(const ga_ch *ch, const ga_ch_buckets *b, ga_search *s, const ga_seed *seeds,
                     size_t n_seeds, bool towards, uint32_t bound, uint64_t *dist);

#endif
