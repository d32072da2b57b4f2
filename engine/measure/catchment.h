/* Catchments, private to the engine: what the writers (write/catchments.c,
 * write/catchment_map.c) read of a set besides the public accessors of
 * geoaccess/catchment.h. measure/catchment.c computes; it never writes. */
#ifndef GA_MEASURE_CATCHMENT_H
#define GA_MEASURE_CATCHMENT_H

#include "core/internal.h"

/* Transfer none; owned by the catchment set. */
const GEOSGeometry *ga_catchments_geometry(const ga_catchments *c, size_t i);

/* The metric of the thresholds: GA_METRIC_TIME (minutes) or
 * GA_METRIC_DISTANCE (metres). */
ga_metric ga_catchments_metric(const ga_catchments *c);
/* Threshold i in the unit shown to people: minutes, or km for distance;
 * the unit's name in *unit ("min" or "km"). */
double ga_catchments_threshold_shown(const ga_catchments *c, size_t i, const char **unit);
/* The map legend's label of a raw threshold of the set: "within 20 min",
 * "within 5 km" (not 5000). */
void ga_catchments_legend_label(const ga_catchments *c, double threshold, char *buf, size_t len);

#endif
