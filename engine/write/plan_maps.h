/* The maps of the planning commands and of a study run (geoaccess/map.h
 * draws them): nearest times, the APL (ours, beside the official one, their
 * difference), coverage, zones blanches and scenario deltas. Each takes
 * values the library computed; only a display value is derived (a delta, a
 * 0/1 flag), never a measure. */
#ifndef GA_WRITE_PLAN_MAPS_H
#define GA_WRITE_PLAN_MAPS_H

#include "geoaccess/map.h"
#include "study/inputs.h"

/* What every map of one run shares. */
typedef struct {
    const ga_plan_data *d;  /* communes, population, ring */
    const char *subtitle;   /* what, the cost model, the date of the data */
    const char *sources;    /* the sources line */
    ga_map_format format;
    const char *dir;        /* output folder */
    int width_px;           /* PNG width (0: A4 at 150 dpi) */
    GPtrArray *written;     /* char*: the paths written are appended (may be NULL) */
} ga_plan_maps;

/* The sources line of the inputs `d` loaded: the embedded default's data
 * sets by name, else the files' names (transfer full). */
char *ga_plan_maps_sources(const ga_plan_data *d);

/* NAME + extension: minutes to the nearest facility (INFINITY: none within
 * reach, drawn in the last class), classes 10-20-30-45, with `fac`. */
ga_status ga_plan_map_times(ga_ctx *ctx, const ga_plan_maps *m, const char *name, const char *title,
                            const double *minutes, const ga_points *fac);
/* map_apl (ours), and with `official`: map_apl_official (ours and the
 * official side by side, the same classes) and map_apl_difference (ours -
 * official, diverging around 0). `which`: "apl", "apl_official",
 * "apl_difference" or NULL for the three. */
ga_status ga_plan_map_apl(ga_ctx *ctx, const ga_plan_maps *m, const double *apl, const double *official,
                          const char *which);
/* A two-class map: flag[i] 1 (`yes`, dark) or 0 (`no`, light), NAN unknown. */
ga_status ga_plan_map_flags(ga_ctx *ctx, const ga_plan_maps *m, const char *name, const char *title,
                            const double *flag, const char *yes, const char *no, const ga_points *fac);
/* Coverage within `threshold` minutes: covered (time <= threshold) or not. */
ga_status ga_plan_map_coverage(ga_ctx *ctx, const ga_plan_maps *m, const char *name, const char *type_label,
                               const double *minutes, double threshold, const ga_points *fac);
/* The zones blanches: rows[0..n_rows) of the communes, the rule's text. */
ga_status ga_plan_map_zones(ga_ctx *ctx, const ga_plan_maps *m, const char *name, const char *rule,
                            const size_t *rows, size_t n_rows);
/* A delta (scenario - base), diverging palette centred on 0; high_is_good
 * for the APL, false for times. */
ga_status ga_plan_map_delta(ga_ctx *ctx, const ga_plan_maps *m, const char *name, const char *title,
                            const char *unit, const double *delta, bool high_is_good, const ga_points *fac);
/* The maps of scenario k of a run: the APL's delta if any, else the first
 * type's time delta (map_scenario_NAME). */
ga_status ga_plan_map_scenario(ga_ctx *ctx, const ga_plan_maps *m, const ga_scenario_run *r, size_t k);

#endif
