/* Helpers shared by the memory tests (test_route_snap.c, test_route_dijkstra_memory.c):
 * a square grid graph and the process's resident file pages. */
#ifndef GA_TEST_MEMORY_UTIL_H
#define GA_TEST_MEMORY_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_util.h"
#include "graph/builder.h"

/* RssFile of this process, kB (-1 without /proc). */
static inline double rss_file_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    double kb = -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "RssFile:", 8)) kb = strtod(line + 8, NULL);
    fclose(f);
    return kb;
}

/* A k x k grid of two-way streets 100 m apart, 1 s each way. */
static inline ga_graph *grid_graph(ga_ctx *ctx, int k) {
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    for (int j = 0; j < k; j++)
        for (int i = 0; i < k; i++) ga_graph_builder_add_node(b, 700000 + 100.0 * i, 6600000 + 100.0 * j);
    for (int j = 0; j < k; j++)
        for (int i = 0; i < k; i++) {
            if (i + 1 < k) ga_graph_builder_add_edge(b, j * k + i, j * k + i + 1, 10, -1, false, NULL, 0);
            if (j + 1 < k) ga_graph_builder_add_edge(b, j * k + i, (j + 1) * k + i, 10, -1, false, NULL, 0);
        }
    ga_graph *g = NULL;
    assert_status(ctx, ga_graph_builder_finish(ctx, b, NULL, &g), GA_OK);
    ga_graph_builder_free(b);
    return g;
}

#endif
