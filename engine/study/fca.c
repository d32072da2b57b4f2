/* `geoaccess fca` as a small pipeline (study/fca.h). */
#include <math.h>
#include "study/fca.h"
#include "core/internal.h"
#include "layer/points.h"

bool ga_study_fca_kind_parse(const char *name, ga_study_fca_kind *kind, ga_fca_method *fm) {
    static const struct {
        const char *name;
        ga_study_fca_kind kind;
    } others[] = {{"gravity", GA_STUDY_GRAVITY},
                  {"cumulative", GA_STUDY_CUMULATIVE},
                  {"closest", GA_STUDY_CLOSEST},
                  {"availability", GA_STUDY_AVAILABILITY}};
    if (ga_fca_method_parse(name, fm)) {
        *kind = GA_STUDY_FCA;
        return true;
    }
    for (size_t k = 0; k < G_N_ELEMENTS(others); k++)
        if (!g_ascii_strcasecmp(name, others[k].name)) {
            *kind = others[k].kind;
            return true;
        }
    return false;
}

/* Reads id and value columns of a table; at least one row, ids unique,
 * values from 0 to GA_MAX_AMOUNT. */
static ga_status read_values(ga_ctx *ctx, const char *path, const char *id_col,
                             const char *val_col, const char *what, ga_table **t_out,
                             const char ***ids_out, double **vals_out) {
    ga_table *t = NULL;
    ga_status st = ga_table_read(ctx, path, &t);
    if (st) return st;
    size_t ci, cv;
    ga_key_index *idx = NULL;
    if ((st = ga_table_require_rows(ctx, t, what)) ||
        (st = ga_table_require(ctx, t, id_col, "id", &ci)) ||
        (st = ga_table_require(ctx, t, val_col, what, &cv)) ||
        (st = ga_key_index_new(ctx, t, ci, &idx))) {
        ga_table_free(t);
        return st;
    }
    ga_key_index_free(idx);
    size_t n = ga_table_rows(t);
    const char **ids = g_new(const char *, n + 1);
    double *v = g_new(double, n ? n : 1);
    for (size_t r = 0; r < n && st == GA_OK; r++) {
        ids[r] = ga_table_cell(t, r, ci);
        st = ga_table_get_amount(ctx, t, r, cv, what, &v[r]);
    }
    ids[n] = NULL;
    if (st) {
        g_free(ids);
        g_free(v);
        ga_table_free(t);
        return st;
    }
    *t_out = t;
    *ids_out = ids;
    *vals_out = v;
    return GA_OK;
}

/* The costs from demand rows to supply rows: the matrix, or the model
 * between one point per row (the CSV point reader refuses a row without
 * coordinates, so point i is table row i). */
static ga_status costs(ga_ctx *ctx, const ga_study_fca_options *o, ga_study_fca_result *r) {
    if (o->matrix)
        return ga_od_read_csv(ctx, o->matrix, &o->matrix_cols, r->ids, ga_table_rows(r->td), r->sids,
                              ga_table_rows(r->ts), &r->od, NULL);
    ga_points *dpts = NULL, *spts = NULL;
    ga_points_options po = {.id_col = o->id_col ? o->id_col : "id", .crs = o->crs};
    ga_status st = ga_points_read_csv(ctx, o->demand, &po, &dpts);
    if (!st) st = ga_points_read_csv(ctx, o->supply, &po, &spts);
    if (!st) st = ga_cost_model_table(o->model, ctx, dpts, spts, GA_METRIC_TIME, o->max_cost, &r->od);
    ga_points_free(dpts);
    ga_points_free(spts);
    return st;
}

static ga_status measure(ga_ctx *ctx, const ga_study_fca_options *o, ga_study_fca_result *r) {
    switch (o->kind) {
    case GA_STUDY_FCA: return ga_fca(ctx, o->method, r->od, r->demand, r->supply, o->decay, r->access);
    case GA_STUDY_GRAVITY: return ga_gravity(ctx, r->od, r->supply, o->decay, r->access);
    case GA_STUDY_CUMULATIVE: return ga_cumulative(ctx, r->od, r->supply, o->cutoff, r->access);
    case GA_STUDY_CLOSEST: return ga_cost_to_closest(ctx, r->od, r->supply, o->nth, o->decay, r->access);
    case GA_STUDY_AVAILABILITY:
        return ga_spatial_availability(ctx, r->od, r->demand, r->supply, o->decay, o->alpha, r->access);
    }
    return ga_fail(ctx, GA_ERR_ARG, "unknown accessibility measure %d", (int)o->kind);
}

ga_status ga_study_fca_run(ga_ctx *ctx, const ga_study_fca_options *o, ga_study_fca_result *out) {
    *out = (ga_study_fca_result){0};
    const char *id = o->id_col ? o->id_col : "id";
    ga_status st = read_values(ctx, o->demand, id, o->demand_col ? o->demand_col : "population", "demand",
                               &out->td, &out->ids, &out->demand);
    if (!st)
        st = read_values(ctx, o->supply, id, o->supply_col ? o->supply_col : "capacity", "supply", &out->ts,
                         &out->sids, &out->supply);
    if (!st) st = costs(ctx, o, out);
    if (st) return st;
    out->n = ga_table_rows(out->td);
    out->access = g_new(double, out->n ? out->n : 1);
    if ((st = measure(ctx, o, out))) return st;
    for (size_t i = 0; i < out->n; i++)
        if (isnan(out->access[i])) {
            out->n_unknown++;
            out->demand_unknown += out->demand[i];
        }
    return GA_OK;
}

void ga_study_fca_result_clear(ga_study_fca_result *r) {
    g_free(r->ids);
    g_free(r->sids);
    g_free(r->demand);
    g_free(r->supply);
    g_free(r->access);
    ga_od_free(r->od);
    ga_table_free(r->td);
    ga_table_free(r->ts);
    *r = (ga_study_fca_result){0};
}
