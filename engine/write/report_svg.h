/* Commune polygons as SVG path data for the report's inline maps
 * (write/report.h). */
#ifndef GA_WRITE_REPORT_SVG_H
#define GA_WRITE_REPORT_SVG_H

#include <glib.h>
#include <geos_c.h>

/* World (x, y), in the layer's projected CRS, to SVG units:
 * ((x - x0) * scale, (y0 - y) * scale), y down. */
typedef struct {
    double x0, y0, scale;
    double width, height; /* the viewBox, in SVG units */
} ga_svg_frame;

/* The frame that fits the box [minx, maxx] x [miny, maxy] plus `margin`
 * (a share of its size on every side) into `width` SVG units. */
ga_svg_frame ga_svg_frame_fit(double minx, double miny, double maxx, double maxy, double margin, double width);

/* Appends the path data of a polygon or multipolygon: each ring "Mx y"
 * then relative moves "ldx dy ..." and "z", every point rounded to a
 * whole SVG unit (the differences are taken between rounded points, so
 * nothing drifts; a point equal to the previous one once rounded is
 * skipped). Holes are rings of the same path: draw with
 * fill-rule="evenodd". Other geometry types append nothing. */
void ga_svg_path_d(GString *out, GEOSContextHandle_t h, const GEOSGeometry *g, const ga_svg_frame *f);

#endif
