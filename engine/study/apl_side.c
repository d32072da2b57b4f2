/* The APL's side of a study, routed once (study/apl_side.h). */
#include <math.h>
#include <string.h>
#include "study/apl_side.h"
#include "study/ring.h"

void ga_plan_apl_side_clear(ga_plan_apl_side *a) {
    ga_points_free(a->pts);
    g_free(a->std);
    g_free(a->pop);
    g_free(a->capacity);
    ga_od_free(a->od);
    memset(a, 0, sizeof *a);
}

ga_status ga_plan_apl_side_make(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d, const ga_points *fac,
                                double horizon, ga_plan_apl_side *a) {
    size_t n = ga_communes_count(d->communes), nr = d->ring ? ga_communes_count(d->ring->communes) : 0;
    memset(a, 0, sizeof *a);
    a->n = n + nr;
    a->pts = ga_points_new();
    a->std = g_new(double, n + nr + 1);
    a->pop = g_new(double, n + nr + 1);
    a->capacity = g_new0(double, n + nr + 1);
    for (size_t i = 0; i < n + nr; i++) {
        const ga_communes *c = i < n ? d->communes : d->ring->communes;
        size_t k = i < n ? i : i - n;
        double x, y;
        ga_communes_point(c, k, &x, &y);
        ga_points_add(a->pts, ga_communes_id(c, k), x, y, "", 1);
        const double *std = i < n ? (d->pop_std ? d->pop_std : d->pop) : d->ring->pop_std;
        const double *pop = i < n ? d->pop : d->ring->pop;
        a->std[i] = isnan(std[k]) ? 0 : std[k];
        a->pop[i] = isnan(pop[k]) ? 0 : pop[k];
    }
    for (size_t j = 0; j < ga_points_count(fac); j++) {
        long c = ga_points_commune(fac, j);
        if (c >= 0 && (size_t)c < n + nr) a->capacity[c] += ga_points_capacity(fac, j);
    }
    return ga_cost_model_table(model, ctx, a->pts, a->pts, GA_METRIC_TIME, horizon, &a->od);
}
