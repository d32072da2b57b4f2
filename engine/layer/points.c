/* Point layers (facilities, origins, destinations): the type and its
 * accessors; the readers are in load/points.c. */
#include "core/internal.h"
#include "layer/points.h"

struct ga_points {
    GStringChunk *chunk;
    GPtrArray *ids;   /* char* in chunk; NULL-terminated view via ids_view */
    GPtrArray *types; /* char* in chunk */
    GArray *x, *y, *capacity;
    GArray *commune; /* long */
};

ga_points *ga_points_new(void) {
    ga_points *p = g_new0(ga_points, 1);
    p->chunk = g_string_chunk_new(1024);
    p->ids = g_ptr_array_new();
    p->types = g_ptr_array_new();
    p->x = g_array_new(FALSE, FALSE, sizeof(double));
    p->y = g_array_new(FALSE, FALSE, sizeof(double));
    p->capacity = g_array_new(FALSE, FALSE, sizeof(double));
    p->commune = g_array_new(FALSE, FALSE, sizeof(long));
    g_ptr_array_add(p->ids, NULL); /* keep the id array NULL-terminated */
    return p;
}

void ga_points_add(ga_points *p, const char *id, double x, double y,
                   const char *type, double capacity) {
    p->ids->pdata[p->ids->len - 1] = g_string_chunk_insert_const(p->chunk, id);
    g_ptr_array_add(p->ids, NULL);
    g_ptr_array_add(p->types, g_string_chunk_insert_const(p->chunk, type ? type : ""));
    g_array_append_val(p->x, x);
    g_array_append_val(p->y, y);
    g_array_append_val(p->capacity, capacity);
    long none = -1;
    g_array_append_val(p->commune, none);
}

void ga_points_free(ga_points *p) {
    if (!p) return;
    g_string_chunk_free(p->chunk);
    g_ptr_array_free(p->ids, TRUE);
    g_ptr_array_free(p->types, TRUE);
    g_array_free(p->x, TRUE);
    g_array_free(p->y, TRUE);
    g_array_free(p->capacity, TRUE);
    g_array_free(p->commune, TRUE);
    g_free(p);
}

size_t ga_points_count(const ga_points *p) { return p->x->len; }
const char *ga_points_id(const ga_points *p, size_t i) { return g_ptr_array_index(p->ids, i); }
const char *const *ga_points_ids(const ga_points *p) { return (const char *const *)p->ids->pdata; }
void ga_points_xy(const ga_points *p, size_t i, double *x, double *y) {
    *x = g_array_index(p->x, double, i);
    *y = g_array_index(p->y, double, i);
}
const char *ga_points_type(const ga_points *p, size_t i) { return g_ptr_array_index(p->types, i); }
double ga_points_capacity(const ga_points *p, size_t i) { return g_array_index(p->capacity, double, i); }
long ga_points_commune(const ga_points *p, size_t i) { return g_array_index(p->commune, long, i); }

void ga_points_set_commune(ga_points *p, size_t i, long commune) {
    g_array_index(p->commune, long, i) = commune;
}

void ga_points_set_xy(ga_points *p, size_t i, double x, double y) {
    g_array_index(p->x, double, i) = x;
    g_array_index(p->y, double, i) = y;
}
