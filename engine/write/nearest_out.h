/* The files of `geoaccess nearest`: per commune insee, nom, pop, then per
 * facility type TYPE_id, TYPE_min, TYPE_km, TYPE_id2, TYPE_min2 (empty when
 * none is reachable), as a shapefile of the communes and a CSV. Writes what
 * study/nearest.h computed; computes nothing. */
#ifndef GA_WRITE_NEAREST_OUT_H
#define GA_WRITE_NEAREST_OUT_H

#include "study/nearest.h"

/* The shapefile `shp` first, then the CSV `csv` (not written when the
 * shapefile fails); `t` has n_types entries. */
ga_status ga_nearest_write(ga_ctx *ctx, const ga_plan_data *d, const ga_plan_nearest_type *t,
                           size_t n_types, const char *csv, const char *shp);

#endif
