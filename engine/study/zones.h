/* The values zone rules look at (measure/zones.h) over a study's communes:
 * the time and road distance to the nearest facility of each type a rule
 * names, and the APL when a rule uses it. */
#ifndef GA_STUDY_ZONES_H
#define GA_STUDY_ZONES_H

#include "measure/zones.h"
#include "study/inputs.h"

/* The values of rules[0..n_rules) (names[q] for messages; a type without
 * facilities is an error naming the rule); the APL of the facilities of
 * `apl_type` with `acts` per unit of capacity (ga_plan_apl). Caller frees
 * *out with ga_zone_values_free. */
ga_status ga_plan_zone_values(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d,
                              const ga_zone_rule *const *rules, const char *const *names, size_t n_rules,
                              const char *apl_type, double acts, ga_zone_values **out);

#endif
