/* Commune polygons, private to the engine: the innards (filled only by the
 * reader, load/communes.c) and the GEOS geometry (the type and its
 * accessors are public: geoaccess/layer.h). */
#ifndef GA_LAYER_COMMUNES_H
#define GA_LAYER_COMMUNES_H

#include "core/internal.h"

struct ga_communes {
    char *path;
    size_t n;
    GStringChunk *chunk;
    const char **ids, **names;
    double *population, *area, *px, *py;
    GEOSGeometry **geoms;
    GEOSContextHandle_t geos; /* the handle that owns geoms */
    /* attributes: n_fields names, values[i * n_fields + f] (UTF-8) */
    int n_fields;
    char **field_names;
    const char **values;
    GHashTable *by_id; /* id -> index + 1 */
};

/* GEOS geometry of commune i (transfer none); NULL for communes read from a
 * table of points (ga_communes_has_polygons). */
const GEOSGeometry *ga_communes_geometry(const ga_communes *c, size_t i);

#endif
