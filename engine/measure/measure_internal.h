/* Private helpers shared by the measure files. */
#ifndef GA_MEASURE_INTERNAL_H
#define GA_MEASURE_INTERNAL_H

#include "geoaccess.h"

/* GA_ERR_VALUE naming `what` and the index when a value is negative or not
 * finite; GA_ERR_ARG when v is NULL. */
ga_status ga_measure_check(ga_ctx *ctx, const char *what, const double *v, size_t n);

#endif
