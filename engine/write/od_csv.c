/* OD tables to CSV (from_id,to_id,cost), written atomically. */
#include <string.h>
#include "core/internal.h"
#include "write/atomic.h"
#include "write/csv_out.h"

ga_status ga_od_write_csv(ga_ctx *ctx, const ga_od *od,
                          const char *const *from_ids,
                          const char *const *to_ids, int decimals,
                          const char *path) {
    if (!od || !from_ids || !to_ids || !path)
        return ga_fail(ctx, GA_ERR_ARG, "OD output: missing table, ids or path");
    ga_atomic *a = NULL;
    ga_status st = ga_atomic_open(ctx, path, &a);
    if (st) return st;
    FILE *f = ga_atomic_stream(a);
    char fmt[16];
    if (decimals >= 0) g_snprintf(fmt, sizeof fmt, "%%.%df", decimals > 17 ? 17 : decimals);
    else g_strlcpy(fmt, "%.17g", sizeof fmt);
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    fputs("from_id,to_id,cost\n", f);
    for (size_t i = 0; i < od->n_from; i++) {
        if (ga_od_from_unknown(od, i)) { /* not routed: unknown costs */
            ga_csv_put_field(f, from_ids[i]);
            fputs(",,\n", f);
            continue;
        }
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++) {
            ga_csv_put_field(f, from_ids[i]);
            fputc(',', f);
            ga_csv_put_field(f, to_ids[od->to[p]]);
            fputc(',', f);
            fputs(g_ascii_formatd(buf, sizeof buf, fmt, od->cost[p]), f);
            fputc('\n', f);
        }
    }
    for (size_t j = 0; j < od->n_to; j++)
        if (ga_od_to_unknown(od, j)) {
            fputc(',', f);
            ga_csv_put_field(f, to_ids[j]);
            fputs(",\n", f);
        }
    return ga_atomic_commit(ctx, a);
}
