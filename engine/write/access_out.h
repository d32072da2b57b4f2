/* The table of `geoaccess fca`: id,access per demand row (access with
 * round-trip precision, empty when unknown), to a file or to a stream with
 * the same bytes. Writes what study/fca.h computed; computes nothing. */
#ifndef GA_WRITE_ACCESS_OUT_H
#define GA_WRITE_ACCESS_OUT_H

#include <stdio.h>
#include "geoaccess.h"

/* ids has n entries. */
ga_status ga_access_write_csv(ga_ctx *ctx, const char *const *ids, const double *access, size_t n,
                              const char *path);
/* False when the stream reports an error (after flushing it). */
bool ga_access_write_csv_stream(const char *const *ids, const double *access, size_t n, FILE *f);

#endif
