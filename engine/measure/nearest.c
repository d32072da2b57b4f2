/* Nearest and second-nearest destination per origin. */
#include <math.h>
#include "core/internal.h"
#include "geoaccess/nearest.h"

void ga_nearest(const ga_od *od, const unsigned char *mask, long *first, double *first_cost,
                long *second, double *second_cost) {
    for (size_t i = 0; i < od->n_from; i++) {
        long b1 = -1, b2 = -1;
        double c1 = INFINITY, c2 = INFINITY;
        if (ga_od_from_unknown(od, i)) c1 = c2 = NAN; /* not routed: unknown, no pairs */
        /* pairs are sorted by destination: strict < keeps the lower index on ties */
        for (size_t k = od->row_start[i]; k < od->row_start[i + 1]; k++) {
            uint32_t j = od->to[k];
            if (mask && !mask[j]) continue;
            double c = od->cost[k];
            if (c < c1) {
                b2 = b1;
                c2 = c1;
                b1 = (long)j;
                c1 = c;
            } else if (c < c2) {
                b2 = (long)j;
                c2 = c;
            }
        }
        first[i] = b1;
        first_cost[i] = c1;
        if (second) second[i] = b2;
        if (second_cost) second_cost[i] = c2;
    }
}
