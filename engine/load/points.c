/* Point layers: facilities, origins and destinations, from CSV, point
 * shapefiles or communes' representative points. */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "layer/points.h"
#include "layer/table.h"
#include "load/load.h"

/* Rejects a layer whose ids repeat. */
static ga_status check_unique_ids(ga_ctx *ctx, const ga_points *p, const char *path) {
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < ga_points_count(p); i++) {
        const char *id = ga_points_id(p, i);
        gpointer prev = g_hash_table_lookup(seen, id);
        if (prev)
            return ga_fail(ctx, GA_ERR_DUPLICATE, "%s: record %zu: id '%s' already used by record %zu",
                           path, i + 1, ga_clip(id), GPOINTER_TO_SIZE(prev));
        g_hash_table_insert(seen, (gpointer)id, GSIZE_TO_POINTER(i + 1));
    }
    return GA_OK;
}

static const char *const id_names[] = {"id", "identifier", "code", "insee", "insee_code", "finess_et", NULL};
static const char *const x_names[] = {"x", "x_l93", "easting", "X", NULL};
static const char *const y_names[] = {"y", "y_l93", "northing", "Y", NULL};
static const char *const lon_names[] = {"lon", "lng", "longitude", "long", NULL};
static const char *const lat_names[] = {"lat", "latitude", NULL};

ga_status ga_points_read_csv(ga_ctx *ctx, const char *path,
                             const ga_points_options *opts, ga_points **out) {
    ga_points_options o = opts ? *opts : (ga_points_options){0};
    ga_table *t = NULL;
    ga_status st = ga_table_read(ctx, path, &t);
    if (st) return st;
    ga_points *p = NULL;
    size_t id_col = 0, xc, yc, type_col = 0, cap_col = 0;
    bool geographic = false;
    double *xs = NULL, *ys = NULL;
    const char *crs = o.crs;

    if (o.id_col) {
        if ((st = ga_table_require(ctx, t, o.id_col, "point id", &id_col))) goto done;
    } else {
        int c = ga_table_find_any(t, id_names);
        id_col = c >= 0 ? (size_t)c : 0;
    }
    if (o.lon_col || o.lat_col) {
        if ((st = ga_table_require(ctx, t, o.lon_col ? o.lon_col : "lon", "longitude", &xc)) ||
            (st = ga_table_require(ctx, t, o.lat_col ? o.lat_col : "lat", "latitude", &yc)))
            goto done;
        geographic = true;
    } else if (o.x_col || o.y_col) {
        if ((st = ga_table_require(ctx, t, o.x_col ? o.x_col : "x", "x coordinate", &xc)) ||
            (st = ga_table_require(ctx, t, o.y_col ? o.y_col : "y", "y coordinate", &yc)))
            goto done;
    } else {
        int cx = ga_table_find_any(t, x_names), cy = ga_table_find_any(t, y_names);
        int clon = ga_table_find_any(t, lon_names), clat = ga_table_find_any(t, lat_names);
        if (cx >= 0 && cy >= 0) {
            xc = (size_t)cx;
            yc = (size_t)cy;
        } else if (clon >= 0 && clat >= 0) {
            xc = (size_t)clon;
            yc = (size_t)clat;
            geographic = true;
        } else if (cx >= 0 || cy >= 0 || clon >= 0 || clat >= 0) {
            /* one coordinate column without its pair */
            int have = cx >= 0 ? cx : cy >= 0 ? cy : clon >= 0 ? clon : clat;
            const char *pair = cx >= 0 ? "y" : cy >= 0 ? "x" : clon >= 0 ? "lat" : "lon";
            g_autofree char *what = g_strdup_printf("to go with column '%s'",
                                                    ga_clip(ga_table_header(t, (size_t)have)));
            size_t dummy;
            /* fails: no name of the pair's list is in the header */
            st = ga_table_require(ctx, t, pair, what, &dummy);
            if (st == GA_OK) st = ga_fail(ctx, GA_ERR_INTERNAL, "%s: coordinate columns", path);
            goto done;
        } else {
            size_t dummy;
            st = ga_table_require(ctx, t, "x", "x,y or lon,lat coordinates", &dummy);
            if (st == GA_OK) st = ga_fail(ctx, GA_ERR_INTERNAL, "%s: no coordinate columns", path);
            goto done;
        }
    }
    if (geographic) crs = "EPSG:4326";
    if (o.type_col && (st = ga_table_require(ctx, t, o.type_col, "facility type", &type_col)))
        goto done;
    if (o.capacity_col && (st = ga_table_require(ctx, t, o.capacity_col, "capacity", &cap_col)))
        goto done;

    if ((st = ga_table_require_rows(ctx, t, "points"))) goto done;
    size_t n = ga_table_rows(t);
    /* ids first: a repeated id is the clearer message */
    {
        g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
        for (size_t r = 0; r < n; r++) {
            const char *id = ga_table_cell(t, r, id_col);
            if (!*id) {
                st = ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: column '%s': empty id", path,
                             ga_table_line(t, r), ga_clip(ga_table_header(t, id_col)));
                goto done;
            }
            gpointer prev = g_hash_table_lookup(seen, id);
            if (prev) {
                st = ga_fail(ctx, GA_ERR_DUPLICATE,
                             "%s: line %zu: record %zu: id '%s' already used by record %zu (line %zu)",
                             path, ga_table_line(t, r), r + 1, ga_clip(id), GPOINTER_TO_SIZE(prev),
                             ga_table_line(t, GPOINTER_TO_SIZE(prev) - 1));
                goto done;
            }
            g_hash_table_insert(seen, (gpointer)id, GSIZE_TO_POINTER(r + 1));
        }
    }
    xs = ga_try_new(double, n);
    ys = ga_try_new(double, n);
    if (!xs || !ys) {
        st = ga_nomem(ctx, "points");
        goto done;
    }
    for (size_t r = 0; r < n; r++) {
        if ((st = ga_table_get_double(ctx, t, r, xc, &xs[r])) ||
            (st = ga_table_get_double(ctx, t, r, yc, &ys[r])))
            goto done;
        if (geographic && (fabs(xs[r]) > 180 || fabs(ys[r]) > 90)) {
            st = ga_fail(ctx, GA_ERR_VALUE,
                         "%s: line %zu: longitude %g / latitude %g out of range (are the columns "
                         "projected coordinates? give --crs and x,y)",
                         path, ga_table_line(t, r), xs[r], ys[r]);
            goto done;
        }
    }
    {
        /* coordinates that cannot be right for their CRS (degrees read as
         * Lambert-93 metres put Montpellier in the Atlantic) */
        size_t bad = 0;
        g_autofree char *why = NULL;
        ga_coords_look look = ga_crs_check_coords(ctx, crs, xs, ys, n, &bad, &why);
        if (look == GA_COORDS_NOMEM) {
            st = GA_ERR_NOMEM; /* recorded */
            goto done;
        }
        if (look != GA_COORDS_OK) {
            const char *advice =
                look == GA_COORDS_DEGREES  ? "name the columns lon,lat or pass --crs EPSG:4326"
                : look == GA_COORDS_METRES ? "name the columns x,y and pass --crs with their CRS "
                                             "(EPSG:2154 for Lambert-93)"
                                           : "check the coordinates and their CRS (--crs)";
            st = ga_fail(ctx, GA_ERR_CRS, "%s: line %zu: columns '%s','%s': %s: %s", path,
                         ga_table_line(t, bad), ga_clip(ga_table_header(t, xc)),
                         ga_clip(ga_table_header(t, yc)), why, advice);
            goto done;
        }
    }
    if (crs && (st = ga_transform_to_working(ctx, crs, xs, ys, n))) {
        g_autofree char *m = g_strdup(ga_ctx_last_error(ctx));
        st = ga_fail(ctx, st, "%s: %s", path, m);
        goto done;
    }
    p = ga_points_new();
    for (size_t r = 0; r < n; r++) {
        double cap = 1.0;
        if (o.capacity_col && (st = ga_table_get_amount(ctx, t, r, cap_col, "capacity", &cap)))
            goto done;
        const char *id = ga_table_cell(t, r, id_col);
        ga_points_add(p, id, xs[r], ys[r], o.type_col ? ga_table_cell(t, r, type_col) : NULL, cap);
    }
    st = check_unique_ids(ctx, p, path);
done:
    g_free(xs);
    g_free(ys);
    ga_table_free(t);
    if (st) {
        ga_points_free(p);
        return st;
    }
    *out = p;
    return GA_OK;
}

ga_status ga_points_from_communes(ga_ctx *ctx, const ga_communes *c, ga_points **out) {
    (void)ctx;
    ga_points *p = ga_points_new();
    for (size_t i = 0; i < ga_communes_count(c); i++) {
        double x, y;
        ga_communes_point(c, i, &x, &y);
        double pop = ga_communes_population(c, i);
        ga_points_add(p, ga_communes_id(c, i), x, y, "commune", isnan(pop) ? 0 : pop);
        ga_points_set_commune(p, i, (long)i);
    }
    *out = p;
    return GA_OK;
}

static const char *const shp_id_fields[] = {"id", "osm_id", "finess_et", "code", "insee", NULL};

ga_status ga_points_read_shp(ga_ctx *ctx, const char *shp_path, const ga_points_options *opts,
                             ga_points **out) {
    ga_points_options o = opts ? *opts : (ga_points_options){0};
    ga_shapefile s;
    ga_status st = ga_shapefile_open(ctx, shp_path, &s);
    if (st) return st;
    ga_points *p = NULL;
    PJ *pj = NULL;
    ga_coord_check *check = NULL;
    const char *crs = NULL;
    int f_id = -1, f_type = -1, f_cap = -1;
    if (s.shape_type != SHPT_POINT && s.shape_type != SHPT_POINTZ && s.shape_type != SHPT_POINTM) {
        st = ga_fail(ctx, GA_ERR_GEOMETRY, "%s: a %s shapefile where points are expected", s.path,
                     SHPTypeName(s.shape_type));
        goto done;
    }
    f_id = o.id_col ? ga_shapefile_field(&s, o.id_col) : ga_shapefile_field_any(&s, shp_id_fields);
    if (o.type_col) f_type = ga_shapefile_field(&s, o.type_col);
    if (o.capacity_col) f_cap = ga_shapefile_field(&s, o.capacity_col);
    const char *missing = (o.id_col && f_id < 0) ? o.id_col : (o.type_col && f_type < 0) ? o.type_col
                        : (o.capacity_col && f_cap < 0) ? o.capacity_col : NULL;
    if (missing) {
        g_autofree char *list = ga_shapefile_field_list(&s);
        st = ga_fail(ctx, GA_ERR_FIELD, "%s: no field '%s'; fields are: %s", s.path, ga_clip(missing), list);
        goto done;
    }
    if (s.n_records == 0) {
        st = ga_fail(ctx, GA_ERR_VALUE, "%s: no records (an empty points layer)", s.path);
        goto done;
    }
    if ((st = ga_shapefile_crs(ctx, &s, o.crs, &crs))) goto done;
    if ((st = ga_crs_to_working(ctx, crs, s.path, &pj))) goto done;
    if ((st = ga_coord_check_new(ctx, crs, &check))) goto done;
    p = ga_points_new();
    for (int rec = 0; rec < s.n_records; rec++) {
        SHPObject *obj = SHPReadObject(s.shp, rec);
        if (!obj) {
            st = ga_fail(ctx, GA_ERR_FORMAT, "%s: record %d: cannot read the geometry (truncated .shp?)",
                         s.path, rec + 1);
            goto done;
        }
        if (obj->nSHPType == SHPT_NULL || obj->nVertices < 1) {
            SHPDestroyObject(obj);
            st = ga_fail(ctx, GA_ERR_GEOMETRY, "%s: record %d: null or empty geometry", s.path, rec + 1);
            goto done;
        }
        double x = obj->padfX[0], y = obj->padfY[0];
        SHPDestroyObject(obj);
        size_t bad;
        g_autofree char *why = NULL;
        ga_coords_look look = ga_coord_check_run(check, &x, &y, 1, &bad, &why);
        if (look != GA_COORDS_OK) {
            st = ga_fail(ctx, GA_ERR_CRS, "%s: record %d: %s: %s", s.path, rec + 1, why,
                         look == GA_COORDS_DEGREES  ? "the .prj should be one for longitude/latitude (EPSG:4326)"
                         : look == GA_COORDS_METRES ? "the .prj should be the projected CRS of the "
                                                      "coordinates (EPSG:2154 for Lambert-93)"
                                                    : "the .prj does not match the coordinates");
            goto done;
        }
        proj_trans_generic(pj, PJ_FWD, &x, sizeof x, 1, &y, sizeof y, 1, NULL, 0, 0, NULL, 0, 0);
        if (!isfinite(x) || !isfinite(y) || x == HUGE_VAL) {
            st = ga_fail(ctx, GA_ERR_CRS, "%s: record %d: point cannot be transformed to %s", s.path,
                         rec + 1, ctx->working_crs);
            goto done;
        }
        g_autofree char *id = f_id >= 0 ? ga_shapefile_text(&s, rec, f_id) : ga_try_strdup_printf("%d", rec + 1);
        g_autofree char *type = f_type >= 0 ? ga_shapefile_text(&s, rec, f_type) : NULL;
        if (!id || (f_type >= 0 && !type)) {
            st = ga_nomem(ctx, "points");
            goto done;
        }
        double cap = 1.0;
        if (f_cap >= 0) {
            g_autofree char *txt = ga_shapefile_text(&s, rec, f_cap);
            if (!txt) {
                st = ga_nomem(ctx, "points");
                goto done;
            }
            if (!ga_parse_decimal(txt, strlen(txt), false, &cap) || cap < 0 || cap > GA_MAX_AMOUNT) {
                st = ga_fail(ctx, GA_ERR_VALUE, "%s: record %d: field '%s': capacity '%s' is not a "
                             "number from 0 to 1e12", s.path, rec + 1, o.capacity_col, ga_clip(txt));
                goto done;
            }
        }
        if (!*id) {
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: record %d: empty id", s.path, rec + 1);
            goto done;
        }
        ga_points_add(p, id, x, y, type, cap);
    }
    st = check_unique_ids(ctx, p, s.path);
done:
    ga_coord_check_free(check);
    if (pj) proj_destroy(pj);
    ga_shapefile_close(&s);
    if (st) {
        ga_points_free(p);
        return st;
    }
    *out = p;
    return GA_OK;
}
