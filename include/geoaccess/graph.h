/* geoaccess: the road graph, built from OpenStreetMap or a road shapefile,
 * saved to and loaded from a binary graph file.
 *
 * Building: roads that the profile's mode (car or walk) may use become
 * edges; a node stands wherever roads share a vertex (the same OSM node, or
 * in a shapefile vertices within the snapping tolerance); chains of
 * degree-2 nodes are contracted into one arc keeping their length and
 * geometry; only the largest strongly connected component is kept (the
 * others are counted in a warning). Coordinates are projected with PROJ into
 * a metric CRS and stored in centimetres; travel times in whole deciseconds,
 * lengths in whole decimetres.
 *
 * Profiles: "car", "walk" (built in, also shipped as editable key files in
 * geodata/profiles/) or the path of a key file (see geodata/profiles/car.ini
 * for the speeds and geodata/profiles/montpellier.ini for the [shapefile]
 * field mapping).
 */
#ifndef GEOACCESS_GRAPH_H
#define GEOACCESS_GRAPH_H

#include <stdbool.h>
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ga_graph ga_graph;

/* Default snapping tolerance of road shapefiles: 1 cm (line ends of real
 * street files that are meant to meet lie up to about 1 mm apart). */
#define GA_GRAPH_DEFAULT_SNAP_TOLERANCE_M 0.01

typedef struct {
    /* "car" (NULL), "walk", or a profile key file. */
    const char *profile;
    /* Metric CRS of the graph: NULL means the context's working CRS; "auto"
     * (OSM only) picks EPSG:2154 when the extract's centre lies in
     * metropolitan France, else its UTM zone (EPSG:326xx / 327xx). */
    const char *crs;
    /* Shapefiles: line ends and vertices closer than this (metres) are one
     * node; 0 means GA_GRAPH_DEFAULT_SNAP_TOLERANCE_M, negative means exactly
     * equal coordinates only. Lines crossing without a vertex there stay
     * apart (bridges). */
    double snap_tolerance_m;
    /* Testing and inspection: keep every component / do not contract. */
    bool keep_all_components;
    bool no_contraction;
} ga_graph_options;

/* Figures about a build, for the summary (filled when not NULL). */
typedef struct {
    uint64_t input_ways;     /* OSM ways or shapefile records read */
    uint64_t kept_ways;      /* usable by the profile's mode */
    uint64_t input_nodes;    /* distinct road vertices before contraction */
    uint64_t missing_nodes;  /* OSM node references absent from the file */
    double read_s, build_s;  /* wall-clock time of each stage */
    /* Shapefiles: vertices joined to another line's node at a non-zero
     * distance within the tolerance (0: exact equality only). */
    uint64_t joined_vertices;
    double snap_tolerance_m;
} ga_graph_build_info;

/* Builds a graph from an OpenStreetMap file (.osm.pbf or .osm XML).
 * Caller frees *out with ga_graph_free(). */
ga_status ga_graph_build_osm(ga_ctx *ctx, const char *path,
                             const ga_graph_options *opts, ga_graph **out,
                             ga_graph_build_info *info);
/* Builds a graph from a polyline shapefile; the field mapping comes from the
 * profile's [shapefile] group, or is detected (Geofabrik `fclass`, IGN
 * ROUTE 500 `VOCATION`, BD TOPO `NATURE`, Montpellier `SENS_CIRCU`). The
 * .prj gives the source CRS. Caller frees *out with ga_graph_free(). */
ga_status ga_graph_build_shp(ga_ctx *ctx, const char *path,
                             const ga_graph_options *opts, ga_graph **out,
                             ga_graph_build_info *info);

/* Writes the graph file (atomically). */
ga_status ga_graph_write(ga_ctx *ctx, const ga_graph *g, const char *path);
/* Loads a graph file (mapped read-only). GA_ERR_FORMAT naming the file when
 * it is truncated, corrupted, of another format version or not a graph.
 * Caller frees *out with ga_graph_free(). */
ga_status ga_graph_load(ga_ctx *ctx, const char *path, ga_graph **out);
void ga_graph_free(ga_graph *g);

/* Writes the arcs as CSV: from,to,time_s,distance_m,from_x,from_y,to_x,to_y
 * (coordinates in the graph's CRS, metres), atomically. */
ga_status ga_graph_export_csv(ga_ctx *ctx, const ga_graph *g, const char *path);

size_t ga_graph_node_count(const ga_graph *g);
size_t ga_graph_arc_count(const ga_graph *g);
/* Length of road in km (a two-way road counted once). */
double ga_graph_length_km(const ga_graph *g);
/* Nodes and components dropped as not strongly connected to the largest. */
size_t ga_graph_dropped_nodes(const ga_graph *g);
size_t ga_graph_dropped_components(const ga_graph *g);
const char *ga_graph_crs(const ga_graph *g);
const char *ga_graph_profile(const ga_graph *g);
/* SHA-256 of the source file, lower-case hex (transfer full). */
char *ga_graph_source_sha256(const ga_graph *g);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header). */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_graph, ga_graph_free)
#endif

#endif
