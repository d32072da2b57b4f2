/* The road graph in memory: CSR adjacency, 32-bit ids, integer weights.
 *
 * Written by hand (not igraph, not GLib containers): the router's speed
 * depends on a flat, cache-friendly layout that no library here provides.
 *
 * Arcs of node v are first_out[v] .. first_out[v+1]-1; head[a] is the node
 * an arc leads to; time_ds[a] its travel time in deciseconds, dist_dm[a] its
 * length in decimetres. Node coordinates are fixed-point integers in the
 * graph's CRS (centimetres). Each arc keeps its geometry (the contracted
 * chain of degree-2 vertices) for snapping and catchment polygons.
 *
 * The graph is immutable once built: many threads may query it at once, each
 * with its own query state.
 *
 * OWNER: graph module (engine/graph). The router (engine/route) reads it.
 */
#ifndef GA_GRAPH_H
#define GA_GRAPH_H

#include <stdint.h>
#include "geoaccess.h"

#define GA_NODE_NONE UINT32_MAX
/* Infinite weight: inf + inf does not overflow a uint32_t. */
#define GA_WEIGHT_INF (UINT32_MAX / 2u)
_Static_assert(GA_WEIGHT_INF + GA_WEIGHT_INF > GA_WEIGHT_INF, "weights must not overflow");

struct ga_graph {
    uint32_t n_nodes, n_arcs;
    uint32_t *first_out; /* n_nodes + 1 */
    uint32_t *head;      /* n_arcs */
    uint32_t *time_ds;   /* n_arcs, deciseconds */
    uint32_t *dist_dm;   /* n_arcs, decimetres */
    int32_t *x_cm, *y_cm;/* n_nodes, centimetres in the graph CRS */
    /* Arc geometry: intermediate vertices of arc a (excluding both end
     * nodes) are geom_x_cm/geom_y_cm[geom_first[a] .. geom_first[a+1]-1],
     * in the arc's direction. */
    uint32_t *geom_first; /* n_arcs + 1 */
    int32_t *geom_x_cm, *geom_y_cm;
    char *crs;       /* PROJ string of the graph CRS (e.g. "EPSG:2154") */
    char *profile;   /* profile name ("car", "walk", or a file) */
    /* Added by the graph module (not needed by the router): */
    uint64_t road_length_dm;     /* road length, a two-way road counted once */
    uint32_t dropped_nodes;      /* nodes outside the largest strongly
                                    connected component (before contraction) */
    uint32_t dropped_components; /* number of components dropped */
    uint8_t source_sha256[32];   /* SHA-256 of the source file(s), 0 if none */
    /* where the arrays live: owned heap blocks, or one mmap'ed file */
    void *mapping;
    size_t mapping_size;
};

#endif
