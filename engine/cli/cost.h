/* Travel-cost options shared by every command that needs costs (od, run,
 * fca, apl...): the straight-line model (default) or the road router.
 *
 *   ga_cli_cost_options co;
 *   GOptionContext *oc = g_option_context_new("...");
 *   g_option_context_add_main_entries(oc, my_entries, NULL);
 *   g_option_context_add_group(oc, ga_cli_cost_option_group(&co));
 *   ... parse ...
 *   ga_cost_model *model;
 *   if (ga_cli_cost_model(ctx, &co, &model) != GA_OK) return ga_cli_fail(ctx, "od");
 *   ... ga_cost_model_table(model, ...) ...
 *   ga_cost_model_free(model);
 *   ga_cli_cost_options_clear(&co);
 *
 * Options: --roads FILE (OSM .pbf or line shapefile, graph built on the fly),
 * --graph FILE (a graph file written by the graph module), --profile NAME
 * (car, walk, or a profile file; default car), --threads N (0: all cores),
 * --snap-distance M (default GA_ROAD_DEFAULT_SNAP_DISTANCE_M),
 * --access-speed KMH (default: the graph's own, ga_graph_access_speed),
 * --skip-unsnapped (warn and leave out points far from every road instead of
 * failing), and for the straight-line model --detour F and --speed KMH
 * (defaults GA_STRAIGHT_DEFAULT_DETOUR / GA_STRAIGHT_DEFAULT_SPEED_KMH).
 * --detour/--speed with --roads/--graph is a usage error.
 */
#ifndef GA_CLI_COST_H
#define GA_CLI_COST_H

#include <glib.h>
#include "geoaccess.h"
#include "study/cost_source.h"

/* The options are the cost source's (study/cost_source.h): the CLI only
 * parses them. */
typedef ga_cost_source_options ga_cli_cost_options;

/* Sets the defaults in *o and returns a new option group "cost" whose
 * entries write into *o (add it to a GOptionContext, which takes it). */
GOptionGroup *ga_cli_cost_option_group(ga_cli_cost_options *o);

/* The same entries added to the context's main group (they then show in
 * plain --help). Sets the defaults in *o. */
void ga_cli_cost_add_main_entries(GOptionContext *oc, ga_cli_cost_options *o);

/* ga_cost_source_model (study/cost_source.h) of the parsed options. */
ga_status ga_cli_cost_model(ga_ctx *ctx, const ga_cli_cost_options *o,
                            ga_cost_model **out);

/* Frees the strings parsed into *o. */
void ga_cli_cost_options_clear(ga_cli_cost_options *o);

#endif
