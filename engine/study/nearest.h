/* The nearest facility of each type per commune of a study's inputs, with
 * the figures of its summary (`geoaccess nearest`): times, the distance to
 * that facility, the second nearest, and the median and longest time. Part
 * of the study stage: computes, writes nothing (write/nearest_out.h). */
#ifndef GA_STUDY_NEAREST_H
#define GA_STUDY_NEAREST_H

#include "study/inputs.h"

/* The summary of nearest times over n communes. */
typedef struct {
    size_t reached;      /* communes with a facility within reach */
    size_t none;         /* routed, no facility within reach */
    size_t unknown;      /* not routed */
    double unknown_pop;  /* their people (NAN counts 0) */
    double median, max;  /* over the reached communes' times (NAN when none) */
} ga_plan_nearest_summary;

/* Summarises time[i] (minutes; first[i] >= 0 reached, else NAN not routed,
 * anything else none within reach) weighted by pop[i] for the unknown. */
void ga_plan_nearest_summarise(const double *time, const long *first, const double *pop, size_t n,
                               ga_plan_nearest_summary *s);

/* The nearest facilities of one type. */
typedef struct {
    const char *type;     /* borrowed from the data's types */
    ga_points *fac;       /* the type's facilities */
    double *time, *time2; /* minutes to the nearest and second nearest (NAN: none or not routed) */
    double *km;           /* the model's distance to the nearest, km (NAN: none) */
    const char **id, **id2; /* their ids (NULL: none), borrowed from fac */
    ga_plan_nearest_summary s;
} ga_plan_nearest_type;

/* The nearest facilities of `type` from each commune point of `origins`
 * (ga_points_from_communes of d->communes). *out is zeroed first; free it
 * with ga_plan_nearest_type_clear() even on failure. */
ga_status ga_plan_nearest_type_run(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d,
                                   const ga_points *origins, const char *type, ga_plan_nearest_type *out);
void ga_plan_nearest_type_clear(ga_plan_nearest_type *t);

#endif
