/* Tables: the type, its accessors, column lookup, numbers, keys and joins;
 * the CSV reader is load/csv.c. */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "layer/table.h"

void ga_table_free(ga_table *t) {
    if (!t) return;
    g_free(t->path);
    if (t->chunk) g_string_chunk_free(t->chunk);
    if (t->cells) g_ptr_array_free(t->cells, TRUE);
    if (t->lines) g_array_free(t->lines, TRUE);
    g_free(t);
}

size_t ga_table_rows(const ga_table *t) { return t->n_rows; }
size_t ga_table_cols(const ga_table *t) { return t->n_cols; }
const char *ga_table_path(const ga_table *t) { return t->path; }
char ga_table_separator(const ga_table *t) { return t->sep; }
bool ga_table_decimal_comma(const ga_table *t) { return t->decimal_comma; }

const char *ga_table_header(const ga_table *t, size_t col) {
    return col < t->n_cols ? g_ptr_array_index(t->cells, col) : NULL;
}

size_t ga_table_line(const ga_table *t, size_t row) {
    return g_array_index(t->lines, size_t, row);
}

const char *ga_table_cell(const ga_table *t, size_t row, size_t col) {
    return g_ptr_array_index(t->cells, (row + 1) * t->n_cols + col);
}

int ga_table_find(const ga_table *t, const char *name) {
    if (!name) return -1;
    for (size_t i = 0; i < t->n_cols; i++)
        if (g_ascii_strcasecmp(ga_table_header(t, i), name) == 0) return (int)i;
    return -1;
}

int ga_table_find_any(const ga_table *t, const char *const *names) {
    for (; *names; names++) {
        int c = ga_table_find(t, *names);
        if (c >= 0) return c;
    }
    return -1;
}

/* The header's names for a message: the first 20, each cut by ga_clip. */
static char *list_columns(const ga_table *t) {
    GString *s = g_string_new(NULL);
    size_t shown = t->n_cols < 20 ? t->n_cols : 20;
    for (size_t i = 0; i < shown; i++)
        g_string_append_printf(s, "%s'%s'", i ? ", " : "", ga_clip(ga_table_header(t, i)));
    if (shown < t->n_cols) g_string_append_printf(s, ", ... (%zu columns)", t->n_cols);
    return g_string_free(s, FALSE);
}

ga_status ga_table_require(ga_ctx *ctx, const ga_table *t, const char *name,
                           const char *what, size_t *col_out) {
    int c = ga_table_find(t, name);
    if (c < 0) {
        g_autofree char *cols = list_columns(t);
        return ga_fail(ctx, GA_ERR_FIELD, "%s: no column '%s'%s%s%s; columns are: %s",
                       t->path, ga_clip(name), what ? " (" : "",
                       what ? what : "", what ? ")" : "", cols);
    }
    *col_out = (size_t)c;
    return GA_OK;
}

bool ga_parse_decimal(const char *s, size_t n, bool decimal_comma, double *out) {
    /* Only decimal notation: [sign] digits [. digits] [e [sign] digits].
     * strtod alone also takes "0x10" (16), "inf", "nan" and "1p3", which no
     * table of populations or coordinates means. */
    char buf[64];
    while (n > 0 && *s == ' ') s++, n--;
    while (n > 0 && s[n - 1] == ' ') n--;
    if (n == 0 || n >= sizeof buf) return false;
    memcpy(buf, s, n);
    buf[n] = 0;
    size_t i = 0, digits = 0;
    if (buf[i] == '+' || buf[i] == '-') i++;
    for (; g_ascii_isdigit(buf[i]); i++) digits++;
    if (buf[i] == '.' || (decimal_comma && buf[i] == ',')) {
        buf[i++] = '.';
        for (; g_ascii_isdigit(buf[i]); i++) digits++;
    }
    if (digits == 0) return false;
    if (buf[i] == 'e' || buf[i] == 'E') {
        i++;
        if (buf[i] == '+' || buf[i] == '-') i++;
        if (!g_ascii_isdigit(buf[i])) return false;
        while (g_ascii_isdigit(buf[i])) i++;
    }
    if (buf[i]) return false;
    char *endp = NULL;
    double v = g_ascii_strtod(buf, &endp);
    if (*endp || !isfinite(v)) return false;
    *out = v;
    return true;
}

/* Parses a number, with a decimal comma when asked. Returns false when the
 * text is empty, not a finite decimal number, or has trailing characters. */
static bool parse_number(const char *s, bool decimal_comma, double *out) {
    return ga_parse_decimal(s, strlen(s), decimal_comma, out);
}

ga_status ga_table_get_double(ga_ctx *ctx, const ga_table *t, size_t row,
                              size_t col, double *out) {
    const char *s = ga_table_cell(t, row, col);
    /* A comma-separated file may still quote "3,5": accept it as a decimal
     * comma only when a dot parse fails and the cell has exactly one comma. */
    if (parse_number(s, t->decimal_comma, out)) return GA_OK;
    if (!t->decimal_comma && strchr(s, ',') && strchr(s, ',') == strrchr(s, ',') &&
        !strchr(s, '.') && parse_number(s, true, out))
        return GA_OK;
    if (!*s)
        return ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: column '%s': empty value", t->path,
                       ga_table_line(t, row), ga_clip(ga_table_header(t, col)));
    return ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: column '%s': not a number ('%s'; decimal "
                   "notation only, no hexadecimal, inf or nan)",
                   t->path, ga_table_line(t, row), ga_clip(ga_table_header(t, col)), ga_clip(s));
}

ga_status ga_table_get_amount(ga_ctx *ctx, const ga_table *t, size_t row, size_t col,
                              const char *what, double *out) {
    double v;
    ga_status st = ga_table_get_double(ctx, t, row, col, &v);
    if (st) return st;
    if (v < 0 || v > GA_MAX_AMOUNT)
        return ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: column '%s': %s %g is %s", t->path,
                       ga_table_line(t, row), ga_clip(ga_table_header(t, col)), what, v,
                       v < 0 ? "negative" : "above 1e12, the largest plausible value");
    *out = v;
    return GA_OK;
}

ga_status ga_table_require_rows(ga_ctx *ctx, const ga_table *t, const char *what) {
    if (t->n_rows > 0) return GA_OK;
    return ga_fail(ctx, GA_ERR_VALUE, "%s: no data row under the header line (an empty %s file)",
                   t->path, what);
}

/* ---- key index ---- */

struct ga_key_index {
    GHashTable *rows; /* key (in table chunk) -> row + 1 */
};

ga_status ga_key_index_new(ga_ctx *ctx, const ga_table *t, size_t key_col,
                           ga_key_index **out) {
    ga_key_index *idx = ga_try_new0(ga_key_index, 1);
    if (!idx) return ga_nomem(ctx, "key index");
    idx->rows = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *k = ga_table_cell(t, r, key_col);
        if (!*k) {
            ga_key_index_free(idx);
            return ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: column '%s': empty key",
                           t->path, ga_table_line(t, r), ga_clip(ga_table_header(t, key_col)));
        }
        gpointer prev = g_hash_table_lookup(idx->rows, k);
        if (prev) {
            size_t pr = GPOINTER_TO_SIZE(prev) - 1;
            ga_key_index_free(idx);
            return ga_fail(ctx, GA_ERR_DUPLICATE,
                           "%s: line %zu: column '%s': key '%s' already on line %zu",
                           t->path, ga_table_line(t, r), ga_clip(ga_table_header(t, key_col)), ga_clip(k),
                           ga_table_line(t, pr));
        }
        g_hash_table_insert(idx->rows, (gpointer)k, GSIZE_TO_POINTER(r + 1));
    }
    *out = idx;
    return GA_OK;
}

void ga_key_index_free(ga_key_index *idx) {
    if (!idx) return;
    g_hash_table_destroy(idx->rows);
    g_free(idx);
}

long ga_key_index_lookup(const ga_key_index *idx, const char *key) {
    gpointer v = g_hash_table_lookup(idx->rows, key);
    return v ? (long)GPOINTER_TO_SIZE(v) - 1 : -1;
}

ga_status ga_table_join_double(ga_ctx *ctx, const ga_table *t, size_t key_col,
                               size_t value_col, const char *const *keys,
                               size_t n, double *values, size_t *unmatched_left,
                               size_t *unmatched_right) {
    ga_key_index *idx = NULL;
    ga_status st = ga_key_index_new(ctx, t, key_col, &idx);
    if (st) return st;
    double *tmp = ga_try_new(double, n);
    guint8 *used = ga_try_new0(guint8, t->n_rows);
    if (!tmp || !used) {
        g_free(tmp);
        g_free(used);
        ga_key_index_free(idx);
        return ga_nomem(ctx, "table join");
    }
    size_t left = 0, right = 0;
    GString *ex_left = g_string_new(NULL), *ex_right = g_string_new(NULL);
    for (size_t i = 0; i < n && st == GA_OK; i++) {
        long r = ga_key_index_lookup(idx, keys[i]);
        if (r < 0) {
            tmp[i] = NAN;
            if (left++ < 5) g_string_append_printf(ex_left, "%s'%s'", left > 1 ? ", " : "", ga_clip(keys[i]));
            continue;
        }
        used[r] = 1;
        st = ga_table_get_double(ctx, t, (size_t)r, value_col, &tmp[i]);
    }
    if (st == GA_OK) {
        for (size_t r = 0; r < t->n_rows; r++)
            if (!used[r] && right++ < 5)
                g_string_append_printf(ex_right, "%s'%s'", right > 1 ? ", " : "",
                                       ga_clip(ga_table_cell(t, r, key_col)));
        if (left)
            ga_warn(ctx, "%s: %zu of %zu keys have no row in the table (column '%s'), e.g. %s",
                    t->path, left, n, ga_clip(ga_table_header(t, key_col)), ex_left->str);
        if (right)
            ga_warn(ctx, "%s: %zu rows have a key (column '%s') that matches nothing, e.g. %s",
                    t->path, right, ga_clip(ga_table_header(t, key_col)), ex_right->str);
        memcpy(values, tmp, n * sizeof *values);
        if (unmatched_left) *unmatched_left = left;
        if (unmatched_right) *unmatched_right = right;
    }
    g_string_free(ex_left, TRUE);
    g_string_free(ex_right, TRUE);
    g_free(used);
    g_free(tmp);
    ga_key_index_free(idx);
    return st;
}
