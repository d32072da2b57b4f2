/* geoaccess graph: builds the road graph file from OSM or a road shapefile. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

static gboolean is_shapefile(const char *path) {
    if (g_str_has_suffix(path, ".shp") || g_str_has_suffix(path, ".SHP")) return TRUE;
    g_autofree char *with = g_strconcat(path, ".shp", NULL);
    return g_file_test(with, G_FILE_TEST_EXISTS) && !g_str_has_suffix(path, ".pbf") &&
           !g_str_has_suffix(path, ".osm");
}

int ga_cmd_graph(int argc, char **argv) {
    const char *cmd = "graph";
    g_autofree char *roads = NULL, *profile = NULL, *crs = NULL, *out = NULL, *export = NULL;
    double snap = GA_GRAPH_DEFAULT_SNAP_TOLERANCE_M, snap_old = NAN;
    gboolean keep = FALSE;
    GOptionEntry entries[] = {
        {"roads", 'r', 0, G_OPTION_ARG_FILENAME, &roads,
         "road network: OpenStreetMap (.osm.pbf, .osm) or polyline shapefile (.shp)", "FILE"},
        {"profile", 'p', 0, G_OPTION_ARG_FILENAME, &profile,
         "car (default), walk, or a profile key file (see geodata/profiles/)", "car|walk|FILE"},
        {"crs", 0, 0, G_OPTION_ARG_STRING, &crs,
         "metric CRS of the graph (default: EPSG:2154; for OSM, EPSG:2154 in metropolitan "
         "France, else the extract's UTM zone)", "CRS"},
        {"out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "graph file to write", "FILE"},
        {"export", 0, 0, G_OPTION_ARG_FILENAME, &export,
         "also write the arcs as CSV with columns from,to,time_s,distance_m,from_x,from_y,to_x,to_y "
         "(node numbers, seconds, metres, end-node coordinates in the graph's CRS; not the road's shape)",
         "FILE.csv"},
        {"snap-tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &snap,
         "shapefiles: join line ends and vertices closer than this (metres; default 0.01; "
         "0: equal coordinates only); lines crossing without a shared vertex stay apart", "M"},
        {"snap", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_DOUBLE, &snap_old,
         "former name of --snap-tolerance", "M"},
        {"keep-components", 0, 0, G_OPTION_ARG_NONE, &keep,
         "keep every component instead of the largest strongly connected one", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *oc = g_option_context_new("- build the road graph file");
    g_option_context_set_summary(
        oc, "Builds the road graph (nodes, arcs with travel time and length, geometry) from\n"
            "an OpenStreetMap extract or a road shapefile and writes it as a binary file that\n"
            "later runs load. Prints a summary on stdout.");
    g_option_context_add_main_entries(oc, entries, NULL);
    gboolean ok = ga_cli_parse(oc, &argc, &argv, cmd);
    g_option_context_free(oc);
    if (!ok) return GA_EXIT_USAGE;
    if (argc > 1) return ga_cli_usage_error(cmd, "unexpected argument '%s'", ga_clip(argv[1]));
    if (!roads) return ga_cli_usage_error(cmd, "--roads FILE is required");
    if (!out) return ga_cli_usage_error(cmd, "--out FILE is required");
    if (!isnan(snap_old)) snap = snap_old;
    if (!(snap >= 0 && snap < 1000))
        return ga_cli_usage_error(cmd, "--snap-tolerance must be between 0 and 1000 metres");

    ga_ctx *ctx = ga_cli_ctx_new();
    if (!ctx) return GA_EXIT_INPUT;
    gboolean shp = is_shapefile(roads);
    ga_graph_options o = {.profile = profile,
                          .crs = crs ? crs : (shp ? NULL : "auto"),
                          .snap_tolerance_m = snap > 0 ? snap : -1, /* 0: exact */
                          .keep_all_components = keep};
    ga_graph_build_info info;
    ga_graph *g = NULL;
    ga_outset *set = NULL;
    /* the destination checked before the build */
    ga_status st = ga_cli_outset_open(ctx, cmd, NULL, out, &set);
    if (!st)
        st = shp ? ga_graph_build_shp(ctx, roads, &o, &g, &info) : ga_graph_build_osm(ctx, roads, &o, &g, &info);
    if (st) {
        ga_outset_abort(set);
        int rc = ga_cli_fail(ctx, cmd);
        ga_ctx_free(ctx);
        return rc;
    }
    gint64 t0 = g_get_monotonic_time();
    st = ga_graph_write(ctx, g, out);
    st = st ? (ga_outset_abort(set), st) : ga_outset_commit(ctx, set);
    gint64 t1 = g_get_monotonic_time();
    ga_graph *check = NULL;
    if (!st) st = ga_graph_load(ctx, out, &check); /* the file is what later runs read */
    gint64 t2 = g_get_monotonic_time();
    if (!st && export) st = ga_graph_export_csv(ctx, g, export);
    if (st) {
        int rc = ga_cli_fail(ctx, cmd);
        ga_graph_free(g);
        ga_graph_free(check);
        ga_ctx_free(ctx);
        return rc;
    }
    ga_cli_flush_warnings(ctx);
    g_autofree char *sha = ga_graph_source_sha256(g);
    printf("graph %s\n", out);
    printf("  source      %s (%s)\n", roads, shp ? "shapefile" : "OpenStreetMap");
    printf("  sha256      %s\n", sha);
    printf("  profile     %s\n", ga_graph_profile(g));
    printf("  crs         %s\n", ga_graph_crs(g));
    printf("  %-11s %llu of %llu\n", shp ? "lines" : "ways", (unsigned long long)info.kept_ways,
           (unsigned long long)info.input_ways);
    printf("  vertices    %llu\n", (unsigned long long)info.input_nodes);
    if (shp)
        printf("  joined      %llu vertices of different lines within %g m (not equal)\n",
               (unsigned long long)info.joined_vertices, info.snap_tolerance_m);
    printf("  nodes       %zu\n", ga_graph_node_count(g));
    printf("  arcs        %zu\n", ga_graph_arc_count(g));
    printf("  road        %.1f km\n", ga_graph_length_km(g));
    printf("  dropped     %zu nodes in %zu components\n", ga_graph_dropped_nodes(g),
           ga_graph_dropped_components(g));
    printf("  time        read %.3f s, build %.3f s, write %.3f s, load %.3f s\n", info.read_s,
           info.build_s, (double)(t1 - t0) / 1e6, (double)(t2 - t1) / 1e6);
    if (export) printf("  export      %s\n", export);
    ga_graph_free(check);
    ga_graph_free(g);
    ga_ctx_free(ctx);
    return GA_EXIT_OK;
}
