/* geoaccess catchment: the area from which each facility is reached within
 * thresholds (isochrones on roads, service circles under the straight-line
 * model), with the population it covers; shapefile, GeoJSON and CSV. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/plan.h"
#include "core/internal.h"
#include "geoaccess/nearest.h"
#include "layer/points.h"
#include "measure/catchment.h"
#include "core/atomic.h"
#include "write/csv_out.h"
#include "write/tables.h"

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int ga_cmd_catchment(int argc, char **argv) {
    g_autofree char *model_text = NULL;
    g_autofree char *out_dir = NULL, *thresholds = NULL, *type_thr = NULL, *radius_km = NULL;
    double buffer = GA_CATCHMENT_DEFAULT_BUFFER_M;
    gboolean from_facility = FALSE, by_area = FALSE;
    GOptionEntry entries[] = {
        {"thresholds", 0, 0, G_OPTION_ARG_STRING, &thresholds,
         "thresholds in minutes, comma-separated (default 20,30)", "LIST"},
        {"type-thresholds", 0, 0, G_OPTION_ARG_STRING, &type_thr,
         "thresholds of some types instead, e.g. mat=45,urg=30", "TYPE=T,..."},
        {"radius-km", 0, 0, G_OPTION_ARG_STRING, &radius_km,
         "straight-line model: service radii in km instead of minutes (e.g. 5)", "LIST"},
        {"buffer", 0, 0, G_OPTION_ARG_DOUBLE, &buffer,
         "roads: half-width in metres of the band around reached roads (default 100)", "M"},
        {"from-facility", 0, 0, G_OPTION_ARG_NONE, &from_facility,
         "roads: time from the facility (default: time to reach it)", NULL},
        {"by-area", 0, 0, G_OPTION_ARG_NONE, &by_area,
         "also share each commune's people by the area of the commune inside the polygon", NULL},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "output folder (default: out)", "DIR"},
        G_OPTION_ENTRY_NULL};
    ga_plan_input_options io;
    ga_cli_cost_options co;
    GOptionContext *oc = g_option_context_new("- catchments (isochrones) of facilities");
    g_option_context_set_summary(oc,
        "For each facility of each type and each threshold, the area from which it is reached:\n"
        "on a road graph (--roads/--graph) the reached roads (cut where the threshold falls)\n"
        "buffered by --buffer metres; under the straight-line model a circle whose radius is\n"
        "the distance the model covers in the threshold (or --radius-km). Writes\n"
        "OUT/catchments_TYPE.shp, .geojson (one polygon per facility and threshold,\n"
        "nested) and .png (a map), and OUT/catchments.csv, with the people of the communes whose\n"
        "representative point is within the threshold (inclusive).");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_plan_add_input_entries(oc, &io);
    ga_cli_cost_add_main_entries(oc, &co);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "catchment");
    g_option_context_free(oc);
    int rc = GA_EXIT_OK;
    ga_outset *set = NULL;
    GArray *thr = g_array_new(FALSE, FALSE, sizeof(double));
    GHashTable *per_type = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
    ga_ctx *ctx = NULL;
    ga_plan_data d = {0};
    ga_plan_cost cost = {0};
    GString *csv = NULL;
    if (!parsed) {
        rc = GA_EXIT_USAGE;
        goto done;
    }
    if (argc > 1) {
        rc = ga_cli_usage_error("catchment", "unexpected argument '%s'", ga_clip(argv[1]));
        goto done;
    }
    char *err = NULL;
    if (!ga_plan_parse_numbers(radius_km ? radius_km : thresholds ? thresholds : "20,30", thr, &err)) {
        rc = ga_cli_usage_error("catchment", "--%s: %s", radius_km ? "radius-km" : "thresholds", err);
        g_free(err);
        goto done;
    }
    if (radius_km && (thresholds || type_thr)) {
        rc = ga_cli_usage_error("catchment", "--radius-km replaces --thresholds and --type-thresholds");
        goto done;
    }
    if (type_thr) {
        g_auto(GStrv) parts = g_strsplit(type_thr, ",", -1);
        for (char **p = parts; *p; p++) {
            char *eq = strchr(*p, '=');
            GArray *a = g_array_new(FALSE, FALSE, sizeof(double));
            if (eq) *eq = 0;
            if (!eq || !ga_plan_parse_numbers(eq + 1, a, &err)) {
                g_array_unref(a);
                rc = ga_cli_usage_error("catchment", "--type-thresholds: '%s%s%s' is not TYPE=MINUTES%s%s", *p,
                                        eq ? "=" : "", eq ? eq + 1 : "", err ? ": " : "", err ? err : "");
                g_free(err);
                goto done;
            }
            g_hash_table_replace(per_type, g_strdup(g_strstrip(*p)), a);
        }
    }
    if (!(buffer > 0) || !isfinite(buffer)) {
        rc = ga_cli_usage_error("catchment", "--buffer must be a positive number of metres");
        goto done;
    }
    if (!out_dir) out_dir = g_strdup("out");
    ctx = ga_cli_ctx_new();
    if (!ctx) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (ga_cli_outset_open(ctx, "catchment", out_dir, NULL, &set)) goto fail; /* before the work */
    if (ga_plan_cost_open(ctx, &co, &cost) || ga_plan_data_load(ctx, &io, &d)) goto fail;
    if (radius_km && cost.router) {
        ga_fail(ctx, GA_ERR_ARG, "--radius-km draws straight-line service radii: it cannot be used with "
                "--roads or --graph (give --thresholds in minutes)");
        goto fail;
    }
    model_text = ga_cost_model_describe(cost.model);
    printf("geoaccess catchment: %s\ntravel costs: %s\n", d.what, model_text);
    if (cost.router)
        printf("catchments: reached roads (partly reached ones cut at the threshold) buffered by %g m; "
               "time %s the facility\n", buffer, from_facility ? "from" : "to reach");
    else if (radius_km)
        printf("catchments: service radii (circles) of the given km\n");
    else
        printf("catchments: circles of the radius the straight-line model covers in each threshold\n");
    printf("population: communes whose representative point is within the threshold (inclusive)%s\n\n",
           by_area ? "; and shared by area of the commune inside the polygon" : "");
    printf("%-30s %10s %10s %9s %14s %16s\n", "type", "facilities", "threshold", "polygons",
           "median km2", "people within");
    csv = g_string_new(NULL);
    ga_csv_writer w = ga_csv_to_string(csv);
    ga_catchments_csv_header(&w);
    for (guint k = 0; k < d.types->len; k++) {
        const char *type = d.types->pdata[k];
        GArray *t = g_hash_table_lookup(per_type, type);
        if (!t) t = thr;
        ga_points *fac = ga_plan_study_facilities_of(&d, type);
        if (cost.router) {
            /* a facility that cannot be routed has no catchment: left out
             * with a warning naming it (beyond the snap distance only with
             * --skip-unsnapped; the road catchment fails on it otherwise) */
            ga_points *kept = ga_points_new();
            GString *far = g_string_new(NULL), *cut = g_string_new(NULL);
            size_t n_far = 0, n_cut = 0;
            for (size_t j = 0; j < ga_points_count(fac); j++) {
                double x, y;
                ga_points_xy(fac, j, &x, &y);
                ga_point_route pr = ga_router_point_route(cost.router, x, y);
                if (pr == GA_POINT_CUT_OFF || (pr == GA_POINT_UNSNAPPED && co.skip_unsnapped)) {
                    GString *l = pr == GA_POINT_CUT_OFF ? cut : far;
                    size_t *nl = pr == GA_POINT_CUT_OFF ? &n_cut : &n_far;
                    if ((*nl)++ < 10) g_string_append_printf(l, "%s'%s'", l->len ? ", " : "", ga_points_id(fac, j));
                    continue;
                }
                ga_points_add(kept, ga_points_id(fac, j), x, y, ga_points_type(fac, j), ga_points_capacity(fac, j));
                ga_points_set_commune(kept, ga_points_count(kept) - 1, ga_points_commune(fac, j));
            }
            if (n_far)
                ga_warn(ctx, "%zu %s facilit%s further than %g m from every road, left out (no catchment): %s%s",
                        n_far, type, n_far > 1 ? "ies" : "y", co.snap_distance, far->str, n_far > 10 ? " ..." : "");
            if (n_cut)
                ga_warn(ctx, "%zu %s facilit%s on roads cut off from the rest of the network, left out (no "
                        "catchment): %s%s", n_cut, type, n_cut > 1 ? "ies" : "y", cut->str, n_cut > 10 ? " ..." : "");
            g_string_free(far, TRUE);
            g_string_free(cut, TRUE);
            ga_points_free(fac);
            fac = kept;
        }
        ga_catchments *c = NULL;
        ga_catchment_options o;
        ga_catchment_options_init(&o);
        o.buffer_m = buffer;
        o.from_facility = from_facility;
        o.threads = co.threads;
        ga_status st = GA_OK;
        size_t nt = t->len;
        double *tv = (double *)t->data;
        if (cost.router) {
            st = ga_catchments_road(ctx, cost.router, fac, tv, nt, &o, &c);
        } else {
            double *rad = g_new(double, nt);
            for (size_t q = 0; q < nt && !st; q++) {
                if (radius_km) rad[q] = tv[q] * 1000;
                else st = ga_cost_model_radius(ctx, cost.model, GA_METRIC_TIME, tv[q], &rad[q]);
            }
            if (radius_km) {
                /* thresholds in metres: the population is then counted by distance */
                double *m = g_new(double, nt);
                for (size_t q = 0; q < nt; q++) m[q] = tv[q] * 1000;
                o.metric = GA_METRIC_DISTANCE;
                if (!st) st = ga_catchments_circles(ctx, fac, m, NULL, nt, &o, &c);
                g_free(m);
            } else if (!st) {
                st = ga_catchments_circles(ctx, fac, tv, rad, nt, &o, &c);
            }
            g_free(rad);
        }
        size_t nc = st ? 0 : ga_catchments_count(c);
        double *pp = g_new0(double, nc + 1), *pa = by_area ? g_new0(double, nc + 1) : NULL;
        if (!st) st = ga_catchments_population(ctx, c, cost.model, fac, d.communes, d.pop, pp, pa);
        g_autofree char *shp = g_strdup_printf("%s/catchments_%s.shp", out_dir, type);
        g_autofree char *json = g_strdup_printf("%s/catchments_%s.geojson", out_dir, type);
        if (!st) st = ga_catchments_write_shp(ctx, c, fac, pp, pa, shp);
        if (!st) st = ga_catchments_write_geojson(ctx, c, fac, pp, pa, json);
        if (!st) {
            g_autofree char *png = g_strdup_printf("%s/catchments_%s.png", out_dir, type);
            g_autofree char *title = g_strdup_printf("Catchments: %s", ga_plan_type_label(type));
            st = ga_catchments_map_png(ctx, c, cost.graph, d.communes, fac, title, model_text, 1200, png);
        }
        if (!st) {
            /* people within the threshold of some facility of the type */
            size_t n = ga_communes_count(d.communes);
            double *near = g_new(double, n);
            long *first = g_new(long, n);
            ga_metric metric = radius_km ? GA_METRIC_DISTANCE : GA_METRIC_TIME;
            ga_points *origins = NULL;
            ga_od *od = NULL;
            st = ga_points_from_communes(ctx, d.communes, &origins);
            if (!st) st = ga_cost_model_table(cost.model, ctx, origins, fac, metric, 0, &od);
            if (!st) ga_nearest(od, NULL, first, near, NULL, NULL);
            for (size_t q = 0; q < nt && !st; q++) {
                /* sorted thresholds: catchment rows come in ascending order */
                double *sorted = g_memdup2(tv, nt * sizeof *tv);
                qsort(sorted, nt, sizeof *sorted, cmp_double);
                double T = radius_km ? sorted[q] * 1000 : sorted[q];
                double people = 0, total = 0, unknown_people = 0;
                size_t unknown = 0;
                for (size_t i = 0; i < n; i++) {
                    double p = isnan(d.pop[i]) ? 0 : d.pop[i];
                    if (isnan(near[i])) { /* not routed: unknown, out of the share */
                        unknown++;
                        unknown_people += p;
                        continue;
                    }
                    total += p;
                    if (near[i] <= T) people += p;
                }
                double *areas = g_new(double, ga_points_count(fac) + 1);
                size_t m = 0;
                for (size_t i = q; i < nc; i += nt) areas[m++] = ga_catchments_area(c, i) / 1e6;
                qsort(areas, m, sizeof *areas, cmp_double);
                char thr_text[32], people_text[40];
                g_snprintf(thr_text, sizeof thr_text, "%g %s", sorted[q], radius_km ? "km" : "min");
                g_snprintf(people_text, sizeof people_text, "%.0f (%.1f%%)", people, total > 0 ? 100 * people / total : 0);
                ga_cli_print_col(ga_plan_type_label(type), 30);
                printf(" %10zu %10s %9zu %14.2f %16s\n", ga_points_count(fac),
                       thr_text, m, m ? (m % 2 ? areas[m / 2] : (areas[m / 2 - 1] + areas[m / 2]) / 2) : NAN,
                       people_text);
                if (unknown)
                    printf("%-30s not routed (unknown, left out of the share): %zu commune(s), %.0f people\n", "",
                           unknown, unknown_people);
                g_free(areas);
                g_free(sorted);
            }
            if (!st) ga_catchments_csv_rows(&w, type, c, fac, pp, pa);
            ga_od_free(od);
            ga_points_free(origins);
            g_free(near);
            g_free(first);
        }
        g_free(pp);
        g_free(pa);
        ga_catchments_free(c);
        ga_points_free(fac);
        if (st) goto fail;
    }
    {
        g_autofree char *csv_path = g_build_filename(out_dir, "catchments.csv", NULL);
        if (ga_atomic_write_file(ctx, csv_path, csv->str, csv->len) ||
            ga_outset_commit(ctx, g_steal_pointer(&set)))
            goto fail;
        ga_cli_flush_warnings(ctx);
        if (d.notes->len) printf("\n%s", d.notes->str);
        printf("\nwritten: %s/catchments_TYPE.shp, .geojson and .png for %u types, %s\n", out_dir, d.types->len, csv_path);
    }
    goto done;
fail:
    rc = ga_cli_fail(ctx, "catchment");
done:
    ga_outset_abort(set);
    if (csv) g_string_free(csv, TRUE);
    g_array_free(thr, TRUE);
    g_hash_table_destroy(per_type);
    ga_plan_cost_close(&cost);
    ga_plan_data_clear(&d);
    ga_plan_input_options_clear(&io);
    ga_cli_cost_options_clear(&co);
    ga_ctx_free(ctx);
    return rc;
}
