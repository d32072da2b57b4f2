/* Private to the engine: what the cairo maps share (map.c: communes,
 * catchment_map.c: catchments): the projection of working-CRS coordinates
 * onto the image, GEOS polygons as cairo paths, and the PNG written
 * atomically. */
#ifndef GA_WRITE_DRAW_H
#define GA_WRITE_DRAW_H

#include <cairo.h>
#include "core/internal.h"

/* Map (x0, y0) to the bottom-left of a drawing `height` pixels high, at
 * `scale` pixels per metre. */
typedef struct {
    double x0, y0, scale, height;
} ga_draw_view;

static inline void ga_draw_to_px(const ga_draw_view *v, double x, double y, double *px, double *py) {
    *px = (x - v->x0) * v->scale;
    *py = v->height - (y - v->y0) * v->scale;
}

/* Adds the rings of the (Multi)Polygon g to the current path (empty parts
 * and other geometry types are skipped). */
void ga_draw_polygons(GEOSContextHandle_t h, cairo_t *cr, const GEOSGeometry *g, const ga_draw_view *v);

/* Writes the surface as a PNG file, atomically. */
ga_status ga_draw_write_png(ga_ctx *ctx, cairo_surface_t *surf, const char *path);

#endif
