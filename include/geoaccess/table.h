/* geoaccess: tables read from CSV files as users have them.
 *
 * The reader detects the separator (comma, semicolon or tab) from the header
 * line, accepts quoted fields (with "" for a quote), a UTF-8 byte-order mark,
 * Windows line ends, and decimal commas when the separator is a semicolon
 * (the INSEE style). Cells are kept as UTF-8 strings; numbers are parsed on
 * demand so the error can name the file, the line and the column.
 */
#ifndef GEOACCESS_TABLE_H
#define GEOACCESS_TABLE_H

#include <stdbool.h>
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ga_table ga_table;

/* Reads a CSV file. Every row must have as many cells as the header.
 * Caller frees *out with ga_table_free(). */
ga_status ga_table_read(ga_ctx *ctx, const char *path, ga_table **out);
/* Same, from a buffer; `name` is used in messages. Caller frees *out with ga_table_free(). */
ga_status ga_table_read_buffer(ga_ctx *ctx, const char *name, const char *data,
                               size_t len, ga_table **out);
void ga_table_free(ga_table *t);

size_t ga_table_rows(const ga_table *t);
size_t ga_table_cols(const ga_table *t);
const char *ga_table_path(const ga_table *t);
char ga_table_separator(const ga_table *t);
bool ga_table_decimal_comma(const ga_table *t);
const char *ga_table_header(const ga_table *t, size_t col);
/* The line number in the file of data row `row` (header is line 1). */
size_t ga_table_line(const ga_table *t, size_t row);
/* transfer none; never NULL for row < rows, col < cols */
const char *ga_table_cell(const ga_table *t, size_t row, size_t col);

/* Column index by exact name (case-insensitive), or -1. */
int ga_table_find(const ga_table *t, const char *name);
/* Column index by name; GA_ERR_FIELD with the list of existing columns when
 * absent. `what` says what the column is for in the message. */
ga_status ga_table_require(ga_ctx *ctx, const ga_table *t, const char *name,
                           const char *what, size_t *col_out);
/* First of several candidate names that exists (case-insensitive), or -1. */
int ga_table_find_any(const ga_table *t, const char *const *names);

/* Parses a cell as a number (decimal comma honoured); GA_ERR_VALUE naming
 * file, line and column when empty or not numeric. */
ga_status ga_table_get_double(ga_ctx *ctx, const ga_table *t, size_t row,
                              size_t col, double *out);

/* Index of a key column: maps each key to its row. GA_ERR_DUPLICATE naming
 * both lines when a key repeats; GA_ERR_VALUE for an empty key. */
typedef struct ga_key_index ga_key_index;
/* Caller frees *out with ga_key_index_free(). */
ga_status ga_key_index_new(ga_ctx *ctx, const ga_table *t, size_t key_col,
                           ga_key_index **out);
void ga_key_index_free(ga_key_index *idx);
/* Row of `key`, or -1. */
long ga_key_index_lookup(const ga_key_index *idx, const char *key);

/* Joins a numeric column of `t` onto `n` keys: values[i] receives the value
 * of the row whose key is keys[i], or NAN when absent. Reports unmatched keys
 * on both sides as one warning each side (counts and first examples).
 * *unmatched_left counts keys[] absent from the table, *unmatched_right rows
 * of the table absent from keys[] (either may be NULL). */
ga_status ga_table_join_double(ga_ctx *ctx, const ga_table *t, size_t key_col,
                               size_t value_col, const char *const *keys,
                               size_t n, double *values, size_t *unmatched_left,
                               size_t *unmatched_right);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header). */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_table, ga_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_key_index, ga_key_index_free)
#endif

#endif
