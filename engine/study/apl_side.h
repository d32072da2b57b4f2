/* The APL's side of a study, routed once for commands that recompute the
 * APL many times (vulnerability, zones --sensitivity): its communes (the
 * study's, then the ring's when there is one), their standardised and total
 * population (NAN as 0), the capacity of a facility type per commune, and
 * their commune -> commune table within a horizon. The same communes,
 * demand and table as ga_plan_apl, so the APL computed from them is the
 * same. */
#ifndef GA_STUDY_APL_SIDE_H
#define GA_STUDY_APL_SIDE_H

#include "study/inputs.h"

typedef struct {
    size_t n;                /* the APL's communes: the study's first */
    ga_points *pts;
    double *std, *pop;       /* n each */
    double *capacity;        /* n: capacity of the type's facilities in each commune */
    ga_od *od;               /* n x n times within the horizon */
} ga_plan_apl_side;

/* `fac`: the facilities of the supply's type (with their commune index,
 * the ring's n_study + k). Clear *a with ga_plan_apl_side_clear, also on
 * failure. */
ga_status ga_plan_apl_side_make(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d, const ga_points *fac,
                                double horizon, ga_plan_apl_side *a);
void ga_plan_apl_side_clear(ga_plan_apl_side *a);

#endif
