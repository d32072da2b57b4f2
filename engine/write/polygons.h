/* Private to the engine: polygon layers (GEOS geometries in the working CRS)
 * with their fields, written atomically as an ESRI polygon shapefile (.shp,
 * .shx, .dbf UTF-8, .prj, .cpg) or as GeoJSON (RFC 7946: WGS 84
 * longitude/latitude, shells counter-clockwise).
 *
 * OWNER: catchments (issue 5). */
#ifndef GA_WRITE_POLYGONS_H
#define GA_WRITE_POLYGONS_H

#include "core/internal.h"
#include "geoaccess/result.h"

/* A field: text (text != NULL) or number (num, NAN written empty/null,
 * `decimals` fixed decimals). Names of any length: the shapefile gets short
 * unique DBF names and NAME.fields.csv (ga_shp_out_fields). */
typedef struct {
    const char *name;
    const char *const *text;
    const double *num;
    int decimals;
} ga_poly_field;

ga_status ga_polygons_write_shp(ga_ctx *ctx, const GEOSGeometry *const *geoms, size_t n,
                                const ga_poly_field *fields, size_t n_fields, const char *path);
ga_status ga_polygons_write_geojson(ga_ctx *ctx, const GEOSGeometry *const *geoms, size_t n,
                                    const ga_poly_field *fields, size_t n_fields,
                                    const char *path);

/* A result table as a polygon shapefile: row i gets geometry i (n must
 * equal the rows); the same columns, DBF names as above. */
ga_status ga_result_write_shp_polygons(ga_ctx *ctx, const ga_result *r,
                                       const GEOSGeometry *const *geoms, size_t n, const char *path);

#endif
