/* OD tables to CSV (from_id,to_id,cost), written atomically. */
#include <string.h>
#include "core/internal.h"
#include "core/atomic.h"
#include "write/csv_out.h"

bool ga_od_write_csv_stream(const ga_od *od, const char *const *from_ids, const char *const *to_ids,
                            int decimals, FILE *f) {
    ga_csv_writer w = ga_csv_to_stream(f);
    static const char *const header[] = {"from_id", "to_id", "cost", NULL};
    ga_csv_header(&w, header);
    for (size_t i = 0; i < od->n_from; i++) {
        if (ga_od_from_unknown(od, i)) { /* not routed: one row, the cost empty */
            ga_csv_text(&w, from_ids[i]);
            ga_csv_text(&w, "");
            ga_csv_text(&w, "");
            ga_csv_end_row(&w);
            continue;
        }
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++) {
            ga_csv_text(&w, from_ids[i]);
            ga_csv_text(&w, to_ids[od->to[p]]);
            ga_csv_number(&w, od->cost[p], decimals);
            ga_csv_end_row(&w);
        }
    }
    for (size_t j = 0; j < od->n_to; j++)
        if (ga_od_to_unknown(od, j)) {
            ga_csv_text(&w, "");
            ga_csv_text(&w, to_ids[j]);
            ga_csv_text(&w, "");
            ga_csv_end_row(&w);
        }
    return !ferror(f);
}

ga_status ga_od_write_csv(ga_ctx *ctx, const ga_od *od,
                          const char *const *from_ids,
                          const char *const *to_ids, int decimals,
                          const char *path) {
    if (!od || !from_ids || !to_ids || !path)
        return ga_fail(ctx, GA_ERR_ARG, "OD output: missing table, ids or path");
    ga_atomic *a = NULL;
    ga_status st = ga_atomic_open(ctx, path, &a);
    if (st) return st;
    ga_od_write_csv_stream(od, from_ids, to_ids, decimals, ga_atomic_stream(a));
    return ga_atomic_commit(ctx, a);
}
