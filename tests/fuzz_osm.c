/* Fuzz target for the OpenStreetMap reader, PBF and XML (libFuzzer form).
 * Each input is read from memory with every handler (as `geoaccess info`
 * counts); when that succeeds, it is written to a file, built into a car
 * graph (both passes of engine/graph/osm.c and the builder) and described. The format is told
 * by the content ('<' first: XML, else PBF), so one corpus holds both.
 * Without libFuzzer, the standalone main runs the target on each file given
 * (a corpus replay, registered in tests/meson.build).
 *
 * With clang's libFuzzer (the engine built with -fsanitize=fuzzer-no-link,
 * see bench/README.md "Fuzzing the OSM reader"):
 *   clang -fsanitize=fuzzer,address,undefined -DGA_LIBFUZZER tests/fuzz_osm.c ...
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "geoaccess.h"
#include "graph/osm_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    uint64_t nodes, ways, refs, tags, relations;
    double sum;
} tally;

static int on_node(void *u, int64_t id, double lon, double lat) {
    tally *t = u;
    t->nodes++;
    t->sum += lon + lat + (double)id;
    return 0;
}

static int on_way(void *u, int64_t id, const int64_t *refs, size_t n, const char *const *k,
                  const char *const *v, size_t nt) {
    tally *t = u;
    t->ways++;
    for (size_t i = 0; i < n; i++) t->sum += (double)refs[i];
    for (size_t i = 0; i < nt; i++) t->tags += strlen(k[i]) + strlen(v[i]);
    t->refs += n;
    (void)id;
    return 0;
}

static int on_relation(void *u, int64_t id) {
    tally *t = u;
    t->relations++;
    t->sum += (double)id;
    return 0;
}

static char *tmp_file;

static void remove_tmp(void) {
    if (tmp_file) g_unlink(tmp_file);
    g_free(tmp_file);
    tmp_file = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static ga_ctx *ctx;
    if (!ctx) {
        ctx = ga_ctx_new();
        int fd = g_file_open_tmp("fuzz_osm_XXXXXX.osm.pbf", &tmp_file, NULL);
        if (fd < 0) abort();
        close(fd);
        atexit(remove_tmp);
    }
    tally t = {0};
    ga_osm_handlers h = {on_node, on_way, on_relation};
    /* the file passes (graph, info) only for inputs the reader takes whole:
     * building a graph costs a PROJ set-up, and the same reader refuses the
     * other inputs on the way (about 25 instead of 300 inputs/s otherwise) */
    if (ga_osm_read(ctx, "fuzz.osm", data, size, &h, &t) != GA_OK) {
        ga_ctx_clear_warnings(ctx);
        return 0;
    }
    if (!g_file_set_contents(tmp_file, (const char *)data, (gssize)size, NULL)) abort();
    ga_graph_options o = {.crs = "auto"};
    ga_graph *g = NULL;
    ga_graph_build_info info;
    if (ga_graph_build_osm(ctx, tmp_file, &o, &g, &info) == GA_OK) {
        (void)ga_graph_length_km(g);
        ga_graph_free(g);
    }
    char *text = NULL;
    if (ga_describe_file(ctx, tmp_file, &text) == GA_OK) g_free(text);
    ga_ctx_clear_warnings(ctx);
    return 0;
}

#ifndef GA_LIBFUZZER
int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        gchar *buf = NULL;
        gsize len = 0;
        if (!g_file_get_contents(argv[i], &buf, &len, NULL)) {
            fprintf(stderr, "cannot read %s\n", argv[i]);
            return 1;
        }
        LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
        g_free(buf);
    }
    printf("%d inputs replayed\n", argc - 1);
    return 0;
}
#endif
