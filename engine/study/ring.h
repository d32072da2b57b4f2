/* The ring of neighbouring communes around the embedded Hérault default
 * (issue 9): their facilities serve Hérault, their people compete for
 * Hérault's GPs in the APL, and nothing of theirs is reported. Made by
 * geodata/tools/make_ring.c into DATA/ring/ (see its PROVENANCE.txt).
 *
 * Indices: a facility of the ring belongs to commune `offset + k`, k its
 * index in the ring's layer and `offset` the number of study communes, so
 * that study and ring communes form one list (study first). */
#ifndef GA_STUDY_RING_H
#define GA_STUDY_RING_H

#include "study/inputs.h"

typedef struct ga_ring {
    ga_communes *communes;  /* the ring's communes (none of the study's) */
    double *pop, *pop_std;  /* DREES 2021 per ring commune (0 when absent) */
    ga_table *bpe;          /* BPE 2019 health rows of the ring */
    char *hosp_path;        /* FINESS hospitals of the ring (x_l93, y_l93) */
    double minutes, detour, speed_kmh, width_km; /* what the ring was made for */
    char *dir;
} ga_ring;

/* Loads DATA/ring/; *out = NULL (GA_OK) when the folder has no ring. */
ga_status ga_ring_load(ga_ctx *ctx, const char *data, ga_ring **out);
/* Loads the ring folder `dir` (its ring.ini must exist). */
ga_status ga_ring_open(ga_ctx *ctx, const char *dir, ga_ring **out);
void ga_ring_free(ga_ring *r);

/* The ring's facilities of one of the embedded default's types (BPE counts
 * at their commune's point, or FINESS hospitals), commune offset + k. */
ga_status ga_ring_facilities(ga_ctx *ctx, const ga_ring *r, const ga_plan_type *ty, long offset,
                             ga_points **out);

/* The longest time (minutes) the ring guarantees under `model`: a facility
 * beyond it is further than that from every study commune. For the
 * straight-line model, width x detour / speed; for a road model, NAN (a road
 * can be faster than the straight-line model's speed). Warns when `longest`
 * (what the study asks for) is more. */
double ga_ring_reach(ga_ctx *ctx, const ga_ring *r, ga_cost_model *model, double longest);

/* The points of the APL's communes: the study's, then the ring's (each
 * commune's representative point, id its code). Caller frees. */
ga_points *ga_ring_apl_points(const ga_communes *study, const ga_ring *r);

/* The APL of the study communes with the ring: demand of study and ring
 * communes, supply[] of n_study + ring communes (consultations a year),
 * commune -> commune times within 20 minutes; apl[] gets the n_study values.
 * With `table`, *table gets that table (study then ring communes; the
 * caller frees it with ga_od_free) for the scenarios to reuse. */
ga_status ga_ring_apl(ga_ctx *ctx, ga_cost_model *model, const ga_communes *study,
                      const double *pop_std, const double *pop, const ga_ring *r,
                      const double *supply, double *apl, ga_od **table);


/* Code of commune `idx` of the joined list (study, then ring). */
const char *ga_ring_commune_id(const ga_communes *study, const ga_ring *r, long idx);

#endif
