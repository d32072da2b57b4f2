/* The cost source of a study or a command: see cost_source.h. */
#include <math.h>
#include <string.h>
#include "study/cost_source.h"
#include "core/internal.h"
#include "graph/open.h"
#include "route/road.h"

void ga_cost_source_options_init(ga_cost_source_options *o) {
    *o = (ga_cost_source_options){
        .threads = 0,
        .snap_distance = GA_ROAD_DEFAULT_SNAP_DISTANCE_M,
        .access_speed = NAN, /* the graph's own (ga_graph_access_speed) */
        .detour = NAN,
        .speed = NAN,
    };
}

ga_status ga_cost_source_model(ga_ctx *ctx, const ga_cost_source_options *o, ga_cost_model **out) {
    bool road = o->roads || o->graph;
    /* checked whatever the model: a wrong value is refused, not ignored */
    if (o->threads < 0)
        return ga_fail(ctx, GA_ERR_ARG, "--threads must be >= 0 (got %d)", o->threads);
    if (!(o->snap_distance > 0) || !isfinite(o->snap_distance))
        return ga_fail(ctx, GA_ERR_ARG, "--snap-distance must be > 0 metres (got %g)",
                       o->snap_distance);
    if (!isnan(o->access_speed) && (!(o->access_speed > 0) || !isfinite(o->access_speed)))
        return ga_fail(ctx, GA_ERR_ARG, "--access-speed must be > 0 km/h (got %g)",
                       o->access_speed);
    if (o->roads && o->graph)
        return ga_fail(ctx, GA_ERR_ARG, "--roads and --graph cannot be used together");
    if (!road) {
        if (o->profile)
            return ga_fail(ctx, GA_ERR_ARG, "--profile needs --roads");
        if (o->table_method)
            return ga_fail(ctx, GA_ERR_ARG, "--table-method needs --roads or --graph");
        double detour = isnan(o->detour) ? GA_STRAIGHT_DEFAULT_DETOUR : o->detour;
        double speed = isnan(o->speed) ? GA_STRAIGHT_DEFAULT_SPEED_KMH : o->speed;
        return ga_straight_model_new(ctx, detour, speed, out);
    }
    if (!isnan(o->detour) || !isnan(o->speed))
        return ga_fail(ctx, GA_ERR_ARG,
                       "--detour and --speed set the straight-line model; they cannot be "
                       "used with --roads or --graph (the road profile sets the speeds)");
    if (o->profile && o->graph)
        return ga_fail(ctx, GA_ERR_ARG,
                       "--profile applies to --roads; a graph file was built with its own");
    ga_road_options ro;
    ga_road_options_init(&ro);
    ro.snap_distance_m = o->snap_distance;
    ro.access_speed_kmh = isnan(o->access_speed) ? 0 : o->access_speed;
    ro.skip_unsnapped = o->skip_unsnapped;
    ro.threads = o->threads;
    if (o->table_method) {
        if (!g_ascii_strcasecmp(o->table_method, "auto")) ro.table_method = GA_TABLE_AUTO;
        else if (!g_ascii_strcasecmp(o->table_method, "dijkstra")) ro.table_method = GA_TABLE_DIJKSTRA;
        else if (!g_ascii_strcasecmp(o->table_method, "ch")) ro.table_method = GA_TABLE_CH;
        else
            return ga_fail(ctx, GA_ERR_ARG, "--table-method: unknown method '%s' (auto, dijkstra, ch)",
                           ga_clip(o->table_method));
    }
    ga_graph *g = NULL;
    ga_status st = ga_graph_open(ctx, o->roads, o->graph, o->profile ? o->profile : "car", &g);
    if (st != GA_OK) return st;
    /* The graph's CRS becomes the working CRS, so that the points read after
     * the model is made (lon/lat, or x/y with their CRS) land in it. */
    const char *gcrs = ga_graph_crs(g);
    if (gcrs && *gcrs && g_ascii_strcasecmp(gcrs, ga_ctx_get_working_crs(ctx)) != 0 &&
        (st = ga_ctx_set_working_crs(ctx, gcrs)) != GA_OK) {
        ga_graph_free(g);
        return st;
    }
    return ga_road_model_adopt(ctx, g, &ro, out);
}

ga_status ga_cost_source_open(ga_ctx *ctx, const ga_cost_source_options *o, ga_cost_source *out) {
    memset(out, 0, sizeof *out);
    ga_status st = ga_cost_source_model(ctx, o, &out->model);
    if (st) return st;
    /* catchments walk the road model's own router and graph */
    out->router = ga_road_model_router(out->model);
    out->graph = ga_road_model_graph(out->model);
    return GA_OK;
}

void ga_cost_source_close(ga_cost_source *s) {
    ga_cost_model_free(s->model);
    memset(s, 0, sizeof *s);
}
