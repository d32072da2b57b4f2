/* `geoaccess fca` as a small pipeline: a demand table and a supply table
 * (id and value columns), the costs between them (a cost matrix, or a cost
 * model between the tables' coordinates), then one accessibility measure
 * per demand row. Part of the study stage: computes, writes nothing
 * (write/access_out.h writes id,access). */
#ifndef GA_STUDY_FCA_H
#define GA_STUDY_FCA_H

#include "geoaccess.h"
#include "layer/table.h"

/* The measures of the command: the FCA family (ga_fca_method) and the
 * others over the same inputs. */
typedef enum {
    GA_STUDY_FCA,
    GA_STUDY_GRAVITY,
    GA_STUDY_CUMULATIVE,
    GA_STUDY_CLOSEST,
    GA_STUDY_AVAILABILITY
} ga_study_fca_kind;

/* "2sfca"... (an FCA method, in *fm), "gravity", "cumulative", "closest" or
 * "availability", any case; false when none. */
bool ga_study_fca_kind_parse(const char *name, ga_study_fca_kind *kind, ga_fca_method *fm);

typedef struct {
    const char *demand, *supply;     /* CSV tables */
    const char *id_col;              /* both tables' id column (NULL: "id") */
    const char *demand_col, *supply_col; /* NULL: "population", "capacity" */
    const char *matrix;              /* cost matrix CSV, or NULL: `model` between the tables' x,y */
    ga_od_read_options matrix_cols;
    const char *crs;                 /* without a matrix: CRS of the tables' x,y (NULL: working CRS) */
    ga_cost_model *model;            /* without a matrix; opened before (it may set the working CRS) */
    ga_study_fca_kind kind;
    ga_fca_method method;            /* GA_STUDY_FCA */
    const ga_decay *decay;           /* NULL only for closest and cumulative without a cutoff */
    double max_cost;                 /* > 0: pairs costing more are dropped */
    double cutoff;                   /* cumulative: supply within this cost */
    double nth;                      /* closest: units of supply to reach */
    double alpha;                    /* availability: the population balancing exponent */
} ga_study_fca_options;

typedef struct {
    size_t n;                /* demand rows */
    const char **ids;        /* the demand ids, NULL-terminated (borrowed from the demand table) */
    double *demand, *access; /* per demand row; access NAN: unknown (not routed) */
    size_t n_unknown;        /* demand rows not routed */
    double demand_unknown;   /* their demand */
    /* owned inputs */
    ga_table *td, *ts;
    const char **sids;
    double *supply;
    ga_od *od;
} ga_study_fca_result;

/* Reads the tables, makes the costs and computes the measure into *out
 * (zeroed first; free with ga_study_fca_result_clear() even on failure). */
ga_status ga_study_fca_run(ga_ctx *ctx, const ga_study_fca_options *o, ga_study_fca_result *out);
void ga_study_fca_result_clear(ga_study_fca_result *r);

#endif
