/* Coverage of one facility type at several thresholds (study/coverage.h). */
#include "study/coverage.h"

ga_status ga_plan_coverage(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d, const char *type,
                           const char *const *group, const double *thr, size_t n_thr, ga_coverage ***out) {
    return ga_plan_coverage_times(ctx, model, d, type, group, thr, n_thr, out, NULL);
}

ga_status ga_plan_coverage_times(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d, const char *type,
                                 const char *const *group, const double *thr, size_t n_thr, ga_coverage ***out,
                                 double **times) {
    *out = NULL;
    if (times) *times = NULL;
    size_t n = ga_communes_count(d->communes);
    ga_points *fac = ga_plan_facilities_of(d, type);
    double *t1 = g_new(double, n);
    long *f1 = g_new(long, n);
    ga_coverage **c = g_new0(ga_coverage *, n_thr ? n_thr : 1);
    ga_status st = ga_plan_nearest(ctx, model, d, fac, t1, f1, NULL, NULL);
    for (size_t q = 0; q < n_thr && !st; q++) st = ga_coverage_compute(ctx, n, t1, d->pop, group, thr[q], &c[q]);
    if (!st && times) *times = g_steal_pointer(&t1);
    g_free(t1);
    g_free(f1);
    ga_points_free(fac);
    if (st) {
        for (size_t q = 0; q < n_thr; q++) ga_coverage_free(c[q]);
        g_free(c);
        return st;
    }
    *out = c;
    return GA_OK;
}
