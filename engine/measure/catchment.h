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

/* One threshold of a catchment set, for its summary: the catchments at the
 * threshold (polygons, median area) and the people of the communes whose
 * nearest facility is within it. */
typedef struct {
    double threshold;      /* as given to ga_catchments_summarise */
    size_t polygons;
    double median_km2;     /* NAN: no polygon */
    double people;         /* within the threshold (inclusive) */
    double total;          /* of the communes routed: the share's base */
    size_t unknown;        /* communes not routed (near NAN), out of the share */
    double unknown_people;
} ga_catchment_summary;

/* out[q] for the q-th smallest of thresholds[0..nt) (the thresholds of `c`,
 * made with one row per facility and threshold, ascending): near[i] is the
 * cost from commune i to its nearest facility (NAN: not routed) in the
 * unit of the thresholds times `scale` (1000 for km against metres);
 * pop[i] its people (NAN counts 0). */
void ga_catchments_summarise(const ga_catchments *c, const double *thresholds, size_t nt, double scale,
                             const double *near, const double *pop, size_t n, ga_catchment_summary *out);

#endif
