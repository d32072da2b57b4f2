/* Snapping points to the nearest road segment: a uniform grid over the
 * segments of the arcs' geometries (about four segments per cell), searched in
 * rings of cells around the point until no unseen segment can be closer.
 *
 * Why a grid and not GEOS's STRtree: the index holds millions of segments
 * (1.8 million on the 1-million-node synthetic graph); a GEOS geometry per
 * segment is a heap object reached through pointers, while a grid is one flat
 * array of 8-byte cell entries (arc, segment) plus 4 bytes per cell, built in
 * two linear passes. Measured by bench/route/bench_route --strtree on the same
 * segments and points (same distances): the grid builds 4-6x faster and
 * answers 3-7x faster, with far less memory (bench/README.md, "Routing").
 * The segments' ends are read from the graph's own coordinates when a query
 * tests them (no copy per segment): with the arc twins, about 30 bytes per
 * graph node instead of 178 with a 48-byte copy of every segment
 * (bench/README.md, "Memory").
 *
 * A two-way road is two arcs with the same geometry (one reversed): only one
 * of each such pair (the lower id) is indexed, and ga_snap_index_twin gives
 * the other.
 */
#ifndef GA_ROUTE_SNAP_H
#define GA_ROUTE_SNAP_H

#include <stdbool.h>
#include "graph/graph.h"
#include "geoaccess/route.h"

typedef struct ga_snap_index ga_snap_index;

/* NULL when memory runs out. */
ga_snap_index *ga_snap_index_new(const ga_graph *g);
void ga_snap_index_free(ga_snap_index *ix);

/* The nearest point of the network to (x, y) (metres, graph CRS) within
 * max_dist metres. Ties (equal distances) go to the lowest indexed arc and
 * segment. out->snapped = false when no segment is that close. */
void ga_snap_index_nearest(const ga_snap_index *ix, double x, double y, double max_dist,
                           ga_snap *out);

/* The reverse arc of a two-way road (same geometry reversed), or
 * GA_NODE_NONE. */
uint32_t ga_snap_index_twin(const ga_snap_index *ix, uint32_t arc);
/* Tail node of an arc. */
uint32_t ga_snap_index_tail(const ga_snap_index *ix, uint32_t arc);

/* Bytes used by the index (for the benchmarks). */
size_t ga_snap_index_bytes(const ga_snap_index *ix);

#endif
