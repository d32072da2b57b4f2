/* CSV tables: separator detection, quotes, BOM, CRLF, decimal commas.
 *
 * Written by hand: GLib has no CSV reader, and the dialects users bring
 * (INSEE's semicolons with decimal commas, Excel's quoted UTF-8 with BOM)
 * need a small state machine, not a regex split.
 */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"

struct ga_table {
    char *path;
    char sep;
    bool decimal_comma;
    size_t n_cols, n_rows;
    GStringChunk *chunk;
    GPtrArray *cells;  /* header then rows, row-major, char* in chunk */
    GArray *lines;     /* size_t line number of each data row */
};

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

/* The separator is the most frequent of , ; TAB outside quotes on the
 * header line (comma on a tie, and for a one-column file). */
static char detect_separator(const char *s, const char *end) {
    size_t comma = 0, semi = 0, tab = 0;
    bool quoted = false;
    for (; s < end && (quoted || (*s != '\n' && *s != '\r')); s++) {
        if (*s == '"') quoted = !quoted;
        else if (!quoted && *s == ',') comma++;
        else if (!quoted && *s == ';') semi++;
        else if (!quoted && *s == '\t') tab++;
    }
    if (semi > comma && semi >= tab) return ';';
    if (tab > comma && tab > semi) return '\t';
    return ',';
}

static char *trim_cell(GString *cell, bool was_quoted) {
    if (!was_quoted) {
        /* unquoted cells lose surrounding blanks */
        g_strstrip(cell->str);
        cell->len = strlen(cell->str);
    }
    return cell->str;
}

/* Files that are not CSV text but are often given as one: what they are and
 * what to do, instead of a confusing "2 fields where the header has 1" or
 * "neither UTF-8 nor Windows-1252". NULL for anything else. */
static const char *not_csv(const char *data, size_t len) {
    static const struct { const char *magic; size_t n; const char *what; } magics[] = {
        {"PK\x03\x04", 4, "a ZIP archive (an Excel .xlsx or OpenDocument .ods spreadsheet?), "
                           "not CSV text: save the sheet as CSV (UTF-8) from the spreadsheet program"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "an Excel .xls spreadsheet, not CSV text: save "
                           "the sheet as CSV (UTF-8) from the spreadsheet program"},
        {"\x1F\x8B", 2, "a gzip-compressed file, not CSV text: decompress it first (gunzip)"},
        {"%PDF", 4, "a PDF document, not CSV text"},
        {"SQLite format 3", 16, "an SQLite database (a GeoPackage?), not CSV text: export the "
                                "layer as CSV (ogr2ogr -f CSV out.csv in.gpkg -lco GEOMETRY=AS_XY)"},
        {"PAR1", 4, "a Parquet file, not CSV text: export it as CSV"},
        {"\x00\x00\x27\x0A", 4, "a shapefile's .shp, not CSV text: give the .shp where a shapefile "
                                 "is accepted, or export its table as CSV"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(magics); i++)
        if (len >= magics[i].n && memcmp(data, magics[i].magic, magics[i].n) == 0)
            return magics[i].what;
    if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0))
        return "UTF-16 text (Excel's \"Unicode text\"?): save it as CSV (UTF-8)";
    const char *p = data, *end = data + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    while (p < end && g_ascii_isspace(*p)) p++;
    /* JSON: an object opening on a key, or an array of values; a header
     * such as "[id],x,y" is not one */
    const char *q = p + 1;
    while (q < end && g_ascii_isspace(*q)) q++;
    if (p < end && ((*p == '{' && (q == end || *q == '"' || *q == '}')) ||
                    (*p == '[' && (q == end || strchr("{[]\"-", *q) || g_ascii_isdigit(*q)))))
        return "JSON (GeoJSON?), not CSV text: convert it, e.g. ogr2ogr -f CSV out.csv in.geojson "
               "-lco GEOMETRY=AS_XY, which writes X,Y in longitude/latitude for a GeoJSON "
               "(name them lon,lat or pass --crs EPSG:4326)";
    static const char *const markup[] = {"<?xml", "<!doctype", "<html", "<kml", "<gml", "<!--"};
    for (size_t i = 0; i < G_N_ELEMENTS(markup); i++)
        if ((size_t)(end - p) >= strlen(markup[i]) &&
            g_ascii_strncasecmp(p, markup[i], strlen(markup[i])) == 0)
            return "XML or HTML (KML, GML, a web page?), not CSV text: convert it to CSV first "
                   "(e.g. ogr2ogr -f CSV out.csv in.kml -lco GEOMETRY=AS_XY)";
    return NULL;
}

ga_status ga_table_read_buffer(ga_ctx *ctx, const char *name, const char *data,
                               size_t len, ga_table **out) {
    g_autofree char *converted = NULL;
    const char *what = not_csv(data, len);
    if (what) return ga_fail(ctx, GA_ERR_FORMAT, "%s: %s", name, what);
    /* A NUL byte is no text: refused, or a field would end there silently
     * ("700\0000" read as 700). */
    const char *nul = len ? memchr(data, 0, len) : NULL;
    if (nul) {
        size_t line = 1;
        for (const char *q = data; q < nul; q++) line += *q == '\n';
        return ga_fail(ctx, GA_ERR_FORMAT, "%s: line %zu: NUL byte: a binary file, not a text table",
                       name, line);
    }
    if (!g_utf8_validate(data, (gssize)len, NULL)) {
        /* Not UTF-8: French files from Excel are mostly Windows-1252. */
        gsize written = 0;
        converted = g_convert(data, (gssize)len, "UTF-8", "WINDOWS-1252", NULL,
                              &written, NULL);
        if (!converted)
            return ga_fail(ctx, GA_ERR_FORMAT,
                           "%s: neither UTF-8 nor Windows-1252 text", name);
        ga_warn(ctx, "%s: not UTF-8, read as Windows-1252", name);
        data = converted;
        len = written;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    const char *p = data, *end = data + len;
    /* skip leading blank lines */
    while (p < end && (*p == '\n' || *p == '\r')) p++;
    if (p == end) return ga_fail(ctx, GA_ERR_FORMAT, "%s: empty file, no header line", name);

    ga_table *t = ga_try_new0(ga_table, 1);
    if (!t) return ga_nomem(ctx, "CSV table");
    t->path = ga_try_strdup(name);
    if (!t->path) {
        g_free(t);
        return ga_nomem(ctx, "CSV table");
    }
    t->sep = detect_separator(p, end);
    t->decimal_comma = t->sep == ';';
    t->chunk = g_string_chunk_new(4096);
    t->cells = g_ptr_array_new();
    t->lines = g_array_new(FALSE, FALSE, sizeof(size_t));

    GString *cell = g_string_new(NULL);
    size_t line = 1 + 0;
    for (const char *q = data; q < p; q++)
        if (*q == '\n') line++;
    size_t row_line = line, row_cells = 0;
    bool quoted = false, was_quoted = false, row_has_content = false;
    ga_status st = GA_OK;

    for (;;) {
        bool at_end = p >= end;
        char c = at_end ? '\n' : *p;
        if (quoted && !at_end) {
            if (c == '"') {
                if (p + 1 < end && p[1] == '"') {
                    g_string_append_c(cell, '"');
                    p++;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') line++;
                g_string_append_c(cell, c);
            }
            p++;
            continue;
        }
        if (quoted && at_end) {
            st = ga_fail(ctx, GA_ERR_FORMAT,
                         "%s: line %zu: quoted field never closed (truncated file?)",
                         name, row_line);
            break;
        }
        if (c == '"' && cell->len == 0 && !was_quoted) {
            quoted = was_quoted = true;
            row_has_content = true;
            p++;
            continue;
        }
        if (c == t->sep || c == '\n' || c == '\r') {
            bool end_of_row = c != t->sep;
            if (!end_of_row || row_has_content || row_cells > 0 || cell->len > 0) {
                g_ptr_array_add(t->cells,
                                g_string_chunk_insert(t->chunk, trim_cell(cell, was_quoted)));
                row_cells++;
            }
            g_string_truncate(cell, 0);
            was_quoted = false;
            if (end_of_row) {
                if (row_cells > 0) {
                    if (t->n_cols == 0) {
                        t->n_cols = row_cells;
                    } else if (row_cells != t->n_cols) {
                        /* a row of one empty cell is a blank line */
                        if (row_cells == 1 && !row_has_content &&
                            ((char *)g_ptr_array_index(t->cells, t->cells->len - 1))[0] == 0) {
                            g_ptr_array_set_size(t->cells, t->cells->len - 1);
                        } else {
                            st = ga_fail(ctx, GA_ERR_FORMAT,
                                         "%s: line %zu: %zu fields where the header has %zu "
                                         "(separator '%s')",
                                         name, row_line, row_cells, t->n_cols,
                                         t->sep == '\t' ? "\\t" : (char[]){t->sep, 0});
                            break;
                        }
                    } else {
                        g_array_append_val(t->lines, row_line);
                        t->n_rows++;
                    }
                }
                if (at_end) break;
                if (c == '\r' && p + 1 < end && p[1] == '\n') p++;
                line++;
                row_line = line;
                row_cells = 0;
                row_has_content = false;
            } else {
                row_has_content = true;
            }
            p++;
            continue;
        }
        if (was_quoted) {
            /* text after a closing quote: keep it, as most readers do */
        }
        if (c != ' ' && c != '\t') row_has_content = true;
        g_string_append_c(cell, c);
        p++;
    }
    g_string_free(cell, TRUE);
    if (st != GA_OK) {
        ga_table_free(t);
        return st;
    }
    /* header names must be unique (case-insensitively) and non-empty: one
     * hash table, linear in the number of columns (a pairwise check took
     * seconds on 40,000 columns and never ended on a million) */
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < t->n_cols && st == GA_OK; i++) {
        const char *h = ga_table_header(t, i);
        if (!*h) {
            st = ga_fail(ctx, GA_ERR_FORMAT, "%s: line 1: column %zu has no name", name, i + 1);
            break;
        }
        char *key = g_ascii_strdown(h, -1);
        gpointer prev = g_hash_table_lookup(seen, key);
        if (prev) {
            g_free(key);
            st = ga_fail(ctx, GA_ERR_FORMAT,
                         "%s: line 1: column name '%s' appears twice (columns %zu and %zu)", name,
                         ga_clip(h), GPOINTER_TO_SIZE(prev), i + 1);
            break;
        }
        g_hash_table_insert(seen, key, GSIZE_TO_POINTER(i + 1));
    }
    g_hash_table_destroy(seen);
    if (st != GA_OK) {
        ga_table_free(t);
        return st;
    }
    *out = t;
    return GA_OK;
}

ga_status ga_table_read(ga_ctx *ctx, const char *path, ga_table **out) {
    char *data = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &data, &len, &err)) {
        ga_status st = ga_fail(ctx, GA_ERR_IO, "%s: %s", path, err->message);
        g_error_free(err);
        return st;
    }
    ga_status st = ga_table_read_buffer(ctx, path, data, len, out);
    g_free(data);
    return st;
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
