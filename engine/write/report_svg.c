/* SVG path data: see report_svg.h. Written by hand: cairo's SVG surface
 * writes whole documents with its own ids, not one path per commune with
 * the attributes the report's script reads. */
#include <math.h>
#include "write/report_svg.h"

ga_svg_frame ga_svg_frame_fit(double minx, double miny, double maxx, double maxy, double margin, double width) {
    double w = maxx - minx, h = maxy - miny;
    double mx = w * margin, my = h * margin;
    ga_svg_frame f;
    f.x0 = minx - mx;
    f.y0 = maxy + my;
    f.scale = w + 2 * mx > 0 ? width / (w + 2 * mx) : 1;
    f.width = width;
    f.height = ceil((h + 2 * my) * f.scale);
    return f;
}

static void ring_d(GString *out, GEOSContextHandle_t h, const GEOSGeometry *ring, const ga_svg_frame *f) {
    const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned int n = 0;
    if (!cs || !GEOSCoordSeq_getSize_r(h, cs, &n) || n < 3) return;
    long px = 0, py = 0;
    unsigned int moves = 0;
    for (unsigned int k = 0; k + 1 < n; k++) { /* the last point closes the ring: "z" */
        double x, y;
        GEOSCoordSeq_getXY_r(h, cs, k, &x, &y);
        long rx = lround((x - f->x0) * f->scale), ry = lround((f->y0 - y) * f->scale);
        if (k == 0) {
            g_string_append_printf(out, "M%ld %ld", rx, ry);
        } else if (rx != px || ry != py) {
            g_string_append_printf(out, moves++ ? " %ld %ld" : "l%ld %ld", rx - px, ry - py);
        }
        px = rx;
        py = ry;
    }
    g_string_append_c(out, 'z');
}

static void polygon_d(GString *out, GEOSContextHandle_t h, const GEOSGeometry *p, const ga_svg_frame *f) {
    ring_d(out, h, GEOSGetExteriorRing_r(h, p), f);
    int holes = GEOSGetNumInteriorRings_r(h, p);
    for (int k = 0; k < holes; k++) ring_d(out, h, GEOSGetInteriorRingN_r(h, p, k), f);
}

void ga_svg_path_d(GString *out, GEOSContextHandle_t h, const GEOSGeometry *g, const ga_svg_frame *f) {
    int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        polygon_d(out, h, g, f);
    } else if (type == GEOS_MULTIPOLYGON) {
        int parts = GEOSGetNumGeometries_r(h, g);
        for (int k = 0; k < parts; k++) polygon_d(out, h, GEOSGetGeometryN_r(h, g, k), f);
    }
}
