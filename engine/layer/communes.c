/* Commune polygons: the type, its accessors and the join of a table's
 * column; the reader is load/communes.c. */
#include "core/internal.h"
#include "layer/communes.h"
#include "layer/table.h"

void ga_communes_free(ga_communes *c) {
    if (!c) return;
    if (c->geoms)
        for (size_t i = 0; i < c->n; i++)
            if (c->geoms[i]) GEOSGeom_destroy_r(c->geos, c->geoms[i]);
    g_free(c->geoms);
    g_free(c->path);
    if (c->chunk) g_string_chunk_free(c->chunk);
    g_free(c->ids);
    g_free(c->names);
    g_free(c->population);
    g_free(c->area);
    g_free(c->px);
    g_free(c->py);
    g_strfreev(c->field_names);
    g_free(c->values);
    if (c->by_id) g_hash_table_destroy(c->by_id);
    g_free(c);
}

size_t ga_communes_count(const ga_communes *c) { return c->n; }
const char *ga_communes_path(const ga_communes *c) { return c->path; }
const char *ga_communes_id(const ga_communes *c, size_t i) { return c->ids[i]; }
const char *ga_communes_name(const ga_communes *c, size_t i) { return c->names[i]; }
double ga_communes_population(const ga_communes *c, size_t i) { return c->population[i]; }
double ga_communes_area(const ga_communes *c, size_t i) { return c->area[i]; }
void ga_communes_point(const ga_communes *c, size_t i, double *x, double *y) {
    *x = c->px[i];
    *y = c->py[i];
}
const GEOSGeometry *ga_communes_geometry(const ga_communes *c, size_t i) { return c->geoms ? c->geoms[i] : NULL; }
bool ga_communes_has_polygons(const ga_communes *c) { return c->geoms != NULL; }

long ga_communes_find(const ga_communes *c, const char *id) {
    gpointer v = g_hash_table_lookup(c->by_id, id);
    return v ? (long)GPOINTER_TO_SIZE(v) - 1 : -1;
}

const char *ga_communes_attribute(const ga_communes *c, size_t i, const char *field) {
    for (int f = 0; f < c->n_fields; f++)
        if (g_ascii_strcasecmp(c->field_names[f], field) == 0)
            return c->values[i * (size_t)c->n_fields + (size_t)f];
    return NULL;
}

/* Signed area of a ring (shoelace): negative when clockwise. */
ga_status ga_communes_join(ga_ctx *ctx, const ga_communes *c, const ga_table *t,
                           const char *key_col, const char *value_col, double *values) {
    size_t ki, vi;
    ga_status st;
    if ((st = ga_table_require(ctx, t, key_col, "commune code", &ki)) ||
        (st = ga_table_require(ctx, t, value_col, NULL, &vi)))
        return st;
    return ga_table_join_double(ctx, t, ki, vi, c->ids, c->n, values, NULL, NULL);
}
