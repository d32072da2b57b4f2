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
 * witness not found adds a shortcut, never a wrong cost). Tables use
 * RPHAST (Delling, Goldberg & Werneck 2011, below): the nodes the targets'
 * reverse upward searches can reach are selected once, in decreasing rank;
 * per source, an upward search (stall-on-demand) then one linear sweep over
 * the selection. (It replaced the bucket algorithm of Knopp et al. 2007,
 * whose bucket scans cost more per source on 1000 x 1000 tables: see
 * bench/README.md.) Costs are the same integers as Dijkstra's on the
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

/* The targets' part of a table: RPHAST's selection (Delling, Goldberg &
 * Werneck (2011), "Faster batched shortest paths in road networks", ATMOS
 * 2011). Every node an upward search from a target (in reverse) can reach,
 * sorted by decreasing rank, with its upward arcs (in the table's
 * direction) renumbered into that order: a query's upward search from its
 * seeds, then one linear sweep over these nodes, gives every target's cost.
 * `towards` = true: the table's costs run from the searched sources to the
 * targets (the selection follows up[1]); false: from the targets to the
 * sources (up[0]). */
typedef struct {
    uint32_t n_nodes;
    uint32_t n_sel;               /* selected nodes */
    uint32_t *node;               /* n_sel: graph node of each, by decreasing rank */
    uint32_t *loc;                /* n_nodes: local index of a node, UINT32_MAX if not selected */
    uint32_t *first;              /* n_sel + 1 */
    ga_arcw *arcs;                /* to higher (earlier) local indexes */
    uint32_t n_targets;
    uint32_t *tloc;               /* n_targets: local index of each target */
    uint64_t settled;             /* nodes selected (work of the set-up) */
} ga_ch_buckets;

/* With a bound (below GA_WEIGHT_INF - 1) and a query state `s`, only the
 * nodes the targets' reverse upward searches settle within the bound are
 * selected (costs within the bound exact, beyond it higher or none);
 * otherwise (or s NULL) the whole upward closure. False when memory runs
 * out. */
bool ga_ch_buckets_build(const ga_ch *ch, ga_search *s, const uint32_t *targets, uint32_t n_targets,
                         bool towards, uint32_t bound, ga_ch_buckets *out);
void ga_ch_buckets_clear(ga_ch_buckets *b);

/* Costs from the seeds to every target of the selection, into dist (one
 * per target, UINT64_MAX where not met, lowered where a lower cost is
 * found; the caller sets them to UINT64_MAX before the first call and after
 * reading them). A cost may exceed `bound` (the caller compares): the
 * upward search stops at the bound, the sweep does not. `towards` as for
 * the selection. The sweep uses s->pos as its scratch (n_sel entries): s
 * must hold the heap's arrays and the settled list (ga_search_heap_ready and
 * ga_search_settled_ready, which ga_ch_buckets_build calls on the s it is
 * given).
 * Returns the number of nodes the upward search popped. */
uint32_t ga_ch_query(const ga_ch *ch, const ga_ch_buckets *b, ga_search *s, const ga_seed *seeds,
                     size_t n_seeds, bool towards, uint32_t bound, uint64_t *dist);

#endif
