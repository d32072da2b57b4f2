/* geoaccess: context, status codes, errors, warnings and progress.
 *
 * Every library function that can fail returns a ga_status and writes its
 * results through out-parameters only on success. The message of the last
 * failure is kept in the ga_ctx: it names the file, the record and the field.
 * The library never prints and never exits; warnings (unmatched join keys, a
 * repaired polygon...) are collected in the context for the caller to show.
 *
 * One ga_ctx per thread: it owns a GEOS context handle and a PROJ context,
 * neither of which may be shared between threads.
 */
#ifndef GEOACCESS_CORE_H
#define GEOACCESS_CORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    GA_OK = 0,
    GA_ERR_NOMEM,      /* allocation failed */
    GA_ERR_IO,         /* missing, unreadable or unwritable file */
    GA_ERR_FORMAT,     /* file is truncated or not of the expected format */
    GA_ERR_FIELD,      /* a named field or column does not exist */
    GA_ERR_VALUE,      /* a value is missing, non-numeric or out of range */
    GA_ERR_CRS,        /* unknown CRS or failed coordinate transformation */
    GA_ERR_GEOMETRY,   /* null, empty or invalid geometry */
    GA_ERR_DUPLICATE,  /* an identifier appears twice */
    GA_ERR_OUTSIDE,    /* a point lies outside every polygon */
    GA_ERR_UNREACHABLE,/* a point is too far from the network / disconnected */
    GA_ERR_ARG,        /* invalid argument from the caller */
    GA_ERR_INTERNAL,   /* a library (GEOS, PROJ...) failed unexpectedly */
    GA_ERR_COUNT       /* sentinel */
} ga_status;

/* A short English description of a status code (static string). */
const char *ga_status_describe(ga_status status);

typedef struct ga_ctx ga_ctx;

/* Progress report: stage name, work done, total work (0 when unknown).
 * Called from the thread owning the context. */
typedef void (*ga_progress_fn)(const char *stage, uint64_t done, uint64_t total,
                               void *user_data);

/* Creates a context (GEOS and PROJ contexts inside). Returns NULL only when
 * memory or one of the libraries cannot be initialised.
 * Caller frees with ga_ctx_free(). */
ga_ctx *ga_ctx_new(void);
void ga_ctx_free(ga_ctx *ctx);

/* The last error message, or "" when there was none (transfer none: valid
 * until the next failing call on this context). */
const char *ga_ctx_last_error(const ga_ctx *ctx);
ga_status ga_ctx_last_status(const ga_ctx *ctx);
void ga_ctx_clear_error(ga_ctx *ctx);

/* Warnings collected since the last clear (transfer none). */
size_t ga_ctx_warning_count(const ga_ctx *ctx);
const char *ga_ctx_warning(const ga_ctx *ctx, size_t i);
void ga_ctx_clear_warnings(ga_ctx *ctx);

void ga_ctx_set_progress(ga_ctx *ctx, ga_progress_fn fn, void *user_data);

/* The working metric CRS used for every geometry (default "EPSG:2154").
 * Returns GA_ERR_CRS when PROJ does not know it or it is not projected. */
ga_status ga_ctx_set_working_crs(ga_ctx *ctx, const char *crs);
const char *ga_ctx_get_working_crs(const ga_ctx *ctx);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header). */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_ctx, ga_ctx_free)
#endif

#endif
