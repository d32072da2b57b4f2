/* Cost matrices from CSV (from_id,to_id,cost), mapped onto given id lists. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/internal.h"

static GHashTable *index_ids(const char *const *ids, size_t n) {
    GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
    /* the first occurrence wins; duplicates in the lists are the caller's */
    for (size_t k = n; k-- > 0;) g_hash_table_insert(h, (gpointer)ids[k], GSIZE_TO_POINTER(k + 1));
    return h;
}

typedef struct {
    uint32_t from, to;
    size_t row;
} pair_row;

static int cmp_pair_row(const void *a, const void *b) {
    const pair_row *x = a, *y = b;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    if (x->to != y->to) return x->to < y->to ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

ga_status ga_od_read_csv(ga_ctx *ctx, const char *path,
                         const ga_od_read_options *opts,
                         const char *const *from_ids, size_t n_from,
                         const char *const *to_ids, size_t n_to,
                         ga_od **out, size_t *unknown_ids) {
    if (n_from > UINT32_MAX || n_to > UINT32_MAX)
        return ga_fail(ctx, GA_ERR_ARG, "%s: too many ids for an OD table", path);
    const char *from_col = opts && opts->from_col ? opts->from_col : "from_id";
    const char *to_col = opts && opts->to_col ? opts->to_col : "to_id";
    const char *cost_col = opts && opts->cost_col ? opts->cost_col : "cost";
    ga_table *t = NULL;
    ga_status st = ga_table_read(ctx, path, &t);
    if (st) return st;
    size_t cf, ct, cc;
    if ((st = ga_table_require(ctx, t, from_col, "origin id", &cf)) ||
        (st = ga_table_require(ctx, t, to_col, "destination id", &ct)) ||
        (st = ga_table_require(ctx, t, cost_col, "cost", &cc))) {
        ga_table_free(t);
        return st;
    }
    GHashTable *hf = index_ids(from_ids, n_from), *ht = index_ids(to_ids, n_to);
    size_t rows = ga_table_rows(t);
    ga_od_builder *b = ga_od_builder_new(n_from, n_to);
    GArray *kept = g_array_new(FALSE, FALSE, sizeof(pair_row));
    size_t unknown = 0;
    GString *ex = g_string_new(NULL);
    for (size_t r = 0; r < rows; r++) {
        const char *f = ga_table_cell(t, r, cf), *d = ga_table_cell(t, r, ct);
        gpointer vf = g_hash_table_lookup(hf, f), vt = g_hash_table_lookup(ht, d);
        if (!vf || !vt) {
            if (unknown++ < 3)
                g_string_append_printf(ex, "%sline %zu '%s'", ex->len ? ", " : "", ga_table_line(t, r),
                                       !vf ? f : d);
            continue;
        }
        double c;
        if ((st = ga_table_get_double(ctx, t, r, cc, &c))) break;
        if (c < 0) {
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: field '%s': negative cost %g", path,
                         ga_table_line(t, r), ga_table_header(t, cc), c);
            break;
        }
        pair_row pr = {(uint32_t)(GPOINTER_TO_SIZE(vf) - 1), (uint32_t)(GPOINTER_TO_SIZE(vt) - 1), r};
        g_array_append_val(kept, pr);
        ga_od_builder_add(b, pr.from, pr.to, c);
    }
    ga_od *od = NULL;
    if (st == GA_OK) {
        ga_status bst = ga_od_builder_finish(ctx, b, &od);
        b = NULL;
        if (bst == GA_ERR_DUPLICATE) {
            /* name the two lines of the first repeated pair */
            pair_row *v = (pair_row *)kept->data;
            qsort(v, kept->len, sizeof *v, cmp_pair_row);
            for (size_t k = 1; k < kept->len; k++)
                if (v[k].from == v[k - 1].from && v[k].to == v[k - 1].to) {
                    bst = ga_fail(ctx, GA_ERR_DUPLICATE,
                                  "%s: line %zu: pair (%s, %s) already given on line %zu", path,
                                  ga_table_line(t, v[k].row), from_ids[v[k].from], to_ids[v[k].to],
                                  ga_table_line(t, v[k - 1].row));
                    break;
                }
        }
        st = bst;
    }
    if (st == GA_OK && unknown)
        ga_warn(ctx, "%s: %zu of %zu pairs name an id found in neither list and are skipped, e.g. %s",
                path, unknown, rows, ex->str);
    ga_od_builder_free(b);
    g_string_free(ex, TRUE);
    g_array_free(kept, TRUE);
    g_hash_table_destroy(hf);
    g_hash_table_destroy(ht);
    ga_table_free(t);
    if (st) {
        ga_od_free(od);
        return st;
    }
    *out = od;
    if (unknown_ids) *unknown_ids = unknown;
    return GA_OK;
}
