/* Writing CSV cells (RFC 4180 quoting). */
#ifndef GA_CSV_OUT_H
#define GA_CSV_OUT_H

#include <stdio.h>

/* Writes a text cell, quoted when it holds a comma, a quote or a line end. */
void ga_csv_put_field(FILE *f, const char *s);

#endif
