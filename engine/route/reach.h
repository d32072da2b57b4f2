/* Private to the engine: the reached part of the network around one point
 * (catchments, isochrones), on top of the router's searches.
 *
 * One bounded search from a point (forward: the cost from the point; backward:
 * the cost to reach the point), then, for any threshold up to the search
 * bound, the pieces of arcs reached: whole arcs, and partial arcs cut where
 * the threshold falls along them (the cost is taken as uniform along an arc's
 * length). The point joins its road as in the router's tables (same snapping,
 * same rounding of the position along the arc, same access leg), so a place
 * is in the reached network exactly when the table would give it a cost
 * <= the threshold, up to the access leg at the far end.
 *
 * OWNER: catchments (issue 5); uses the router's private API read-only.
 */
#ifndef GA_ROUTE_REACH_H
#define GA_ROUTE_REACH_H

#include <stdbool.h>
#include <glib.h>
#include "geoaccess/route.h"

/* A piece of an arc: fractions of its polyline, 0 (tail) .. 1 (head). Arcs
 * are "canonical": of the two arcs of a two-way road (same geometry, one
 * reversed) only the lower id is used, fractions flipped accordingly. */
typedef struct {
    uint32_t arc;
    double from, to;
} ga_reach_piece;

typedef struct ga_reach ga_reach;

/* Query state for one thread (NULL when memory runs out). */
ga_reach *ga_reach_new(ga_router *r);
void ga_reach_free(ga_reach *q);

/* Searches from (x, y) up to max_cost (> 0) in `metric` (backward: costs to
 * reach the point). GA_ERR_UNREACHABLE when the point is beyond the snap
 * distance or on a road cut off from the rest of the network. */
ga_status ga_reach_run(ga_reach *q, ga_ctx *ctx, double x, double y, ga_metric metric,
                       double max_cost, bool backward);

/* The access leg of the last run: cost (metric's unit) and the point where
 * the point joins its road. */
double ga_reach_access_cost(const ga_reach *q);
void ga_reach_snap_point(const ga_reach *q, double *x, double *y);

/* Pieces reached within `threshold` (<= the run's max_cost), merged per
 * canonical arc and sorted by (arc, from); appended to `out` (GArray of
 * ga_reach_piece). Inclusive: a place whose cost equals the threshold is
 * reached. Returns the number appended. */
size_t ga_reach_pieces(const ga_reach *q, double threshold, GArray *out);

/* Number of nodes whose cost is <= threshold (after a run). */
size_t ga_reach_node_count(const ga_reach *q, double threshold);
/* Appends those nodes (uint32_t graph node ids) to `out`; returns how many. */
size_t ga_reach_nodes(const ga_reach *q, double threshold, GArray *out);

/* Coordinates of the polyline of canonical arc `arc` between fractions
 * `from` and `to` (by length), appended to xy as x0, y0, x1, y1...;
 * returns the number of vertices appended (>= 2). */
size_t ga_reach_piece_coords(const ga_router *r, const ga_reach_piece *p, GArray *xy);

#endif
