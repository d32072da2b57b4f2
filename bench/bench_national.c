/* Country-size road benchmark (issue 14): the national accessibility study
 * of metropolitan France on a SYNTHETIC road graph of about 15 million nodes
 * laid over France's Lambert-93 extent (bench/route/synthetic.h: a grid of
 * motorways, main, secondary and local roads; NOT real roads), with the REAL
 * 34,803 communes (points: COG 2023 chefs-lieux, lon/lat), the real demand
 * (DREES APL 2023 file: standardised and total population) and the real
 * supply (BPE 2019: GPs per commune, maternity units D107).
 *
 *   bench_national --generate GRAPH [--nodes 15000000]
 *       writes the SYNTHETIC graph file (once; the graph builder's working
 *       memory is reported on its own, as `geoaccess graph` is run once
 *       before the studies that load its file);
 *   bench_national --run GRAPH --geodata DIR [--out DIR] [--threads 2]
 *       the national run, stage by stage: read (inputs and the graph file),
 *       build (router: snapping index, strongly connected components),
 *       snap (communes and facilities), route (communes -> GP communes
 *       within 20 min, communes -> maternity units within --max-nearest
 *       minutes), measure (APL, nearest maternity, 30-minute coverage),
 *       write (per-commune CSV). Each stage prints its wall time, CPU time
 *       and the process's peak memory after it (VmHWM, /proc/self/status),
 *       then the routing bytes per node.
 *
 * Missing ../shared data exits 77 (skipped). bench/run_bench_national.sh
 * runs both steps; bench/README.md has the figures.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>
#include "core/internal.h"
#include "geoaccess/nearest.h"
#include "geoaccess/zones.h"
#include "geoaccess/result.h"
#include "graph/graph.h"
#include "route/router.h"
#include "route/synthetic.h"

static double now_s(void) { return (double)g_get_monotonic_time() / 1e6; }
static double cpu_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A field of /proc/self/status in MB (VmHWM: peak resident set). */
static double status_mb(const char *field) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return NAN;
    char line[256];
    double kb = NAN;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, field, n) && line[n] == ':') kb = strtod(line + n + 1, NULL);
    fclose(f);
    return kb / 1024.0;
}

static double stage_t0, stage_c0;
static void stage_begin(void) {
    stage_t0 = now_s();
    stage_c0 = cpu_s();
}
static void stage_end(const char *name, const char *what) {
    printf("stage %-8s wall %7.2f s  cpu %7.2f s  peak (VmHWM) %6.0f MB  now (VmRSS) %6.0f MB  %s\n",
           name, now_s() - stage_t0, cpu_s() - stage_c0, status_mb("VmHWM"), status_mb("VmRSS"),
           what);
    fflush(stdout);
}

static int fail(ga_ctx *ctx, const char *what) {
    fprintf(stderr, "bench_national: %s: %s\n", what, ga_ctx_last_error(ctx));
    return 1;
}

/* Metropolitan France's extent in Lambert-93 (EPSG:2154), metres: the
 * bounding box of the communes layer rounded outwards. */
#define FR_X0 99000.0
#define FR_X1 1243000.0
#define FR_Y0 6046000.0
#define FR_Y1 7111000.0

static int generate(const char *path, uint32_t nodes) {
    ga_ctx *ctx = ga_ctx_new();
    /* the builder keeps about 94 % of the grid nodes (degree-2 nodes are
     * contracted into arcs, cut-off ones dropped): aim at `nodes` after */
    double grid_nodes = nodes / 0.94, w = FR_X1 - FR_X0, h = FR_Y1 - FR_Y0;
    double spacing = sqrt(w * h / grid_nodes);
    uint32_t nx = (uint32_t)(w / spacing) + 1, ny = (uint32_t)(h / spacing) + 1;
    stage_begin();
    ga_graph *g = NULL;
    if (ga_bench_synthetic_grid(ctx, nx, ny, spacing, 42, FR_X0, FR_Y0, &g)) return fail(ctx, "generate");
    char what[256];
    snprintf(what, sizeof what, "SYNTHETIC grid %u x %u, spacing %.1f m: %u nodes, %u arcs", nx, ny,
             spacing, g->n_nodes, g->n_arcs);
    stage_end("generate", what);
    stage_begin();
    if (ga_graph_write(ctx, g, path)) return fail(ctx, path);
    stage_end("write", path);
    ga_graph_free(g);
    ga_ctx_free(ctx);
    return 0;
}

static size_t graph_bytes(const ga_graph *g) {
    size_t n = g->n_nodes, m = g->n_arcs, gv = g->geom_first[m];
    return (n + 1) * 4 + m * 12 + n * 8 + (m + 1) * 4 + gv * 8;
}

int main(int argc, char **argv) {
    char *gen = NULL, *run = NULL, *geodata = NULL, *out = NULL;
    int nodes = 15000000, threads = 2;
    double max_nearest = 90;
    GOptionEntry entries[] = {
        {"generate", 0, 0, G_OPTION_ARG_FILENAME, &gen, "write the SYNTHETIC graph file", "GRAPH"},
        {"nodes", 0, 0, G_OPTION_ARG_INT, &nodes, "graph nodes (15000000)", "N"},
        {"run", 0, 0, G_OPTION_ARG_FILENAME, &run, "the national run on this graph file", "GRAPH"},
        {"geodata", 0, 0, G_OPTION_ARG_FILENAME, &geodata, "../shared/geodata", "DIR"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out, "output folder", "DIR"},
        {"threads", 0, 0, G_OPTION_ARG_INT, &threads, "routing threads (2)", "T"},
        {"max-nearest", 0, 0, G_OPTION_ARG_DOUBLE, &max_nearest,
         "bound of the nearest-maternity table, minutes (90)", "MIN"},
        G_OPTION_ENTRY_NULL,
    };
    GOptionContext *oc = g_option_context_new("- national road benchmark");
    g_option_context_add_main_entries(oc, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(oc, &argc, &argv, &err)) {
        fprintf(stderr, "bench_national: %s\n", err->message);
        return 2;
    }
    g_option_context_free(oc);
    if (gen) {
        int rc = generate(gen, (uint32_t)nodes);
        g_free(gen);
        return rc;
    }
    if (!run || !geodata) {
        fprintf(stderr, "bench_national: give --generate GRAPH, or --run GRAPH --geodata DIR\n");
        return 2;
    }
    char *fr = g_build_filename(geodata, "france", NULL);
    char *shp = g_build_filename(fr, "communes_cog2024", "communes_france_cog2024.shp", NULL);
    char *pts = g_build_filename(fr, "communes_points_france_cog2023.csv", NULL);
    char *apl_csv = g_build_filename(fr, "apl_mg_2023_communes_france.csv", NULL);
    char *gp_csv = g_build_filename(fr, "gp_by_commune_france_bpe2019_cog2024.csv", NULL);
    char *bpe_csv = g_build_filename(fr, "bpe2019_health_france_by_iris.csv", NULL);
    const char *inputs[] = {shp, pts, apl_csv, gp_csv, bpe_csv};
    for (size_t i = 0; i < G_N_ELEMENTS(inputs); i++)
        if (!g_file_test(inputs[i], G_FILE_TEST_EXISTS)) {
            printf("SKIP: %s is absent (../shared not available)\n", inputs[i]);
            return 77;
        }
    if (!out) out = g_strdup(".");
    ga_ctx *ctx = ga_ctx_new();
    if (ga_ctx_set_working_crs(ctx, "EPSG:2154")) return fail(ctx, "CRS");
    double t_all = now_s(), c_all = cpu_s();
    printf("== national run: SYNTHETIC roads %s, real communes and supply from %s, %d threads\n", run, fr,
           threads);

    /* ---- read ---- */
    stage_begin();
    ga_communes *c = NULL;
    ga_table *tp = NULL, *ta = NULL, *tg = NULL, *tb = NULL;
    /* the points file covers every commune of France, overseas ones too
     * (codes 97...): metropolitan rows only (Lambert-93) */
    gchar *pts_text = NULL;
    gsize pts_len = 0;
    if (!g_file_get_contents(pts, &pts_text, &pts_len, NULL)) {
        fprintf(stderr, "bench_national: cannot read %s\n", pts);
        return 1;
    }
    GString *metro = g_string_sized_new(pts_len);
    for (char *line = pts_text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) next++;
        size_t len = next ? (size_t)(next - line) : strlen(line);
        if (line == pts_text || strncmp(line, "97", 2)) g_string_append_len(metro, line, (gssize)len);
    }
    g_free(pts_text);
    if (ga_communes_read(ctx, shp, NULL, &c) ||
        ga_table_read_buffer(ctx, pts, metro->str, metro->len, &tp) ||
        ga_communes_set_points(ctx, c, tp, "insee_code", "lon", "lat", "EPSG:4326") ||
        ga_table_read(ctx, apl_csv, &ta) || ga_table_read(ctx, gp_csv, &tg) ||
        ga_table_read(ctx, bpe_csv, &tb))
        return fail(ctx, "read");
    g_string_free(metro, TRUE);
    size_t n = ga_communes_count(c);
    double *pop_std = g_new(double, n), *pop = g_new(double, n), *supply = g_new0(double, n);
    const char **ids = g_new(const char *, n);
    for (size_t i = 0; i < n; i++) ids[i] = ga_communes_id(c, i);
    /* Paris, Lyon and Marseille's arrondissement rows and the restored
     * communes fold into the layer's communes, overseas rows are left out
     * (as `geoaccess apl`, bench/README.md "The APL of metropolitan France") */
    ga_apl_supply_options so = {.commune_col = "insee_code", .fte_col = "gp_count_2019"};
    ga_code_folder *fold = ga_code_folder_new(ids, n);
    int gp_code = ga_table_find(tg, "insee_code");
    if (gp_code < 0) {
        fprintf(stderr, "bench_national: %s: no insee_code column\n", gp_csv);
        return 1;
    }
    long *gp_row = g_new(long, ga_table_rows(tg));
    for (size_t k = 0; k < ga_table_rows(tg); k++)
        gp_row[k] = ga_code_folder_resolve(fold, ga_table_cell(tg, k, (size_t)gp_code), 1, NULL);
    ga_code_folder_report(ctx, fold, gp_csv, shp, "GP rows");
    ga_code_folder_free(fold);
    ga_points *mat = NULL;
    if (ga_communes_join_sum(ctx, c, ta, "insee_code", "pop_std_2021", pop_std) ||
        ga_communes_join_sum(ctx, c, ta, "insee_code", "pop_tot_2021", pop) ||
        ga_apl_supply_from_table(ctx, tg, &so, ids, n, gp_row, supply) ||
        ga_points_from_counts(ctx, tb, "insee_cog2024", "TYPEQU", "NB_EQUIP", "D107", c, &mat))
        return fail(ctx, "read");
    for (size_t i = 0; i < n; i++) {
        if (isnan(pop_std[i])) pop_std[i] = 0; /* no DREES row: no demand */
        if (isnan(pop[i])) pop[i] = 0;
    }
    ga_graph *g = NULL;
    if (ga_graph_load(ctx, run, &g)) return fail(ctx, run);
    char what[512];
    snprintf(what, sizeof what, "%zu communes, %zu maternity units; graph file mapped: %u nodes, %u arcs",
             n, ga_points_count(mat), g->n_nodes, g->n_arcs);
    stage_end("read", what);

    /* ---- build: the router (snapping index, components) ---- */
    stage_begin();
    ga_road_options ro;
    ga_road_options_init(&ro);
    ro.threads = threads;
    ro.table_method = GA_TABLE_DIJKSTRA; /* bounded tables */
    ga_router *r = NULL;
    if (ga_router_new(ctx, g, &ro, &r)) return fail(ctx, "router");
    stage_end("build", "router: snapping index, strongly connected components");

    /* ---- snap ---- */
    stage_begin();
    ga_points *cp = NULL;
    if (ga_points_from_communes(ctx, c, &cp)) return fail(ctx, "points");
    double *x = g_new(double, n), *y = g_new(double, n);
    for (size_t i = 0; i < n; i++) ga_points_xy(cp, i, &x[i], &y[i]);
    ga_snap *sn = g_new(ga_snap, n);
    if (ga_router_snap(r, ctx, x, y, n, sn)) return fail(ctx, "snap");
    double max_snap = 0;
    size_t unsnapped = 0;
    for (size_t i = 0; i < n; i++) {
        if (!sn[i].snapped) unsnapped++;
        else if (sn[i].distance_m > max_snap) max_snap = sn[i].distance_m;
    }
    /* GP communes: the destinations of the APL table */
    ga_points *gp = ga_points_new();
    size_t *gp_commune = g_new(size_t, n), n_gp = 0;
    for (size_t i = 0; i < n; i++)
        if (supply[i] > 0) {
            ga_points_add(gp, ids[i], x[i], y[i], "gp", supply[i]);
            gp_commune[n_gp++] = i;
        }
    snprintf(what, sizeof what, "%zu commune points (%zu beyond the snap distance, farthest snapped %.0f m), %zu GP communes",
             n, unsnapped, max_snap, n_gp);
    stage_end("snap", what);

    /* ---- route ---- */
    stage_begin();
    ga_od *od_gp = NULL, *od_mat = NULL;
    if (ga_router_table(r, ctx, cp, gp, GA_METRIC_TIME, 20, &od_gp)) return fail(ctx, "table GP");
    double t_gp = now_s() - stage_t0;
    if (ga_router_table(r, ctx, cp, mat, GA_METRIC_TIME, max_nearest, &od_mat))
        return fail(ctx, "table maternity");
    snprintf(what, sizeof what, "communes x GP communes <= 20 min: %zu pairs (%.1f s); communes x maternity <= %g min: %zu pairs",
             od_gp->n_pairs, t_gp, max_nearest, od_mat->n_pairs);
    stage_end("route", what);

    /* ---- measure ---- */
    stage_begin();
    /* the APL wants a commune x commune table: GP communes are columns */
    ga_od_builder *ob = ga_od_builder_new(n, n);
    for (size_t i = 0; i < n; i++)
        for (size_t k = od_gp->row_start[i]; k < od_gp->row_start[i + 1]; k++)
            ga_od_builder_add(ob, (uint32_t)i, (uint32_t)gp_commune[od_gp->to[k]], od_gp->cost[k]);
    ga_od *od = NULL;
    if (ga_od_builder_finish(ctx, ob, &od)) return fail(ctx, "od");
    if (od_gp->from_unknown) {
        od->from_unknown = g_new0(uint8_t, n);
        od->to_unknown = g_new0(uint8_t, n);
        for (size_t i = 0; i < n; i++) od->from_unknown[i] = od->to_unknown[i] = od_gp->from_unknown[i];
    }
    double *apl = g_new(double, n), *t_mat = g_new(double, n);
    long *f_mat = g_new(long, n);
    ga_apl_summary as;
    if (ga_apl_communes(ctx, n, ids, pop_std, pop, supply, od, NULL, apl, &as)) return fail(ctx, "APL");
    ga_nearest(od_mat, NULL, f_mat, t_mat, NULL, NULL);
    size_t none = 0;
    for (size_t i = 0; i < n; i++) none += isinf(t_mat[i]);
    ga_coverage *cov = NULL;
    if (ga_coverage_compute(ctx, n, t_mat, pop, NULL, 30, &cov)) return fail(ctx, "coverage");
    snprintf(what, sizeof what,
             "APL mean %.3f, %zu communes under 2.5 (%.0f people), %zu unknown; maternity: %zu communes "
             "none within %g min; within 30 min: %.1f %% of people",
             as.mean_apl, as.communes_under, as.population_under, as.communes_unknown, none,
             max_nearest, 100 * cov->total_covered / cov->total_population);
    stage_end("measure", what);

    /* ---- write ---- */
    stage_begin();
    ga_result *res = ga_result_new(n);
    ga_result_add_text(res, "insee", ids);
    ga_result_add_number(res, "pop", pop, 0);
    ga_result_add_number(res, "apl", apl, 3);
    ga_result_add_number(res, "maternity_min", t_mat, 2);
    char *csv = g_build_filename(out, "national_synthetic_roads.csv", NULL);
    if (ga_result_write_csv(ctx, res, csv)) return fail(ctx, csv);
    stage_end("write", csv);
    printf("total: wall %.2f s, cpu %.2f s, peak (VmHWM) %.0f MB\n", now_s() - t_all, cpu_s() - c_all,
           status_mb("VmHWM"));

    /* routing bytes per node */
    uint32_t nn = g->n_nodes, m = g->n_arcs;
    size_t gb = graph_bytes(g), sb = ga_snap_index_bytes(r->snap), ab = 0;
    for (int mt = 0; mt < 2; mt++)
        for (int bw = 0; bw < 2; bw++)
            if (r->built[mt][bw])
                ab += ((size_t)nn + 1) * 4 + (size_t)m * 8;
    /* the query states the run used (the router's spares), as they hold
     * now: node state, settled list, Dial's pool as far as it grew */
    size_t qb = 0, qmax = 0;
    for (guint k = 0; k < r->spare->len; k++) {
        size_t b = ga_search_bytes(g_ptr_array_index(r->spare, k));
        qb += b;
        if (b > qmax) qmax = b;
    }
    size_t mb = r->main_node ? nn : 0, lb = (size_t)m * 4;
    printf("routing bytes per node (%u nodes, %u arcs): graph arrays %.1f (of which dist_dm %.1f, mapped "
           "and given back after the access speed: not read by time tables), snapping index %.1f, search "
           "adjacencies built %.1f, %u query states %.1f (largest %.1f), component flags %.1f; graph "
           "without dist_dm + snap + query states = %.1f B/node (with dist_dm %.1f)\n",
           nn, m, (double)gb / nn, (double)lb / nn, (double)sb / nn, (double)ab / nn, r->spare->len,
           (double)qb / nn, (double)qmax / nn, (double)mb / nn, (double)(gb - lb + sb + qb) / nn,
           (double)(gb + sb + qb) / nn);
    printf("contraction hierarchy: %s\n", r->ch[0] || r->ch[1] ? "built (not counted above)"
                                                                 : "not built (bounded tables)");
    ga_result_free(res);
    g_free(csv);
    ga_coverage_free(cov);
    g_free(apl);
    g_free(t_mat);
    g_free(f_mat);
    ga_od_free(od);
    ga_od_free(od_gp);
    ga_od_free(od_mat);
    ga_points_free(gp);
    g_free(gp_commune);
    g_free(sn);
    g_free(x);
    g_free(y);
    ga_points_free(cp);
    ga_router_free(r);
    ga_graph_free(g);
    ga_points_free(mat);
    g_free(ids);
    g_free(gp_row);
    g_free(pop);
    g_free(pop_std);
    g_free(supply);
    ga_table_free(tp);
    ga_table_free(ta);
    ga_table_free(tg);
    ga_table_free(tb);
    ga_communes_free(c);
    ga_ctx_free(ctx);
    g_free(fr);
    g_free(shp);
    g_free(pts);
    g_free(apl_csv);
    g_free(gp_csv);
    g_free(bpe_csv);
    g_free(out);
    g_free(run);
    g_free(geodata);
    return 0;
}
