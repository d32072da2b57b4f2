/* Zones blanches over a grid of assumptions (study/sensitivity.h). */
#include <math.h>
#include <string.h>
#include "study/apl_side.h"
#include "study/sensitivity.h"
#include "study/zones.h"

void ga_plan_sensitivity_clear(ga_plan_sensitivity *s) {
    g_free(s->runs);
    g_free(s->rule_runs);
    g_free(s->zone_runs);
    g_free(s->run_communes);
    g_free(s->run_people);
    memset(s, 0, sizeof *s);
}

/* The APL of one run on the reference table: costs scaled by k, the
 * run's bands and acts. apl: the study's n values. */
static ga_status run_apl(ga_ctx *ctx, const ga_plan_apl_side *a, const ga_sensitivity_run *run, double k,
                         size_t n, double *apl) {
    ga_decay *decay = NULL;
    ga_od *od = NULL;
    double *supply = g_new(double, a->n + 1), *all = g_new(double, a->n + 1);
    for (size_t i = 0; i < a->n; i++) supply[i] = a->capacity[i] * run->acts;
    ga_status st = ga_sensitivity_decay(ctx, run->decay, &decay);
    if (!st) st = ga_od_scaled(ctx, a->od, k, ga_decay_bound(decay), &od);
    if (!st) {
        ga_apl_options o;
        ga_apl_options_init(&o);
        o.decay = decay;
        st = ga_apl_communes(ctx, a->n, ga_points_ids(a->pts), a->std, a->pop, supply, od, &o, all, NULL);
    }
    if (!st) memcpy(apl, all, n * sizeof *apl);
    ga_decay_free(decay);
    ga_od_free(od);
    g_free(supply);
    g_free(all);
    return st;
}

/* The values of one run: the reference times scaled by k, the same
 * distances, the run's APL. */
static ga_zone_values *run_values(const ga_zone_values *v0, double k) {
    ga_zone_values *v = ga_zone_values_new(v0->n);
    for (guint t = 0; t < v0->types->len; t++) {
        const double *t0 = v0->time->pdata[t], *km0 = v0->km->pdata[t];
        double *time = g_new(double, v0->n + 1), *km = g_memdup2(km0, (v0->n + 1) * sizeof *km);
        for (size_t i = 0; i < v0->n; i++) time[i] = t0[i] * k; /* INFINITY and NAN stay */
        ga_zone_values_add_type(v, v0->types->pdata[t], time, km);
    }
    return v;
}

/* The longest reference time the APL can look at: the widest band of the
 * fastest run. */
static ga_status apl_horizon(ga_ctx *ctx, const ga_sensitivity_run *runs, size_t n_runs, double ref, double *h) {
    *h = 0;
    for (size_t k = 0; k < n_runs; k++) {
        ga_decay *decay = NULL;
        ga_status st = ga_sensitivity_decay(ctx, runs[k].decay, &decay);
        if (st) return st;
        double f = (runs[k].detour / runs[k].speed) / ref, b = ga_decay_bound(decay);
        ga_decay_free(decay);
        if (!isfinite(b)) return ga_fail(ctx, GA_ERR_ARG, "sensitivity: the bands '%s' have no bound", runs[k].decay);
        *h = MAX(*h, b / f);
    }
    return GA_OK;
}

static void count_run(ga_plan_sensitivity *s, const ga_plan_data *d, const ga_zone_rule *const *rules, size_t k,
                      const ga_zone_values *v) {
    for (size_t q = 0; q < s->n_rules; q++) {
        if (s->runs[k].apl_only && !ga_zone_rule_uses(rules[q], GA_ZONE_APL)) continue; /* the same as the central run */
        ga_zone_selection z;
        ga_zone_select(rules[q], v, d->pop, &z);
        for (size_t r = 0; r < z.n_rows; r++) s->zone_runs[q * s->n + z.rows[r]]++;
        s->run_communes[q * s->n_runs + k] = z.n_rows;
        s->run_people[q * s->n_runs + k] = z.people;
        ga_zone_selection_clear(&z);
    }
}

ga_status ga_plan_zone_sensitivity(ga_ctx *ctx, const ga_plan_data *d, const ga_zone_rule *const *rules,
                                   const char *const *names, size_t n_rules, const char *apl_type,
                                   const ga_sensitivity_grid *g, ga_plan_sensitivity *s) {
    memset(s, 0, sizeof *s);
    bool uses_apl = false;
    for (size_t q = 0; q < n_rules; q++) uses_apl |= ga_zone_rule_uses(rules[q], GA_ZONE_APL);
    s->n = ga_communes_count(d->communes);
    s->n_rules = n_rules;
    s->runs = ga_sensitivity_runs(g, uses_apl, &s->n_runs);
    if (!s->n_runs) return ga_fail(ctx, GA_ERR_ARG, "sensitivity: the grid has no run");
    s->rule_runs = g_new0(size_t, n_rules + 1);
    s->zone_runs = g_new0(size_t, n_rules * s->n + 1);
    s->run_communes = g_new0(size_t, n_rules * s->n_runs + 1);
    s->run_people = g_new0(double, n_rules * s->n_runs + 1);
    for (size_t q = 0; q < n_rules; q++)
        for (size_t k = 0; k < s->n_runs; k++) s->rule_runs[q] += !s->runs[k].apl_only || ga_zone_rule_uses(rules[q], GA_ZONE_APL);
    double ref = g->detour0 / g->speed0;
    ga_cost_model *model = NULL;
    ga_zone_values *v0 = NULL;
    ga_plan_apl_side a = {0};
    double h = 0;
    gint64 t0 = g_get_monotonic_time();
    /* routing, once, with the reference model */
    ga_status st = ga_straight_model_new(ctx, g->detour0, g->speed0, &model);
    if (!st) st = ga_plan_zone_values(ctx, model, d, rules, names, n_rules, apl_type, g->acts0, &v0);
    if (!st && uses_apl) st = apl_horizon(ctx, s->runs, s->n_runs, ref, &h);
    if (!st && uses_apl) {
        ga_points *fac = ga_plan_facilities_of(d, apl_type);
        st = ga_plan_apl_side_make(ctx, model, d, fac, h, &a);
        ga_points_free(fac);
    }
    gint64 t1 = g_get_monotonic_time();
    s->seconds_routing = (double)(t1 - t0) / 1e6;
    for (size_t k = 0; k < s->n_runs && !st; k++) {
        double f = (s->runs[k].detour / s->runs[k].speed) / ref; /* 1 exactly for the reference run */
        ga_zone_values *v = run_values(v0, f);
        if (uses_apl) {
            v->apl = g_new(double, s->n + 1);
            st = run_apl(ctx, &a, &s->runs[k], f, s->n, v->apl);
        }
        if (!st) count_run(s, d, rules, k, v);
        ga_zone_values_free(v);
    }
    s->seconds_runs = (double)(g_get_monotonic_time() - t1) / 1e6;
    ga_plan_apl_side_clear(&a);
    ga_zone_values_free(v0);
    ga_cost_model_free(model);
    return st;
}
