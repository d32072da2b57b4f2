/* SYNTHETIC road-like graphs: see synthetic.h. */
#include <math.h>
#include <glib.h>
#include "graph/builder.h"
#include "synthetic.h"

static uint64_t next(uint64_t *s) { /* splitmix64 */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static double unif(uint64_t *s) { return (double)(next(s) >> 11) / 9007199254740992.0; }

static double line_speed_kmh(uint32_t idx) {
    if (idx % 64 == 0) return 110;
    if (idx % 16 == 0) return 80;
    if (idx % 4 == 0) return 50;
    return 30;
}

ga_status ga_bench_synthetic_graph(ga_ctx *ctx, uint32_t n_nodes, uint64_t seed, double x0,
                                   double y0, ga_graph **out) {
    uint32_t k = (uint32_t)ceil(sqrt((double)n_nodes));
    return ga_bench_synthetic_grid(ctx, k, k, 100.0, seed, x0, y0, out);
}

ga_status ga_bench_synthetic_grid(ga_ctx *ctx, uint32_t nx, uint32_t ny, double spacing,
                                  uint64_t seed, double x0, double y0, ga_graph **out) {
    uint64_t s = seed;
    double jitter = 0.6 * spacing; /* nodes move by up to +-0.3 spacing */
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "synthetic");
    double *x = g_new(double, (size_t)nx * ny), *y = g_new(double, (size_t)nx * ny);
    for (uint32_t j = 0; j < ny; j++)
        for (uint32_t i = 0; i < nx; i++) {
            size_t v = (size_t)j * nx + i;
            x[v] = x0 + spacing * i + (unif(&s) - 0.5) * jitter;
            y[v] = y0 + spacing * j + (unif(&s) - 0.5) * jitter;
            ga_graph_builder_add_node(b, x[v], y[v]);
        }
    for (uint32_t j = 0; j < ny; j++)
        for (uint32_t i = 0; i < nx; i++) {
            uint32_t u = j * nx + i;
            for (int dir = 0; dir < 2; dir++) {
                if (dir == 0 && i + 1 >= nx) continue;
                if (dir == 1 && j + 1 >= ny) continue;
                uint32_t v = dir == 0 ? u + 1 : u + nx;
                double speed = line_speed_kmh(dir == 0 ? j : i);
                bool local = speed == 30;
                if (local && unif(&s) < 0.15) continue;
                bool oneway = local && unif(&s) < 0.05;
                double len = hypot(x[v] - x[u], y[v] - y[u]);
                double t = len / (speed / 3.6) * (1.0 + 0.2 * unif(&s));
                if (oneway && unif(&s) < 0.5)
                    ga_graph_builder_add_edge(b, v, u, t, len, true, NULL, 0);
                else
                    ga_graph_builder_add_edge(b, u, v, t, len, oneway, NULL, 0);
            }
        }
    g_free(x);
    g_free(y);
    ga_status st = ga_graph_builder_finish(ctx, b, NULL, out);
    ga_graph_builder_free(b);
    return st;
}
