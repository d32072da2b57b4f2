/* Atomic output: write into a temporary file in the destination's folder,
 * then rename it over the destination (or stage it in the ctx's open output
 * set, renamed at its commit: geoaccess/output.h, through the ctx's staging
 * hook), so that a failure never leaves a partial file behind. */
#ifndef GA_ATOMIC_H
#define GA_ATOMIC_H

#include <stdio.h>
#include "geoaccess.h"

typedef struct ga_atomic ga_atomic;

/* Opens a temporary file beside `path` for writing (refusing at once a
 * `path` that exists and is not a regular file). */
ga_status ga_atomic_open(ga_ctx *ctx, const char *path, ga_atomic **out);
/* The stream to write to (transfer none). */
FILE *ga_atomic_stream(ga_atomic *a);
/* Flushes, closes and renames onto the destination (or stages it); frees
 * `a` in all cases. On failure the temporary file is removed. */
ga_status ga_atomic_commit(ga_ctx *ctx, ga_atomic *a);
/* Closes and removes the temporary file; frees `a`. NULL does nothing. */
void ga_atomic_abort(ga_atomic *a);
/* Writes `len` bytes to `path` the same way (what g_file_set_contents
 * would do, but staged in the open set and with errors naming `path`). */
ga_status ga_atomic_write_file(ga_ctx *ctx, const char *path, const char *data, size_t len);

/* A temporary base name beside `path`: "DIR/~ga-tmp-PID-N-NAME" with the
 * dots of NAME turned into '_' (shapelib strips anything after the last
 * dot, so multi-file outputs append their extensions); transfer full; NULL
 * when memory runs out. */
char *ga_atomic_temp_name(const char *path);

/* Refuses a destination that exists and is not a regular file. */
ga_status ga_atomic_check_dest(ga_ctx *ctx, const char *dest);
/* Moves the complete, closed temporary file `tmp` (registered in
 * core/tmpfiles.h) onto `dest`: handed to the ctx's staging hook (the open
 * output set, write/outset.c) when it takes it, else renamed now. On
 * failure `tmp` is removed and forgotten. */
ga_status ga_atomic_place(ga_ctx *ctx, const char *tmp, const char *dest);

#endif
