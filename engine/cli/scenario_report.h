/* The per-commune deltas and the summary of scenarios, shared by
 * `geoaccess scenario` and `geoaccess run`. OWNER: planning commands. */
#ifndef GA_CLI_SCENARIO_REPORT_H
#define GA_CLI_SCENARIO_REPORT_H

#include "cli/plan.h"

/* Prints each scenario's summary on stdout, then has write/scenario_out.h
 * write OUT/scenario_NAME.csv and .shp and OUT/scenarios_summary.csv;
 * appends the paths to `written` (may be NULL). */
ga_status ga_scenario_report(ga_ctx *ctx, const ga_plan_data *d, const ga_scenario_run *r,
                             ga_scenario *const *sc, double threshold, double apl_threshold,
                             const char *out_dir, GString *written);

#endif
