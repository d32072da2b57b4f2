/* The values of zone rules over a study's communes (study/zones.h). */
#include <math.h>
#include "study/zones.h"

/* Time and distance (km) from each commune to its nearest facility of
 * `fac` (the distance of that facility, by the same cost model). */
static ga_status nearest_time_km(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d,
                                 const ga_points *origins, const ga_points *fac, double *time, double *km) {
    size_t n = ga_communes_count(d->communes);
    long *first = g_new(long, n);
    ga_od *dist = NULL;
    ga_status st = ga_plan_nearest(ctx, model, d, fac, time, first, NULL, NULL);
    if (!st) st = ga_cost_model_table(model, ctx, origins, fac, GA_METRIC_DISTANCE, 0, &dist);
    for (size_t i = 0; i < n && !st; i++) {
        double dm;
        km[i] = isnan(time[i]) ? NAN /* not routed: unknown */
                : first[i] >= 0 && ga_od_lookup(dist, i, (size_t)first[i], &dm) ? dm / 1000 : INFINITY;
    }
    ga_od_free(dist);
    g_free(first);
    return st;
}

/* Adds the time and distance of `type` to v. */
static ga_status add_type(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d, const ga_points *origins,
                          const char *rule_name, const char *type, ga_zone_values *v) {
    ga_points *fac = ga_plan_facilities_of(d, type);
    if (!ga_points_count(fac)) {
        ga_points_free(fac);
        g_autofree char *known = ga_plan_known_types(d);
        return ga_fail(ctx, GA_ERR_ARG, "rule '%s': no facility of type '%s' (types present: %s)", rule_name,
                       type, known);
    }
    double *time = g_new(double, v->n), *km = g_new(double, v->n);
    ga_status st = nearest_time_km(ctx, model, d, origins, fac, time, km);
    ga_points_free(fac);
    ga_zone_values_add_type(v, type, time, km);
    return st;
}

ga_status ga_plan_zone_values(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d,
                              const ga_zone_rule *const *rules, const char *const *names, size_t n_rules,
                              const char *apl_type, double acts, ga_zone_values **out) {
    *out = NULL;
    ga_points *origins = NULL;
    ga_status st = ga_points_from_communes(ctx, d->communes, &origins);
    if (st) return st;
    ga_zone_values *v = ga_zone_values_new(ga_communes_count(d->communes));
    bool need_apl = false;
    for (size_t q = 0; q < n_rules && !st; q++) {
        need_apl |= ga_zone_rule_uses(rules[q], GA_ZONE_APL);
        for (size_t t = 0; t < ga_zone_rule_type_count(rules[q]) && !st; t++) {
            const char *type = ga_zone_rule_type(rules[q], t);
            if (ga_zone_values_type(v, type) < 0) st = add_type(ctx, model, d, origins, names[q], type, v);
        }
    }
    ga_points_free(origins);
    if (!st && need_apl) {
        v->apl = g_new(double, v->n);
        st = ga_plan_apl(ctx, model, d, apl_type, acts, v->apl, NULL);
    }
    if (st) {
        ga_zone_values_free(v);
        return st;
    }
    *out = v;
    return GA_OK;
}
