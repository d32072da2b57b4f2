/* Graph building on real data (../shared/geodata): Andorra, Liechtenstein
 * and Malta OSM extracts (car and walk), Montpellier's street shapefile.
 * For each: nodes, arcs, km of road, dropped components, and the time and
 * peak resident memory of each stage (read, build, write, load).
 *
 * Peak memory per stage: the kernel's high-water mark (VmHWM) is reset
 * before each stage by writing 5 to /proc/self/clear_refs, and read after
 * it; read and build are split by the builder's progress report. Values are
 * the whole process's resident memory at its peak during the stage; each
 * dataset runs in a fresh child process (fork) so that memory kept by the
 * allocator from an earlier dataset does not count.
 *
 * Usage: bench_graph GEODATA_DIR [OUT_DIR]; exits 77 (skipped) when the
 * data are absent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "geoaccess.h"
#include "graph/graph.h"

static double hwm_mb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double kb = 0;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmHWM:", 6)) kb = strtod(line + 6, NULL);
    if (f) fclose(f);
    return kb / 1024.0;
}

static void reset_hwm(void) {
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
}

static double read_peak, t_start, t_nodes;

static double now(void) { return (double)g_get_monotonic_time() / 1e6; }

static void on_progress(const char *stage, uint64_t done, uint64_t total, void *data) {
    (void)done;
    (void)total;
    (void)data;
    if (!strcmp(stage, "reading nodes")) t_nodes = now();
    if (!strcmp(stage, "building the graph")) {
        read_peak = hwm_mb();
        reset_hwm();
    }
}

typedef struct {
    const char *name, *rel, *profile;
    int shapefile;
} dataset;

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench_graph GEODATA_DIR [OUT_DIR]\n");
        return 2;
    }
    const char *dir = argv[1];
    const char *out_dir = argc > 2 ? argv[2] : g_get_tmp_dir();
    const dataset sets[] = {
        {"andorra", "andorra/andorra-latest.osm.pbf", "car", 0},
        {"liechtenstein", "liechtenstein/liechtenstein-latest.osm.pbf", "car", 0},
        {"malta", "malta/malta-latest.osm.pbf", "car", 0},
        {"malta", "malta/malta-latest.osm.pbf", "walk", 0},
        {"montpellier", "montpellier/streets_2014/montpellier_voies_l93.shp", "car", 1},
        {"montpellier", "montpellier/streets_2014/montpellier_voies_l93.shp", "walk", 1},
    };
    int found = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(sets); i++) {
        char *p = g_build_filename(dir, sets[i].rel, NULL);
        found += g_file_test(p, G_FILE_TEST_EXISTS);
        g_free(p);
    }
    if (!found) {
        printf("SKIP: no data under %s\n", dir);
        return 77;
    }
    printf("baseline resident memory: %.1f MB\n", hwm_mb());
    printf("%-14s %-5s %-10s %8s %8s %8s %9s %9s %7s %7s %7s %7s  %s\n", "dataset", "prof",
           "crs", "vertices", "nodes", "arcs", "km", "dropped", "read_s", "build_s", "write_s",
           "load_s", "peak MB read/build/write/load");
    fflush(stdout);
    int rc = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(sets); i++) {
        pid_t pid = fork();
        if (pid < 0) return 1;
        if (pid > 0) {
            int status = 0;
            waitpid(pid, &status, 0);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) rc = 1;
            continue;
        }
        rc = 0;
        char *path = g_build_filename(dir, sets[i].rel, NULL);
        if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
            printf("%-14s missing: %s\n", sets[i].name, path);
            g_free(path);
            fflush(stdout);
            _exit(0);
        }
        ga_ctx *ctx = ga_ctx_new();
        ga_ctx_set_progress(ctx, on_progress, NULL);
        ga_graph_options o = {.profile = sets[i].profile,
                              .crs = sets[i].shapefile ? NULL : "auto"};
        ga_graph_build_info info;
        ga_graph *g = NULL;
        read_peak = 0;
        t_nodes = 0;
        reset_hwm();
        t_start = now();
        ga_status st = sets[i].shapefile ? ga_graph_build_shp(ctx, path, &o, &g, &info)
                                         : ga_graph_build_osm(ctx, path, &o, &g, &info);
        double build_peak = hwm_mb();
        if (st) {
            fprintf(stderr, "%s: %s\n", sets[i].name, ga_ctx_last_error(ctx));
            ga_ctx_free(ctx);
            g_free(path);
            fflush(stdout);
            _exit(1);
        }
        char *file = g_strdup_printf("%s/bench_graph_%s_%s.gagraph", out_dir, sets[i].name,
                                     sets[i].profile);
        reset_hwm();
        double t0 = now();
        st = ga_graph_write(ctx, g, file);
        double t1 = now();
        double write_peak = hwm_mb();
        char *crs = g_strdup(g->crs);
        size_t nodes = g->n_nodes, arcs = g->n_arcs;
        double km = ga_graph_length_km(g);
        size_t dn = g->dropped_nodes, dc = g->dropped_components;
        ga_graph_free(g);
        ga_graph *h = NULL;
        reset_hwm();
        double t2 = now();
        if (!st) st = ga_graph_load(ctx, file, &h);
        /* touch every array, as a router would */
        uint64_t sum = 0;
        if (!st) {
            for (uint32_t a = 0; a < h->n_arcs; a++) sum += h->head[a] + h->time_ds[a] + h->dist_dm[a];
            for (uint32_t v = 0; v < h->n_nodes; v++) sum += (uint32_t)h->x_cm[v];
        }
        double t3 = now();
        double load_peak = hwm_mb();
        if (st) {
            fprintf(stderr, "%s: %s\n", sets[i].name, ga_ctx_last_error(ctx));
            rc = 1;
        } else {
            char dropped[32];
            g_snprintf(dropped, sizeof dropped, "%zu/%zu", dn, dc);
            char split[48] = "";
            if (t_nodes > 0) /* OSM: checksum and pass over the ways; pass over the nodes, PROJ */
                g_snprintf(split, sizeof split, "  (ways %.3f s, nodes+projection %.3f s)", t_nodes - t_start,
                           info.read_s - (t_nodes - t_start));
            printf("%-14s %-5s %-10s %8llu %8zu %8zu %9.1f %9s %7.3f %7.3f %7.3f %7.3f  "
                   "%.1f/%.1f/%.1f/%.1f%s%s\n",
                   sets[i].name, sets[i].profile, crs, (unsigned long long)info.input_nodes, nodes,
                   arcs, km, dropped, info.read_s, info.build_s, t1 - t0, t3 - t2, read_peak,
                   build_peak, write_peak, load_peak, sum ? "" : " (empty)", split);
        }
        ga_graph_free(h);
        g_unlink(file);
        g_free(file);
        g_free(crs);
        ga_ctx_free(ctx);
        g_free(path);
        fflush(stdout);
        _exit(rc);
    }
    printf("dropped = nodes/components outside the largest strongly connected component; "
           "vertices = distinct road vertices before contraction\n");
    return rc;
}
