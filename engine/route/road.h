/* Private to the engine: the road model built from a file (used by the
 * command-line cost options). */
#ifndef GA_ROUTE_ROAD_H
#define GA_ROUTE_ROAD_H

#include "geoaccess.h"
#include "geoaccess/route.h"

/* Builds a graph from `roads_path` (OSM .pbf or line shapefile, with
 * `profile`) or loads the graph file `graph_path` (exactly one non-NULL),
 * then a road model owning that graph. */
ga_status ga_road_model_open(ga_ctx *ctx, const char *roads_path,
                             const char *graph_path, const char *profile,
                             const ga_road_options *opts, ga_cost_model **out);

/* The router and graph behind a road model (borrowed: they live as long as
 * the model), or NULL for another kind of model. */
ga_router *ga_road_model_router(ga_cost_model *model);
const ga_graph *ga_road_model_graph(const ga_cost_model *model);

#endif
