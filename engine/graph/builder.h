/* Graph builder: nodes with metric coordinates and edges with costs, turned
 * into the immutable CSR ga_graph (engine/graph/graph.h).
 *
 * Used by the OSM and shapefile readers, and by tests to make hand-made
 * networks:
 *
 *     ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
 *     uint32_t a = ga_graph_builder_add_node(b, 0, 0);
 *     uint32_t c = ga_graph_builder_add_node(b, 100, 0);
 *     ga_graph_builder_add_edge(b, a, c, 12.0, 100.0, false, NULL, 0);
 *     ga_graph_build_options o = {.keep_all_components = true,
 *                                 .no_contraction = true,
 *                                 .no_renumbering = true};
 *     ga_graph *g = NULL;
 *     ga_graph_builder_finish(ctx, b, &o, &g);   // node ids stay 0, 1
 *     ga_graph_builder_free(b);
 *
 * finish():
 *  1. drops self-loops (an edge from a node to itself never shortens a path);
 *  2. keeps the largest strongly connected component (ties: the one holding
 *     the lowest node id) and warns with ga_warn how many nodes and
 *     components were dropped;
 *  3. contracts chains of degree-2 nodes into one edge (time and length
 *     summed, the removed nodes kept as intermediate geometry); a node is
 *     kept where the one-way status changes, and a chain that comes back to
 *     its start (a loop street hanging from one junction) keeps its first
 *     inner node, so that it stays two arcs instead of a useless u -> u;
 *  4. renumbers the remaining nodes along a Hilbert curve (locality);
 *  5. packs the arcs in CSR, sorted by (tail, head), with time rounded to
 *     whole deciseconds and length to whole decimetres (from the summed
 *     exact values, so a contracted chain is rounded once).
 * Steps 2, 3 and 4 can be switched off.
 */
#ifndef GA_GRAPH_BUILDER_H
#define GA_GRAPH_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include "graph/graph.h"

typedef struct ga_graph_builder ga_graph_builder;

typedef struct {
    bool keep_all_components; /* skip step 2 */
    bool no_contraction;      /* skip step 3 */
    bool no_renumbering;      /* skip step 4: kept nodes keep their order */
} ga_graph_build_options;

/* `crs` and `profile` are copied into the graph (NULL: "" ); NULL when
 * memory runs out. */
ga_graph_builder *ga_graph_builder_new(const char *crs, const char *profile);
void ga_graph_builder_free(ga_graph_builder *b);

/* Adds a node at (x, y) metres in the builder's CRS; returns its id
 * (0, 1, 2... in order of addition). */
uint32_t ga_graph_builder_add_node(ga_graph_builder *b, double x, double y);
uint32_t ga_graph_builder_node_count(const ga_graph_builder *b);

/* Adds an edge from -> to: travel time in seconds, length in metres
 * (dist_m < 0: the length of the polyline from, xy..., to). `oneway`: only
 * from -> to may be travelled; otherwise both ways at the same cost.
 * xy holds n_vertices intermediate vertices (x0, y0, x1, y1...) in the
 * direction from -> to, excluding both end nodes; may be NULL when 0. */
void ga_graph_builder_add_edge(ga_graph_builder *b, uint32_t from, uint32_t to,
                               double time_s, double dist_m, bool oneway,
                               const double *xy, size_t n_vertices);
size_t ga_graph_builder_edge_count(const ga_graph_builder *b);

/* Sets the SHA-256 of the source stored in the graph. */
void ga_graph_builder_set_source_sha256(ga_graph_builder *b,
                                        const uint8_t sha256[32]);

/* Builds the graph (see above). `opts` NULL: every step. The builder stays
 * valid (it may be finished again with other options) and remembers where
 * each of its nodes went: ga_graph_builder_graph_node. */
ga_status ga_graph_builder_finish(ga_ctx *ctx, ga_graph_builder *b,
                                  const ga_graph_build_options *opts,
                                  ga_graph **out);

/* After finish: the graph node of builder node `id`, or GA_NODE_NONE when it
 * was dropped, contracted into an arc, or is out of range. */
uint32_t ga_graph_builder_graph_node(const ga_graph_builder *b, uint32_t id);

/* Strongly connected components of a directed CSR graph (n nodes, arcs of v
 * first_out[v] .. first_out[v+1]-1 leading to head[]): comp[v] = component
 * id; returns the number of components. The router uses it to find the
 * points whose road is cut off from the rest of a graph built with every
 * component kept. 0 (for n > 0) when memory runs out: the caller must
 * check. */
uint32_t ga_graph_scc(uint32_t n, const uint32_t *first_out, const uint32_t *head, uint32_t *comp);

/* Frees a graph (heap-built or mapped from a file); NULL does nothing.
 * Also declared in the public include/geoaccess/graph.h. */
void ga_graph_free(ga_graph *g);

#endif
