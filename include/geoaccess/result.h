/* geoaccess: result tables written as CSV and as shapefiles that QGIS opens.
 *
 * A ga_result is a table of named columns (text or numbers) with one row
 * per commune or point. It is written atomically: CSV with a header, or an
 * ESRI shapefile (.shp, .shx, .dbf, .prj in the working CRS, .cpg UTF-8)
 * whose geometries are the communes' polygons or a point layer's points.
 */
#ifndef GEOACCESS_RESULT_H
#define GEOACCESS_RESULT_H

#include "core.h"
#include "layer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ga_result ga_result;

/* Caller frees the result with ga_result_free(). */
ga_result *ga_result_new(size_t n_rows);
void ga_result_free(ga_result *r);
size_t ga_result_rows(const ga_result *r);
size_t ga_result_cols(const ga_result *r);

/* Adds a text column (values copied; NULL values written empty). */
void ga_result_add_text(ga_result *r, const char *name, const char *const *values);
/* Adds a numeric column (copied). NAN is written as an empty cell.
 * `decimals` < 0 writes %.17g (round-trip); otherwise fixed decimals. */
void ga_result_add_number(ga_result *r, const char *name, const double *values, int decimals);

/* Writes CSV (comma, dot decimals, UTF-8). */
ga_status ga_result_write_csv(ga_ctx *ctx, const ga_result *r, const char *path);
/* Writes a polygon shapefile: row i gets commune i's polygon (rows must
 * equal the communes). A column whose name is not a DBF field name (10 ASCII
 * characters at most) gets a short unique one, and the set gets
 * NAME.fields.csv (long_name,dbf_name) saying which. Communes read from
 * points (no polygons): a point shapefile of their points. */
ga_status ga_result_write_shp_communes(ga_ctx *ctx, const ga_result *r, const ga_communes *c,
                                       const char *path);
/* Writes a point shapefile: row i gets point i. */
ga_status ga_result_write_shp_points(ga_ctx *ctx, const ga_result *r, const ga_points *p,
                                     const char *path);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header). */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_result, ga_result_free)
#endif

#endif
