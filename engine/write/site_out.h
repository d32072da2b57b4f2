/* The files of a siting run (include/geoaccess/site.h): OUT/sites.csv
 * (rank,insee,nom,x,y,gain,cumulative_gain: one row per site in the order
 * chosen, insee empty for a point), OUT/sites_scenario.ini (the sites as a
 * scenario file `geoaccess scenario` reads: [add site-R] with the type,
 * the commune or x/y with round-trip precision, the capacity) and the map
 * OUT/sites_OBJECTIVE.png. Computes nothing. */
#ifndef GA_WRITE_SITE_OUT_H
#define GA_WRITE_SITE_OUT_H

#include "study/site.h"

typedef struct {
    const ga_site_options *options;
    const ga_site_candidates *candidates;
    const char *rule_text;      /* zones: the rule as given, for the description */
} ga_site_write_info;

/* Appends the paths written to `written` (may be NULL). */
ga_status ga_site_write(ga_ctx *ctx, const ga_plan_data *d, const ga_site_result *r, const ga_site_write_info *w,
                        const char *out_dir, GString *written);

/* The name and the place of chosen site k: commune code and name, or ""
 * and the point's name. */
void ga_site_label(const ga_plan_data *d, const ga_site_result *r, const ga_site_candidates *c, size_t k,
                   const char **insee, const char **nom);

#endif
