/* geoaccess: catchments (isochrones) around facilities and the population
 * they cover.
 *
 * A catchment is the area from which a facility is reached within a
 * threshold (minutes, or metres with GA_METRIC_DISTANCE). On a road graph it
 * is built from the reached part of the network: the roads reached within
 * the threshold (an arc reached part-way is cut where the threshold falls
 * along it), the access leg of the facility to its road and the facility
 * itself, buffered by buffer_m and unioned into one polygon (GEOS). Under
 * the straight-line model it is a circle (a service radius): the radius at
 * which the model's cost equals the threshold.
 *
 * Inclusive thresholds everywhere: a place whose cost equals the threshold
 * is inside. Polygons are valid (checked with GEOSisValid; repaired and
 * warned about otherwise) and nested: the catchment of a larger threshold is
 * unioned with the smaller one, so it never shrinks.
 */
#ifndef GEOACCESS_CATCHMENT_H
#define GEOACCESS_CATCHMENT_H

#include <stdbool.h>
#include "core.h"
#include "layer.h"
#include "map.h"
#include "od.h"
#include "route.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GA_CATCHMENT_DEFAULT_BUFFER_M 100.0

typedef struct {
    /* Roads: half-width of the band around the reached roads, metres
     * (<= 0: GA_CATCHMENT_DEFAULT_BUFFER_M). A place within it of a reached
     * road is in the catchment. */
    double buffer_m;
    /* false (default): cost to reach the facility (patients travelling to
     * it, searched backwards); true: cost from the facility. */
    bool from_facility;
    ga_metric metric;       /* thresholds in minutes (default) or metres */
    int quadrant_segments;  /* buffer arcs: segments per quarter circle (<= 0: 8) */
    int threads;            /* road catchments: <= 0 all cores */
} ga_catchment_options;

void ga_catchment_options_init(ga_catchment_options *o);

typedef struct ga_catchments ga_catchments;

/* Road catchments of every facility for every threshold (any order; n_thr
 * >= 1, each > 0). Rows are facility-major, thresholds ascending. A facility
 * beyond the router's snap distance, or on a road cut off from the rest of the
 * network (ga_router_point_route), fails with GA_ERR_UNREACHABLE naming it:
 * leave such facilities out first (geoaccess catchment does, with a warning).
 * The result is identical whatever the number of threads.
 * Caller frees *out with ga_catchments_free(). */
ga_status ga_catchments_road(ga_ctx *ctx, ga_router *router, const ga_points *facilities,
                             const double *thresholds, size_t n_thr,
                             const ga_catchment_options *opts, ga_catchments **out);

/* Circles of radius radius_m[k] around every facility, labelled with
 * thresholds[k] (radius_m NULL: the thresholds are the radii in metres).
 * Caller frees *out with ga_catchments_free(). */
ga_status ga_catchments_circles(ga_ctx *ctx, const ga_points *facilities,
                                const double *thresholds, const double *radius_m, size_t n_thr,
                                const ga_catchment_options *opts, ga_catchments **out);

/* The radius at which a cost model that grows linearly with straight-line
 * distance (the straight-line model) reaches `threshold`: probed through the
 * model's table. GA_ERR_ARG when the model is not linear in distance (a road
 * model: use ga_catchments_road). */
ga_status ga_cost_model_radius(ga_ctx *ctx, ga_cost_model *model, ga_metric metric,
                               double threshold, double *radius_m);

void ga_catchments_free(ga_catchments *c);
size_t ga_catchments_count(const ga_catchments *c);
size_t ga_catchments_facility(const ga_catchments *c, size_t i); /* facility index */
double ga_catchments_threshold(const ga_catchments *c, size_t i);
double ga_catchments_area(const ga_catchments *c, size_t i);     /* m2 */
/* m2 of catchment i inside the study area (NAN: not clipped). */
double ga_catchments_area_study(const ga_catchments *c, size_t i);
/* Clips every catchment to the land of the communes loaded, the union of
 * the study's communes and the ring's (may be NULL): a circle or a road
 * band no longer spills over the sea or abroad. Also records each one's
 * area inside the study's communes (ga_catchments_area_study). */
ga_status ga_catchments_clip(ga_ctx *ctx, ga_catchments *c, const ga_communes *study, const ga_communes *ring);
/* Nodes of the network reached (roads), 0 for circles. */
size_t ga_catchments_nodes(const ga_catchments *c, size_t i);
bool ga_catchments_valid(ga_ctx *ctx, const ga_catchments *c, size_t i);
/* True when catchment i covers the point (boundary included). */
bool ga_catchments_covers(ga_ctx *ctx, const ga_catchments *c, size_t i, double x, double y);
/* Area of catchment i outside catchment j (m2), for nesting checks. */
double ga_catchments_area_outside(ga_ctx *ctx, const ga_catchments *c, size_t i, size_t j);

/* Population covered by each catchment, into pop_points (may be NULL) and
 * pop_area (may be NULL), both ga_catchments_count entries:
 *   pop_points: people of the communes whose representative point reaches
 *     the facility within the threshold by the model's table (the same costs
 *     as every other measure; road model: `model` must route on the graph
 *     the catchments were built on);
 *   pop_area: each commune's people times the share of its area inside the
 *     polygon (people spread evenly over the commune).
 * pop[n communes] (NAN counts 0). */
ga_status ga_catchments_population(ga_ctx *ctx, const ga_catchments *c, ga_cost_model *model,
                                   const ga_points *facilities, const ga_communes *communes,
                                   const double *pop, double *pop_points, double *pop_area);

/* Writes the polygons with fields facility, type, threshold and unit (in
 * minutes "min", or "km" for distance catchments), area_km2 and,
 * when given (else NULL), pop_pts and pop_area: a polygon shapefile (working
 * CRS) or GeoJSON (RFC 7946: WGS 84 longitude/latitude), atomically. */
ga_status ga_catchments_write_shp(ga_ctx *ctx, const ga_catchments *c, const ga_points *facilities,
                                  const double *pop_points, const double *pop_area,
                                  const char *path);
ga_status ga_catchments_write_geojson(ga_ctx *ctx, const ga_catchments *c,
                                      const ga_points *facilities, const double *pop_points,
                                      const double *pop_area, const char *path);

/* A map (PNG, cairo) of the catchments: commune outlines in light grey
 * (communes may be NULL), the union of the polygons of each threshold
 * shaded (larger thresholds lighter) and outlined, the road network in grey
 * on top (graph may be NULL), the facilities as dots, a legend ("within 20
 * min", or "within 5 km" for distance catchments) and a scale bar; written
 * atomically. */
ga_status ga_catchments_map_png(ga_ctx *ctx, const ga_catchments *c, const ga_graph *graph,
                                const ga_communes *communes, const ga_points *facilities,
                                const char *title, const char *subtitle, int width_px,
                                const char *path);
/* The same on an A4 page in style->format (title, subtitle, sources,
 * width_px and n_towns of the style are used): the communes shaded by their
 * people (pop, NULL: the layer's), the ring's paler (may be NULL), a north
 * arrow and the towns' names; `placed` (may be NULL) gets the placement. */
ga_status ga_catchments_map(ga_ctx *ctx, const ga_catchments *c, const ga_graph *graph,
                            const ga_communes *communes, const double *pop, const ga_communes *ring,
                            const ga_points *facilities, const ga_map_style *style, const char *path,
                            ga_map_placement *placed);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header). */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_catchments, ga_catchments_free)
#endif

#endif
