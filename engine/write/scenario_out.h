/* The files of a scenario run (include/geoaccess/scenario.h): per scenario
 * OUT/scenario_NAME.csv and .shp (per commune: the nearest times of the
 * base and the scenario, their delta, who crosses the threshold, the APL)
 * and OUT/scenarios_summary.csv (gains and losses per measure). Written for
 * `geoaccess scenario` and the scenarios of a study; computes no measure. */
#ifndef GA_WRITE_SCENARIO_OUT_H
#define GA_WRITE_SCENARIO_OUT_H

#include "study/inputs.h"

/* Appends the paths written to `written` (may be NULL): "csv, shp" per
 * scenario, then the summary. */
ga_status ga_scenario_write(ga_ctx *ctx, const ga_plan_data *d, const ga_scenario_run *r, double threshold,
                            double apl_threshold, const char *out_dir, GString *written);

#endif
