/* SYNTHETIC road-like graphs for the routing benchmarks (not real data).
 *
 * A perturbed square grid (100 m spacing, nodes jittered by up to +-30 m)
 * with a hierarchy of roads by row and column index: every 64th line a
 * motorway (110 km/h), every 16th a main road (80 km/h), every 4th a
 * secondary road (50 km/h), the rest local streets (30 km/h) of which 15 %
 * are missing and 5 % are one-way. Travel times get a random 0-20 % slow-down.
 * Built through the graph builder (largest strongly connected component,
 * degree-2 contraction, Hilbert numbering), as real graphs are.
 * Deterministic for a given node count and seed.
 */
#ifndef GA_BENCH_SYNTHETIC_H
#define GA_BENCH_SYNTHETIC_H

#include <stdint.h>
#include "geoaccess.h"

/* About n_nodes grid nodes before contraction; origin (x0, y0) in the
 * working CRS (EPSG:2154). */
ga_status ga_bench_synthetic_graph(ga_ctx *ctx, uint32_t n_nodes, uint64_t seed, double x0,
                                   double y0, ga_graph **out);

/* The same roads on an nx x ny grid of the given spacing (metres; nodes
 * jittered by up to +-0.3 spacing) from (x0, y0): ga_bench_synthetic_graph
 * is nx = ny = ceil(sqrt(n_nodes)), spacing 100 m. bench_national lays it
 * over metropolitan France's Lambert-93 extent. */
ga_status ga_bench_synthetic_grid(ga_ctx *ctx, uint32_t nx, uint32_t ny, double spacing,
                                  uint64_t seed, double x0, double y0, ga_graph **out);

#endif
