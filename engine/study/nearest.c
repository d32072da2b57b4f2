/* The nearest facility of each type per commune (study/nearest.h). */
#include <math.h>
#include <stdlib.h>
#include "study/nearest.h"

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void ga_plan_nearest_summarise(const double *time, const long *first, const double *pop, size_t n,
                               ga_plan_nearest_summary *s) {
    *s = (ga_plan_nearest_summary){0};
    double *sorted = g_new(double, n ? n : 1);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (first[i] >= 0) {
            sorted[m++] = time[i];
        } else if (isnan(time[i])) {
            s->unknown++;
            s->unknown_pop += isnan(pop[i]) ? 0 : pop[i];
        } else {
            s->none++;
        }
    }
    qsort(sorted, m, sizeof *sorted, cmp_double);
    s->reached = m;
    s->median = m ? (m % 2 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2) : NAN;
    s->max = m ? sorted[m - 1] : NAN;
    g_free(sorted);
}

ga_status ga_plan_nearest_type_run(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d,
                                   const ga_points *origins, const char *type, ga_plan_nearest_type *out) {
    size_t n = ga_communes_count(d->communes);
    *out = (ga_plan_nearest_type){.type = type};
    out->fac = ga_plan_facilities_of(d, type);
    out->time = g_new(double, n ? n : 1);
    out->time2 = g_new(double, n ? n : 1);
    out->km = g_new(double, n ? n : 1);
    out->id = g_new0(const char *, n ? n : 1);
    out->id2 = g_new0(const char *, n ? n : 1);
    long *f1 = g_new(long, n ? n : 1), *f2 = g_new(long, n ? n : 1);
    ga_od *dist = NULL;
    ga_status st = ga_plan_nearest(ctx, model, d, out->fac, out->time, f1, out->time2, f2);
    if (!st) st = ga_cost_model_table(model, ctx, origins, out->fac, GA_METRIC_DISTANCE, 0, &dist);
    if (!st) {
        ga_plan_nearest_summarise(out->time, f1, d->pop, n, &out->s);
        for (size_t i = 0; i < n; i++) {
            double dm;
            out->km[i] = f1[i] >= 0 && ga_od_lookup(dist, i, (size_t)f1[i], &dm) ? dm / 1000 : NAN;
            if (f1[i] >= 0) out->id[i] = ga_points_id(out->fac, (size_t)f1[i]);
            else out->time[i] = NAN; /* none within reach, or not routed */
            if (f2[i] >= 0) out->id2[i] = ga_points_id(out->fac, (size_t)f2[i]);
            else out->time2[i] = NAN;
        }
    }
    ga_od_free(dist);
    g_free(f1);
    g_free(f2);
    return st;
}

void ga_plan_nearest_type_clear(ga_plan_nearest_type *t) {
    ga_points_free(t->fac);
    g_free(t->time);
    g_free(t->time2);
    g_free(t->km);
    g_free(t->id);
    g_free(t->id2);
    *t = (ga_plan_nearest_type){0};
}
