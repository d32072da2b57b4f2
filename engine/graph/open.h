/* Opening a road graph from any road source: the format dispatch by file
 * extension (OSM .pbf/.osm, line shapefile) or a graph file, in one place. */
#ifndef GA_GRAPH_OPEN_H
#define GA_GRAPH_OPEN_H

#include "geoaccess.h"
#include "geoaccess/graph.h"

/* Builds a graph from `roads_path` (OSM .osm.pbf/.osm: its own metric CRS,
 * Lambert-93 in France else its UTM zone; line shapefile: projected into
 * the working CRS) with `profile`, or loads the graph file `graph_path`;
 * exactly one of the two paths non-NULL. Changes nothing in ctx but the
 * error. Caller frees *out with ga_graph_free(). */
ga_status ga_graph_open(ga_ctx *ctx, const char *roads_path, const char *graph_path,
                        const char *profile, ga_graph **out);

#endif
