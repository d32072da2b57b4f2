/* CRS helpers of the graph readers. Private to engine/graph. */
#ifndef GA_GRAPH_CRS_H
#define GA_GRAPH_CRS_H

#include <stdbool.h>
#include <stddef.h>
#include "geoaccess.h"

/* Transforms n points in place from `src` to `dst` (easting/northing or
 * longitude/latitude order). `what` names the source in errors. */
ga_status ga_graph_transform(ga_ctx *ctx, const char *src, const char *dst, double *x,
                             double *y, size_t n, const char *what);

/* Checks that `crs` is a projected CRS PROJ knows. */
ga_status ga_graph_check_metric_crs(ga_ctx *ctx, const char *crs);

/* True when (lon, lat) lies in metropolitan France (mainland and Corsica),
 * from a coarse outline (about 20 km accuracy) drawn for this purpose only:
 * choosing the default CRS of an OSM extract. */
bool ga_in_metropolitan_france(double lon, double lat);

/* "EPSG:2154" in metropolitan France, else the UTM zone of (lon, lat)
 * ("EPSG:326zz" north, "EPSG:327zz" south); transfer full; NULL when
 * memory runs out. */
char *ga_auto_crs(double lon, double lat);

#endif
