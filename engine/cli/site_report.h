/* The summary `geoaccess site` prints, shared with `run` (a study's
 * [site] section). Implemented in cmd_site.c. */
#ifndef GA_CLI_SITE_REPORT_H
#define GA_CLI_SITE_REPORT_H

#include "study/site.h"

void ga_site_print(const ga_plan_data *d, const ga_site_result *r, const ga_site_candidates *c,
                   const ga_site_options *o);

#endif
