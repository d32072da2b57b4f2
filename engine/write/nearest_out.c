/* The files of `geoaccess nearest` (write/nearest_out.h). */
#include "write/nearest_out.h"
#include "layer/result.h"

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
    ga_result *res = ga_result_new_communes(d->communes, d->pop);
    for (size_t k = 0; k < n_types; k++) add_type(res, &t[k]);
    ga_status st = ga_result_write_shp_communes(ctx, res, d->communes, shp);
    if (!st) st = ga_result_write_csv(ctx, res, csv);
    ga_result_free(res);
    return st;
}
