/* The robustness of zones blanches over a study's communes: the rules
 * rerun over a grid of the model's assumptions (measure/sensitivity.h), and
 * per commune in how many runs it is a zone blanche. Routing is done once,
 * with the reference straight-line model (the central speed and detour):
 * each run scales those times; the APL's commune table is routed once, wide
 * enough for the fastest run and the widest bands. Computes, writes
 * nothing (write/sensitivity_out.h). */
#ifndef GA_STUDY_SENSITIVITY_H
#define GA_STUDY_SENSITIVITY_H

#include "measure/sensitivity.h"
#include "measure/zones.h"
#include "study/inputs.h"

typedef struct {
    size_t n, n_rules, n_runs;
    ga_sensitivity_run *runs;  /* n_runs (decay names borrowed from the grid) */
    size_t *rule_runs;         /* n_rules: the runs each rule counts (apl_only runs only for APL rules) */
    size_t *zone_runs;         /* [q * n + i]: runs in which commune i is in rule q's zone */
    size_t *run_communes;      /* [q * n_runs + k]: communes in rule q's zone in run k (0 when not counted) */
    double *run_people;        /* [q * n_runs + k]: their people */
    double seconds_routing, seconds_runs;
} ga_plan_sensitivity;

/* GA_ERR_ARG when a rule names a type without facilities, or for an empty
 * grid. Clear *out with ga_plan_sensitivity_clear, also on failure. */
ga_status ga_plan_zone_sensitivity(ga_ctx *ctx, const ga_plan_data *d, const ga_zone_rule *const *rules,
                                   const char *const *names, size_t n_rules, const char *apl_type,
                                   const ga_sensitivity_grid *g, ga_plan_sensitivity *out);
void ga_plan_sensitivity_clear(ga_plan_sensitivity *s);

#endif
