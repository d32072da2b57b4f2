/* Private to the engine: the road model owning its graph (used by the
 * cost source, study/cost_source.h). */
#ifndef GA_ROUTE_ROAD_H
#define GA_ROUTE_ROAD_H

#include "geoaccess.h"
#include "geoaccess/route.h"

/* A road model over `g` (opened with ga_graph_open, graph/open.h) that
 * takes the graph: freed with the model, or here on failure. */
ga_status ga_road_model_adopt(ga_ctx *ctx, ga_graph *g, const ga_road_options *opts, ga_cost_model **out);

/* The router and graph behind a road model (borrowed: they live as long as
 * the model), or NULL for another kind of model. */
ga_router *ga_road_model_router(ga_cost_model *model);
const ga_graph *ga_road_model_graph(const ga_cost_model *model);

#endif
