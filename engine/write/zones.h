/* The communes of a zone blanche (measure/zones.h) as a CSV and a polygon
 * shapefile: code, name, population and the values the rule looks at. */
#ifndef GA_WRITE_ZONES_H
#define GA_WRITE_ZONES_H

#include "measure/zones.h"

/* Writes `shp` then `csv` (the shapefile first: it has more ways to fail)
 * with the same columns: insee, nom, pop (pop[i]), then for each type of
 * the rule TYPE_min and/or TYPE_km (those it uses; none within reach
 * empty), then apl when the rule uses it. */
ga_status ga_zone_write(ga_ctx *ctx, const ga_communes *c, const double *pop, const ga_zone_values *v,
                        const ga_zone_rule *r, const ga_zone_selection *s, const char *csv, const char *shp);

#endif
