/* Private to the engine: a shapefile set (.shp, .shx, .dbf UTF-8, .prj of
 * the working CRS, .cpg) written under temporary names beside the target and
 * renamed into place only when complete, and GEOS polygons as shapelib
 * objects. Shared by the result tables (result.c) and the polygon layers
 * (polygons.c); shapelib does the writing. */
#ifndef GA_WRITE_SHP_H
#define GA_WRITE_SHP_H

#include <shapefil.h>
#include "core/internal.h"

typedef struct {
    char *base; /* target path without .shp */
    char *tmp;  /* temporary base name */
    SHPHandle shp;
    DBFHandle dbf;
} ga_shp_out;

/* Creates the temporary .shp/.shx/.dbf of `path` (".shp" optional). */
ga_status ga_shp_out_open(ga_ctx *ctx, const char *path, int shp_type, ga_shp_out *o);
/* Closes the files; when st is GA_OK writes the .prj and .cpg and renames
 * the set into place. Temporary files never remain. Returns st, or the
 * first error of this step. */
ga_status ga_shp_out_finish(ga_ctx *ctx, ga_shp_out *o, ga_status st, const char *path);

/* A polygon object from a GEOS (Multi)Polygon (shells clockwise, holes
 * counter-clockwise, as shapefiles want); a null shape when it has no
 * polygon. */
SHPObject *ga_shp_polygon(GEOSContextHandle_t h, const GEOSGeometry *g, int id);

#endif
