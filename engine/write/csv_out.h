/* The CSV writer of every table geoaccess writes (RFC 4180: comma, quotes
 * around a cell holding a comma, a quote or a line end, quotes doubled, a
 * line feed after each row; numbers with a dot whatever the locale, NAN as
 * an empty cell). Writes to a stream (files, standard output) or appends
 * to a string (tables built while computing, written at the end). */
#ifndef GA_CSV_OUT_H
#define GA_CSV_OUT_H

#include <stdio.h>
#include <glib.h>
#include "geoaccess.h"

typedef struct {
    FILE *f;     /* one of f and s */
    GString *s;
    int col;     /* cells written in the current row */
    char dp[8];  /* the locale's decimal point, turned into '.' */
} ga_csv_writer;

/* A writer onto a stream, or onto a string. */
ga_csv_writer ga_csv_to_stream(FILE *f);
ga_csv_writer ga_csv_to_string(GString *s);
/* A text cell, quoted when needed. */
void ga_csv_text(ga_csv_writer *w, const char *s);
/* A text cell always in quotes. */
void ga_csv_quoted(ga_csv_writer *w, const char *s);
/* A number cell: `decimals` fixed decimals, < 0 round-trip (%.17g); NAN is
 * an empty cell, infinities "inf" and "-inf". */
void ga_csv_number(ga_csv_writer *w, double v, int decimals);
/* A number cell in a printf format (one double: "%g", "%.4f"...). */
void ga_csv_number_fmt(ga_csv_writer *w, const char *fmt, double v);
/* An integer cell. */
void ga_csv_size(ga_csv_writer *w, size_t v);
/* Ends the row. */
void ga_csv_end_row(ga_csv_writer *w);
/* A whole header row: the names, NULL-terminated. */
void ga_csv_header(ga_csv_writer *w, const char *const *names);

/* The CSV tables of results and OD tables onto a stream (standard output:
 * the same bytes as the files ga_result_write_csv and ga_od_write_csv
 * write). False when the stream reports an error, or (nothing written) when
 * the result lost a column to an allocation failure. */
bool ga_result_write_csv_stream(const ga_result *r, FILE *f);
bool ga_od_write_csv_stream(const ga_od *od, const char *const *from_ids, const char *const *to_ids,
                            int decimals, FILE *f);

#endif
