/* The cost source of a study or a command: the straight-line model (speed,
 * detour) or the road model over a road file with its profile or a graph
 * file, built from one small options struct. Every command's cost options
 * (cli/cost.h) and the study file's [cost] section fill this struct.
 *
 *   ga_cost_source_options o;
 *   ga_cost_source_options_init(&o);
 *   o.roads = "roads.osm.pbf";
 *   ga_cost_source cs;
 *   if (ga_cost_source_open(ctx, &o, &cs)) ...;   // before reading layers
 *   ... ga_cost_model_table(cs.model, ...) ...
 *   ga_cost_source_close(&cs);
 *
 * A cost matrix (fca and apl --matrix) is not a cost source yet: those
 * commands read their OD table themselves. */
#ifndef GA_STUDY_COST_SOURCE_H
#define GA_STUDY_COST_SOURCE_H

#include <glib.h>
#include "geoaccess.h"

typedef struct {
    char *roads;          /* road file (OSM .pbf/.osm or line shapefile), or NULL */
    char *graph;          /* graph file, or NULL */
    char *profile;        /* road profile (NULL: "car") */
    int threads;          /* road tables (0: all cores) */
    double snap_distance; /* metres */
    double access_speed;  /* km/h (NAN: the graph's own) */
    gboolean skip_unsnapped;
    char *table_method;   /* auto|dijkstra|ch (NULL: auto) */
    double detour;        /* straight-line model (NAN: default) */
    double speed;         /* straight-line model, km/h (NAN: default) */
} ga_cost_source_options;

/* The defaults: straight-line model, snap distance
 * GA_ROAD_DEFAULT_SNAP_DISTANCE_M, every other value "not given". */
void ga_cost_source_options_init(ga_cost_source_options *o);

typedef struct {
    ga_cost_model *model;
    ga_router *router;      /* road models only: the model's (borrowed) */
    const ga_graph *graph;  /* road models only: the model's (borrowed) */
} ga_cost_source;

/* The model the options ask for: the road model when `roads` or `graph` is
 * set, else the straight-line model. A road graph's CRS becomes the
 * context's working CRS (so that the layers read afterwards land in it):
 * open the source before reading layers. On failure the error is in ctx
 * (GA_ERR_ARG for inconsistent options). Caller frees the model with
 * ga_cost_model_free() (which also frees the graph). */
ga_status ga_cost_source_model(ga_ctx *ctx, const ga_cost_source_options *o, ga_cost_model **out);

/* The same with the road model's router and graph (for catchments). */
ga_status ga_cost_source_open(ga_ctx *ctx, const ga_cost_source_options *o, ga_cost_source *out);
void ga_cost_source_close(ga_cost_source *s);

#endif
