/* Shared by the graph readers (osm.c, roads_shp.c). Private. */
#ifndef GA_GRAPH_BUILD_H
#define GA_GRAPH_BUILD_H

#include "graph/profile.h"

/* The profile as stored in a graph: "car", "walk", or "name (file)";
 * transfer full. */
char *ga_graph_profile_label(const ga_profile *p); /* NULL when memory runs out */

#endif
