/* Facilities known only as counts per commune (INSEE BPE): each stands at
 * its commune's representative point, as the DREES does for the APL. */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "layer/points.h"
#include "layer/table.h"

ga_status ga_points_from_counts(ga_ctx *ctx, const ga_table *t, const char *commune_col,
                                const char *type_col, const char *count_col, const char *type,
                                const ga_communes *c, ga_points **out) {
    size_t cc, tc, nc;
    ga_status st;
    if ((st = ga_table_require(ctx, t, commune_col, "commune code", &cc)) ||
        (st = ga_table_require(ctx, t, type_col, "equipment type", &tc)) ||
        (st = ga_table_require(ctx, t, count_col, "equipment count", &nc)))
        return st;
    size_t n = ga_communes_count(c);
    double *count = ga_try_new0(double, n);
    const char **ids = ga_try_new(const char *, n);
    g_autofree char *what = ga_try_strdup_printf("equipments of type %s", type);
    if (!count || !ids || !what) {
        g_free(count);
        g_free(ids);
        return ga_nomem(ctx, "equipment counts");
    }
    for (size_t i = 0; i < n; i++) ids[i] = ga_communes_id(c, i);
    ga_code_folder *f = ga_code_folder_new(ids, n);
    g_free(ids);
    for (size_t r = 0; r < ga_table_rows(t); r++) {
        if (strcmp(ga_table_cell(t, r, tc), type) != 0) continue;
        double v;
        if ((st = ga_table_get_amount(ctx, t, r, nc, "count", &v))) goto done;
        /* arrondissements, restored communes, overseas rows: see layer.h */
        long i = ga_code_folder_resolve(f, ga_table_cell(t, r, cc), v, NULL);
        if (i >= 0) count[i] += v;
    }
    ga_code_folder_report(ctx, f, ga_table_path(t), ga_communes_path(c), what);
    ga_points *p = ga_points_new();
    for (size_t i = 0; i < n; i++) {
        if (count[i] <= 0) continue;
        double x, y;
        ga_communes_point(c, i, &x, &y);
        g_autofree char *id = ga_try_strdup_printf("%s-%s", type, ga_communes_id(c, i));
        if (!id) {
            ga_points_free(p);
            st = ga_nomem(ctx, "equipment counts");
            goto done;
        }
        ga_points_add(p, id, x, y, type, count[i]);
        ga_points_set_commune(p, ga_points_count(p) - 1, (long)i);
    }
    *out = p;
done:
    ga_code_folder_free(f);
    g_free(count);
    return st;
}
