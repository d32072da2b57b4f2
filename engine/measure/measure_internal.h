/* Private helpers shared by the measure files. */
#ifndef GA_MEASURE_INTERNAL_H
#define GA_MEASURE_INTERNAL_H

#include <math.h>
#include "geoaccess.h"

/* GA_ERR_VALUE naming `what` and the index when a value is negative or not
 * finite; GA_ERR_ARG when v is NULL. */
ga_status ga_measure_check(ga_ctx *ctx, const char *what, const double *v, size_t n);

/* Runs BODY with (J, C) = (j, cost) for every pair of row i of an APL
 * table, plus (i, intra) in its place when the table lacks it and intra is
 * not NAN, in increasing j: the APL (apl.c) and siting (site.c) sum the
 * same pairs in the same order, so their sums agree bit for bit. */
#define GA_APL_FOR_PAIRS(od, i, intra, J, C, BODY)                                          \
    do {                                                                             \
        bool self_ = isnan(intra);                                                   \
        for (size_t p_ = (od)->row_start[i]; p_ <= (od)->row_start[(i) + 1]; p_++) { \
            size_t J;                                                                \
            double C;                                                                \
            bool last_ = p_ == (od)->row_start[(i) + 1];                             \
            if (!self_ && (last_ || (od)->to[p_] >= (i))) {                          \
                self_ = true;                                                        \
                if (last_ || (od)->to[p_] != (i)) {                                  \
                    J = (i);                                                         \
                    C = (intra);                                                     \
                    BODY;                                                            \
                }                                                                    \
            }                                                                        \
            if (last_) break;                                                        \
            J = (od)->to[p_];                                                        \
            C = (od)->cost[p_];                                                      \
            BODY;                                                                    \
        }                                                                            \
    } while (0)

#endif
