/* The siting pipeline (study/site.h). */
#include <math.h>
#include <string.h>
#include "study/site.h"

void ga_site_candidates_clear(ga_site_candidates *c) {
    g_free(c->cand);
    if (c->keep) g_ptr_array_free(c->keep, TRUE);
    memset(c, 0, sizeof *c);
}

static ga_status from_codes(ga_ctx *ctx, const ga_table *t, size_t col, ga_site_candidates *out) {
    size_t m = ga_table_rows(t);
    out->cand = g_new0(ga_site_candidate, m + 1);
    for (size_t r = 0; r < m; r++) {
        char *code = g_strstrip(g_strdup(ga_table_cell(t, r, col)));
        g_ptr_array_add(out->keep, code);
        if (!*code)
            return ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: field '%s': empty commune code", ga_table_path(t),
                           ga_table_line(t, r), ga_table_header(t, col));
        out->cand[out->n++].commune = code;
    }
    return GA_OK;
}

ga_status ga_site_candidates_read(ga_ctx *ctx, const char *path, const char *crs, const ga_plan_data *d,
                                  ga_site_candidates *out) {
    memset(out, 0, sizeof *out);
    out->keep = g_ptr_array_new_with_free_func(g_free);
    if (!path) {
        size_t n = ga_communes_count(d->communes);
        out->cand = g_new0(ga_site_candidate, n + 1);
        for (size_t i = 0; i < n; i++) out->cand[out->n++].commune = ga_communes_id(d->communes, i);
        return GA_OK;
    }
    ga_table *t = NULL;
    ga_status st = ga_table_read(ctx, path, &t);
    if (st) return st;
    static const char *const code_cols[] = {"insee", "insee_code", "insee_com", "codgeo", "code_commune",
                                            "commune", NULL};
    int col = ga_table_find_any(t, code_cols);
    if (col >= 0) {
        st = from_codes(ctx, t, (size_t)col, out);
        ga_table_free(t);
        return st;
    }
    ga_table_free(t);
    ga_points_options po = {.crs = crs};
    ga_points *p = NULL;
    if ((st = ga_points_read_csv(ctx, path, &po, &p))) return st;
    size_t m = ga_points_count(p);
    out->cand = g_new0(ga_site_candidate, m + 1);
    for (size_t k = 0; k < m; k++) {
        ga_site_candidate *c = &out->cand[out->n++];
        ga_points_xy(p, k, &c->x, &c->y);
        char *name = g_strdup(ga_points_id(p, k));
        g_ptr_array_add(out->keep, name);
        c->name = name;
    }
    ga_points_free(p);
    return GA_OK;
}

void ga_site_base_inputs(ga_plan_data *d, double acts, ga_scenario_inputs *in) {
    *in = (ga_scenario_inputs){.communes = d->communes, .population = d->pop, .facilities = d->fac,
                               .ages = d->ages, .types = (const char *const *)d->types->pdata,
                               .n_types = d->types->len, .threshold = 30, .apl_type = "gp",
                               .acts_per_unit = acts, .std_population = d->pop_std,
                               .apl_threshold = GA_APL_DEFAULT_THRESHOLD};
    ga_plan_scenario_ring(d, in); /* the ring's people and GPs, as `scenario` counts them */
}

ga_status ga_plan_site(ga_ctx *ctx, ga_cost_model *model, ga_plan_data *d, double acts,
                       const ga_site_candidates *c, const ga_site_options *o, ga_site_result **out) {
    ga_scenario_inputs in;
    ga_site_base_inputs(d, acts, &in);
    return ga_site_run(ctx, model, &in, c->cand, c->n, o, out);
}
