/* The communes of a zone blanche as CSV and shapefile (write/zones.h). */
#include <math.h>
#include "write/zones.h"
#include "layer/communes.h"
#include "write/polygons.h"

/* The column of v's values of the selected rows (INFINITY shown empty);
 * owned by `keep`. */
static const double *column(const double *src, const ga_zone_selection *s, bool inf_empty, GPtrArray *keep) {
    double *col = g_new(double, s->n_rows + 1);
    for (size_t r = 0; r < s->n_rows; r++) {
        double x = src[s->rows[r]];
        col[r] = inf_empty && isinf(x) ? NAN : x;
    }
    g_ptr_array_add(keep, col);
    return col;
}

/* The values the rule looks at. */
static void add_values(ga_result *res, const ga_zone_values *v, const ga_zone_rule *r,
                       const ga_zone_selection *s, GPtrArray *keep) {
    for (size_t t = 0; t < ga_zone_rule_type_count(r); t++) {
        long k = ga_zone_values_type(v, ga_zone_rule_type(r, t));
        for (int which = 0; which < 2; which++) {
            if (!ga_zone_rule_uses(r, which ? GA_ZONE_DISTANCE : GA_ZONE_TIME)) continue;
            const double *src = which ? v->km->pdata[k] : v->time->pdata[k];
            g_autofree char *name = g_strdup_printf("%s_%s", ga_zone_rule_type(r, t), which ? "km" : "min");
            ga_result_add_number(res, name, column(src, s, true, keep), which ? 3 : 2);
        }
    }
    if (v->apl && ga_zone_rule_uses(r, GA_ZONE_APL))
        ga_result_add_number(res, "apl", column(v->apl, s, false, keep), 3);
}

ga_status ga_zone_write(ga_ctx *ctx, const ga_communes *c, const double *pop, const ga_zone_values *v,
                        const ga_zone_rule *r, const ga_zone_selection *s, const char *csv, const char *shp) {
    if (shp && !ga_communes_has_polygons(c))
        return ga_fail(ctx, GA_ERR_ARG, "%s: the zones' shapefile needs the commune polygons, %s has points only",
                       shp, ga_communes_path(c));
    size_t m = s->n_rows;
    const char **ids = g_new(const char *, m + 1), **names = g_new(const char *, m + 1);
    const GEOSGeometry **geoms = g_new(const GEOSGeometry *, m + 1);
    GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
    for (size_t k = 0; k < m; k++) {
        ids[k] = ga_communes_id(c, s->rows[k]);
        names[k] = ga_communes_name(c, s->rows[k]);
        geoms[k] = ga_communes_geometry(c, s->rows[k]);
    }
    ga_result *res = ga_result_new(m);
    ga_result_add_text(res, "insee", ids);
    ga_result_add_text(res, "nom", names);
    ga_result_add_number(res, "pop", column(pop, s, false, keep), 0);
    add_values(res, v, r, s, keep);
    ga_status st = ga_result_write_shp_polygons(ctx, res, (const GEOSGeometry *const *)geoms, m, shp);
    if (!st) st = ga_result_write_csv(ctx, res, csv);
    ga_result_free(res);
    g_ptr_array_free(keep, TRUE);
    g_free(ids);
    g_free(names);
    g_free(geoms);
    return st;
}
