/* Coordinate reference systems: every transformation goes through PROJ. */
#include <string.h>
#include <math.h>
#include "load/load.h"

ga_status ga_crs_to_working(ga_ctx *ctx, const char *src, const char *what, PJ **out) {
    PJ *s = proj_create(ctx->proj, src);
    if (!s)
        return ga_fail(ctx, GA_ERR_CRS, "%s: unknown CRS '%.80s%s': %s", what, src,
                       strlen(src) > 80 ? "..." : "", ga_proj_message(ctx));
    PJ_TYPE type = proj_get_type(s);
    proj_destroy(s);
    if (type == PJ_TYPE_UNKNOWN || type == PJ_TYPE_ELLIPSOID || type == PJ_TYPE_PRIME_MERIDIAN)
        return ga_fail(ctx, GA_ERR_CRS, "%s: '%.80s' is not a coordinate reference system", what,
                       src);
    PJ *raw = proj_create_crs_to_crs(ctx->proj, src, ctx->working_crs, NULL);
    if (!raw)
        return ga_fail(ctx, GA_ERR_CRS, "%s: no transformation from '%.80s' to %s: %s", what, src,
                       ctx->working_crs, ga_proj_message(ctx));
    PJ *norm = proj_normalize_for_visualization(ctx->proj, raw);
    proj_destroy(raw);
    if (!norm)
        return ga_fail(ctx, GA_ERR_CRS, "%s: cannot normalise the axis order of '%.80s': %s",
                       what, src, ga_proj_message(ctx));
    *out = norm;
    return GA_OK;
}

ga_status ga_transform_to_working(ga_ctx *ctx, const char *src, double *x, double *y, size_t n) {
    PJ *pj = NULL;
    ga_status st = ga_crs_to_working(ctx, src, "transformation", &pj);
    if (st) return st;
    proj_errno_reset(pj);
    proj_trans_generic(pj, PJ_FWD, x, sizeof *x, n, y, sizeof *y, n, NULL, 0, 0, NULL, 0, 0);
    for (size_t i = 0; i < n; i++)
        if (x[i] == HUGE_VAL || y[i] == HUGE_VAL || !isfinite(x[i]) || !isfinite(y[i])) {
            proj_destroy(pj);
            return ga_fail(ctx, GA_ERR_CRS, "record %zu: coordinates cannot be transformed from %s to %s",
                           i + 1, src, ctx->working_crs);
        }
    proj_destroy(pj);
    return GA_OK;
}

char *ga_crs_describe(ga_ctx *ctx, const char *def) {
    PJ *pj = proj_create(ctx->proj, def);
    if (!pj) return NULL;
    const char *name = proj_get_name(pj);
    const char *auth = proj_get_id_auth_name(pj, 0), *code = proj_get_id_code(pj, 0);
    char *out = NULL;
    if (auth && code) {
        out = g_strdup_printf("%s (%s:%s)", name ? name : "?", auth, code);
    } else {
        /* ESRI WKT from a .prj has no id: ask PROJ for the best match. */
        int *confidence = NULL;
        PJ_OBJ_LIST *list = proj_identify(ctx->proj, pj, "EPSG", NULL, &confidence);
        if (list && proj_list_get_count(list) > 0 && confidence[0] >= 70) {
            PJ *best = proj_list_get(ctx->proj, list, 0);
            out = g_strdup_printf("%s (EPSG:%s, %d%% match)", name ? name : "?",
                                  proj_get_id_code(best, 0), confidence[0]);
            proj_destroy(best);
        } else {
            out = g_strdup(name ? name : "unnamed CRS");
        }
        proj_int_list_destroy(confidence);
        proj_list_destroy(list);
    }
    proj_destroy(pj);
    return out;
}
