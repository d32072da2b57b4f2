/* The figures a report shows beyond the result's own arrays (study/pipeline.h),
 * derived here in the library so that the report's writer only formats:
 * the people beyond each nearest threshold, per scenario the communes that
 * change most (nearest times and APL) and the APL's means, and the inputs
 * with their provenance and licence (study/provenance.h). */
#ifndef GA_STUDY_DIGEST_H
#define GA_STUDY_DIGEST_H

#include "study/pipeline.h"

/* One commune's change between the base and a scenario. */
typedef struct {
    size_t commune;       /* index among the study's communes */
    double base, scen;    /* minutes (INFINITY: none within reach) or APL */
    double delta;         /* scen - base (INFINITY: gains its first facility, -INFINITY: loses its last;
                           * for times, read -INFINITY as a gain) */
} ga_digest_change;

/* The communes of one measure that change most: a nearest type (type set)
 * or the APL (type NULL). */
typedef struct {
    const char *type;     /* borrowed from the scenario run's types; NULL: the APL */
    size_t changed;       /* communes whose value changes (both runs known) */
    ga_digest_change *top;/* the largest changes first (ties: commune order) */
    size_t n_top;
} ga_digest_measure;

typedef struct {
    const char *name, *description; /* borrowed */
    size_t added, removed, changed, retired;
    double apl_base, apl_scen;      /* means weighted by standardised population (NAN without APL) */
    ga_digest_measure *measures;    /* the types whose times change, then the APL */
    size_t n_measures;
} ga_digest_scenario;

/* One input file of the study with what its PROVENANCE file says. */
typedef struct {
    char *key;            /* "communes.path" */
    char *path;           /* as resolved by the study */
    char *shown;          /* the same relative to the study file's folder when inside it */
    char *title;          /* the PROVENANCE file's first line, or NULL */
    char *licence;        /* its licence lines, or NULL */
} ga_digest_input;

typedef struct {
    double *beyond;       /* [k * n_thresholds + t]: people of nearest type k beyond threshold t */
    double *routed;       /* [k]: people whose time to type k is known (the shares' base) */
    ga_digest_scenario *scen;
    size_t n_scen;
    ga_digest_input *inputs;
    size_t n_inputs;
    double zone_people;   /* people of the zones blanches */
    double ring_people;   /* people of the ring (0: no ring) */
    double *apl_diff;     /* per commune: our APL - the official one (NAN unknown), or NULL */
    char *study_text;     /* the effective study (ga_study_print) */
} ga_study_digest;

/* Derives the digest of `r`, keeping the `top` largest changes per measure
 * and scenario. Caller frees *out with ga_study_digest_free(). */
ga_status ga_study_digest_make(ga_ctx *ctx, const ga_study_result *r, size_t top, ga_study_digest **out);
void ga_study_digest_free(ga_study_digest *d);

#endif
