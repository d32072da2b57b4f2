/* geoaccess nearest: per commune and facility type, the nearest facility
 * with its time and distance, and the second nearest. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/plan.h"

int ga_cmd_nearest(int argc, char **argv) {
    g_autofree char *model_text = NULL, *csv = NULL, *shp = NULL;
    g_autofree char *out_dir = NULL;
    GOptionEntry entries[] = {
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "output folder (default: out)", "DIR"},
        G_OPTION_ENTRY_NULL};
    ga_plan_input_options io;
    ga_cli_cost_options co;
    GOptionContext *oc = g_option_context_new("- nearest facility of each type per commune");
    g_option_context_set_summary(oc,
        "For every commune and facility type: the nearest facility (by travel time from the\n"
        "commune's representative point), its time in minutes and its distance in km (the\n"
        "model's distance to that facility: straight line, or the shortest road distance), and\n"
        "the second nearest with its time. Writes OUT/nearest.csv and OUT/nearest.shp with\n"
        "columns TYPE_id, TYPE_min, TYPE_km, TYPE_id2, TYPE_min2 (empty when none is reachable).");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_plan_add_input_entries(oc, &io);
    ga_cli_cost_add_main_entries(oc, &co);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "nearest");
    g_option_context_free(oc);
    int rc = GA_EXIT_OK;
    ga_outset *set = NULL;
    ga_ctx *ctx = NULL;
    ga_plan_data d = {0};
    ga_plan_cost cost = {0};
    ga_result *res = NULL;
    ga_points *origins = NULL;
    if (!parsed) {
        rc = GA_EXIT_USAGE;
        goto done;
    }
    if (argc > 1) {
        rc = ga_cli_usage_error("nearest", "unexpected argument '%s'", ga_clip(argv[1]));
        goto done;
    }
    if (!out_dir) out_dir = g_strdup("out");
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (ga_cli_outset_open(ctx, "nearest", out_dir, NULL, &set)) goto fail; /* before the work */
    if (ga_plan_cost_open(ctx, &co, &cost) || ga_plan_data_load(ctx, &io, &d) ||
        ga_points_from_communes(ctx, d.communes, &origins))
        goto fail;
    size_t n = ga_communes_count(d.communes);
    res = ga_result_new(n);
    {
        const char **ids = g_new(const char *, n), **names = g_new(const char *, n);
        for (size_t i = 0; i < n; i++) {
            ids[i] = ga_communes_id(d.communes, i);
            names[i] = ga_communes_name(d.communes, i);
        }
        ga_result_add_text(res, "insee", ids);
        ga_result_add_text(res, "nom", names);
        ga_result_add_number(res, "pop", d.pop, 0);
        g_free(ids);
        g_free(names);
    }
    model_text = ga_cost_model_describe(cost.model);
    printf("geoaccess nearest: %s\ntravel costs: %s\n\n", d.what, model_text);
    printf("%-30s %10s %14s %14s %14s\n", "type", "facilities", "median min", "max min", "no facility");
    for (guint k = 0; k < d.types->len; k++) {
        const char *type = d.types->pdata[k];
        ga_points *fac = ga_plan_facilities_of(&d, type);
        double *t1 = g_new(double, n), *t2 = g_new(double, n), *km = g_new(double, n);
        long *f1 = g_new(long, n), *f2 = g_new(long, n);
        const char **id1 = g_new0(const char *, n), **id2 = g_new0(const char *, n);
        ga_od *dist = NULL;
        ga_status st = ga_plan_nearest(ctx, cost.model, &d, fac, t1, f1, t2, f2);
        if (!st) st = ga_cost_model_table(cost.model, ctx, origins, fac, GA_METRIC_DISTANCE, 0, &dist);
        size_t none = 0, unknown = 0;
        double unknown_pop = 0;
        double *sorted = g_new(double, n);
        size_t m = 0;
        for (size_t i = 0; i < n && !st; i++) {
            double dm;
            km[i] = f1[i] >= 0 && ga_od_lookup(dist, i, (size_t)f1[i], &dm) ? dm / 1000 : NAN;
            if (f1[i] >= 0) {
                id1[i] = ga_points_id(fac, (size_t)f1[i]);
                sorted[m++] = t1[i];
            } else if (isnan(t1[i])) { /* not routed: unknown */
                unknown++;
                unknown_pop += isnan(d.pop[i]) ? 0 : d.pop[i];
            } else {
                t1[i] = NAN;
                none++;
            }
            if (f2[i] >= 0) id2[i] = ga_points_id(fac, (size_t)f2[i]);
            else t2[i] = NAN;
        }
        if (!st) {
            char col[64];
            g_snprintf(col, sizeof col, "%s_id", type);
            ga_result_add_text(res, col, id1);
            g_snprintf(col, sizeof col, "%s_min", type);
            ga_result_add_number(res, col, t1, 2);
            g_snprintf(col, sizeof col, "%s_km", type);
            ga_result_add_number(res, col, km, 3);
            g_snprintf(col, sizeof col, "%s_id2", type);
            ga_result_add_text(res, col, id2);
            g_snprintf(col, sizeof col, "%s_min2", type);
            ga_result_add_number(res, col, t2, 2);
            for (size_t a = 1; a < m; a++) /* insertion sort: a few hundred values */
                for (size_t b = a; b > 0 && sorted[b - 1] > sorted[b]; b--) {
                    double x = sorted[b];
                    sorted[b] = sorted[b - 1];
                    sorted[b - 1] = x;
                }
            ga_cli_print_col(ga_plan_type_label(type), 30);
            printf(" %10zu %14.1f %14.1f %14zu\n", ga_points_count(fac),
                   m ? (m % 2 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2) : NAN,
                   m ? sorted[m - 1] : NAN, none);
            if (unknown)
                printf("%-30s not routed (unknown, left out above): %zu commune(s), %.0f people\n", "",
                       unknown, unknown_pop);
        }
        g_free(sorted);
        ga_od_free(dist);
        g_free(t1);
        g_free(t2);
        g_free(km);
        g_free(f1);
        g_free(f2);
        g_free(id1);
        g_free(id2);
        ga_points_free(fac);
        if (st) goto fail;
    }
    csv = g_build_filename(out_dir, "nearest.csv", NULL);
    shp = g_build_filename(out_dir, "nearest.shp", NULL);
    /* the shapefile first: the CSV is not written when it fails */
    if (ga_result_write_shp_communes(ctx, res, d.communes, shp) || ga_result_write_csv(ctx, res, csv) ||
        ga_outset_commit(ctx, g_steal_pointer(&set)))
        goto fail;
    ga_cli_flush_warnings(ctx);
    if (d.notes->len) printf("\n%s", d.notes->str);
    printf("\nwritten: %s, %s\n", csv, shp);
    goto done;
fail:
    rc = ga_cli_fail(ctx, "nearest");
done:
    ga_outset_abort(set);
    ga_result_free(res);
    ga_points_free(origins);
    ga_plan_cost_close(&cost);
    ga_plan_data_clear(&d);
    ga_plan_input_options_clear(&io);
    ga_cli_cost_options_clear(&co);
    ga_ctx_free(ctx);
    return rc;
}
