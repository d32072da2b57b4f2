/* geoaccess info: describe input files before a study. */
#include <stdio.h>
#include "cli/cli.h"

int ga_cmd_info(int argc, char **argv) {
    GOptionContext *oc = g_option_context_new("FILE... - describe inputs");
    g_option_context_set_summary(oc,
        "Describes each file geoaccess can read: shapefiles (geometry type, CRS, records,\n"
        "fields with their types, extent), CSV tables (separator, rows, column types and\n"
        "ranges), OpenStreetMap extracts (nodes, ways, highways, extent) and road graph\n"
        "files written by `geoaccess graph` (CRS, profile, nodes, arcs, road length, extent).\n"
        "Example: geoaccess info geodata/herault/communes_cog2023/communes_34_cog2023.shp");
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "info");
    g_option_context_free(oc);
    if (!parsed) return GA_EXIT_USAGE;
    if (argc < 2) return ga_cli_usage_error("info", "give at least one FILE");
    ga_ctx *ctx = ga_cli_ctx_new();
    if (!ctx) return GA_EXIT_INPUT;
    int rc = GA_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        char *text = NULL;
        if (ga_describe_file(ctx, argv[i], &text)) {
            rc = ga_cli_fail(ctx, "info");
            continue;
        }
        fputs(text, stdout);
        if (i + 1 < argc) fputc('\n', stdout);
        g_free(text);
        ga_cli_flush_warnings(ctx);
    }
    ga_ctx_free(ctx);
    return rc;
}
