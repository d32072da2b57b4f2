/* geoaccess od: an origin-destination cost table. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cost.h"
#include "core/internal.h"
#include "study/inputs.h"
#include "write/csv_out.h"

int ga_cmd_od(int argc, char **argv) {
    g_autofree char *origins = NULL, *destinations = NULL, *crs = NULL, *metric = NULL,
                    *out = NULL, *id_col = NULL;
    double max_cost = 0;
    int decimals = -2;
    GOptionEntry entries[] = {
        {"origins", 'o', 0, G_OPTION_ARG_FILENAME, &origins,
         "origins: CSV (id,x,y or id,lon,lat), point or commune shapefile", "FILE"},
        {"destinations", 'd', 0, G_OPTION_ARG_FILENAME, &destinations,
         "destinations, same forms as --origins", "FILE"},
        {"crs", 0, 0, G_OPTION_ARG_STRING, &crs,
         "CRS of x,y columns in CSV inputs (default: the working CRS: EPSG:2154, or the "
         "road graph's)", "CRS"},
        {"id-col", 0, 0, G_OPTION_ARG_STRING, &id_col, "id column of CSV inputs (default: id)", "NAME"},
        {"metric", 'm', 0, G_OPTION_ARG_STRING, &metric,
         "time (minutes, default) or distance (metres)", "time|distance"},
        {"max-cost", 0, 0, G_OPTION_ARG_DOUBLE, &max_cost, "drop pairs costing more than X", "X"},
        {"decimals", 0, 0, G_OPTION_ARG_INT, &decimals,
         "decimals of the cost (default 3 for minutes, 1 for metres; -1: round-trip)", "N"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out, "output CSV (default or '-': standard output)", "FILE"},
        {NULL}};
    ga_cli_cost_options co;
    GOptionContext *oc = g_option_context_new("- origin-destination cost table");
    g_option_context_set_summary(oc,
        "Writes from_id,to_id,cost for every origin and destination, with the straight-line\n"
        "model (distance x detour / speed) or, with --roads/--graph, the road network.\n"
        "Example: geoaccess od --origins communes.shp --destinations hospitals.csv --max-cost 30");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_cli_cost_add_main_entries(oc, &co);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "od");
    g_option_context_free(oc);
    if (!parsed) return GA_EXIT_USAGE;
    if (!origins || !destinations)
        return ga_cli_usage_error("od", "--origins and --destinations are required");
    ga_metric m = GA_METRIC_TIME;
    if (metric && !strcmp(metric, "distance")) m = GA_METRIC_DISTANCE;
    else if (metric && strcmp(metric, "time"))
        return ga_cli_usage_error("od", "--metric must be time or distance, not '%s'", ga_clip(metric));
    int urc = ga_cli_check_number("od", "--max-cost", max_cost, 0, GA_MAX_COST);
    if (urc) {
        ga_cli_cost_options_clear(&co);
        return urc;
    }
    if (decimals == -2) decimals = m == GA_METRIC_TIME ? 3 : 1;
    if (out && !strcmp(out, "-")) g_clear_pointer(&out, g_free); /* "-": standard output */

    ga_ctx *ctx = ga_cli_ctx_new();
    if (!ctx) return GA_EXIT_INPUT;
    ga_points *from = NULL, *to = NULL;
    ga_cost_model *model = NULL;
    ga_od *od = NULL;
    ga_outset *set = NULL;
    int rc = GA_EXIT_OK;
    ga_points_options po = {.id_col = id_col, .crs = crs};
    /* the destination checked before the work; the model first: a road
     * graph sets the working CRS the points go to */
    if ((out && ga_cli_outset_open(ctx, "od", NULL, out, &set)) || ga_cli_cost_model(ctx, &co, &model) || ga_points_read_any(ctx, origins, &po, &from) ||
        ga_points_read_any(ctx, destinations, &po, &to) ||
        ga_cost_model_table(model, ctx, from, to, m, max_cost, &od)) {
        rc = ga_cli_fail(ctx, "od");
        goto done;
    }
    if (out) {
        ga_status st = ga_od_write_csv(ctx, od, ga_points_ids(from), ga_points_ids(to), decimals, out);
        if (!st) st = ga_outset_commit(ctx, g_steal_pointer(&set));
        if (st) {
            rc = ga_cli_fail(ctx, "od");
            goto done;
        }
    } else {
        /* the same writer as the file: ids quoted when needed */
        ga_od_write_csv_stream(od, ga_points_ids(from), ga_points_ids(to), decimals, stdout);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "geoaccess od: error writing to standard output\n");
            rc = GA_EXIT_INPUT;
        }
    }
    ga_cli_flush_warnings(ctx);
    if (out)
        fprintf(stderr, "%zu origins x %zu destinations: %zu pairs written to %s\n", od->n_from,
                od->n_to, od->n_pairs, out);
    if (rc == GA_EXIT_OK && (ga_od_from_unknown_count(od) || ga_od_to_unknown_count(od)))
        fprintf(stderr, "not routed (unknown costs, one row each with the cost empty): %zu origin(s), "
                "%zu destination(s)\n", ga_od_from_unknown_count(od), ga_od_to_unknown_count(od));
done:
    ga_outset_abort(set);
    ga_od_free(od);
    ga_cost_model_free(model);
    ga_points_free(from);
    ga_points_free(to);
    ga_cli_cost_options_clear(&co);
    ga_ctx_free(ctx);
    return rc;
}
