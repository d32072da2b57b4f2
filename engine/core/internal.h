/* Private to the engine: the context's innards and error helpers. */
#ifndef GA_INTERNAL_H
#define GA_INTERNAL_H

#include <glib.h>
#include <geos_c.h>
#include <proj.h>
#include "geoaccess.h"

struct ga_ctx {
    GEOSContextHandle_t geos;
    PJ_CONTEXT *proj;
    ga_status status;
    char *message;            /* last error (owned) */
    char geos_message[512];   /* last message from GEOS's handler */
    GPtrArray *warnings;      /* of char*, owned */
    ga_progress_fn progress;
    void *progress_data;
    char *working_crs;
    struct ga_outset *outset; /* the open output set (write/outset.c), or NULL */
    /* the open set's staging (core/atomic.h: ga_atomic_place): true when it
     * took the complete temporary file `tmp` for `dest`, its status in *st;
     * NULL without a set. A hook, so that core never calls write/. */
    bool (*stage)(ga_ctx *ctx, const char *tmp, const char *dest, ga_status *st);
};

/* Records an error and returns `status`: `return ga_fail(ctx, GA_ERR_IO,
 * "%s: cannot open: %s", path, strerror(errno));` */
ga_status ga_fail(ga_ctx *ctx, ga_status status, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
/* Adds a warning. */
void ga_warn(ga_ctx *ctx, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Calls the progress callback if any. */
void ga_progress(ga_ctx *ctx, const char *stage, uint64_t done, uint64_t total);

/* The last message GEOS gave to this context ("" if none). */
const char *ga_geos_message(const ga_ctx *ctx);
/* The PROJ error of this context as text. */
const char *ga_proj_message(ga_ctx *ctx);

/* A value quoted in a message, cut when long so that a 10 MB cell does not
 * make a 10 MB message: the value itself when it has at most 60 characters,
 * else its first 60 characters then "…(N bytes)" in a thread-local buffer
 * (eight used in turn, so one message may quote up to eight values). Every
 * message that quotes a value from an input goes through it:
 *   ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: id '%s' ...", path, line, ga_clip(id)); */
const char *ga_clip(const char *s);

/* The largest plausible amount (population, demand, capacity, supply,
 * equipment count): 1e12, more than a hundred times the world's population.
 * Larger values are refused: their sums overflow into inf and NaN. */
#define GA_MAX_AMOUNT 1e12
/* The largest plausible travel cost in a matrix: 1e9 (minutes: 1,900
 * years; metres: 25 times round the Earth). */
#define GA_MAX_COST 1e9

#endif
