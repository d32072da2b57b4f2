/* geoaccess: commune polygons and point layers (facilities, origins).
 *
 * Every geometry is transformed into the context's working metric CRS
 * (default EPSG:2154, Lambert-93) when loaded.
 */
#ifndef GEOACCESS_LAYER_H
#define GEOACCESS_LAYER_H

#include <stdbool.h>
#include "core.h"
#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- communes (polygons) ---- */

typedef struct ga_communes ga_communes;

typedef enum {
    GA_INVALID_REPAIR = 0, /* repair with GEOS MakeValid, and warn (default) */
    GA_INVALID_REFUSE = 1  /* refuse with GA_ERR_GEOMETRY */
} ga_invalid_policy;

typedef struct {
    /* Field names; NULL picks the first existing of the defaults:
     * id: INSEE_COM, insee, insee_code, code, CODGEO;
     * name: NOM, nom, NOM_COM, name, LIBGEO;
     * population: POPULATION, population, pop (optional field). */
    const char *id_field;
    const char *name_field;
    const char *population_field;
    ga_invalid_policy invalid;
    /* Source CRS when the shapefile has no .prj (NULL: a missing .prj is an
     * error). */
    const char *assume_crs;
} ga_communes_options;

/* Reads a polygon shapefile (Polygon records; rings grouped into a
 * (Multi)Polygon by orientation), or, when the path ends in .csv, .tsv or
 * .txt, a table of commune points (the code, name and population columns as the
 * fields above; x,y in `assume_crs` (default: the working CRS) or lon,lat in
 * WGS84, as ga_points_read_csv): communes without polygons (no area, no
 * maps), enough for every measure. Caller frees with ga_communes_free(). */
ga_status ga_communes_read(ga_ctx *ctx, const char *shp_path,
                           const ga_communes_options *opts, ga_communes **out);
void ga_communes_free(ga_communes *c);
/* False for communes read from a table of points. */
bool ga_communes_has_polygons(const ga_communes *c);

size_t ga_communes_count(const ga_communes *c);
const char *ga_communes_path(const ga_communes *c);
const char *ga_communes_id(const ga_communes *c, size_t i);
const char *ga_communes_name(const ga_communes *c, size_t i);
/* Population from the shapefile field, or NAN when there is no such field. */
double ga_communes_population(const ga_communes *c, size_t i);
/* Area in square metres (working CRS); NAN without polygons. */
double ga_communes_area(const ga_communes *c, size_t i);
/* Representative point (GEOS point-on-surface unless replaced). */
void ga_communes_point(const ga_communes *c, size_t i, double *x, double *y);
/* Index of a commune by id, or -1. */
long ga_communes_find(const ga_communes *c, const char *id);
/* Attribute value of a DBF field as UTF-8 text (transfer none), NULL when the
 * field does not exist. */
const char *ga_communes_attribute(const ga_communes *c, size_t i,
                                  const char *field);
/* Replaces representative points with coordinates from a table
 * (id column, x and y columns, in `crs`, NULL meaning the working CRS; the
 * DREES uses the chef-lieu). Communes absent from the table keep theirs and
 * are counted in a warning. */
ga_status ga_communes_set_points(ga_ctx *ctx, ga_communes *c, const ga_table *t,
                                 const char *id_col, const char *x_col,
                                 const char *y_col, const char *crs);
/* Joins a numeric column onto the communes (NAN where unmatched); see
 * ga_table_join_double for the reporting of unmatched keys. */
ga_status ga_communes_join(ga_ctx *ctx, const ga_communes *c, const ga_table *t,
                           const char *key_col, const char *value_col,
                           double *values /* count entries */);

/* ---- French commune codes a table and a layer spell differently ----
 *
 * Tables give Paris, Lyon and Marseille by arrondissement (75101-75120,
 * 69381-69389, 13201-13216) where commune layers often have the whole
 * commune (75056, 69123, 13055), or the other way round; the DREES APL 2023
 * (COG 2024) has rows for communes restored after 2018 whose land a 2018
 * layer keeps inside another (14666 Sannerville in 14712 Troarn; 85165 L'Oie
 * and 85212 Sainte-Florence in 85084 Essarts-en-Bocage); national tables
 * have overseas rows (97x, 98x) a metropolitan layer has no polygon for.
 * A code folder maps a table's codes onto a layer's communes:
 *  - a code of the layer is itself (a layer with the arrondissements keeps
 *    them);
 *  - an arrondissement goes to its commune when the layer has the commune
 *    and not the arrondissement; a restored commune likewise to the commune
 *    holding its land;
 *  - an overseas code is left out, and counted, when the layer has no
 *    overseas commune;
 *  - 75056/69123/13055 when the layer has the arrondissements instead cannot
 *    be split: left out and said so.
 * Only additive quantities (people, practitioners, equipment) may be folded
 * by summing; a rate (an APL) may not. */
typedef enum {
    GA_CODE_SAME = 0,
    GA_CODE_ARRONDISSEMENT,  /* folded into its commune */
    GA_CODE_RESTORED,        /* folded into the commune holding its land */
    GA_CODE_OVERSEAS,        /* left out of a metropolitan layer */
    GA_CODE_WHOLE_CITY,      /* the layer has the arrondissements: left out */
    GA_CODE_UNKNOWN          /* no commune of the layer */
} ga_code_fold;

typedef struct ga_code_folder ga_code_folder;
/* A folder onto n commune codes (copied). Caller frees the result with ga_code_folder_free(). */
ga_code_folder *ga_code_folder_new(const char *const *ids, size_t n);
void ga_code_folder_free(ga_code_folder *f);
/* Index among the ids of the commune a table's code goes to, or -1; `how`
 * (may be NULL) says why. Each call is tallied with `amount` (the row's
 * people or count) for ga_code_folder_report. */
long ga_code_folder_resolve(ga_code_folder *f, const char *code, double amount,
                            ga_code_fold *how);
/* Warnings for the codes tallied since the last report (then reset): rows
 * folded (per city), overseas rows left out, whole cities that cannot be
 * split, unknown codes (count and first examples). `table` names the
 * source, `layer` the communes (NULL: "the layer", and unknown codes are
 * left to the caller to report), `what` the quantity ("people", "GPs"). */
void ga_code_folder_report(ga_ctx *ctx, ga_code_folder *f, const char *table,
                           const char *layer, const char *what);
/* Sums a numeric column of `t` onto n commune codes through a code folder:
 * values[i] = the sum over the rows whose code goes to ids[i], NAN when none
 * does. Reports the folds and the unmatched codes on both sides (`what`
 * names the quantity; NULL: no warnings). For additive quantities only. */
ga_status ga_table_join_sum_codes(ga_ctx *ctx, const ga_table *t, size_t key_col,
                                  size_t value_col, const char *const *ids, size_t n,
                                  const char *layer, const char *what, double *values);

/* ga_table_join_sum_codes onto the communes of a layer, by column names:
 * for people (total or standardised population), never for a rate. */
ga_status ga_communes_join_sum(ga_ctx *ctx, const ga_communes *c, const ga_table *t,
                               const char *key_col, const char *value_col,
                               double *values /* count entries */);

/* ---- points (facilities, origins, destinations) ---- */

typedef struct ga_points ga_points;

typedef struct {
    const char *id_col;       /* default: id, then the first column */
    /* Coordinates: x_col/y_col in `crs` (default working CRS), or
     * lon_col/lat_col in WGS84. NULL: detect x,y / lon,lat / longitude,latitude. */
    const char *x_col, *y_col;
    const char *lon_col, *lat_col;
    const char *crs;
    const char *type_col;     /* optional */
    const char *capacity_col; /* optional; capacity 1 when absent */
} ga_points_options;

/* Reads points from a CSV table. Caller frees *out with ga_points_free(). */
ga_status ga_points_read_csv(ga_ctx *ctx, const char *path,
                             const ga_points_options *opts, ga_points **out);
/* Reads points from a point shapefile (id/type/capacity fields by name).
 * Caller frees *out with ga_points_free(). */
ga_status ga_points_read_shp(ga_ctx *ctx, const char *shp_path,
                             const ga_points_options *opts, ga_points **out);
/* Communes' representative points as a point layer (ids = commune ids).
 * Caller frees *out with ga_points_free(). */
ga_status ga_points_from_communes(ga_ctx *ctx, const ga_communes *c,
                                  ga_points **out);
/* An empty layer to fill with ga_points_add (for tests and generated data).
 * Caller frees the result with ga_points_free(). */
ga_points *ga_points_new(void);
/* Copies id and type. */
void ga_points_add(ga_points *p, const char *id, double x, double y,
                   const char *type, double capacity);
void ga_points_free(ga_points *p);

size_t ga_points_count(const ga_points *p);
const char *ga_points_id(const ga_points *p, size_t i);
/* NULL-terminated-free array of the n ids (transfer none). */
const char *const *ga_points_ids(const ga_points *p);
void ga_points_xy(const ga_points *p, size_t i, double *x, double *y);
const char *ga_points_type(const ga_points *p, size_t i); /* "" when none */
double ga_points_capacity(const ga_points *p, size_t i);
/* Commune index after ga_points_assign_communes, or -1. */
long ga_points_commune(const ga_points *p, size_t i);

/* Facilities given as counts per commune (INSEE BPE style: one row per
 * commune (or IRIS) and equipment type, with a count). Rows of `type` are
 * summed per commune; each commune with a positive count gets one point at
 * its representative point, id "TYPE-CODE", capacity = the count, already
 * assigned to its commune. Codes absent from the communes are warned about.
 * Caller frees *out with ga_points_free(). */
ga_status ga_points_from_counts(ga_ctx *ctx, const ga_table *t, const char *commune_col,
                                const char *type_col, const char *count_col, const char *type,
                                const ga_communes *c, ga_points **out);

/* Assigns each point to the commune containing it (GEOS STRtree + prepared
 * geometries; a point on a shared border goes to the lowest index).
 * GA_ERR_OUTSIDE naming the point id and coordinates when one lies outside
 * every commune, unless `allow_outside`, which leaves -1 and warns.
 * Communes without polygons (read from points): the commune whose point is
 * nearest, never outside. */
ga_status ga_points_assign_communes(ga_ctx *ctx, ga_points *p,
                                    const ga_communes *c, bool allow_outside);

/* ---- describing inputs ---- */

typedef enum {
    GA_LAYER_POLYGONS,
    GA_LAYER_POINTS,
    GA_LAYER_LINES,
    GA_LAYER_OTHER
} ga_layer_kind;

/* The geometry kind of a shapefile (reads only its header). */
ga_status ga_shapefile_kind(ga_ctx *ctx, const char *shp_path, ga_layer_kind *out);

/* A description of any input geoaccess reads (shapefile, CSV table, OSM
 * extract): kind, geometry type, CRS, record count, fields with their types,
 * extent; as text for a person (transfer full). */
ga_status ga_describe_file(ga_ctx *ctx, const char *path, char **text_out);

/* ---- CRS ---- */

/* Transforms n coordinates in place from `src` (any PROJ string: EPSG:4326,
 * WKT, PROJJSON) to the working CRS, with x = easting / longitude order. */
ga_status ga_transform_to_working(ga_ctx *ctx, const char *src, double *x,
                                  double *y, size_t n);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header). */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_communes, ga_communes_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_code_folder, ga_code_folder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_points, ga_points_free)
#endif

#endif
