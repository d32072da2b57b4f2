/* The table of `geoaccess fca` (write/access_out.h). */
#include "write/access_out.h"
#include "write/csv_out.h"

static ga_result *table(const char *const *ids, const double *access, size_t n) {
    ga_result *res = ga_result_new(n);
    ga_result_add_text(res, "id", ids);
    ga_result_add_number(res, "access", access, -1);
    return res;
}

ga_status ga_access_write_csv(ga_ctx *ctx, const char *const *ids, const double *access, size_t n,
                              const char *path) {
    ga_result *res = table(ids, access, n);
    ga_status st = ga_result_write_csv(ctx, res, path);
    ga_result_free(res);
    return st;
}

bool ga_access_write_csv_stream(const char *const *ids, const double *access, size_t n, FILE *f) {
    ga_result *res = table(ids, access, n);
    bool ok = ga_result_write_csv_stream(res, f) && fflush(f) == 0 && !ferror(f);
    ga_result_free(res);
    return ok;
}
