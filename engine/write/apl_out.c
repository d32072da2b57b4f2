/* The files of `geoaccess apl` (write/apl_out.h). */
#include "write/apl_out.h"
#include "layer/communes.h"

ga_status ga_apl_run_write(ga_ctx *ctx, const ga_apl_run_result *r, const char *csv, const char *shp) {
    size_t n = r->n;
    ga_result *res = ga_result_new(n);
    ga_result_add_text(res, "id", r->ids);
    if (r->communes) {
        const char **names = g_new(const char *, n + 1);
        for (size_t k = 0; k < n; k++) names[k] = ga_communes_name(r->communes, k);
        names[n] = NULL;
        ga_result_add_text(res, "name", names);
        g_free(names);
    }
    ga_result_add_number(res, "std_pop", r->std_pop, -1);
    ga_result_add_number(res, "population", r->pop, -1);
    ga_result_add_number(res, "supply", r->supply, -1);
    ga_result_add_number(res, "apl", r->apl, -1);
    ga_status st = ga_result_write_csv(ctx, res, csv);
    if (!st && r->communes) st = ga_result_write_shp_communes(ctx, res, r->communes, shp);
    ga_result_free(res);
    return st;
}
