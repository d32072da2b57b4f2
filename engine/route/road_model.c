/* The road cost model: a ga_cost_model over the router (see route.h), and
 * the model owning an opened graph (road.h). */
#include <math.h>
#include <string.h>
#include "core/internal.h"
#include "graph/builder.h"
#include "route/road.h"
#include "route/router.h"

typedef struct {
    ga_cost_model base;
    ga_router *router;
} road_model;

static ga_status road_table(ga_cost_model *model, ga_ctx *ctx, const ga_points *from,
                            const ga_points *to, ga_metric metric, double max_cost, ga_od **out) {
    road_model *m = (road_model *)model;
    return ga_router_table(m->router, ctx, from, to, metric, max_cost, out);
}

static char *road_describe(const ga_cost_model *model) {
    const road_model *m = (const road_model *)model;
    const ga_router *r = m->router;
    const ga_graph *g = r->g;
    return g_strdup_printf("road model: shortest paths on a graph of %u nodes and %u arcs "
                           "(profile %s, CRS %s); points snap to the nearest road within %g m, "
                           "access leg at %g km/h",
                           g->n_nodes, g->n_arcs, g->profile && *g->profile ? g->profile : "?",
                           g->crs && *g->crs ? g->crs : "?", r->opts.snap_distance_m,
                           r->opts.access_speed_kmh);
}

static void road_free(ga_cost_model *model) {
    road_model *m = (road_model *)model;
    ga_router_free(m->router);
    g_free(m);
}

static const ga_cost_model_ops road_ops = {
    .name = "road",
    .table = road_table,
    .describe = road_describe,
    .free = road_free,
};

ga_status ga_road_model_new(ga_ctx *ctx, const ga_graph *graph, const ga_road_options *opts,
                            ga_cost_model **out) {
    ga_router *r = NULL;
    ga_status st = ga_router_new(ctx, graph, opts, &r);
    if (st != GA_OK) return st;
    road_model *m = g_new0(road_model, 1);
    m->base.ops = &road_ops;
    m->router = r;
    *out = &m->base;
    return GA_OK;
}

ga_router *ga_road_model_router(ga_cost_model *model) {
    return model && model->ops == &road_ops ? ((road_model *)model)->router : NULL;
}

const ga_graph *ga_road_model_graph(const ga_cost_model *model) {
    return model && model->ops == &road_ops ? ((const road_model *)model)->router->g : NULL;
}

ga_status ga_road_model_adopt(ga_ctx *ctx, ga_graph *g, const ga_road_options *opts, ga_cost_model **out) {
    ga_cost_model *m = NULL;
    ga_status st = ga_road_model_new(ctx, g, opts, &m);
    if (st != GA_OK) {
        ga_graph_free(g);
        return st;
    }
    ga_router_adopt_graph(((road_model *)m)->router, g, ga_graph_free);
    *out = m;
    return GA_OK;
}
