/* Private to the engine: what the cairo maps share (map.c: communes,
 * catchment_map.c: catchments): the page (an A4 landscape sheet in points,
 * on a PNG, SVG or PDF surface, written atomically), the projection of
 * working-CRS coordinates onto it, GEOS polygons as cairo paths, and the
 * furniture of a printed map (titles, legend, scale bar, north arrow,
 * sources, towns' names). */
#ifndef GA_WRITE_DRAW_H
#define GA_WRITE_DRAW_H

#include <cairo.h>
#include "core/internal.h"
#include "core/atomic.h"
#include "geoaccess/map.h"

/* Map (x0, y0) to the bottom-left of a drawing `height` units high, at
 * `scale` units per metre. Rings are drawn without the vertices closer
 * than `min_step` units to the last one drawn (0: all of them). */
typedef struct {
    double x0, y0, scale, height, min_step;
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

/* ---- the page ---- */

#define GA_PAGE_W 841.89 /* A4 landscape, points (297 x 210 mm) */
#define GA_PAGE_H 595.28

typedef struct {
    ga_map_format format;
    cairo_surface_t *surf;
    cairo_t *cr;        /* in points: the PNG's is scaled to its pixels */
    ga_atomic *a;       /* SVG, PDF: the file the surface streams into */
    double px_per_pt;   /* PNG pixels per point, 1 otherwise */
} ga_draw_page;

/* Opens a white A4 landscape page (PNG: width_px wide, 0 for 150 dpi). */
ga_status ga_draw_page_open(ga_ctx *ctx, ga_map_format f, int width_px, const char *path, ga_draw_page *p);
/* Finishes the page and writes it at `path` atomically (also on failure, the
 * page is released). */
ga_status ga_draw_page_close(ga_ctx *ctx, ga_draw_page *p, const char *path);

/* ---- the furniture ---- */

/* The box of the page the map panels may fill (points). */
typedef struct {
    double x, y, w, h;
} ga_draw_box;

/* Title (bold) and subtitle at the top of the page; the box under them and
 * left of the legend column. */
ga_draw_box ga_draw_titles(cairo_t *cr, const char *title, const char *subtitle);
/* The view that fits the extent [minx, maxx] x [miny, maxy] centred in
 * box; its origin on the page in *ox, *oy (top-left of the drawing). */
ga_draw_view ga_draw_fit(const ga_draw_box *box, double minx, double miny, double maxx, double maxy, double *ox,
                         double *oy);

typedef enum { GA_KEY_BOX, GA_KEY_DOT, GA_KEY_LINE, GA_KEY_OUTLINE } ga_draw_key_kind;
typedef struct {
    ga_draw_key_kind kind;
    double rgb[3], alpha;
    char label[80];
} ga_draw_key;
/* The legend in the right-hand column: a heading (the unit), then one row
 * per key. */
void ga_draw_legend(cairo_t *cr, const char *heading, const ga_draw_key *keys, size_t n);
/* A scale bar of a round length (1, 2 or 5 x 10^k metres, in km from 1 km)
 * no longer than max_len points, its left end at (x, y). */
void ga_draw_scale_bar(cairo_t *cr, double x, double y, double pt_per_m, double max_len);
/* A north arrow (grid north, up) centred on x, its tip at y. */
void ga_draw_north_arrow(cairo_t *cr, double x, double y);
/* The sources line at the bottom of the page. */
void ga_draw_sources(cairo_t *cr, const char *sources);
/* The names of up to n_max of the most populous communes (pop, else the
 * layer's population; NAN never named), at their representative points,
 * skipping a name that would overlap one already placed or leave box. The
 * cairo origin is the view's. */
void ga_draw_town_names(cairo_t *cr, const ga_communes *c, const double *pop, int n_max, const ga_draw_view *v,
                        double box_w, double box_h);
/* Text with a white halo, its baseline starting at (x, y). */
void ga_draw_halo_text(cairo_t *cr, double x, double y, const char *text);

#endif
