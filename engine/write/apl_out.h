/* The files of `geoaccess apl`: per commune id, name (with a commune
 * layer), std_pop, population, supply, apl, as a CSV and, with a commune
 * layer, a shapefile of the communes. Writes what study/apl_run.h
 * computed; computes nothing. */
#ifndef GA_WRITE_APL_OUT_H
#define GA_WRITE_APL_OUT_H

#include "study/apl_run.h"

/* The CSV `csv` first, then the shapefile `shp` when r has a layer. */
ga_status ga_apl_run_write(ga_ctx *ctx, const ga_apl_run_result *r, const char *csv, const char *shp);

#endif
