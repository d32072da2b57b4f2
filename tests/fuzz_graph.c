/* Fuzz target for graph files (engine/graph/graphfile.c): ga_graph_load,
 * `info` on the file (ga_describe_file), then a router on the loaded graph
 * (snapping and one search from the first node), since a graph that loads
 * must route without harm. When bytes 96..127 (the content checksum) are all
 * zero the target writes the right checksum first, so that the fuzzer gets
 * past it to the structure checks; any other value is kept (and must be
 * refused when wrong). The loader maps a path: the input is written to a
 * private temporary folder. */
#include <math.h>
#include <string.h>
#include "geoaccess.h"
#include "graph/graph.h"
#include "graph/graphfile.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ga_ctx *ctx = ga_fuzz_ctx();
    uint8_t *buf = g_memdup2(data, size ? size : 1);
    if (size >= GA_GRAPH_HEADER_SIZE) {
        static const uint8_t zero[32];
        if (!memcmp(buf + 96, zero, 32)) {
            GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
            g_checksum_update(sum, buf, 96);
            g_checksum_update(sum, buf + GA_GRAPH_HEADER_SIZE, size - GA_GRAPH_HEADER_SIZE);
            gsize dlen = 32;
            g_checksum_get_digest(sum, buf + 96, &dlen);
            g_checksum_free(sum);
        }
    }
    char *path = ga_fuzz_put("g.gagraph", (ga_fuzz_part){buf, size});
    if (!size) { /* an empty file, not an absent one */
        FILE *f = fopen(path, "wb");
        if (f) fclose(f);
    }
    g_free(buf);

    ga_graph *g = NULL;
    ga_status st_ga_graph_load = ga_graph_load(ctx, path, &g);
    GA_FUZZ_REPORT(ctx, "ga_graph_load", st_ga_graph_load);
    if (st_ga_graph_load == GA_OK) {
        (void)ga_graph_length_km(g);
        g_free(ga_graph_source_sha256(g));
        size_t n = ga_graph_node_count(g);
        ga_road_options ro;
        ga_road_options_init(&ro);
        ro.threads = 1;
        ga_router *r = NULL;
        if (n > 0 && n < 100000 && ga_router_new(ctx, g, &ro, &r) == GA_OK) {
            double x[2] = {g->x_cm[0] / 100.0 + 3, 700000}, y[2] = {g->y_cm[0] / 100.0, 6600000};
            ga_snap sn[2];
            if (ga_router_snap(r, ctx, x, y, 2, sn) == GA_OK && sn[0].snapped) {
                double *cost = g_new(double, n);
                (void)ga_router_point_to_nodes(r, ctx, sn[0].x, sn[0].y, GA_METRIC_TIME, INFINITY,
                                               false, cost);
                g_free(cost);
            }
            ga_router_free(r);
        }
        ga_graph_free(g);
    }
    ga_ctx_clear_error(ctx);
    char *text = NULL;
    ga_status st_ga_describe_file = ga_describe_file(ctx, path, &text);
    GA_FUZZ_REPORT(ctx, "ga_describe_file", st_ga_describe_file);
    if (st_ga_describe_file == GA_OK) g_free(text);
    ga_ctx_clear_error(ctx);
    ga_ctx_clear_warnings(ctx);
    g_free(path);
    return 0;
}
