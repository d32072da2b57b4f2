/* Catchments as polygon shapefiles or GeoJSON (write/polygons.c), with
 * their facility, threshold, area and population: see
 * ga_catchments_write_shp in include/geoaccess/catchment.h. */
#include <math.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "measure/catchment.h"
#include "write/polygons.h"

static ga_status write_any(ga_ctx *ctx, const ga_catchments *c, const ga_points *fac,
                           const double *pop_points, const double *pop_area, const char *path,
                           bool geojson) {
    size_t n = ga_catchments_count(c);
    const GEOSGeometry **geom = ga_try_new(const GEOSGeometry *, n ? n : 1);
    const char **ids = ga_try_new(const char *, n ? n : 1), **types = ga_try_new(const char *, n ? n : 1);
    const char **units = ga_try_new(const char *, n ? n : 1);
    double *area = ga_try_new(double, n ? n : 1), *thr = ga_try_new(double, n ? n : 1);
    double *area_in = ga_try_new(double, n ? n : 1);
    bool clipped = n && !isnan(ga_catchments_area_study(c, 0));
    if (!geom || !ids || !types || !units || !area || !thr || !area_in) {
        g_free(area_in);
        g_free(geom);
        g_free(ids);
        g_free(types);
        g_free(units);
        g_free(area);
        g_free(thr);
        return ga_nomem(ctx, "catchment fields");
    }
    for (size_t i = 0; i < n; i++) {
        geom[i] = ga_catchments_geometry(c, i);
        ids[i] = ga_points_id(fac, ga_catchments_facility(c, i));
        types[i] = ga_points_type(fac, ga_catchments_facility(c, i));
        area[i] = ga_catchments_area(c, i) / 1e6;
        area_in[i] = ga_catchments_area_study(c, i) / 1e6;
        /* the threshold in the unit the user gave: minutes, or km (not metres) */
        thr[i] = ga_catchments_threshold_shown(c, i, &units[i]);
    }
    ga_poly_field f[8] = {
        {"facility", ids, NULL, 0},
        {"type", types, NULL, 0},
        {"threshold", NULL, thr, 3},
        {"unit", units, NULL, 0},
        {"area_km2", NULL, area, 4},
    };
    size_t nf = 5;
    if (clipped) f[nf++] = (ga_poly_field){"area_study_km2", NULL, area_in, 4};
    if (pop_points) f[nf++] = (ga_poly_field){"pop_pts", NULL, pop_points, 1};
    if (pop_area) f[nf++] = (ga_poly_field){"pop_area", NULL, pop_area, 1};
    ga_status st = geojson
        ? ga_polygons_write_geojson(ctx, geom, n, f, nf, path)
        : ga_polygons_write_shp(ctx, geom, n, f, nf, path);
    g_free(geom);
    g_free(ids);
    g_free(types);
    g_free(units);
    g_free(area);
    g_free(area_in);
    g_free(thr);
    return st;
}

ga_status ga_catchments_write_shp(ga_ctx *ctx, const ga_catchments *c, const ga_points *facilities,
                                  const double *pop_points, const double *pop_area,
                                  const char *path) {
    return write_any(ctx, c, facilities, pop_points, pop_area, path, false);
}

ga_status ga_catchments_write_geojson(ga_ctx *ctx, const ga_catchments *c,
                                      const ga_points *facilities, const double *pop_points,
                                      const double *pop_area, const char *path) {
    return write_any(ctx, c, facilities, pop_points, pop_area, path, true);
}
