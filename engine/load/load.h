/* Private to the loaders: shapefile opening, CRS helpers, layer innards. */
#ifndef GA_LOAD_H
#define GA_LOAD_H

#include <shapefil.h>
#include "core/internal.h"

/* An opened shapefile with its sidecar files. */
typedef struct {
    char *path;      /* the .shp path as given (or with .shp added) */
    SHPHandle shp;
    DBFHandle dbf;
    char *prj;       /* contents of the .prj, NULL when absent */
    char *encoding;  /* iconv name for DBF text: from .cpg, the DBF LDID, or NULL */
    int n_records, shape_type;
    double min[4], max[4];
} ga_shapefile;

/* Opens PATH(.shp) with its .shx and .dbf (both required) and reads .prj and
 * .cpg when present. Errors name the missing or damaged file. */
ga_status ga_shapefile_open(ga_ctx *ctx, const char *path, ga_shapefile *out);
void ga_shapefile_close(ga_shapefile *s);
/* A DBF text attribute converted to UTF-8 (transfer full). */
char *ga_shapefile_text(const ga_shapefile *s, int record, int field);
/* Index of a DBF field (case-insensitive), or -1. */
int ga_shapefile_field(const ga_shapefile *s, const char *name);
/* First existing of NULL-terminated candidates, or -1. */
int ga_shapefile_field_any(const ga_shapefile *s, const char *const *names);
/* "name (type), ..." list of the DBF fields (transfer full). */
char *ga_shapefile_field_list(const ga_shapefile *s);
/* The source CRS of a shapefile: its .prj, else `assume`, else an error. */
ga_status ga_shapefile_crs(ga_ctx *ctx, const ga_shapefile *s, const char *assume,
                           const char **crs_out);

/* A PROJ transformation from `src` to the working CRS, x/y in
 * easting/northing or longitude/latitude order. Caller frees with
 * proj_destroy. `what` names the source in error messages. */
ga_status ga_crs_to_working(ga_ctx *ctx, const char *src, const char *what, PJ **out);
/* A human-readable name of a CRS definition ("RGF93 v1 / Lambert-93
 * (EPSG:2154)"); transfer full; NULL when PROJ does not know it. */
char *ga_crs_describe(ga_ctx *ctx, const char *def);

/* GEOS geometry of commune i (transfer none). */
const GEOSGeometry *ga_communes_geometry(const ga_communes *c, size_t i);
void ga_points_set_commune(ga_points *p, size_t i, long commune);
void ga_points_set_xy(ga_points *p, size_t i, double x, double y);

#endif
