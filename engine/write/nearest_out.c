/* The files of `geoaccess nearest` (write/nearest_out.h). */
#include "write/nearest_out.h"

static void add_type(ga_result *res, const ga_plan_nearest_type *t) {
    char col[64];
    g_snprintf(col, sizeof col, "%s_id", t->type);
    ga_result_add_text(res, col, t->id);
    g_snprintf(col, sizeof col, "%s_min", t->type);
    ga_result_add_number(res, col, t->time, 2);
    g_snprintf(col, sizeof col, "%s_km", t->type);
    ga_result_add_number(res, col, t->km, 3);
    g_snprintf(col, sizeof col, "%s_id2", t->type);
    ga_result_add_text(res, col, t->id2);
    g_snprintf(col, sizeof col, "%s_min2", t->type);
    ga_result_add_number(res, col, t->time2, 2);
}

ga_status ga_nearest_write(ga_ctx *ctx, const ga_plan_data *d, const ga_plan_nearest_type *t,
                           size_t n_types, const char *csv, const char *shp) {
    size_t n = ga_communes_count(d->communes);
    ga_result *res = ga_result_new(n);
    const char **ids = g_new(const char *, n ? n : 1), **names = g_new(const char *, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        ids[i] = ga_communes_id(d->communes, i);
        names[i] = ga_communes_name(d->communes, i);
    }
    ga_result_add_text(res, "insee", ids);
    ga_result_add_text(res, "nom", names);
    ga_result_add_number(res, "pop", d->pop, 0);
    g_free(ids);
    g_free(names);
    for (size_t k = 0; k < n_types; k++) add_type(res, &t[k]);
    ga_status st = ga_result_write_shp_communes(ctx, res, d->communes, shp);
    if (!st) st = ga_result_write_csv(ctx, res, csv);
    ga_result_free(res);
    return st;
}
