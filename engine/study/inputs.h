/* The inputs of a study (the embedded Hérault default or the user's
 * communes and facilities, with the ring of neighbouring communes) and the
 * two measures over them the planning commands share. Part of the study
 * stage: it may use core, load, graph, route and measure, never write or
 * the CLI. */
#ifndef GA_STUDY_INPUTS_H
#define GA_STUDY_INPUTS_H

#include "geoaccess.h"
#include "core/internal.h"
#include "layer/communes.h"
#include "layer/points.h"
#include "layer/table.h"
#include "load/load.h"

/* ---- inputs ---- */

typedef struct ga_ring ga_ring; /* study/ring.h */

typedef struct {
    char *data;          /* --data DIR (default: embedded) */
    char *communes;      /* --communes SHP (replaces the default communes) */
    char *facilities;    /* --facilities FILE (replaces the default facilities) */
    char *id_col, *type_col, *capacity_col, *age_col, *crs;
    char *types;         /* --types a,b,c (default: every type present) */
} ga_plan_input_options;


typedef struct {
    ga_communes *communes;
    double *pop;         /* total population (NAN: unknown, counts 0) */
    double *pop_std;     /* standardised population for the APL, or NULL */
    ga_points *fac;      /* every facility, its type in ga_points_type */
    double *ages;        /* per facility, or NULL */
    GPtrArray *types;    /* char*: the facility types asked for, in order */
    bool embedded;       /* the Hérault default */
    /* the embedded default's ring of neighbouring communes (study/ring.h), or
     * NULL: its facilities are in `fac` with commune index n + k (k in the
     * ring), after the study's; ga_plan_apl counts its people and GPs */
    ga_ring *ring;
    ga_points *ring_points; /* the ring's communes' points (ga_plan_scenario_ring) */
    char *what;          /* one line describing the inputs */
    GString *sources;    /* the maps' sources line: the data sets loaded (study/sources.h) */
    GString *notes;      /* notes for the summary (placements...) */
} ga_plan_data;

/* The embedded default's facility types: prefix, BPE TYPEQU (NULL: FINESS
 * establishments), label. */
typedef struct {
    const char *prefix, *bpe, *label;
    bool file; /* study files: the facilities of this type in the facilities file */
} ga_plan_type;
extern const ga_plan_type ga_plan_default_types[];
extern const size_t ga_plan_n_default_types;
const char *ga_plan_type_label(const char *prefix);

/* The files of a study's inputs (study file sections [communes], [demand],
 * [facilities], [study_area]). */
typedef struct {
    const char *communes, *communes_id;  /* id NULL or "": the layer's default */
    const char *demand;                  /* NULL or "": the communes' population field */
    const char *demand_id, *population, *std_population;
    const char *bpe, *bpe_commune, *bpe_type, *bpe_count;
    const char *finess;
    /* any CSV or point shapefile of facilities, for the types `file` */
    const char *facilities, *fac_id, *fac_type, *fac_capacity, *fac_crs;
    const ga_plan_type *types;           /* bpe NULL: FINESS establishments */
    size_t n_types;
    const char *ring;                    /* the ring's folder, or NULL/"" */
    bool ring_if_present;                /* a ring folder without ring.ini: no ring */
} ga_study_inputs_files;

/* Loads communes, demand and facilities of every type (the study's, then
 * the ring's with commune index n + k) into *d (zeroed, notes set). Does
 * not fill d->types. */
ga_status ga_study_inputs_load_files(ga_ctx *ctx, const ga_study_inputs_files *f, ga_plan_data *d);

/* Loads the inputs the options name: the embedded-style data folder
 * `o->data` (must be set), or the user's communes and facilities. */
ga_status ga_study_inputs_load(ga_ctx *ctx, const ga_plan_input_options *o, ga_plan_data *out);
void ga_plan_data_clear(ga_plan_data *d);
/* "'gp', 'pharm', ..." : the types of the facilities, in order of first
 * appearance (for messages); transfer full. */
char *ga_plan_known_types(const ga_plan_data *d);
/* The facilities of one type (copies, commune assignment kept). */
ga_points *ga_plan_facilities_of(const ga_plan_data *d, const char *type);
/* The same without the ring's (for outputs about each facility). */
ga_points *ga_plan_study_facilities_of(const ga_plan_data *d, const char *type);
/* Sets the scenario inputs' extra APL communes to the ring's, if any. */
void ga_plan_scenario_ring(ga_plan_data *d, ga_scenario_inputs *in);
/* Warns when `longest` minutes reach beyond the ring (study/ring.h). */
void ga_plan_check_reach(ga_ctx *ctx, const ga_plan_data *d, ga_cost_model *model, double longest);

/* FINESS establishments of the embedded data (corrected once in the file by
 * scripts/fix_finess_geocoding.py; the corrections are noted in `notes`). */
ga_status ga_plan_load_hospitals(ga_ctx *ctx, const char *path, const ga_communes *c,
                                 ga_points **out, GString *notes);

/* Points from a CSV, a point shapefile, or a polygon shapefile (their
 * points inside). */
ga_status ga_points_read_any(ga_ctx *ctx, const char *path, const ga_points_options *opts, ga_points **out);

/* Nearest facility of `type` per commune: time (minutes, INFINITY none
 * within reach, NAN commune not routed: unknown)
 * and index into `fac` (-1 none); second nearest optional. */
ga_status ga_plan_nearest(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d,
                          const ga_points *fac, double *time, long *first, double *time2,
                          long *second);

/* The APL to GPs per commune (facilities of `gp_type`, capacity x acts each,
 * commune -> commune times within 20 minutes); NULL summary allowed. */
ga_status ga_plan_apl(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d, const char *gp_type,
                      double acts, double *apl, ga_apl_summary *summary);

#endif
