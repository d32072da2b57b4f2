/* Context: GEOS and PROJ handles, last error, warnings, progress. */
#include <stdarg.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"

static const char *const status_text[GA_ERR_COUNT] = {
    [GA_OK] = "success",
    [GA_ERR_NOMEM] = "out of memory",
    [GA_ERR_IO] = "input/output error",
    [GA_ERR_FORMAT] = "bad file format",
    [GA_ERR_FIELD] = "no such field",
    [GA_ERR_VALUE] = "bad value",
    [GA_ERR_CRS] = "coordinate reference system error",
    [GA_ERR_GEOMETRY] = "bad geometry",
    [GA_ERR_DUPLICATE] = "duplicate identifier",
    [GA_ERR_OUTSIDE] = "point outside every polygon",
    [GA_ERR_UNREACHABLE] = "point not connected to the network",
    [GA_ERR_ARG] = "invalid argument",
    [GA_ERR_INTERNAL] = "internal error",
};

const char *ga_status_describe(ga_status status) {
    if ((int)status < 0 || status >= GA_ERR_COUNT) return "unknown status";
    return status_text[status];
}

static void geos_handler(const char *message, void *user_data) {
    ga_ctx *ctx = user_data;
    g_strlcpy(ctx->geos_message, message, sizeof ctx->geos_message);
}

ga_ctx *ga_ctx_new(void) {
    ga_ctx *ctx = ga_try_new0(ga_ctx, 1);
    if (!ctx) return NULL;
    ctx->geos = GEOS_init_r();
    ctx->proj = proj_context_create();
    if (!ctx->geos || !ctx->proj) {
        ga_ctx_free(ctx);
        return NULL;
    }
    GEOSContext_setErrorMessageHandler_r(ctx->geos, geos_handler, ctx);
    GEOSContext_setNoticeMessageHandler_r(ctx->geos, NULL, NULL);
    /* PROJ logs errors to stderr by default: the library must stay quiet,
     * errors are read back with proj_context_errno. */
    proj_log_level(ctx->proj, PJ_LOG_NONE);
    ctx->warnings = g_ptr_array_new_with_free_func(g_free);
    ctx->message = ga_try_strdup("");
    ctx->working_crs = ga_try_strdup("EPSG:2154");
    if (!ctx->message || !ctx->working_crs) {
        ga_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

void ga_ctx_free(ga_ctx *ctx) {
    if (!ctx) return;
    if (ctx->geos) GEOS_finish_r(ctx->geos);
    if (ctx->proj) proj_context_destroy(ctx->proj);
    if (ctx->warnings) g_ptr_array_free(ctx->warnings, TRUE);
    g_free(ctx->message);
    g_free(ctx->working_crs);
    g_free(ctx);
}

const char *ga_ctx_last_error(const ga_ctx *ctx) { return ctx->message; }
ga_status ga_ctx_last_status(const ga_ctx *ctx) { return ctx->status; }

void ga_ctx_clear_error(ga_ctx *ctx) {
    ctx->status = GA_OK;
    g_free(ctx->message);
    ctx->message = g_strdup("");
}

size_t ga_ctx_warning_count(const ga_ctx *ctx) { return ctx->warnings->len; }
const char *ga_ctx_warning(const ga_ctx *ctx, size_t i) {
    return i < ctx->warnings->len ? g_ptr_array_index(ctx->warnings, i) : NULL;
}
void ga_ctx_clear_warnings(ga_ctx *ctx) { g_ptr_array_set_size(ctx->warnings, 0); }

void ga_ctx_set_progress(ga_ctx *ctx, ga_progress_fn fn, void *user_data) {
    ctx->progress = fn;
    ctx->progress_data = user_data;
}

void ga_progress(ga_ctx *ctx, const char *stage, uint64_t done, uint64_t total) {
    if (ctx->progress) ctx->progress(stage, done, total, ctx->progress_data);
}

ga_status ga_fail(ga_ctx *ctx, ga_status status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_free(ctx->message);
    ctx->message = msg;
    ctx->status = status;
    return status;
}

void ga_warn(ga_ctx *ctx, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    /* a warning already pending is not recorded again: the same points left
     * out of every table of a command are one fact, said once */
    for (guint i = 0; i < ctx->warnings->len; i++)
        if (!strcmp(g_ptr_array_index(ctx->warnings, i), msg)) {
            g_free(msg);
            return;
        }
    g_ptr_array_add(ctx->warnings, msg);
}

const char *ga_geos_message(const ga_ctx *ctx) { return ctx->geos_message; }

const char *ga_proj_message(ga_ctx *ctx) {
    int err = proj_context_errno(ctx->proj);
    const char *s = err ? proj_context_errno_string(ctx->proj, err) : NULL;
    return s ? s : "unknown PROJ error";
}

ga_status ga_ctx_set_working_crs(ga_ctx *ctx, const char *crs) {
    if (!crs || !*crs) return ga_fail(ctx, GA_ERR_ARG, "empty working CRS");
    PJ *pj = proj_create(ctx->proj, crs);
    if (!pj)
        return ga_fail(ctx, GA_ERR_CRS, "unknown CRS '%s': %s", crs,
                       ga_proj_message(ctx));
    PJ_TYPE type = proj_get_type(pj);
    proj_destroy(pj);
    if (type != PJ_TYPE_PROJECTED_CRS)
        return ga_fail(ctx, GA_ERR_CRS,
                       "working CRS '%s' is not a projected (metric) CRS", crs);
    char *copy = ga_try_strdup(crs);
    if (!copy) return ga_nomem(ctx, "working CRS");
    g_free(ctx->working_crs);
    ctx->working_crs = copy;
    return GA_OK;
}

const char *ga_ctx_get_working_crs(const ga_ctx *ctx) { return ctx->working_crs; }
