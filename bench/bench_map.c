/* Drawing the national layer (issue 12): the 34,803 communes of France
 * (COG 2024, ../shared/geodata/france/communes_cog2024) as an A4 choropleth
 * of their area in km2 (quantiles, 7 classes), PNG and SVG, several runs.
 * Prints the wall and CPU time of each run (the machine may be shared) and
 * the load average; exits 77 (skipped) when
 * the layer is absent.
 * Usage: bench_map GEODATA OUTDIR [RUNS] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "geoaccess.h"
#include "geoaccess/map.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void loadavg(void) {
    char buf[128] = "";
    FILE *f = fopen("/proc/loadavg", "r");
    if (f && fgets(buf, sizeof buf, f)) printf("load average: %s", buf);
    if (f) fclose(f);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_map GEODATA OUTDIR [RUNS]\n");
        return 2;
    }
    int runs = argc > 3 ? atoi(argv[3]) : 3;
    g_autofree char *shp = g_build_filename(argv[1], "france", "communes_cog2024", "communes_france_cog2024.shp", NULL);
    if (!g_file_test(shp, G_FILE_TEST_EXISTS)) {
        printf("SKIP: %s is absent (../shared not available)\n", shp);
        return 77;
    }
    g_mkdir_with_parents(argv[2], 0755);
    ga_ctx *ctx = ga_ctx_new();
    ga_communes *c = NULL;
    double t0 = now();
    if (ga_communes_read(ctx, shp, NULL, &c)) {
        fprintf(stderr, "%s\n", ga_ctx_last_error(ctx));
        return 1;
    }
    size_t n = ga_communes_count(c);
    printf("read %zu communes in %.2f s\n", n, now() - t0);
    double *v = g_new(double, n);
    for (size_t i = 0; i < n; i++) v[i] = ga_communes_area(c, i) / 1e6;
    ga_map_style st = {.title = "Communes of France (COG 2024): area", .subtitle = "benchmark of the map writer",
                       .unit = "km2", .classes = GA_CLASSES_QUANTILES, .n_classes = 7, .palette = GA_PALETTE_BLUES,
                       .sources = "Sources : IGN ADMIN EXPRESS (COG 2024)"};
    int rc = 0;
    for (int f = 0; f < 2 && !rc; f++) {
        st.format = f ? GA_MAP_SVG : GA_MAP_PNG;
        g_autofree char *path = g_strdup_printf("%s/national%s", argv[2], ga_map_format_ext(st.format));
        for (int r = 0; r < runs; r++) {
            loadavg();
            t0 = now();
            double c0 = (double)clock() / CLOCKS_PER_SEC;
            if (ga_map_draw(ctx, &(ga_map_layer){.communes = c, .values = v}, &st, path, NULL)) {
                fprintf(stderr, "%s\n", ga_ctx_last_error(ctx));
                rc = 1;
                break;
            }
            double dt = now() - t0, dc = (double)clock() / CLOCKS_PER_SEC - c0;
            GStatBuf sb;
            g_stat(path, &sb);
            printf("%s run %d: %.2f s wall, %.2f s CPU, %.1f MB\n", ga_map_format_ext(st.format) + 1, r + 1, dt, dc,
                   (double)sb.st_size / 1e6);
        }
    }
    g_free(v);
    ga_communes_free(c);
    ga_ctx_free(ctx);
    return rc;
}
