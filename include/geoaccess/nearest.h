/* geoaccess: nearest service from a cost table. */
#ifndef GEOACCESS_NEAREST_H
#define GEOACCESS_NEAREST_H

#include "core.h"
#include "od.h"

#ifdef __cplusplus
extern "C" {
#endif

/* For each origin of `od`, the cheapest and second cheapest destination
 * among those whose `mask` entry is non-zero (mask NULL: all). Ties go to the
 * lower destination index, so results do not depend on pair order.
 * Outputs have od->n_from entries; an origin with no reachable destination
 * gets index -1 and cost INFINITY; an origin that could not be routed
 * (ga_od_from_unknown) index -1 and cost NAN (unknown). second/second_cost
 * may be NULL. */
void ga_nearest(const ga_od *od, const unsigned char *mask, long *first, double *first_cost,
                long *second, double *second_cost);

#ifdef __cplusplus
}
#endif
#endif
