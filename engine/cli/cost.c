/* Travel-cost options shared by the commands: see cost.h. */
#include <math.h>
#include <string.h>
#include "cli/cost.h"
#include "core/internal.h"
#include "layer/table.h"

static void set_defaults(ga_cli_cost_options *o) {
    ga_cost_source_options_init(o);
}

/* --detour and --speed keep NAN for "not given": GLib's double parser would
 * also turn "--detour nan" into NAN, and so into the default. They are
 * parsed here instead: decimal numbers only. The options being filled are
 * the group's user data (GLib hands it to callbacks and parse hooks). */
static gboolean parse_model_number(const gchar *name, const gchar *value, gpointer data,
                                   GError **error) {
    ga_cli_cost_options *parsing = data;
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
    (void)oc, (void)g;
    const ga_cli_cost_options *o = data;
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

/* The cost options as a group whose user data is the options themselves;
 * in_main: its entries shown among the command's own in --help. */
static GOptionGroup *cost_group(ga_cli_cost_options *o, gboolean in_main) {
    set_defaults(o);
    GOptionGroup *g = g_option_group_new("cost", "Travel costs:", "Show the travel-cost options", o, NULL);
    GOptionEntry *e = make_entries(o);
    for (GOptionEntry *x = e; in_main && x->long_name; x++) x->flags |= G_OPTION_FLAG_IN_MAIN;
    g_option_group_add_entries(g, e);
    g_option_group_set_parse_hooks(g, NULL, check_after_parse);
    g_free(e); /* GLib copies the entries */
    return g;
}

GOptionGroup *ga_cli_cost_option_group(ga_cli_cost_options *o) {
    return cost_group(o, FALSE);
}

void ga_cli_cost_add_main_entries(GOptionContext *oc, ga_cli_cost_options *o) {
    g_option_context_add_group(oc, cost_group(o, TRUE));
}

void ga_cli_cost_options_clear(ga_cli_cost_options *o) {
    g_clear_pointer(&o->roads, g_free);
    g_clear_pointer(&o->graph, g_free);
    g_clear_pointer(&o->profile, g_free);
    g_clear_pointer(&o->table_method, g_free);
}

ga_status ga_cli_cost_model(ga_ctx *ctx, const ga_cli_cost_options *o, ga_cost_model **out) {
    return ga_cost_source_model(ctx, o, out);
}
