/* Cost matrices from CSV (from_id,to_id,cost), mapped onto given id lists. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "layer/table.h"

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


/* ---- fast path ----
 *
 * A national commune matrix has millions of pairs; the general CSV reader
 * keeps every cell as a string (about 100 bytes a pair). Most matrices are
 * plain: no quotes, UTF-8, a constant number of fields. For those, this
 * path parses the buffer in place and feeds the builder directly. On
 * anything unusual (a quote, invalid UTF-8, a lone CR, a missing column, a
 * short row, a bad number, a negative cost, a repeated pair) it gives up
 * and the general reader runs, so that the messages are exactly the usual
 * ones and the result is always the same as the general reader's. */

#define FAST_GIVE_UP ((ga_status)-1)

static const char *trim(const char *b, const char *e, const char **end) {
    while (b < e && g_ascii_isspace(*b)) b++;
    while (e > b && g_ascii_isspace(e[-1])) e--;
    *end = e;
    return b;
}

/* Same rule as the CSV reader: most frequent of , ; TAB on the header. */
static char fast_separator(const char *s, const char *end) {
    size_t comma = 0, semi = 0, tab = 0;
    for (; s < end && *s != '\n'; s++) {
        if (*s == ',') comma++;
        else if (*s == ';') semi++;
        else if (*s == '\t') tab++;
    }
    if (semi > comma && semi >= tab) return ';';
    if (tab > comma && tab > semi) return '\t';
    return ',';
}


typedef struct {
    uint32_t from, to;
    double cost;
} fast_pair;

static int cmp_fast_pair(const void *a, const void *b) {
    const fast_pair *x = a, *y = b;
    return (x->to > y->to) - (x->to < y->to);
}

/* CSR from pairs whose origins come in non-decreasing order (the usual
 * layout of a matrix file): each row is sorted on its own instead of the
 * whole table. NULL when the origins are not in order or a pair repeats. */
static ga_status pack_grouped(ga_ctx *ctx, GArray *pt, size_t n_from, size_t n_to, ga_od **out) {
    fast_pair *t = (fast_pair *)pt->data;
    size_t n = pt->len;
    for (size_t k = 1; k < n; k++)
        if (t[k].from < t[k - 1].from) return FAST_GIVE_UP;
    ga_od *od = ga_try_new0(ga_od, 1);
    if (!od) return ga_nomem(ctx, "cost matrix");
    od->n_from = n_from;
    od->n_to = n_to;
    od->n_pairs = n;
    od->row_start = ga_try_new0(size_t, n_from + 1);
    od->to = ga_try_new(uint32_t, n);
    od->cost = ga_try_new(double, n);
    if (!od->row_start || !od->to || !od->cost) {
        ga_od_free(od);
        return ga_nomem(ctx, "cost matrix");
    }
    for (size_t k = 0; k < n; k++) od->row_start[t[k].from + 1]++;
    for (size_t i = 0; i < n_from; i++) od->row_start[i + 1] += od->row_start[i];
    for (size_t i = 0; i < n_from; i++) {
        size_t a = od->row_start[i], b = od->row_start[i + 1];
        if (b - a > 1) qsort(t + a, b - a, sizeof *t, cmp_fast_pair);
        for (size_t k = a; k < b; k++) {
            if (k > a && t[k].to == t[k - 1].to) {
                ga_od_free(od);
                return FAST_GIVE_UP;
            }
            od->to[k] = t[k].to;
            od->cost[k] = t[k].cost;
        }
    }
    *out = od;
    return GA_OK;
}

static ga_status fast_read(ga_ctx *ctx, const char *path, const char *data, size_t len,
                           const char *names[3], GHashTable *hf, GHashTable *ht, size_t n_from,
                           size_t n_to, ga_od **out, size_t *unknown_out) {
    if (memchr(data, '"', len) || !g_utf8_validate(data, (gssize)len, NULL)) return FAST_GIVE_UP;
    const char *p = data, *end = data + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    size_t line = 1;
    while (p < end && (*p == '\n' || *p == '\r')) {
        if (*p == '\n') line++;
        p++;
    }
    if (p == end) return FAST_GIVE_UP;
    char sep = fast_separator(p, end);
    bool dcomma = sep == ';';
    /* header */
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol) eol = end;
    int col[3] = {-1, -1, -1};
    size_t n_cols = 0;
    {
        const char *le = eol;
        if (le > p && le[-1] == '\r') le--;
        const char *c = p;
        for (;;) {
            const char *ce = memchr(c, sep, (size_t)(le - c));
            if (!ce) ce = le;
            const char *te, *tb = trim(c, ce, &te);
            for (int k = 0; k < 3; k++)
                if (col[k] < 0 && (size_t)(te - tb) == strlen(names[k]) &&
                    !g_ascii_strncasecmp(tb, names[k], (gsize)(te - tb)))
                    col[k] = (int)n_cols;
            n_cols++;
            if (ce == le) break;
            c = ce + 1;
        }
    }
    if (col[0] < 0 || col[1] < 0 || col[2] < 0 || n_cols > 64) return FAST_GIVE_UP;
    GArray *pt = g_array_new(FALSE, FALSE, sizeof(fast_pair));
    size_t unknown = 0, rows = 0;
    GString *ex = g_string_new(NULL);
    char key[2][256];
    bool have_prev = false;
    size_t prev_len = 0;
    gpointer prev_from = NULL;
    ga_status st = GA_OK;
    p = eol < end ? eol + 1 : end;
    line++;
    while (p < end) {
        eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        const char *le = eol;
        if (le > p && le[-1] == '\r') le--;
        if (le > p && memchr(p, '\r', (size_t)(le - p))) {
            st = FAST_GIVE_UP;
            break;
        }
        const char *te, *tb = trim(p, le, &te);
        if (tb == te) { /* blank line */
            p = eol < end ? eol + 1 : end;
            line++;
            continue;
        }
        const char *cb[64], *cen[64];
        size_t nc = 0;
        for (const char *c = p;;) {
            const char *ce = memchr(c, sep, (size_t)(le - c));
            if (!ce) ce = le;
            if (nc < 64) {
                cb[nc] = trim(c, ce, &cen[nc]);
            }
            nc++;
            if (ce == le) break;
            c = ce + 1;
        }
        if (nc != n_cols) {
            st = FAST_GIVE_UP;
            break;
        }
        rows++;
        gpointer v[2] = {NULL, NULL};
        for (int k = 0; k < 2; k++) {
            size_t l = (size_t)(cen[col[k]] - cb[col[k]]);
            if (l >= sizeof key[k]) {
                st = FAST_GIVE_UP;
                break;
            }
            /* rows usually come grouped by origin: reuse the last lookup */
            if (k == 0 && have_prev && l == prev_len && !memcmp(key[0], cb[col[0]], l)) {
                v[0] = prev_from;
                continue;
            }
            memcpy(key[k], cb[col[k]], l);
            key[k][l] = 0;
            v[k] = g_hash_table_lookup(k ? ht : hf, key[k]);
            if (k == 0) {
                have_prev = true;
                prev_len = l;
                prev_from = v[0];
            }
        }
        if (st) break;
        if (cen[col[2]] == cb[col[2]]) { /* empty cost: a point not routed (general reader) */
            st = FAST_GIVE_UP;
            break;
        }
        if (!v[0] || !v[1]) {
            if (unknown++ < 3)
                g_string_append_printf(ex, "%sline %zu '%s'", ex->len ? ", " : "", line,
                                       ga_clip(!v[0] ? key[0] : key[1]));
        } else {
            size_t l = (size_t)(cen[col[2]] - cb[col[2]]);
            if (l == 0 || l >= 64) {
                st = FAST_GIVE_UP;
                break;
            }
            double c;
            if (!ga_parse_decimal(cb[col[2]], l, dcomma, &c) || c < 0 || c > GA_MAX_COST) {
                st = FAST_GIVE_UP;
                break;
            }
            fast_pair fp = {(uint32_t)(GPOINTER_TO_SIZE(v[0]) - 1),
                            (uint32_t)(GPOINTER_TO_SIZE(v[1]) - 1), c};
            g_array_append_val(pt, fp);
        }
        if ((rows & 0xFFFFF) == 0) ga_progress(ctx, "reading matrix", (uint64_t)(p - data), len);
        p = eol < end ? eol + 1 : end;
        line++;
    }
    ga_od *od = NULL;
    if (st == GA_OK && rows == 0) st = FAST_GIVE_UP; /* no pair at all: the general reader says so */
    if (st == GA_OK) {
        /* origins not grouped or a repeated pair (FAST_GIVE_UP): the
         * general reader */
        st = pack_grouped(ctx, pt, n_from, n_to, &od);
    }
    if (st == GA_OK && unknown)
        ga_warn(ctx, "%s: %zu of %zu pairs name an id found in neither list and are skipped, e.g. %s",
                path, unknown, rows, ex->str);
    g_array_free(pt, TRUE);
    g_string_free(ex, TRUE);
    if (st) {
        ga_od_free(od);
        return st;
    }
    *out = od;
    *unknown_out = unknown;
    return GA_OK;
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
    char *data = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &data, &len, &err)) {
        ga_status e = ga_fail(ctx, GA_ERR_IO, "%s: %s", path, err->message);
        g_error_free(err);
        return e;
    }
    GHashTable *hf = index_ids(from_ids, n_from), *ht = index_ids(to_ids, n_to);
    const char *names[3] = {from_col, to_col, cost_col};
    ga_od *fast = NULL;
    size_t fast_unknown = 0;
    ga_status st = fast_read(ctx, path, data, len, names, hf, ht, n_from, n_to, &fast, &fast_unknown);
    if (st == GA_OK) {
        g_free(data);
        g_hash_table_destroy(hf);
        g_hash_table_destroy(ht);
        *out = fast;
        if (unknown_ids) *unknown_ids = fast_unknown;
        return GA_OK;
    }
    if (st != FAST_GIVE_UP) { /* out of memory */
        g_free(data);
        g_hash_table_destroy(hf);
        g_hash_table_destroy(ht);
        return st;
    }
    /* the general reader: quotes, Windows-1252, and every error message */
    ga_table *t = NULL;
    st = ga_table_read_buffer(ctx, path, data, len, &t);
    g_free(data);
    if (st) {
        g_hash_table_destroy(hf);
        g_hash_table_destroy(ht);
        return st;
    }
    size_t cf, ct, cc;
    if ((st = ga_table_require_rows(ctx, t, "cost matrix")) ||
        (st = ga_table_require(ctx, t, from_col, "origin id", &cf)) ||
        (st = ga_table_require(ctx, t, to_col, "destination id", &ct)) ||
        (st = ga_table_require(ctx, t, cost_col, "cost", &cc))) {
        ga_table_free(t);
        g_hash_table_destroy(hf);
        g_hash_table_destroy(ht);
        return st;
    }
    size_t rows = ga_table_rows(t);
    ga_od_builder *b = ga_od_builder_new(n_from, n_to);
    GArray *kept = g_array_new(FALSE, FALSE, sizeof(pair_row));
    size_t unknown = 0;
    GString *ex = g_string_new(NULL);
    /* points that could not be routed, as `geoaccess od` writes them: an
     * origin as "ID,," and a destination as ",ID," (the other id and the
     * cost empty) */
    uint8_t *unk_from = NULL, *unk_to = NULL;
    for (size_t r = 0; r < rows; r++) {
        const char *f = ga_table_cell(t, r, cf), *d = ga_table_cell(t, r, ct);
        gpointer vf = g_hash_table_lookup(hf, f), vt = g_hash_table_lookup(ht, d);
        const char *cs = ga_table_cell(t, r, cc);
        if ((!cs || !*cs) && (!*f != !*d) && (vf || vt)) {
            if (vf) {
                if (!unk_from && !(unk_from = ga_try_new0(uint8_t, n_from))) {
                    st = ga_nomem(ctx, "cost matrix");
                    break;
                }
                unk_from[GPOINTER_TO_SIZE(vf) - 1] = 1;
            } else {
                if (!unk_to && !(unk_to = ga_try_new0(uint8_t, n_to))) {
                    st = ga_nomem(ctx, "cost matrix");
                    break;
                }
                unk_to[GPOINTER_TO_SIZE(vt) - 1] = 1;
            }
            continue;
        }
        if (!vf || !vt) {
            if (unknown++ < 3)
                g_string_append_printf(ex, "%sline %zu '%s'", ex->len ? ", " : "", ga_table_line(t, r),
                                       ga_clip(!vf ? f : d));
            continue;
        }
        double c;
        if ((st = ga_table_get_double(ctx, t, r, cc, &c))) break;
        if (c < 0 || c > GA_MAX_COST) {
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: field '%s': %s cost %g%s", path,
                         ga_table_line(t, r), ga_clip(ga_table_header(t, cc)),
                         c < 0 ? "negative" : "implausible", c,
                         c < 0 ? "" : " (above 1e9, the largest plausible cost)");
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
                                  ga_table_line(t, v[k].row), ga_clip(from_ids[v[k].from]), ga_clip(to_ids[v[k].to]),
                                  ga_table_line(t, v[k - 1].row));
                    break;
                }
        }
        st = bst;
    }
    if (st == GA_OK && unknown)
        ga_warn(ctx, "%s: %zu of %zu pairs name an id found in neither list and are skipped, e.g. %s",
                path, unknown, rows, ex->str);
    if (st == GA_OK) {
        /* a flagged point keeps no pair: its costs are unknown */
        for (size_t i = 0; unk_from && i < n_from; i++)
            if (unk_from[i] && od->row_start[i + 1] > od->row_start[i]) {
                st = ga_fail(ctx, GA_ERR_VALUE, "%s: origin '%s' is marked as not routed (empty destination "
                             "and cost) but also has costs", path, from_ids[i]);
                break;
            }
        for (size_t p = 0; st == GA_OK && unk_to && p < od->n_pairs; p++)
            if (unk_to[od->to[p]]) {
                st = ga_fail(ctx, GA_ERR_VALUE, "%s: destination '%s' is marked as not routed (empty origin "
                             "and cost) but also has costs", path, to_ids[od->to[p]]);
                break;
            }
        if (st == GA_OK) {
            od->from_unknown = g_steal_pointer(&unk_from);
            od->to_unknown = g_steal_pointer(&unk_to);
        }
    }
    g_free(unk_from);
    g_free(unk_to);
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
