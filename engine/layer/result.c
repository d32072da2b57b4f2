/* Result tables: named text and number columns over n rows; written by
 * write/result.c. */
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "layer/result.h"

static void column_free(gpointer p) {
    column *c = p;
    g_free(c->name);
    if (c->text)
        for (char **t = c->text; *t; t++) g_free(*t);
    g_free(c->text);
    g_free(c->num);
    g_free(c);
}

ga_result *ga_result_new(size_t n_rows) {
    ga_result *r = g_new0(ga_result, 1);
    r->n_rows = n_rows;
    r->cols = g_ptr_array_new_with_free_func(column_free);
    return r;
}

void ga_result_free(ga_result *r) {
    if (!r) return;
    g_ptr_array_free(r->cols, TRUE);
    g_free(r);
}

size_t ga_result_rows(const ga_result *r) { return r->n_rows; }
size_t ga_result_cols(const ga_result *r) { return r->cols->len; }

void ga_result_add_text(ga_result *r, const char *name, const char *const *values) {
    if (r->nomem) return;
    column *c = ga_try_new0(column, 1);
    if (c && (c->name = ga_try_strdup(name)) && (c->text = ga_try_new0(char *, r->n_rows + 1))) {
        size_t i = 0;
        while (i < r->n_rows && (c->text[i] = ga_try_strdup(values[i] ? values[i] : ""))) i++;
        if (i == r->n_rows) {
            g_ptr_array_add(r->cols, c);
            return;
        }
    }
    if (c) column_free(c); /* text is NULL-terminated at the first failure */
    r->nomem = true;
}

void ga_result_add_number(ga_result *r, const char *name, const double *values, int decimals) {
    if (r->nomem) return;
    column *c = ga_try_new0(column, 1);
    if (c && (c->name = ga_try_strdup(name)) && (c->num = ga_try_new(double, r->n_rows))) {
        c->numeric = true;
        c->decimals = decimals;
        memcpy(c->num, values, r->n_rows * sizeof(double));
        g_ptr_array_add(r->cols, c);
        return;
    }
    if (c) column_free(c);
    r->nomem = true;
}

ga_result *ga_result_new_communes(const ga_communes *c, const double *pop) {
    size_t n = ga_communes_count(c);
    ga_result *res = ga_result_new(n);
    const char **ids = g_new(const char *, n + 1), **names = g_new(const char *, n + 1);
    for (size_t i = 0; i < n; i++) {
        ids[i] = ga_communes_id(c, i);
        names[i] = ga_communes_name(c, i);
    }
    ga_result_add_text(res, "insee", ids);
    ga_result_add_text(res, "nom", names);
    ga_result_add_number(res, "pop", pop, 0);
    g_free(ids);
    g_free(names);
    return res;
}
