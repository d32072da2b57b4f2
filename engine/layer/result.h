/* Result tables, private to the engine: the innards the writers
 * (write/result.c) read; the type and its functions are public:
 * geoaccess/result.h. */
#ifndef GA_LAYER_RESULT_H
#define GA_LAYER_RESULT_H

#include "core/internal.h"

typedef struct {
    char *name;
    bool numeric;
    int decimals;
    char **text;   /* numeric == false */
    double *num;   /* numeric == true */
} column;

struct ga_result {
    size_t n_rows;
    GPtrArray *cols; /* column* */
    /* a column could not be added (out of memory): every write refuses the
     * table (ga_result_add_* cannot return an error) */
    bool nomem;
};

/* A table of the communes' rows opening with their columns insee, nom and
 * pop (the per-commune tables of nearest, run and scenarios). Caller frees
 * it with ga_result_free(). */
ga_result *ga_result_new_communes(const ga_communes *c, const double *pop);

#endif
