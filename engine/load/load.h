/* Private to the loaders: shapefile opening, CRS helpers. */
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
/* A DBF text attribute converted to UTF-8 (transfer full); NULL when memory
 * runs out (ga_try_strdup: callers report ga_nomem). */
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

/* Whether coordinates can be right for their CRS: each point, once in
 * longitude/latitude (PROJ), must lie in the area of use PROJ gives for the
 * CRS (for an ESRI .prj, for the EPSG CRS it identifies) and for the working
 * CRS, widened by max(5 degrees, half the area) on each axis; and a projected
 * CRS whose every point is within 180 x 90 of its origin holds degrees, not
 * metres. `src` NULL: the working CRS. On a point out, returns what the
 * coordinates look like, *bad its index and *why a sentence (transfer full)
 * for the caller to put after the file, line and columns and before its own
 * advice. An unknown CRS passes (the transformation reports it). */
typedef enum {
    GA_COORDS_OK,
    GA_COORDS_DEGREES,  /* longitude/latitude where metres are expected */
    GA_COORDS_METRES,   /* projected metres where degrees are expected */
    GA_COORDS_ELSEWHERE, /* out of the area, neither of the above */
    GA_COORDS_NOMEM      /* ga_crs_check_coords: out of memory (recorded), nothing checked */
} ga_coords_look;
ga_coords_look ga_crs_check_coords(ga_ctx *ctx, const char *src, const double *x, const double *y,
                                   size_t n, size_t *bad, char **why);
/* The same check prepared once for many calls (a shapefile's records).
 * *out NULL (every check passes) when PROJ cannot reason about `src`;
 * GA_ERR_NOMEM when memory runs out. */
typedef struct ga_coord_check ga_coord_check;
ga_status ga_coord_check_new(ga_ctx *ctx, const char *src, ga_coord_check **out);
ga_coords_look ga_coord_check_run(ga_coord_check *c, const double *x, const double *y, size_t n,
                                  size_t *bad, char **why);
void ga_coord_check_free(ga_coord_check *c);

#endif
