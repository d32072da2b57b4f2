/* Polygon layers as shapefiles (shapelib) and GeoJSON: see polygons.h. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <shapefil.h>
#include "core/alloc.h"
#include "core/atomic.h"
#include "write/polygons.h"
#include "write/shp.h"

ga_status ga_polygons_write_shp(ga_ctx *ctx, const GEOSGeometry *const *geoms, size_t n,
                                const ga_poly_field *fields, size_t n_fields, const char *path) {
    ga_shp_out out;
    ga_status st = ga_shp_out_open(ctx, path, SHPT_POLYGON, &out);
    if (!st) {
        const char **names = ga_try_new(const char *, n_fields + 1);
        bool *text = ga_try_new(bool, n_fields + 1);
        int *width = ga_try_new(int, n_fields + 1), *dec = ga_try_new(int, n_fields + 1);
        for (size_t j = 0; names && text && width && dec && j < n_fields; j++) {
            const ga_poly_field *f = &fields[j];
            names[j] = f->name;
            text[j] = f->text != NULL;
            dec[j] = f->decimals;
            size_t w = 1;
            for (size_t i = 0; f->text && i < n; i++) w = MAX(w, strlen(f->text[i] ? f->text[i] : ""));
            width[j] = (int)MIN(w, 254);
        }
        st = names && text && width && dec
                 ? ga_shp_out_fields(ctx, &out, names, text, width, dec, n_fields, path)
                 : ga_nomem(ctx, "shapefile fields");
        g_free(names);
        g_free(text);
        g_free(width);
        g_free(dec);
    }
    for (size_t i = 0; i < n && !st; i++) {
        SHPObject *o = ga_shp_polygon(ctx->geos, geoms[i], -1);
        int id = o ? SHPWriteObject(out.shp, -1, o) : -1;
        SHPDestroyObject(o);
        if (id < 0) {
            st = ga_fail(ctx, GA_ERR_IO, "%s: record %zu: cannot write the geometry", path, i + 1);
            break;
        }
        for (size_t j = 0; j < n_fields && !st; j++) {
            const ga_poly_field *f = &fields[j];
            int ok;
            if (f->text) ok = DBFWriteStringAttribute(out.dbf, id, (int)j, f->text[i] ? f->text[i] : "");
            else if (isnan(f->num[i]) || isinf(f->num[i])) ok = DBFWriteNULLAttribute(out.dbf, id, (int)j);
            else ok = DBFWriteDoubleAttribute(out.dbf, id, (int)j, f->num[i]);
            if (!ok)
                st = ga_fail(ctx, GA_ERR_IO, "%s: record %zu: cannot write field '%s'", path, i + 1,
                             f->name);
        }
    }
    return ga_shp_out_finish(ctx, &out, st, path);
}

/* ---- GeoJSON ---- */

static void json_string(GString *s, const char *t) {
    g_string_append_c(s, '"');
    for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
        if (*p == '"' || *p == '\\') {
            g_string_append_c(s, '\\');
            g_string_append_c(s, (char)*p);
        } else if (*p < 0x20) {
            g_string_append_printf(s, "\\u%04x", *p);
        } else {
            g_string_append_c(s, (char)*p);
        }
    }
    g_string_append_c(s, '"');
}

/* A ring in lon/lat, counter-clockwise when `ccw` (shell) else clockwise. */
static ga_status json_ring(ga_ctx *ctx, PJ *pj, const GEOSGeometry *ring, bool ccw, GString *s) {
    GEOSContextHandle_t h = ctx->geos;
    const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    char is_ccw = 0;
    GEOSCoordSeq_getSize_r(h, seq, &n);
    GEOSCoordSeq_isCCW_r(h, seq, &is_ccw);
    bool reverse = (is_ccw != 0) != ccw;
    g_string_append_c(s, '[');
    for (unsigned k = 0; k < n; k++) {
        double x, y;
        GEOSCoordSeq_getXY_r(h, seq, reverse ? n - 1 - k : k, &x, &y);
        PJ_COORD c = proj_trans(pj, PJ_FWD, proj_coord(x, y, 0, 0));
        if (!isfinite(c.xy.x) || !isfinite(c.xy.y))
            return ga_fail(ctx, GA_ERR_CRS, "cannot transform (%.1f, %.1f) to longitude/latitude", x, y);
        g_string_append_printf(s, "%s[%.7f,%.7f]", k ? "," : "", c.xy.x, c.xy.y);
    }
    g_string_append_c(s, ']');
    return GA_OK;
}

ga_status ga_polygons_write_geojson(ga_ctx *ctx, const GEOSGeometry *const *geoms, size_t n,
                                    const ga_poly_field *fields, size_t n_fields,
                                    const char *path) {
    GEOSContextHandle_t h = ctx->geos;
    PJ *raw = proj_create_crs_to_crs(ctx->proj, ctx->working_crs, "EPSG:4326", NULL);
    PJ *pj = raw ? proj_normalize_for_visualization(ctx->proj, raw) : NULL;
    if (raw) proj_destroy(raw);
    if (!pj)
        return ga_fail(ctx, GA_ERR_CRS, "%s: no transformation from %s to WGS 84: %s", path,
                       ctx->working_crs, ga_proj_message(ctx));
    GString *s = g_string_new("{\"type\":\"FeatureCollection\",\"features\":[\n");
    ga_status st = GA_OK;
    char num[64];
    for (size_t i = 0; i < n && !st; i++) {
        g_string_append(s, i ? ",\n{\"type\":\"Feature\",\"properties\":{" : "{\"type\":\"Feature\",\"properties\":{");
        for (size_t j = 0; j < n_fields; j++) {
            const ga_poly_field *f = &fields[j];
            if (j) g_string_append_c(s, ',');
            json_string(s, f->name);
            g_string_append_c(s, ':');
            if (f->text) json_string(s, f->text[i] ? f->text[i] : "");
            else if (!isfinite(f->num[i])) g_string_append(s, "null");
            else {
                g_snprintf(num, sizeof num, "%.*f", f->decimals < 0 ? 6 : f->decimals, f->num[i]);
                g_string_append(s, num);
            }
        }
        g_string_append(s, "},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[");
        int np = GEOSGetNumGeometries_r(h, geoms[i]), written = 0;
        for (int k = 0; k < np && !st; k++) {
            const GEOSGeometry *part = GEOSGetGeometryN_r(h, geoms[i], k);
            if (GEOSGeomTypeId_r(h, part) != GEOS_POLYGON || GEOSisEmpty_r(h, part)) continue;
            g_string_append(s, written++ ? ",[" : "[");
            st = json_ring(ctx, pj, GEOSGetExteriorRing_r(h, part), true, s);
            for (int r = 0; r < GEOSGetNumInteriorRings_r(h, part) && !st; r++) {
                g_string_append_c(s, ',');
                st = json_ring(ctx, pj, GEOSGetInteriorRingN_r(h, part, r), false, s);
            }
            g_string_append_c(s, ']');
        }
        g_string_append(s, "]}}");
    }
    g_string_append(s, "\n]}\n");
    proj_destroy(pj);
    if (!st) {
        ga_atomic *a = NULL;
        st = ga_atomic_open(ctx, path, &a);
        if (!st) {
            fwrite(s->str, 1, s->len, ga_atomic_stream(a));
            st = ga_atomic_commit(ctx, a);
        }
    }
    g_string_free(s, TRUE);
    return st;
}
