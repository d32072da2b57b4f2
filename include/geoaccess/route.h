/* geoaccess: travel costs on a road graph.
 *
 * Points (communes' representative points, facilities) snap to the nearest
 * road segment within a distance; the point is joined to the road at its
 * projection (a virtual split of the segment: the search starts from, or
 * ends at, both ends of the segment with the partial costs along it). The
 * access leg from the point to the road is costed at a fixed speed
 * (access_speed_kmh) in time, or its length in distance.
 *
 * Costs: minutes (GA_METRIC_TIME, from the arcs' travel times) or metres
 * (GA_METRIC_DISTANCE, from the arcs' lengths), cost = access leg of the
 * origin + path + access leg of the destination. The graph stores integer
 * deciseconds and decimetres; a point's position along its segment is
 * rounded to that unit (so the path cost is an integer number of units,
 * whichever way the table is searched). Two points closer to each other than
 * the sum of their access legs are also joined straight, at the access speed
 * (a facility beside a commune's point, or at the very same place: cost 0),
 * when that is cheaper. A pair is missing when the destination cannot be
 * reached or costs more than the bound. A point that cannot be routed
 * (beyond the snap distance with skip_unsnapped, or on a road cut off from
 * the largest strongly connected component) is warned about by id and
 * flagged in the table (from_unknown / to_unknown): unknown, not "none
 * within reach".
 *
 * Tables are computed in parallel over origins (or destinations, searching
 * backwards, when there are fewer of them); the result does not depend on
 * the number of threads.
 */
#ifndef GEOACCESS_ROUTE_H
#define GEOACCESS_ROUTE_H

#include <stdbool.h>
#include "core.h"
#include "layer.h"
#include "od.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The road graph (engine/graph). */
typedef struct ga_graph ga_graph;

/* A point further than this from every road is unreachable. */
#define GA_ROAD_DEFAULT_SNAP_DISTANCE_M 1000.0
/* Speed of the access leg between a point and its road by car (a slow
 * drive on an unmapped track or car park); slower graphs (walking) use their
 * own speed (ga_graph_access_speed). */
#define GA_ROAD_DEFAULT_ACCESS_SPEED_KMH 20.0

/* How many-to-many tables are computed. Both give the same costs, to the
 * unit; AUTO takes the contraction hierarchy for unbounded tables with at
 * least GA_TABLE_CH_MIN_SOURCES sources (it is built once per router and
 * metric, which costs about as much as a few hundred plain searches), plain
 * Dijkstra otherwise. */
typedef enum {
    GA_TABLE_AUTO = 0,
    GA_TABLE_DIJKSTRA = 1, /* one search per source */
    GA_TABLE_CH = 2,       /* contraction hierarchy, bucket many-to-many */
} ga_table_method;
#define GA_TABLE_CH_MIN_SOURCES 500

typedef struct {
    double snap_distance_m;  /* <= 0: GA_ROAD_DEFAULT_SNAP_DISTANCE_M */
    double access_speed_kmh; /* <= 0: the graph's own, ga_graph_access_speed */
    /* false (default): a point beyond snap_distance_m fails the table with
     * GA_ERR_UNREACHABLE naming its id; true: it is warned about and left
     * out (no pairs). */
    bool skip_unsnapped;
    int threads;             /* <= 0: all cores */
    ga_table_method table_method;
} ga_road_options;

/* Fills *o with the defaults. */
void ga_road_options_init(ga_road_options *o);

/* The access leg's speed on a graph when none is given: the speed of its
 * roads (length-weighted median of the arcs' speeds, to 0.1 km/h), at most
 * GA_ROAD_DEFAULT_ACCESS_SPEED_KMH: 20 km/h by car, the walking speed on a
 * walking graph. */
double ga_graph_access_speed(const ga_graph *g);

/* A cost model routing on `graph` (which must outlive the model; the model
 * builds the reverse graph and a spatial index of the segments once).
 * `opts` may be NULL for the defaults. The points given to the model must be
 * in the graph's CRS (the working CRS). Caller frees *out with ga_cost_model_free(). */
ga_status ga_road_model_new(ga_ctx *ctx, const ga_graph *graph,
                            const ga_road_options *opts, ga_cost_model **out);

/* ---- lower level: the router behind the model ---- */

typedef struct ga_router ga_router;

/* Where a point joins the network. */
typedef struct {
    bool snapped;       /* false: no road within the snap distance */
    double distance_m;  /* point to road */
    double x, y;        /* projection on the road */
    uint32_t arc;       /* arc the projection lies on */
    double fraction;    /* position along the arc, 0 (tail) .. 1 (head) */
} ga_snap;

/* Caller frees *out with ga_router_free(). */
ga_status ga_router_new(ga_ctx *ctx, const ga_graph *graph,
                        const ga_road_options *opts, ga_router **out);
void ga_router_free(ga_router *r);

/* Snaps n points (x[i], y[i]) onto the network; never fails on a far point
 * (snapped = false). */
ga_status ga_router_snap(ga_router *r, ga_ctx *ctx, const double *x,
                         const double *y, size_t n, ga_snap *out);

/* Whether a point can be routed: snapped within the snap distance, and on a
 * road of the largest strongly connected component (a road cut off from it
 * neither reaches nor is reached from the rest of the network; only a graph
 * built with every component kept has such roads). A point that cannot be
 * routed has unknown costs: tables flag it (ga_od_from_unknown). */
typedef enum { GA_POINT_ROUTED = 0, GA_POINT_UNSNAPPED = 1, GA_POINT_CUT_OFF = 2 } ga_point_route;
ga_point_route ga_router_point_route(const ga_router *r, double x, double y);

/* The table of costs between point layers (see ga_cost_model_ops.table);
 * same as the road model's. Caller frees *out with ga_od_free(). */
ga_status ga_router_table(ga_router *r, ga_ctx *ctx, const ga_points *from,
                          const ga_points *to, ga_metric metric,
                          double max_cost, ga_od **out);

/* Costs from one point to every node of the graph not above max_cost
 * (backward = true: from every node to the point). cost[v] is INFINITY for
 * nodes not reached; `cost` has graph->n_nodes entries. */
ga_status ga_router_point_to_nodes(ga_router *r, ga_ctx *ctx, double x,
                                   double y, ga_metric metric, double max_cost,
                                   bool backward, double *cost);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header). */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_router, ga_router_free)
#endif

#endif
