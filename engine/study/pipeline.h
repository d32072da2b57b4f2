/* The result of a study run (include/geoaccess/study.h): every figure the
 * summary prints and the outputs write, computed by the library. Private
 * while the layer types it holds are the loaders' (load/load.h); read by
 * the CLI (printing) and write/study_out.h (files). */
#ifndef GA_STUDY_PIPELINE_H
#define GA_STUDY_PIPELINE_H

#include "geoaccess.h"
#include "geoaccess/study.h"
#include "study/cost_source.h"
#include "study/inputs.h"
#include "study/professions.h"
#include "study/sensitivity.h"
#include "study/study_file.h"

/* The nearest facility of one type per study commune. */
typedef struct {
    char *type;              /* the facility type (its prefix in the tables) */
    const char *label;       /* e.g. "maternity unit" */
    ga_points *fac;          /* the study's facilities, then the ring's */
    size_t n_fac, n_ring_fac;
    double *time;            /* minutes (INFINITY none within reach, NAN not routed) */
    double *time_alone;      /* the same among the study's facilities only */
    double *dist;            /* km, straight line to that facility */
    const char **near_id;    /* its id (NULL none), borrowed from fac */
} ga_study_nearest;

typedef struct {
    char *type;              /* the supply's facility type */
    double acts;             /* consultations a year per unit of capacity */
    double *apl, *apl_alone; /* with the ring, without */
    ga_apl_summary summary, summary_alone;
    double *official;        /* the official APL per commune (NAN unknown), or NULL */
    char *official_path;
    double official_mean, correlation;
    size_t official_communes_under;
    double official_people_under;
} ga_study_apl;

struct ga_study_result {
    const ga_study *study;
    char *name;                 /* study.name */
    ga_cost_source cost;
    char *model_text;           /* the cost model in words */
    ga_plan_data data;          /* communes, population, facilities, ring */
    size_t n;                   /* study communes */
    double total_pop;
    ga_points *origins;         /* one point per commune */
    double reach_minutes, ring_reach;
    double *thresholds;         /* nearest.thresholds */
    size_t n_thresholds;
    ga_study_nearest *nearest;  /* nearest.types */
    size_t n_nearest;
    ga_study_apl apl;
    ga_od *apl_table;           /* the APL's commune table (with the ring's communes when
                                 * there is a ring), routed once, reused by the scenarios */
    bool has_apl, has_official;
    /* apl.professions: the APL of each (the GPs' is apl above) */
    ga_profession_apl *prof;
    size_t n_prof;
    /* coverage of one type (coverage.type) at each threshold */
    char *cov_type;
    ga_coverage **cov;
    size_t n_cov;
    /* zones blanches (zones.rule over the nearest times): the rows */
    char *zone_rule, *zone_name, *zone_type;
    size_t *zone_rows, n_zone_rows;
    /* zones.sensitivity: the rule over the default grid of assumptions, or NULL */
    ga_plan_sensitivity *zone_sens;
    /* scenarios on the same cost model */
    ga_scenario **scen;
    char **scen_paths;
    size_t n_scen;
    ga_scenario_run *srun;
    double scen_threshold, apl_threshold;
    /* which outputs the study asks for */
    GStrv tables, shapefiles, maps;
};

/* The nearest entry of `type`, or NULL. */
const ga_study_nearest *ga_study_result_nearest(const ga_study_result *r, const char *type);

/* true when `list` (NULL-terminated) holds `word`. */
bool ga_study_wants(GStrv list, const char *word);

#endif
