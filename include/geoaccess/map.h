/* geoaccess: maps of communes (cairo), as PNG, SVG or PDF, sized for an A4
 * landscape page: title, subtitle, legend with its unit and classes, scale
 * bar, north arrow, sources line, the names of the main towns, and the
 * study area's outline over its ring of neighbouring communes (paler). */
#ifndef GEOACCESS_MAP_H
#define GEOACCESS_MAP_H

#include <stdbool.h>
#include "core.h"
#include "layer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { GA_MAP_PNG = 0, GA_MAP_SVG, GA_MAP_PDF } ga_map_format;

/* "png", "svg" or "pdf" into *out; false for anything else. */
bool ga_map_format_parse(const char *name, ga_map_format *out);
/* ".png", ".svg" or ".pdf". */
const char *ga_map_format_ext(ga_map_format f);

/* Colour-blind-safe ColorBrewer schemes (Harrower & Brewer 2003):
 * sequential YlOrRd and Blues, diverging RdBu and PuOr (their middle class
 * is neutral: centre a diverging map on 0). */
typedef enum { GA_PALETTE_YLORRD = 0, GA_PALETTE_BLUES, GA_PALETTE_RDBU, GA_PALETTE_PUOR } ga_palette;

/* How the class bounds are made: the given `breaks`, quantiles or equal
 * intervals of the mapped values (n_classes classes), or, for a diverging
 * palette, symmetric round bounds around 0 (the middle class holds 0). */
typedef enum { GA_CLASSES_GIVEN = 0, GA_CLASSES_QUANTILES, GA_CLASSES_EQUAL, GA_CLASSES_SYMMETRIC } ga_classes;

typedef struct {
    const char *title;     /* top line */
    const char *subtitle;  /* second line (what, which cost model, date of the data), may be NULL */
    const char *unit;      /* legend unit, e.g. "minutes" */
    /* GA_CLASSES_GIVEN: n_breaks increasing class bounds: class 0 is value <
     * breaks[0], class k breaks[k-1] <= value < breaks[k], the last value >=
     * breaks[n-1]. */
    const double *breaks;
    size_t n_breaks;       /* 1 .. 8 */
    bool high_is_good;     /* colour direction: true for the APL (dark = low), false for times */
    int width_px;          /* PNG width in pixels (0: A4 at 150 dpi, 1754 px); SVG and PDF are in points */
    const char *sources;   /* the sources line at the bottom, may be NULL */
    ga_palette palette;
    ga_classes classes;
    size_t n_classes;      /* QUANTILES, EQUAL: 2 .. 9 (0: 5); SYMMETRIC: odd, 3 .. 9 (0: 7) */
    /* GIVEN: n_breaks + 1 class names shown instead of the ranges (e.g.
     * "covered", "not covered"), or NULL */
    const char *const *class_names;
    ga_map_format format;
    int n_towns;           /* names of the most populous communes (0: 10; -1: none) */
    const char *points_name; /* the legend of the points (NULL: "facility") */
} ga_map_style;

/* What a map draws. */
typedef struct {
    const ga_communes *communes; /* the study's communes */
    const double *values;        /* one per commune (NAN: "no value", grey) */
    /* a second panel beside the first with the same classes (e.g. the
     * official APL beside ours), or NULL; the panels' titles */
    const double *values2;
    const char *panel1, *panel2;
    const double *pop;           /* per commune, to name the most populous (NULL: the layer's) */
    const ga_communes *ring;     /* neighbouring communes drawn paler around, or NULL */
    const ga_points *points;     /* drawn on top (facilities), or NULL */
} ga_map_layer;

/* Where the (first) map panel went on the page, for callers that place
 * things on it: pixel (PNG) or point (SVG, PDF) x of a working-CRS x is
 * x0 + (x - gx0) * scale, and y is y0 - (y - gy0) * scale (y0 the panel's
 * bottom). */
typedef struct {
    double x0, y0, gx0, gy0, scale;
    double breaks[9];      /* the class bounds used */
    size_t n_breaks;
} ga_map_placement;

/* Draws the map and writes it atomically at `path` in style->format.
 * `placed` (may be NULL) gets the placement. The writer computes nothing
 * but the class bounds. */
ga_status ga_map_draw(ga_ctx *ctx, const ga_map_layer *layer, const ga_map_style *style, const char *path,
                      ga_map_placement *placed);

/* A choropleth of one value per commune (NAN drawn grey, "no value"),
 * optionally with points on top (facilities), written atomically in
 * style->format (the historic name: PNG by default). */
ga_status ga_map_communes_png(ga_ctx *ctx, const ga_communes *c, const double *values,
                              const ga_points *points, const ga_map_style *style,
                              const char *path);

#ifdef __cplusplus
}
#endif
#endif
