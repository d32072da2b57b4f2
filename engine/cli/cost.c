/* Travel-cost options shared by the commands: see cost.h. */
#include <math.h>
#include <string.h>
#include "cli/cost.h"
#include "core/internal.h"
#include "layer/table.h"
#include "route/road.h"

static void set_defaults(ga_cli_cost_options *o) {
    *o = (ga_cli_cost_options){
        .threads = 0,
        .snap_distance = GA_ROAD_DEFAULT_SNAP_DISTANCE_M,
        .access_speed = NAN, /* the graph's own (ga_graph_access_speed) */
        .detour = NAN,
        .speed = NAN,
    };
}

/* --detour and --speed keep NAN for "not given": GLib's double parser would
 * also turn "--detour nan" into NAN, and so into the default. They are
 * parsed here instead: decimal numbers only. */
static ga_cli_cost_options *parsing;

static gboolean parse_model_number(const gchar *name, const gchar *value, gpointer data,
                                   GError **error) {
    (void)data;
    double v = 0;
    if (!value || !ga_parse_decimal(value, strlen(value), false, &v)) {
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "%s: '%s' is not a decimal number", name, value ? ga_clip(value) : "");
        return FALSE;
    }
    if (!strcmp(name, "--detour")) parsing->detour = v;
    else parsing->speed = v;
    return TRUE;
}

/* After parsing, whatever the command does next (fca with --matrix builds
 * no model): a wrong value is a usage error, not ignored. */
static gboolean check_after_parse(GOptionContext *oc, GOptionGroup *g, gpointer data, GError **error) {
    (void)oc, (void)g, (void)data;
    const ga_cli_cost_options *o = parsing;
    const char *what = NULL;
    double v = 0;
    if (o->threads < 0) what = "--threads must be >= 0", v = o->threads;
    else if (!(o->snap_distance > 0) || !isfinite(o->snap_distance))
        what = "--snap-distance must be > 0 metres", v = o->snap_distance;
    else if (!isnan(o->access_speed) && (!(o->access_speed > 0) || !isfinite(o->access_speed)))
        what = "--access-speed must be > 0 km/h", v = o->access_speed;
    if (!what) return TRUE;
    g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s (got %g)", what, v);
    return FALSE;
}

static GOptionEntry *make_entries(ga_cli_cost_options *o) {
    parsing = o;
    GOptionEntry e[] = {
        {"roads", 0, 0, G_OPTION_ARG_FILENAME, &o->roads,
         "Route on this road network (OSM .pbf or line shapefile), graph built on the fly", "FILE"},
        {"graph", 0, 0, G_OPTION_ARG_FILENAME, &o->graph,
         "Route on this graph file (built beforehand)", "FILE"},
        {"profile", 0, 0, G_OPTION_ARG_STRING, &o->profile,
         "Travel profile for --roads: car (default), walk, or a profile file", "NAME"},
        {"threads", 0, 0, G_OPTION_ARG_INT, &o->threads,
         "Threads for road tables (default 0: all cores)", "N"},
        {"snap-distance", 0, 0, G_OPTION_ARG_DOUBLE, &o->snap_distance,
         "Points further than M metres from every road are unreachable (default 1000)", "M"},
        {"access-speed", 0, 0, G_OPTION_ARG_DOUBLE, &o->access_speed,
         "Speed between a point and its road, km/h (default: the roads' own speed, at most 20: "
         "20 by car, the walking speed on foot)", "KMH"},
        {"skip-unsnapped", 0, 0, G_OPTION_ARG_NONE, &o->skip_unsnapped,
         "Warn about and leave out points beyond --snap-distance instead of failing", NULL},
        {"table-method", 0, 0, G_OPTION_ARG_STRING, &o->table_method,
         "Road tables: auto (default: contraction hierarchy for unbounded tables of 500 sources "
         "or more), dijkstra or ch; all give the same costs",
         "M"},
        {"detour", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)parse_model_number,
         "Straight-line model: detour factor (default 1.3)", "F"},
        {"speed", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)parse_model_number,
         "Straight-line model: speed in km/h (default 60)", "KMH"},
        G_OPTION_ENTRY_NULL,
    };
    return g_memdup2(e, sizeof e);
}

GOptionGroup *ga_cli_cost_option_group(ga_cli_cost_options *o) {
    set_defaults(o);
    GOptionGroup *g = g_option_group_new("cost", "Travel costs:",
                                         "Show the travel-cost options", NULL, NULL);
    GOptionEntry *e = make_entries(o);
    g_option_group_add_entries(g, e);
    g_option_group_set_parse_hooks(g, NULL, check_after_parse);
    g_free(e); /* GLib copies the entries */
    return g;
}

void ga_cli_cost_add_main_entries(GOptionContext *oc, ga_cli_cost_options *o) {
    set_defaults(o);
    GOptionEntry *e = make_entries(o);
    g_option_context_add_main_entries(oc, e, NULL);
    g_option_group_set_parse_hooks(g_option_context_get_main_group(oc), NULL, check_after_parse);
    g_free(e);
}

void ga_cli_cost_options_clear(ga_cli_cost_options *o) {
    g_clear_pointer(&o->roads, g_free);
    g_clear_pointer(&o->graph, g_free);
    g_clear_pointer(&o->profile, g_free);
    g_clear_pointer(&o->table_method, g_free);
}

ga_status ga_cli_cost_model(ga_ctx *ctx, const ga_cli_cost_options *o, ga_cost_model **out) {
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
    return ga_road_model_open(ctx, o->roads, o->graph, o->profile ? o->profile : "car", &ro, out);
}
