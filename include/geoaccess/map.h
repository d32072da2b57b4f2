/* geoaccess: maps (PNG, drawn with cairo). */
#ifndef GEOACCESS_MAP_H
#define GEOACCESS_MAP_H

#include <stdbool.h>
#include "core.h"
#include "layer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const char *title;     /* top line */
    const char *subtitle;  /* second line (source, method), may be NULL */
    const char *unit;      /* legend unit, e.g. "minutes" */
    /* n_breaks increasing class bounds: class 0 is value < breaks[0], class k
     * breaks[k-1] <= value < breaks[k], the last value >= breaks[n-1]. */
    const double *breaks;
    size_t n_breaks;       /* 1 .. 8 */
    bool high_is_good;     /* colour ramp direction: true for APL, false for times */
    int width_px;          /* default 1200 */
} ga_map_style;

/* A choropleth of one value per commune (NAN drawn grey, "no value"),
 * optionally with points on top (facilities), written atomically as PNG. */
ga_status ga_map_communes_png(ga_ctx *ctx, const ga_communes *c, const double *values,
                              const ga_points *points, const ga_map_style *style,
                              const char *path);

#ifdef __cplusplus
}
#endif
#endif
