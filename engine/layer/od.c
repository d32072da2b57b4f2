/* Sparse origin-destination tables (CSR by origin). */
#include <stdlib.h>
#include "core/alloc.h"
#include "core/internal.h"

typedef struct {
    uint32_t from, to;
    double cost;
} od_pair;

struct ga_od_builder {
    size_t n_from, n_to;
    GArray *pairs; /* od_pair */
};

ga_od_builder *ga_od_builder_new(size_t n_from, size_t n_to) {
    ga_od_builder *b = g_new0(ga_od_builder, 1);
    b->n_from = n_from;
    b->n_to = n_to;
    b->pairs = g_array_new(FALSE, FALSE, sizeof(od_pair));
    return b;
}

void ga_od_builder_add(ga_od_builder *b, uint32_t from, uint32_t to, double cost) {
    od_pair p = {from, to, cost};
    g_array_append_val(b->pairs, p);
}

void ga_od_builder_free(ga_od_builder *b) {
    if (!b) return;
    g_array_free(b->pairs, TRUE);
    g_free(b);
}

static int cmp_pair(const void *a, const void *b) {
    const od_pair *x = a, *y = b;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    if (x->to != y->to) return x->to < y->to ? -1 : 1;
    return 0;
}

ga_status ga_od_builder_finish(ga_ctx *ctx, ga_od_builder *b, ga_od **out) {
    od_pair *p = (od_pair *)b->pairs->data;
    size_t n = b->pairs->len;
    /* pairs added in order (the straight-line model's rows) are not sorted
     * again: a third of a national APL's table time was this sort */
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++) sorted = cmp_pair(&p[i - 1], &p[i]) <= 0;
    if (n && !sorted) qsort(p, n, sizeof *p, cmp_pair); /* data is NULL when no pair was added */
    for (size_t i = 0; i < n; i++) {
        if (p[i].from >= b->n_from || p[i].to >= b->n_to) {
            ga_status st = ga_fail(ctx, GA_ERR_ARG, "OD pair (%u, %u) out of range (%zu x %zu)",
                                   p[i].from, p[i].to, b->n_from, b->n_to);
            ga_od_builder_free(b);
            return st;
        }
        if (i && p[i].from == p[i - 1].from && p[i].to == p[i - 1].to) {
            ga_status st = ga_fail(ctx, GA_ERR_DUPLICATE,
                                   "OD pair (origin %u, destination %u) given twice",
                                   p[i].from, p[i].to);
            ga_od_builder_free(b);
            return st;
        }
    }
    ga_od *od = ga_try_new0(ga_od, 1);
    if (od) {
        od->n_from = b->n_from;
        od->n_to = b->n_to;
        od->n_pairs = n;
        od->row_start = ga_try_new0(size_t, b->n_from + 1);
        od->to = ga_try_new(uint32_t, n);
        od->cost = ga_try_new(double, n);
    }
    if (!od || !od->row_start || !od->to || !od->cost) {
        ga_od_free(od);
        ga_od_builder_free(b);
        return ga_nomem(ctx, "OD table");
    }
    for (size_t i = 0; i < n; i++) {
        od->row_start[p[i].from + 1]++;
        od->to[i] = p[i].to;
        od->cost[i] = p[i].cost;
    }
    for (size_t i = 0; i < b->n_from; i++) od->row_start[i + 1] += od->row_start[i];
    ga_od_builder_free(b);
    *out = od;
    return GA_OK;
}

void ga_od_free(ga_od *od) {
    if (!od) return;
    g_free(od->row_start);
    g_free(od->to);
    g_free(od->cost);
    g_free(od->from_unknown);
    g_free(od->to_unknown);
    g_free(od);
}

bool ga_od_from_unknown(const ga_od *od, size_t i) {
    return od->from_unknown && i < od->n_from && od->from_unknown[i];
}

bool ga_od_to_unknown(const ga_od *od, size_t j) {
    return od->to_unknown && j < od->n_to && od->to_unknown[j];
}

size_t ga_od_from_unknown_count(const ga_od *od) {
    size_t k = 0;
    for (size_t i = 0; od->from_unknown && i < od->n_from; i++) k += od->from_unknown[i] != 0;
    return k;
}

size_t ga_od_to_unknown_count(const ga_od *od) {
    size_t k = 0;
    for (size_t j = 0; od->to_unknown && j < od->n_to; j++) k += od->to_unknown[j] != 0;
    return k;
}

bool ga_od_lookup(const ga_od *od, size_t from, size_t to, double *cost) {
    if (from >= od->n_from) return false;
    size_t lo = od->row_start[from], hi = od->row_start[from + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (od->to[mid] < to) lo = mid + 1;
        else hi = mid;
    }
    if (lo < od->row_start[from + 1] && od->to[lo] == to) {
        if (cost) *cost = od->cost[lo];
        return true;
    }
    return false;
}

/* ---- cost model dispatch ---- */

ga_status ga_cost_model_table(ga_cost_model *model, ga_ctx *ctx,
                              const ga_points *from, const ga_points *to,
                              ga_metric metric, double max_cost, ga_od **out) {
    return model->ops->table(model, ctx, from, to, metric, max_cost, out);
}

char *ga_cost_model_describe(const ga_cost_model *model) {
    return model->ops->describe(model);
}

void ga_cost_model_free(ga_cost_model *model) {
    if (model) model->ops->free(model);
}
