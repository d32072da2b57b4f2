/* Atomic output: write into a temporary file in the destination's folder,
 * then rename it over the destination, so that a failure never leaves a
 * partial file behind. */
#ifndef GA_ATOMIC_H
#define GA_ATOMIC_H

#include <stdio.h>
#include "geoaccess.h"

typedef struct ga_atomic ga_atomic;

/* Opens a temporary file beside `path` for writing. */
ga_status ga_atomic_open(ga_ctx *ctx, const char *path, ga_atomic **out);
/* The stream to write to (transfer none). */
FILE *ga_atomic_stream(ga_atomic *a);
/* Flushes, closes and renames onto the destination; frees `a` in all cases.
 * On failure the temporary file is removed. */
ga_status ga_atomic_commit(ga_ctx *ctx, ga_atomic *a);
/* Closes and removes the temporary file; frees `a`. NULL does nothing. */
void ga_atomic_abort(ga_atomic *a);

/* A temporary base name beside `path` (for multi-file outputs such as
 * shapefiles: "dir/~tmp-name-PID-N", with no dot after the folder); transfer full. */
char *ga_atomic_temp_name(const char *path);

#endif
