/* The catchments of one facility type of a study: the facilities that can
 * be routed, their catchments on the cost source (reached roads, or the
 * circles of the straight-line model), the people they cover and the
 * summary per threshold (measure/catchment.h). */
#ifndef GA_STUDY_CATCHMENT_H
#define GA_STUDY_CATCHMENT_H

#include "measure/catchment.h"
#include "study/cost_source.h"
#include "study/inputs.h"

typedef struct {
    const double *thresholds; /* minutes, or km when by_radius */
    size_t n_thresholds;
    bool by_radius;           /* straight-line model only: service radii in km */
    double buffer_m;          /* roads: the band around reached roads */
    bool from_facility;       /* roads: time from the facility */
    bool by_area;             /* also share each commune's people by area */
} ga_plan_catchment_options;

typedef struct {
    ga_points *fac;           /* the type's facilities with a catchment */
    ga_catchments *c;
    double *pop_points;       /* per catchment */
    double *pop_area;         /* per catchment, or NULL without by_area */
    ga_catchment_summary *rows; /* per threshold, ascending */
} ga_plan_catchment;

/* The catchments of `type` (the study's facilities, not the ring's) on
 * cost source `cs` opened with options `co`. On a road graph a facility
 * cut off from the network (or beyond the snap distance with
 * skip_unsnapped) is left out with a warning naming it. Clear *out with
 * ga_plan_catchment_clear (also on failure). */
ga_status ga_plan_catchment_type(ga_ctx *ctx, const ga_cost_source *cs, const ga_cost_source_options *co,
                                 const ga_plan_data *d, const char *type, const ga_plan_catchment_options *o,
                                 ga_plan_catchment *out);
void ga_plan_catchment_clear(ga_plan_catchment *p);

#endif
