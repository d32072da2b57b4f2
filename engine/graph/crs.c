/* CRS helpers of the graph readers: every transformation goes through PROJ. */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "graph/crs.h"

ga_status ga_graph_check_metric_crs(ga_ctx *ctx, const char *crs) {
    if (!crs || !*crs) return ga_fail(ctx, GA_ERR_ARG, "empty graph CRS");
    PJ *pj = proj_create(ctx->proj, crs);
    if (!pj) return ga_fail(ctx, GA_ERR_CRS, "unknown CRS '%s': %s", crs, ga_proj_message(ctx));
    PJ_TYPE t = proj_get_type(pj);
    proj_destroy(pj);
    if (t != PJ_TYPE_PROJECTED_CRS)
        return ga_fail(ctx, GA_ERR_CRS, "graph CRS '%s' is not a projected (metric) CRS", crs);
    return GA_OK;
}

ga_status ga_graph_transform(ga_ctx *ctx, const char *src, const char *dst, double *x,
                             double *y, size_t n, const char *what) {
    PJ *raw = proj_create_crs_to_crs(ctx->proj, src, dst, NULL);
    if (!raw)
        return ga_fail(ctx, GA_ERR_CRS, "%s: no transformation from '%.80s' to '%s': %s", what,
                       src, dst, ga_proj_message(ctx));
    PJ *pj = proj_normalize_for_visualization(ctx->proj, raw);
    proj_destroy(raw);
    if (!pj)
        return ga_fail(ctx, GA_ERR_CRS, "%s: cannot normalise the axis order of '%.80s': %s",
                       what, src, ga_proj_message(ctx));
    proj_trans_generic(pj, PJ_FWD, x, sizeof *x, n, y, sizeof *y, n, NULL, 0, 0, NULL, 0, 0);
    proj_destroy(pj);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]) || !isfinite(y[i]) || x[i] == HUGE_VAL)
            return ga_fail(ctx, GA_ERR_CRS,
                           "%s: a vertex cannot be transformed from '%.80s' to '%s'", what,
                           src, dst);
    return GA_OK;
}

/* Coarse outline of mainland France (lon, lat), clockwise from the Belgian
 * coast, drawn with margins at sea and following the land borders to about
 * 20 km, with Andorra and Monaco outside. */
static const double france[][2] = {
    {2.55, 51.10}, {2.62, 50.82}, {3.15, 50.78}, {3.70, 50.32}, {4.15, 50.00},
    {4.85, 50.15}, {4.95, 49.80}, {5.80, 49.55}, {6.37, 49.47}, {6.70, 49.17},
    {7.40, 49.17}, {8.20, 48.97}, {7.80, 48.50}, {7.55, 47.60}, {6.90, 47.40},
    {6.10, 46.60}, {5.97, 46.20}, {6.30, 46.37}, {6.80, 46.40}, {7.04, 45.92},
    {6.80, 45.70}, {7.10, 45.25}, {6.63, 45.10}, {7.00, 44.25}, {7.70, 44.10},
    {7.50, 43.79}, {7.46, 43.76}, {7.40, 43.745}, {7.39, 43.72}, {7.20, 43.20}, {3.50, 42.70},
    {3.20, 42.40}, {2.00, 42.35}, {1.79, 42.57}, {1.44, 42.60}, {0.70, 42.85},
    {-0.75, 42.95}, {-1.78, 43.30}, {-2.00, 43.50}, {-1.60, 46.00}, {-2.80, 47.00},
    {-5.20, 48.00}, {-5.20, 48.70}, {-3.00, 49.00}, {-2.00, 48.70}, {-2.10, 49.80},
    {0.00, 49.60}, {1.40, 50.40}, {1.50, 51.10},
};

static bool in_polygon(const double (*p)[2], size_t n, double x, double y) {
    bool in = false;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        if ((p[i][1] > y) != (p[j][1] > y) &&
            x < (p[j][0] - p[i][0]) * (y - p[i][1]) / (p[j][1] - p[i][1]) + p[i][0])
            in = !in;
    return in;
}

bool ga_in_metropolitan_france(double lon, double lat) {
    if (lon >= 8.50 && lon <= 9.60 && lat >= 41.30 && lat <= 43.05) return true; /* Corsica */
    return in_polygon(france, G_N_ELEMENTS(france), lon, lat);
}

char *ga_auto_crs(double lon, double lat) {
    if (ga_in_metropolitan_france(lon, lat)) return ga_try_strdup("EPSG:2154");
    int zone = (int)floor((lon + 180.0) / 6.0) + 1;
    if (zone < 1) zone = 1;
    if (zone > 60) zone = 60;
    return ga_try_strdup_printf("EPSG:%d", (lat >= 0 ? 32600 : 32700) + zone);
}
