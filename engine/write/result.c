/* Result tables: CSV and shapefiles (shapelib), written atomically. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <shapefil.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "layer/communes.h"
#include "layer/result.h"
#include "core/atomic.h"
#include "write/csv_out.h"
#include "write/polygons.h"
#include "write/shp.h"
#include "geoaccess/result.h"

/* The error of a table that lost a column to an allocation failure. */
static ga_status check_result(ga_ctx *ctx, const ga_result *r) {
    return r->nomem ? ga_nomem(ctx, "result table") : GA_OK;
}

bool ga_result_write_csv_stream(const ga_result *r, FILE *f) {
    if (r->nomem) return false;
    ga_csv_writer w = ga_csv_to_stream(f);
    for (guint j = 0; j < r->cols->len; j++) ga_csv_text(&w, ((column *)r->cols->pdata[j])->name);
    ga_csv_end_row(&w);
    for (size_t i = 0; i < r->n_rows; i++) {
        for (guint j = 0; j < r->cols->len; j++) {
            const column *c = r->cols->pdata[j];
            if (c->numeric) ga_csv_number(&w, c->num[i], c->decimals);
            else ga_csv_text(&w, c->text[i]);
        }
        ga_csv_end_row(&w);
    }
    return !ferror(f);
}

ga_status ga_result_write_csv(ga_ctx *ctx, const ga_result *r, const char *path) {
    ga_atomic *a = NULL;
    ga_status st = check_result(ctx, r);
    if (!st) st = ga_atomic_open(ctx, path, &a);
    if (st) return st;
    ga_result_write_csv_stream(r, ga_atomic_stream(a));
    return ga_atomic_commit(ctx, a); /* checks the stream's errors */
}

/* ---- shapefiles ---- */

/* DBF fields for the columns, under short unique names (ga_shp_out_fields). */
static ga_status create_fields(ga_ctx *ctx, const ga_result *r, ga_shp_out *out, const char *path) {
    size_t n = r->cols->len;
    const char **names = ga_try_new(const char *, n + 1);
    bool *text = ga_try_new(bool, n + 1);
    int *width = ga_try_new(int, n + 1), *dec = ga_try_new(int, n + 1);
    if (!names || !text || !width || !dec) {
        g_free(names);
        g_free(text);
        g_free(width);
        g_free(dec);
        return ga_nomem(ctx, "shapefile fields");
    }
    for (size_t j = 0; j < n; j++) {
        const column *c = r->cols->pdata[j];
        names[j] = c->name;
        text[j] = !c->numeric;
        dec[j] = c->decimals;
        size_t w = 1;
        for (size_t i = 0; !c->numeric && i < r->n_rows; i++) w = MAX(w, strlen(c->text[i]));
        width[j] = (int)MIN(w, 254);
    }
    ga_status st = ga_shp_out_fields(ctx, out, names, text, width, dec, n, path);
    g_free(names);
    g_free(text);
    g_free(width);
    g_free(dec);
    return st;
}

static ga_status write_attributes(ga_ctx *ctx, const ga_result *r, DBFHandle dbf, size_t i,
                                  const char *path) {
    for (guint j = 0; j < r->cols->len; j++) {
        const column *c = r->cols->pdata[j];
        int ok;
        if (c->numeric && isnan(c->num[i])) ok = DBFWriteNULLAttribute(dbf, (int)i, (int)j);
        else if (c->numeric) ok = DBFWriteDoubleAttribute(dbf, (int)i, (int)j, c->num[i]);
        else ok = DBFWriteStringAttribute(dbf, (int)i, (int)j, c->text[i]);
        if (!ok)
            return ga_fail(ctx, GA_ERR_IO, "%s: record %zu: cannot write field '%s'", path, i + 1,
                           c->name);
    }
    return GA_OK;
}

/* Appends the rings of a polygon to the part arrays. */
typedef SHPObject *(*make_object_fn)(ga_ctx *ctx, const void *layer, size_t i);

static SHPObject *commune_object(ga_ctx *ctx, const void *layer, size_t i) {
    return ga_shp_polygon(ctx->geos, ga_communes_geometry(layer, i), (int)i);
}

/* Communes read from points: their points (the shapefile is a point one). */
static SHPObject *commune_point_object(ga_ctx *ctx, const void *layer, size_t i) {
    (void)ctx;
    double x, y;
    ga_communes_point(layer, i, &x, &y);
    return SHPCreateSimpleObject(SHPT_POINT, 1, &x, &y, NULL);
}

static SHPObject *geometry_object(ga_ctx *ctx, const void *layer, size_t i) {
    return ga_shp_polygon(ctx->geos, ((const GEOSGeometry *const *)layer)[i], (int)i);
}

static SHPObject *point_object(ga_ctx *ctx, const void *layer, size_t i) {
    double x, y;
    ga_points_xy(layer, i, &x, &y);
    return SHPCreateSimpleObject(SHPT_POINT, 1, &x, &y, NULL);
}

static ga_status write_shp(ga_ctx *ctx, const ga_result *r, int shp_type, const void *layer,
                           size_t n_layer, make_object_fn make, const char *path) {
    if (n_layer != r->n_rows)
        return ga_fail(ctx, GA_ERR_ARG, "%s: %zu result rows for %zu geometries", path, r->n_rows,
                       n_layer);
    ga_status st = check_result(ctx, r);
    if (st) return st;
    ga_shp_out out;
    st = ga_shp_out_open(ctx, path, shp_type, &out);
    if (!st) st = create_fields(ctx, r, &out, path);
    for (size_t i = 0; i < r->n_rows && !st; i++) {
        SHPObject *o = make(ctx, layer, i);
        int id = o ? SHPWriteObject(out.shp, -1, o) : -1;
        SHPDestroyObject(o);
        if (id < 0) st = ga_fail(ctx, GA_ERR_IO, "%s: record %zu: cannot write the geometry", path, i + 1);
        else st = write_attributes(ctx, r, out.dbf, i, path);
    }
    return ga_shp_out_finish(ctx, &out, st, path);
}

ga_status ga_result_write_shp_communes(ga_ctx *ctx, const ga_result *r, const ga_communes *c,
                                       const char *path) {
    if (!ga_communes_has_polygons(c))
        return write_shp(ctx, r, SHPT_POINT, c, ga_communes_count(c), commune_point_object, path);
    return write_shp(ctx, r, SHPT_POLYGON, c, ga_communes_count(c), commune_object, path);
}

ga_status ga_result_write_shp_points(ga_ctx *ctx, const ga_result *r, const ga_points *p,
                                     const char *path) {
    return write_shp(ctx, r, SHPT_POINT, p, ga_points_count(p), point_object, path);
}

ga_status ga_result_write_shp_polygons(ga_ctx *ctx, const ga_result *r, const GEOSGeometry *const *geoms,
                                       size_t n, const char *path) {
    return write_shp(ctx, r, SHPT_POLYGON, geoms, n, geometry_object, path);
}
