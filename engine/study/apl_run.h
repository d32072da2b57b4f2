/* `geoaccess apl` as a small pipeline: the communes (a layer, or the
 * demand table's codes), their demand (standardised and total population,
 * or population by age band standardised with consumption weights), the
 * practitioners' counted activity per commune, the commune-to-commune times
 * (a matrix, or a cost model between the communes' points), then the APL
 * with its summary and inequality indices. Part of the study stage:
 * computes, writes nothing (write/apl_out.h). */
#ifndef GA_STUDY_APL_RUN_H
#define GA_STUDY_APL_RUN_H

#include "geoaccess.h"
#include "layer/table.h"

typedef struct {
    const char *communes;        /* commune polygons, or NULL: the demand table's codes */
    const char *demand;          /* population CSV, or NULL: the layer's population */
    const char *id_col, *std_col, *pop_col; /* demand columns (NULL: guessed) */
    const char *weights, *weight_col;       /* age-band weights CSV and its column, or NULL */
    const char *practitioners;   /* practitioners CSV */
    ga_apl_supply_options supply; /* its columns, age limit, activity per FTE */
    const char *x_col, *y_col, *crs; /* practitioners by coordinates (with a commune layer) */
    const char *matrix;          /* times CSV, or NULL: `model` between the communes' points */
    ga_od_read_options matrix_cols;
    ga_cost_model *model;        /* without a matrix; opened before (it may set the working CRS) */
    const ga_decay *decay;
    double intra, threshold;     /* minutes from a commune to itself; the summary's APL threshold */
} ga_apl_run_options;

typedef struct {
    size_t n;                    /* communes */
    const char **ids;            /* NULL-terminated, borrowed from the layer or the demand table */
    ga_communes *communes;       /* the layer, or NULL */
    double *std_pop, *pop, *supply, *apl; /* per commune; apl NAN: not routed */
    ga_apl_summary summary;
    double gini, theil;          /* of the APL over the routed communes, by standardised population */
    /* owned inputs */
    ga_table *demand_table;
} ga_apl_run_result;

/* Reads the inputs, makes the times and computes the APL into *out (zeroed
 * first; free with ga_apl_run_result_clear() even on failure). */
ga_status ga_apl_run(ga_ctx *ctx, const ga_apl_run_options *o, ga_apl_run_result *out);
void ga_apl_run_result_clear(ga_apl_run_result *r);

/* The Gini and Theil indices of x weighted by w over the entries whose x
 * is not NAN (each left 0 when it cannot be computed: no weight). */
void ga_apl_run_inequality(ga_ctx *ctx, const double *x, const double *w, size_t n, double *gini,
                           double *theil);

#endif
