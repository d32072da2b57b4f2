/* The APL family for every profession of the BPE (issue 13): dentists,
 * midwives, nurses, physiotherapists and pharmacies beside the GPs, on the
 * GP APL's commune table (the same bands and the same ring of neighbouring
 * communes). Supply: the BPE headcount; demand: the total population, or
 * the population weighted by age bands when the study gives weights. */
#ifndef GA_STUDY_PROFESSIONS_H
#define GA_STUDY_PROFESSIONS_H

#include "study/inputs.h"

typedef struct {
    const char *name;  /* the study file's word and the column's suffix */
    const char *bpe;   /* its BPE 2019 TYPEQU */
    const char *label; /* plural, for the summary */
} ga_profession;

/* The known professions ("gp" is the GP APL of apl.type), or NULL. */
const ga_profession *ga_profession_find(const char *name);
/* "gp, dentist, ..." (transfer full). */
char *ga_profession_names(void);

/* One profession's APL over the study's communes. */
typedef struct {
    const ga_profession *prof;
    double *apl;            /* n: per 100,000 people (NAN not routed); GP: borrowed */
    double *demand;         /* n: the demand used (people or age-weighted people) */
    double headcount, headcount_ring; /* the study's, the ring's */
    char *demand_text;      /* "total population" or what weighted it */
    ga_apl_summary summary; /* threshold: the lowest decile of people */
} ga_profession_apl;

/* Where the supply and the age weights come from. */
typedef struct {
    const char *bpe, *bpe_commune, *bpe_type, *bpe_count; /* the study's BPE */
    /* "" or NULL: no age weights. Weights: a column age_band and one
     * column per weighted profession, named by it; population: a commune
     * code column (insee_code, insee, codgeo, code or id) and one column per
     * age band, with a row for every commune of the study and of the ring. */
    const char *age_weights, *age_population;
} ga_profession_files;

/* Computes out[k] for each k with out[k].prof set and not "gp": the
 * headcount of the study's BPE (and of the ring's) at each commune, the
 * demand, ga_apl_headcount over `table` (the n study communes then the
 * ring's, as the GP APL's table) and the summary with the lowest decile as
 * threshold. `pop` is the study's total population (NAN counts 0). */
ga_status ga_professions_compute(ga_ctx *ctx, const ga_profession_files *f, const ga_communes *study,
                                 const double *pop, const ga_ring *ring, const ga_od *table,
                                 ga_profession_apl *out, size_t n_out);

/* Frees what ga_professions_compute allocated (not the GP's borrowed APL). */
void ga_profession_apl_clear(ga_profession_apl *p);

/* The lowest share of people the summary's threshold marks. */
#define GA_PROFESSION_LOW_SHARE 0.1

#endif
