/* `geoaccess site` as a small pipeline: the candidates (every study
 * commune, or a CSV of commune codes or of points), the base as the
 * scenarios see it (the same facilities, APL type and ring), then the
 * search of measure/site (include/geoaccess/site.h). Computes, writes
 * nothing (write/site_out.h). */
#ifndef GA_STUDY_SITE_H
#define GA_STUDY_SITE_H

#include "geoaccess/site.h"
#include "study/inputs.h"

typedef struct {
    ga_site_candidate *cand;
    size_t n;
    GPtrArray *keep;     /* the strings the candidates point at */
} ga_site_candidates;

/* path NULL: every study commune. Otherwise a CSV with a commune code
 * column (insee, insee_code, insee_com, codgeo, code_commune, commune) or
 * points (x,y in `crs`, default the working CRS, or lon,lat; id column
 * `id`, else the first). Fills *out (ga_site_candidates_clear frees it). */
ga_status ga_site_candidates_read(ga_ctx *ctx, const char *path, const char *crs, const ga_plan_data *d,
                                  ga_site_candidates *out);
void ga_site_candidates_clear(ga_site_candidates *c);

/* The scenario inputs of the base the sites are added to: those of
 * `geoaccess scenario` on the same data (APL type gp, `acts` per unit of
 * capacity, the ring). */
void ga_site_base_inputs(ga_plan_data *d, double acts, ga_scenario_inputs *in);

/* The search on the study's data. Caller frees *out with ga_site_result_free. */
ga_status ga_plan_site(ga_ctx *ctx, ga_cost_model *model, ga_plan_data *d, double acts,
                       const ga_site_candidates *c, const ga_site_options *o, ga_site_result **out);

#endif
