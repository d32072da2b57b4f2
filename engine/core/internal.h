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

#endif
