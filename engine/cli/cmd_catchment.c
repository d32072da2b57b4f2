/* geoaccess catchment: the area from which each facility is reached within
 * thresholds (isochrones on roads, service circles under the straight-line
 * model), with the population it covers; shapefile, GeoJSON and CSV. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/plan.h"
#include "core/atomic.h"
#include "study/catchment.h"
#include "study/ring.h"
#include "write/csv_out.h"
#include "write/tables.h"

typedef struct {
    char *out_dir, *thresholds, *type_thr, *radius_km, *map_format;
    ga_map_format fmt;
    double buffer;
    gboolean from_facility, by_area;
    ga_plan_input_options io;
    ga_cli_cost_options co;
    GArray *thr;          /* double: the thresholds (minutes, or km with --radius-km) */
    GHashTable *per_type; /* type -> GArray of double: --type-thresholds */
} catchment_options;

static void catchment_options_clear(catchment_options *o) {
    g_free(o->out_dir);
    g_free(o->map_format);
    g_free(o->thresholds);
    g_free(o->type_thr);
    g_free(o->radius_km);
    ga_plan_input_options_clear(&o->io);
    ga_cli_cost_options_clear(&o->co);
    if (o->thr) g_array_free(o->thr, TRUE);
    if (o->per_type) g_hash_table_destroy(o->per_type);
}

/* --type-thresholds mat=45,urg=30 into o->per_type; GA_EXIT_OK or a usage error's exit code. */
static int parse_type_thresholds(catchment_options *o) {
    o->per_type = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
    if (!o->type_thr) return GA_EXIT_OK;
    g_auto(GStrv) parts = g_strsplit(o->type_thr, ",", -1);
    for (char **p = parts; *p; p++) {
        char *eq = strchr(*p, '='), *err = NULL;
        GArray *a = g_array_new(FALSE, FALSE, sizeof(double));
        if (eq) *eq = 0;
        if (!eq || !ga_plan_parse_numbers(eq + 1, a, &err)) {
            g_array_unref(a);
            int rc = ga_cli_usage_error("catchment", "--type-thresholds: '%s%s%s' is not TYPE=MINUTES%s%s", *p,
                                        eq ? "=" : "", eq ? eq + 1 : "", err ? ": " : "", err ? err : "");
            g_free(err);
            return rc;
        }
        g_hash_table_replace(o->per_type, g_strdup(g_strstrip(*p)), a);
    }
    return GA_EXIT_OK;
}

/* Checks what the options say; GA_EXIT_OK or a usage error's exit code. */
static int check_options(int argc, char **argv, catchment_options *o) {
    if (argc > 1) return ga_cli_usage_error("catchment", "unexpected argument '%s'", ga_clip(argv[1]));
    g_autofree char *err = NULL;
    o->thr = g_array_new(FALSE, FALSE, sizeof(double));
    if (!ga_plan_parse_numbers(o->radius_km ? o->radius_km : o->thresholds ? o->thresholds : "20,30", o->thr, &err))
        return ga_cli_usage_error("catchment", "--%s: %s", o->radius_km ? "radius-km" : "thresholds", err);
    if (o->radius_km && (o->thresholds || o->type_thr))
        return ga_cli_usage_error("catchment", "--radius-km replaces --thresholds and --type-thresholds");
    int rc = parse_type_thresholds(o);
    if (rc) return rc;
    if (!(o->buffer > 0) || !isfinite(o->buffer))
        return ga_cli_usage_error("catchment", "--buffer must be a positive number of metres");
    if (!ga_plan_map_format("catchment", o->map_format, &o->fmt, &rc)) return rc;
    if (!o->out_dir) o->out_dir = g_strdup("out");
    return GA_EXIT_OK;
}

/* Fills *o from the command line; GA_EXIT_OK or the exit code of a usage error. */
static int parse_options(int argc, char **argv, catchment_options *o) {
    o->buffer = GA_CATCHMENT_DEFAULT_BUFFER_M;
    GOptionEntry entries[] = {
        {"thresholds", 0, 0, G_OPTION_ARG_STRING, &o->thresholds,
         "thresholds in minutes, comma-separated (default 20,30)", "LIST"},
        {"type-thresholds", 0, 0, G_OPTION_ARG_STRING, &o->type_thr,
         "thresholds of some types instead, e.g. mat=45,urg=30", "TYPE=T,..."},
        {"radius-km", 0, 0, G_OPTION_ARG_STRING, &o->radius_km,
         "straight-line model: service radii in km instead of minutes (e.g. 5)", "LIST"},
        {"buffer", 0, 0, G_OPTION_ARG_DOUBLE, &o->buffer,
         "roads: half-width in metres of the band around reached roads (default 100)", "M"},
        {"from-facility", 0, 0, G_OPTION_ARG_NONE, &o->from_facility,
         "roads: time from the facility (default: time to reach it)", NULL},
        {"by-area", 0, 0, G_OPTION_ARG_NONE, &o->by_area,
         "also share each commune's people by the area of the commune inside the polygon", NULL},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &o->out_dir, "output folder (default: out)", "DIR"},
        G_OPTION_ENTRY_NULL};
    GOptionContext *oc = g_option_context_new("- catchments (isochrones) of facilities");
    g_option_context_set_summary(oc,
        "For each facility of each type and each threshold, the area from which it is reached:\n"
        "on a road graph (--roads/--graph) the reached roads (cut where the threshold falls)\n"
        "buffered by --buffer metres; under the straight-line model a circle whose radius is\n"
        "the distance the model covers in the threshold (or --radius-km). Writes\n"
        "OUT/catchments_TYPE.shp, .geojson (one polygon per facility and threshold,\n"
        "nested, clipped to the communes loaded, with their area and the area in the study area)\n"
        "and .png (a map over the communes' people; or --map-format svg, pdf), and\n"
        "OUT/catchments.csv, with the people of the communes whose representative point is within\n"
        "the threshold (inclusive).");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_plan_add_input_entries(oc, &o->io);
    ga_cli_cost_add_main_entries(oc, &o->co);
    ga_plan_add_map_entry(oc, &o->map_format);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "catchment");
    g_option_context_free(oc);
    return parsed ? check_options(argc, argv, o) : GA_EXIT_USAGE;
}

static void print_header(const catchment_options *o, const ga_plan_data *d, const ga_plan_cost *cost,
                         const char *model_text) {
    printf("geoaccess catchment: %s\ntravel costs: %s\n", d->what, model_text);
    if (cost->router)
        printf("catchments: reached roads (partly reached ones cut at the threshold) buffered by %g m; "
               "time %s the facility\n", o->buffer, o->from_facility ? "from" : "to reach");
    else if (o->radius_km)
        printf("catchments: service radii (circles) of the given km\n");
    else
        printf("catchments: circles of the radius the straight-line model covers in each threshold\n");
    printf("population: communes whose representative point is within the threshold (inclusive)%s\n\n",
           o->by_area ? "; and shared by area of the commune inside the polygon" : "");
    printf("%-30s %10s %10s %9s %14s %16s\n", "type", "facilities", "threshold", "polygons",
           "median km2", "people within");
}

static void print_rows(const catchment_options *o, const char *type, const ga_plan_catchment *p, size_t nt) {
    for (size_t q = 0; q < nt; q++) {
        const ga_catchment_summary *r = &p->rows[q];
        char thr_text[32], people_text[40];
        g_snprintf(thr_text, sizeof thr_text, "%g %s", r->threshold, o->radius_km ? "km" : "min");
        g_snprintf(people_text, sizeof people_text, "%.0f (%.1f%%)", r->people,
                   r->total > 0 ? 100 * r->people / r->total : 0);
        ga_cli_print_col(ga_plan_type_label(type), 30);
        printf(" %10zu %10s %9zu %14.2f %16s\n", ga_points_count(p->fac), thr_text, r->polygons, r->median_km2,
               people_text);
        if (r->unknown)
            printf("%-30s not routed (unknown, left out of the share): %zu commune(s), %.0f people\n", "",
                   r->unknown, r->unknown_people);
    }
}

/* The catchments of one type: computed, written (shapefile, GeoJSON, map),
 * printed, and their rows added to the CSV. */
static ga_status catchment_type(ga_ctx *ctx, const catchment_options *o, const ga_plan_data *d,
                                const ga_plan_cost *cost, const char *type, const char *model_text,
                                ga_csv_writer *w) {
    GArray *t = g_hash_table_lookup(o->per_type, type);
    if (!t) t = o->thr;
    ga_plan_catchment_options po = {(const double *)t->data, t->len, o->radius_km != NULL, o->buffer,
                                    o->from_facility, o->by_area};
    ga_plan_catchment p;
    ga_status st = ga_plan_catchment_type(ctx, cost, &o->co, d, type, &po, &p);
    g_autofree char *shp = g_strdup_printf("%s/catchments_%s.shp", o->out_dir, type);
    g_autofree char *json = g_strdup_printf("%s/catchments_%s.geojson", o->out_dir, type);
    g_autofree char *png = g_strdup_printf("%s/catchments_%s%s", o->out_dir, type, ga_map_format_ext(o->fmt));
    g_autofree char *title = g_strdup_printf("Catchments: %s", ga_plan_type_label(type));
    if (!st) st = ga_catchments_write_shp(ctx, p.c, p.fac, p.pop_points, p.pop_area, shp);
    if (!st) st = ga_catchments_write_geojson(ctx, p.c, p.fac, p.pop_points, p.pop_area, json);
    if (!st) {
        g_autofree char *sources = ga_plan_maps_sources(d);
        ga_map_style ms = {.title = title, .subtitle = model_text, .sources = sources, .format = o->fmt};
        st = ga_catchments_map(ctx, p.c, cost->graph, d->communes, d->pop, d->ring ? d->ring->communes : NULL,
                               p.fac, &ms, png, NULL);
    }
    if (!st) print_rows(o, type, &p, t->len);
    if (!st) ga_catchments_csv_rows(w, type, p.c, p.fac, p.pop_points, p.pop_area);
    ga_plan_catchment_clear(&p);
    return st;
}

int ga_cmd_catchment(int argc, char **argv) {
    catchment_options o = {0};
    int rc = parse_options(argc, argv, &o);
    ga_outset *set = NULL;
    ga_ctx *ctx = NULL;
    ga_plan_data d = {0};
    ga_plan_cost cost = {0};
    g_autofree char *model_text = NULL, *csv_path = NULL;
    GString *csv = g_string_new(NULL);
    ga_csv_writer w = ga_csv_to_string(csv);
    if (rc) goto done;
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (ga_cli_outset_open(ctx, "catchment", o.out_dir, NULL, &set)) goto fail; /* before the work */
    if (ga_plan_cost_open(ctx, &o.co, &cost) || ga_plan_data_load(ctx, &o.io, &d)) goto fail;
    if (o.radius_km && cost.router) {
        ga_fail(ctx, GA_ERR_ARG, "--radius-km draws straight-line service radii: it cannot be used with "
                "--roads or --graph (give --thresholds in minutes)");
        goto fail;
    }
    model_text = ga_cost_model_describe(cost.model);
    print_header(&o, &d, &cost, model_text);
    ga_catchments_csv_header(&w);
    for (guint k = 0; k < d.types->len; k++)
        if (catchment_type(ctx, &o, &d, &cost, d.types->pdata[k], model_text, &w)) goto fail;
    csv_path = g_build_filename(o.out_dir, "catchments.csv", NULL);
    if (ga_atomic_write_file(ctx, csv_path, csv->str, csv->len) || ga_outset_commit(ctx, g_steal_pointer(&set)))
        goto fail;
    ga_cli_flush_warnings(ctx);
    if (d.notes->len) printf("\n%s", d.notes->str);
    printf("\nwritten: %s/catchments_TYPE.shp, .geojson and %s for %u types, %s\n", o.out_dir,
           ga_map_format_ext(o.fmt), d.types->len,
           csv_path);
    goto done;
fail:
    rc = ga_cli_fail(ctx, "catchment");
done:
    ga_outset_abort(set);
    g_string_free(csv, TRUE);
    ga_plan_cost_close(&cost);
    ga_plan_data_clear(&d);
    catchment_options_clear(&o);
    ga_ctx_free(ctx);
    return rc;
}
