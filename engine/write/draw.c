/* Shared drawing helpers of the cairo maps: see draw.h. */
#include <stdio.h>
#include "core/atomic.h"
#include "write/draw.h"

static void path_ring(GEOSContextHandle_t h, cairo_t *cr, const GEOSGeometry *ring, const ga_draw_view *v) {
    const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(h, seq, &n);
    for (unsigned i = 0; i < n; i++) {
        double x, y, px, py;
        GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
        ga_draw_to_px(v, x, y, &px, &py);
        if (i == 0) cairo_move_to(cr, px, py);
        else cairo_line_to(cr, px, py);
    }
    cairo_close_path(cr);
}

void ga_draw_polygons(GEOSContextHandle_t h, cairo_t *cr, const GEOSGeometry *g, const ga_draw_view *v) {
    int parts = GEOSGetNumGeometries_r(h, g);
    for (int p = 0; p < parts; p++) {
        const GEOSGeometry *poly = GEOSGetGeometryN_r(h, g, p);
        if (GEOSGeomTypeId_r(h, poly) != GEOS_POLYGON || GEOSisEmpty_r(h, poly)) continue;
        path_ring(h, cr, GEOSGetExteriorRing_r(h, poly), v);
        for (int r = 0; r < GEOSGetNumInteriorRings_r(h, poly); r++)
            path_ring(h, cr, GEOSGetInteriorRingN_r(h, poly, r), v);
    }
}

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len) {
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

ga_status ga_draw_write_png(ga_ctx *ctx, cairo_surface_t *surf, const char *path) {
    ga_atomic *a = NULL;
    ga_status st = ga_atomic_open(ctx, path, &a);
    if (st) return st;
    cairo_status_t cs = cairo_surface_write_to_png_stream(surf, write_stream, ga_atomic_stream(a));
    if (cs != CAIRO_STATUS_SUCCESS) {
        ga_atomic_abort(a);
        return ga_fail(ctx, GA_ERR_IO, "%s: cannot write the PNG: %s", path, cairo_status_to_string(cs));
    }
    return ga_atomic_commit(ctx, a);
}
