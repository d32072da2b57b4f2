/* Shared by the planning commands (catchment, nearest, coverage, zones,
 * scenario) and `run`: the inputs (the embedded Hérault default or the
 * user's communes and facilities), the cost source with its router when it
 * is a road graph, and the facility types.
 *
 * OWNER: planning commands (issue 5). */
#ifndef GA_CLI_PLAN_H
#define GA_CLI_PLAN_H

#include "cli/cli.h"
#include "cli/cost.h"
#include "core/internal.h"

#include "study/inputs.h"
#include "study/cost_source.h"
#include "write/plan_maps.h"

/* Adds the input options to a GOptionContext's main group. */
void ga_plan_add_input_entries(GOptionContext *oc, ga_plan_input_options *o);
void ga_plan_input_options_clear(ga_plan_input_options *o);

/* ga_study_inputs_load with the data folder filled in: --data, else
 * $GEOACCESS_DATA, else the embedded default. */
ga_status ga_plan_data_load(ga_ctx *ctx, const ga_plan_input_options *o, ga_plan_data *out);

/* The data folder of the options: --data, else $GEOACCESS_DATA, else the
 * embedded default. */
const char *ga_plan_data_dir(const char *data);

/* ---- cost source ---- */

typedef ga_cost_source ga_plan_cost;

/* ga_cost_source_open / _close (study/cost_source.h) of the parsed options. */
ga_status ga_plan_cost_open(ga_ctx *ctx, const ga_cli_cost_options *co, ga_plan_cost *out);
void ga_plan_cost_close(ga_plan_cost *c);

/* Parses "20,30,45" into positive numbers; false with a message in *err. */
bool ga_plan_parse_numbers(const char *text, GArray *out, char **err);

/* ---- maps ---- */

/* Adds --map-format FORMAT (png, svg or pdf) to a GOptionContext. */
void ga_plan_add_map_entry(GOptionContext *oc, char **format);
/* The format named by --map-format (NULL: png); false, with the usage
 * error's exit code in *rc, for an unknown one. */
bool ga_plan_map_format(const char *cmd, const char *text, ga_map_format *out, int *rc);
/* The maps' settings of a command: subtitle (its inputs and cost model)
 * and sources from the data; free with ga_plan_maps_clear. */
void ga_plan_maps_init(ga_plan_maps *m, const ga_plan_data *d, const char *model_text, ga_map_format f,
                       const char *dir, GPtrArray *written);
void ga_plan_maps_clear(ga_plan_maps *m);
/* The paths in `written`, comma-separated (transfer full). */
char *ga_plan_maps_list(GPtrArray *written);

/* Creates the output folder. */
ga_status ga_plan_mkdir(ga_ctx *ctx, const char *dir);

#endif
