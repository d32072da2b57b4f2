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
    GString *mapping; /* "long_name,dbf_name" lines when a name was shortened */
} ga_shp_out;

/* DBF field names for columns of any length: each is at most 10 ASCII
 * characters (letters, digits, '_'; accents dropped, other characters as
 * '_'), unique ignoring case; names that already qualify are kept, longer
 * ones keep their last '_' part ("gp_min2") and shorten the head, a digit
 * telling apart those that would collide. NULL-terminated, g_strfreev;
 * NULL when memory runs out. */
char **ga_shp_dbf_names(const char *const *names, size_t n);

/* Adds the DBF fields of `n` columns (text of `width` characters when
 * text[j], else numbers with decimals[j]) under the names of
 * ga_shp_dbf_names; when one differs from its column's name the set gets
 * BASE.fields.csv ("long_name,dbf_name", every column). */
ga_status ga_shp_out_fields(ga_ctx *ctx, ga_shp_out *o, const char *const *names,
                            const bool *text, const int *width, const int *decimals, size_t n,
                            const char *path);

/* Creates the temporary .shp/.shx/.dbf of `path` (".shp" optional). */
ga_status ga_shp_out_open(ga_ctx *ctx, const char *path, int shp_type, ga_shp_out *o);
/* Closes the files; when st is GA_OK writes the .prj, the .cpg and the
 * field mapping and renames the set into place (every file was complete
 * under its temporary name before the first rename; a mapping left by an
 * earlier write of the same target is removed when there is none now).
 * Temporary files never remain. Returns st, or the first error of this
 * step. */
ga_status ga_shp_out_finish(ga_ctx *ctx, ga_shp_out *o, ga_status st, const char *path);

/* A polygon object from a GEOS (Multi)Polygon (shells clockwise, holes
 * counter-clockwise, as shapefiles want); a null shape when it has no
 * polygon. */
SHPObject *ga_shp_polygon(GEOSContextHandle_t h, const GEOSGeometry *g, int id);

#endif
