/* Coordinate reference systems: every transformation goes through PROJ. */
#include <string.h>
#include <math.h>
#include "core/alloc.h"
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

/* ---- plausibility of coordinates: the CRS's area of use ---- */

typedef struct {
    double west, south, east, north;
    char *name; /* the area's name (owned), "" when PROJ knows none */
    bool known;
} crs_area;

/* The area of use of a CRS. An ESRI .prj has none: the EPSG CRS that PROJ
 * identifies it with (70% or more) gives it. Unknown: the whole world. */
static void area_of_use(ga_ctx *ctx, PJ *crs, crs_area *a) {
    const char *name = NULL;
    *a = (crs_area){-180, -90, 180, 90, NULL, false};
    if (proj_get_area_of_use(ctx->proj, crs, &a->west, &a->south, &a->east, &a->north, &name) &&
        a->west > -1000) {
        a->known = true;
        a->name = g_strdup(name ? name : "");
        return;
    }
    int *confidence = NULL;
    PJ_OBJ_LIST *list = proj_identify(ctx->proj, crs, "EPSG", NULL, &confidence);
    if (list && proj_list_get_count(list) > 0 && confidence[0] >= 70) {
        PJ *best = proj_list_get(ctx->proj, list, 0);
        const char *code = best ? proj_get_id_code(best, 0) : NULL;
        PJ *db = code ? proj_create_from_database(ctx->proj, "EPSG", code, PJ_CATEGORY_CRS, false, NULL)
                      : NULL;
        if (db && proj_get_area_of_use(ctx->proj, db, &a->west, &a->south, &a->east, &a->north, &name) &&
            a->west > -1000) {
            a->known = true;
            a->name = g_strdup(name ? name : "");
        } else {
            *a = (crs_area){-180, -90, 180, 90, NULL, false};
        }
        if (db) proj_destroy(db);
        if (best) proj_destroy(best);
    }
    proj_int_list_destroy(confidence);
    proj_list_destroy(list);
    if (!a->name) a->name = g_strdup("");
    proj_errno_reset(crs);
}

/* Whether lon/lat lies in the area widened by max(5 degrees, half its size)
 * on each axis: PROJ's areas are where a CRS is meant to be used, and data
 * just across a border (a hospital in the next country) is still right. */
static bool in_area(const crs_area *a, double lon, double lat) {
    if (!isfinite(lon) || !isfinite(lat) || fabs(lon) > 180 || fabs(lat) > 90) return false;
    double width = a->east >= a->west ? a->east - a->west : a->east + 360 - a->west;
    double ty = MAX(5.0, 0.5 * (a->north - a->south)), tx = MAX(5.0, 0.5 * width);
    if (lat < a->south - ty || lat > a->north + ty) return false;
    if (width + 2 * tx >= 360) return true;
    double w = a->west - tx, e = a->east + tx; /* may leave [-180, 180]: wrap */
    for (int k = -1; k <= 1; k++)
        if (lon + 360 * k >= w && lon + 360 * k <= e) return true;
    return false;
}

static char *describe_area(const crs_area *a) {
    if (!a->known) return g_strdup("");
    /* PROJ's names run on ("France - onshore and offshore, mainland and
     * Corsica (France métropolitaine including Corsica)."): the first part */
    g_autofree char *name = g_strdup(a->name);
    name[strcspn(name, "(.;")] = 0;
    g_strstrip(name);
    return g_strdup_printf(", whose area of use is %s (longitude %g to %g, latitude %g to %g)",
                           ga_clip(name), a->west, a->east, a->south, a->north);
}

struct ga_coord_check {
    ga_ctx *ctx;
    char *src;
    PJ *crs, *geodetic, *raw, *op; /* op: CRS to its own longitude/latitude */
    bool projected, geographic, same;
    crs_area area, work;
    char *crs_name, *work_name;
};

void ga_coord_check_free(ga_coord_check *c) {
    if (!c) return;
    g_free(c->area.name);
    g_free(c->work.name);
    g_free(c->crs_name);
    g_free(c->work_name);
    g_free(c->src);
    if (c->op) proj_destroy(c->op);
    if (c->raw) proj_destroy(c->raw);
    if (c->geodetic) proj_destroy(c->geodetic);
    if (c->crs) proj_destroy(c->crs);
    g_free(c);
}

ga_status ga_coord_check_new(ga_ctx *ctx, const char *src, ga_coord_check **out) {
    *out = NULL;
    if (!src) src = ctx->working_crs;
    PJ *crs = proj_create(ctx->proj, src);
    if (!crs) return GA_OK; /* an unknown CRS: the transformation says so */
    if (proj_get_type(crs) == PJ_TYPE_BOUND_CRS) {
        PJ *base = proj_get_source_crs(ctx->proj, crs);
        if (base) {
            proj_destroy(crs);
            crs = base;
        }
    }
    ga_coord_check *c = ga_try_new0(ga_coord_check, 1);
    if (!c) {
        proj_destroy(crs);
        return ga_nomem(ctx, "coordinate check");
    }
    c->ctx = ctx;
    c->crs = crs;
    if (!(c->src = ga_try_strdup(src))) {
        ga_coord_check_free(c);
        return ga_nomem(ctx, "coordinate check");
    }
    PJ_TYPE type = proj_get_type(crs);
    c->projected = type == PJ_TYPE_PROJECTED_CRS;
    c->geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
    if (c->projected || c->geographic) c->geodetic = proj_crs_get_geodetic_crs(ctx->proj, crs);
    if (c->geodetic) c->raw = proj_create_crs_to_crs_from_pj(ctx->proj, crs, c->geodetic, NULL, NULL);
    if (c->raw) c->op = proj_normalize_for_visualization(ctx->proj, c->raw);
    if (!c->op) { /* not a CRS we can reason about (an engineering CRS...): no check */
        ga_coord_check_free(c);
        return GA_OK;
    }
    area_of_use(ctx, crs, &c->area);
    c->same = strcmp(src, ctx->working_crs) == 0;
    if (!c->same) {
        PJ *w = proj_create(ctx->proj, ctx->working_crs);
        if (w) {
            area_of_use(ctx, w, &c->work);
            proj_destroy(w);
        } else {
            c->same = true;
        }
    }
    c->crs_name = ga_crs_describe(ctx, src);
    if (!c->crs_name) c->crs_name = g_strdup(ga_clip(src));
    c->work_name = ga_crs_describe(ctx, ctx->working_crs);
    if (!c->work_name) c->work_name = g_strdup(ctx->working_crs);
    *out = c;
    return GA_OK;
}

ga_coords_look ga_coord_check_run(ga_coord_check *c, const double *x, const double *y, size_t n,
                                  size_t *bad, char **why) {
    if (!c || n == 0) return GA_COORDS_OK;
    ga_coords_look look = GA_COORDS_OK;
    /* A projected CRS whose every point is within 180 x 90 metres of its
     * origin: degrees read as metres (Montpellier is 3.88, 43.61). */
    if (c->projected) {
        bool all_small = true;
        for (size_t i = 0; i < n && all_small; i++)
            all_small = fabs(x[i]) <= 180 && fabs(y[i]) <= 90;
        if (all_small) {
            *bad = 0;
            *why = g_strdup_printf("(%.10g, %.10g) looks like longitude/latitude in degrees, not "
                                   "%s coordinates in metres", x[0], y[0], c->crs_name);
            return GA_COORDS_DEGREES;
        }
    }
    for (size_t i = 0; i < n && look == GA_COORDS_OK; i++) {
        double lon = x[i], lat = y[i];
        bool not_degrees = c->geographic && !(fabs(x[i]) <= 180 && fabs(y[i]) <= 90);
        proj_errno_reset(c->op);
        if (isfinite(lon) && isfinite(lat))
            proj_trans_generic(c->op, PJ_FWD, &lon, sizeof lon, 1, &lat, sizeof lat, 1, NULL, 0, 0,
                               NULL, 0, 0);
        if (not_degrees || !in_area(&c->area, lon, lat)) {
            g_autofree char *where = describe_area(&c->area);
            *bad = i;
            if (not_degrees) {
                look = GA_COORDS_METRES;
                *why = g_strdup_printf("(%.10g, %.10g) is not a longitude/latitude in degrees (%s): "
                                       "these look like projected coordinates in metres",
                                       x[i], y[i], c->crs_name);
            } else {
                look = c->projected && fabs(x[i]) <= 180 && fabs(y[i]) <= 90 ? GA_COORDS_DEGREES
                                                                              : GA_COORDS_ELSEWHERE;
                *why = g_strdup_printf("(%.10g, %.10g) lies outside %s%s%s", x[i], y[i], c->crs_name,
                                       where,
                                       look == GA_COORDS_DEGREES
                                           ? ": it looks like longitude/latitude in degrees"
                                           : " (coordinates in another CRS?)");
            }
        } else if (!c->same && c->work.known && !in_area(&c->work, lon, lat)) {
            g_autofree char *where = describe_area(&c->work);
            *bad = i;
            look = GA_COORDS_ELSEWHERE;
            *why = g_strdup_printf("(%.10g, %.10g), at longitude %.6g latitude %.6g, lies outside the "
                                   "working CRS %s%s: distances there would be wrong (a typo in the "
                                   "coordinates? for places elsewhere, a road graph built in a CRS "
                                   "of theirs, geoaccess graph --crs auto, sets the working CRS)",
                                   x[i], y[i], lon, lat, c->work_name, where);
        }
    }
    return look;
}

ga_coords_look ga_crs_check_coords(ga_ctx *ctx, const char *src, const double *x, const double *y,
                                   size_t n, size_t *bad, char **why) {
    if (n == 0) return GA_COORDS_OK;
    ga_coord_check *c = NULL;
    if (ga_coord_check_new(ctx, src, &c)) return GA_COORDS_NOMEM;
    ga_coords_look look = ga_coord_check_run(c, x, y, n, bad, why);
    ga_coord_check_free(c);
    return look;
}
