/* Coverage of one facility type over a study's communes at several
 * thresholds: the nearest facility of the type (study/inputs.h) then
 * ga_coverage_compute (measure/zones.c) per threshold. */
#ifndef GA_STUDY_COVERAGE_H
#define GA_STUDY_COVERAGE_H

#include "study/inputs.h"

/* out[q] (q < n_thr): the coverage of `type` within thr[q] minutes, per
 * group[i] (NULL: overall only). Caller frees each with ga_coverage_free,
 * then the array with g_free. */
ga_status ga_plan_coverage(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d, const char *type,
                           const char *const *group, const double *thr, size_t n_thr, ga_coverage ***out);
/* The same, and the communes' times to the nearest facility of the type in
 * *times (minutes; g_free it), for a map. */
ga_status ga_plan_coverage_times(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d, const char *type,
                                 const char *const *group, const double *thr, size_t n_thr, ga_coverage ***out,
                                 double **times);

#endif
