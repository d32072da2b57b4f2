/* Tables, private to the engine: the innards (filled only by the reader,
 * load/csv.c), numbers and amounts (the type and its accessors are public:
 * geoaccess/table.h). */
#ifndef GA_LAYER_TABLE_H
#define GA_LAYER_TABLE_H

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

/* Parses the n bytes at s as a decimal number ([sign] digits [.digits]
 * [e[sign]digits], blanks around; a decimal comma when asked): no hex, no
 * inf or nan. False when it is not one or is not finite. */
bool ga_parse_decimal(const char *s, size_t n, bool decimal_comma, double *out);
/* ga_table_get_double, then refuses a negative value or one above
 * GA_MAX_AMOUNT, naming the file, line, column and `what` ("population"). */
ga_status ga_table_get_amount(ga_ctx *ctx, const ga_table *t, size_t row, size_t col,
                              const char *what, double *out);
/* GA_ERR_VALUE naming the file when the table has a header and no data row;
 * `what` says which input ("origins", "demand"). */
ga_status ga_table_require_rows(ga_ctx *ctx, const ga_table *t, const char *what);

#endif
