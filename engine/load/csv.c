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
#include "layer/table.h"

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
