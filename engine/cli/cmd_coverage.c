/* geoaccess coverage: share and number of people within T of each facility
 * type, per commune group and overall. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/plan.h"
#include "core/atomic.h"
#include "study/coverage.h"
#include "study/groups.h"
#include "write/csv_out.h"
#include "write/tables.h"

typedef struct {
    char *thresholds, *groups, *group_key, *group_col, *group_name_col, *out_dir, *map_format;
    ga_map_format fmt;
    GArray *thr; /* double, minutes */
    ga_plan_input_options io;
    ga_cli_cost_options co;
} coverage_options;

static void coverage_options_clear(coverage_options *o) {
    g_free(o->thresholds);
    g_free(o->groups);
    g_free(o->group_key);
    g_free(o->group_col);
    g_free(o->group_name_col);
    g_free(o->out_dir);
    g_free(o->map_format);
    if (o->thr) g_array_free(o->thr, TRUE);
    ga_plan_input_options_clear(&o->io);
    ga_cli_cost_options_clear(&o->co);
}

/* Fills *o from the command line; GA_EXIT_OK or the exit code of a usage error. */
static int parse_options(int argc, char **argv, coverage_options *o) {
    GOptionEntry entries[] = {
        {"thresholds", 0, 0, G_OPTION_ARG_STRING, &o->thresholds,
         "thresholds in minutes, comma-separated (default 30)", "LIST"},
        {"group-col", 0, 0, G_OPTION_ARG_STRING, &o->group_col,
         "group communes by this field of the commune layer, or column of --groups", "NAME"},
        {"groups", 0, 0, G_OPTION_ARG_FILENAME, &o->groups,
         "join table giving each commune's group (e.g. an intercommunalité code)", "CSV"},
        {"group-name-col", 0, 0, G_OPTION_ARG_STRING, &o->group_name_col,
         "the groups' names: a column of --groups or a field of the commune layer (default with "
         "--groups: PREFIX_name, PREFIX_nom, PREFIX_libelle, nom_PREFIX, lib_PREFIX or "
         "libelle_PREFIX for a --group-col PREFIX_code, e.g. epci_siren -> epci_nom)", "NAME"},
        {"group-key", 0, 0, G_OPTION_ARG_STRING, &o->group_key,
         "commune code column of --groups (default: insee_code, insee, code, codgeo, depcom)", "NAME"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &o->out_dir, "output folder (default: out)", "DIR"},
        G_OPTION_ENTRY_NULL};
    GOptionContext *oc = g_option_context_new("- people within reach of each facility type");
    g_option_context_set_summary(oc,
        "For each facility type and threshold: the number and share of people (and communes)\n"
        "whose nearest facility of the type is within the threshold (inclusive: a time equal to\n"
        "the threshold is covered), overall and per group of communes (--group-col, from the\n"
        "commune layer or a --groups join table). Writes OUT/coverage.csv and per type a map\n"
        "of the communes covered within the longest threshold, OUT/map_coverage_TYPE.png (or\n"
        "--map-format svg, pdf).");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_plan_add_input_entries(oc, &o->io);
    ga_cli_cost_add_main_entries(oc, &o->co);
    ga_plan_add_map_entry(oc, &o->map_format);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "coverage");
    g_option_context_free(oc);
    if (!parsed) return GA_EXIT_USAGE;
    if (argc > 1) return ga_cli_usage_error("coverage", "unexpected argument '%s'", ga_clip(argv[1]));
    g_autofree char *err = NULL;
    o->thr = g_array_new(FALSE, FALSE, sizeof(double));
    if (!ga_plan_parse_numbers(o->thresholds ? o->thresholds : "30", o->thr, &err))
        return ga_cli_usage_error("coverage", "--thresholds: %s", err);
    if ((o->groups || o->group_key || o->group_name_col) && !o->group_col)
        return ga_cli_usage_error("coverage", "--groups, --group-key and --group-name-col need --group-col");
    int rc = GA_EXIT_OK;
    if (!ga_plan_map_format("coverage", o->map_format, &o->fmt, &rc)) return rc;
    if (!o->out_dir) o->out_dir = g_strdup("out");
    return GA_EXIT_OK;
}

/* The groups of one coverage, at most 40 (UTF-8 names: characters, not bytes). */
static void print_groups(const ga_coverage *c, const char *const *labels) {
    for (size_t g = 0; g < c->n_groups && c->n_groups <= 40; g++) {
        g_autofree char *shown = labels[g] ? g_strdup_printf("%s (%s)", labels[g], c->group[g])
                                           : g_strdup(c->group[g]);
        if (g_utf8_strlen(shown, -1) > 56) {
            g_autofree char *cut = g_utf8_substring(shown, 0, 55);
            g_free(shown);
            shown = g_strconcat(cut, "…", NULL);
        }
        printf("  ");
        ga_cli_print_col(shown, 56);
        printf(" %22.0f of %-10.0f %5.1f%%\n", c->covered[g], c->population[g],
               c->population[g] > 0 ? 100 * c->covered[g] / c->population[g] : 0);
    }
}

/* Prints the coverage of `type` at threshold T and adds its CSV rows. */
static void report(ga_csv_writer *w, const ga_coverage *c, const char *type, double T,
                   const ga_commune_groups *groups) {
    char a[40], b[32];
    g_snprintf(a, sizeof a, "%.0f (%.1f%%)", c->total_covered,
               c->total_population > 0 ? 100 * c->total_covered / c->total_population : 0);
    g_snprintf(b, sizeof b, "%zu/%zu", c->total_communes_covered, c->total_communes);
    ga_cli_print_col(ga_plan_type_label(type), 30);
    printf(" %6g min %22s %12s\n", T, a, b);
    if (c->total_communes_unknown)
        printf("%-30s %10s not routed (unknown, left out of the share): %zu commune(s), %.0f people\n", "", "",
               c->total_communes_unknown, c->total_population_unknown);
    const char **labels = g_new0(const char *, c->n_groups + 1);
    for (size_t g = 0; g < c->n_groups; g++) labels[g] = ga_commune_groups_name(groups, c->group[g]);
    bool named = groups && groups->name;
    ga_coverage_csv_rows(w, c, type, T, groups != NULL, named, labels);
    if (groups) print_groups(c, labels);
    g_free(labels);
}

static void print_header(const coverage_options *o, const ga_plan_data *d, const ga_plan_cost *cost,
                         const ga_commune_groups *groups) {
    g_autofree char *model_text = ga_cost_model_describe(cost->model);
    printf("geoaccess coverage: %s\ntravel costs: %s\n", d->what, model_text);
    if (groups)
        printf("groups: %s%s%s%s%s\n", o->group_col, o->groups ? " from " : "", o->groups ? o->groups : "",
               groups->name_col ? ", named by " : "", groups->name_col ? groups->name_col : "");
    printf("\n%-30s %10s %22s %12s\n", "type", "threshold", "people within", "communes");
}

/* Computes, prints and adds to the CSV the coverage of every type. */
static ga_status cover_types(ga_ctx *ctx, const coverage_options *o, const ga_plan_data *d,
                             const ga_plan_cost *cost, const ga_commune_groups *groups, ga_csv_writer *w,
                             const ga_plan_maps *m) {
    const double *thr = (const double *)o->thr->data;
    double longest = 0;
    for (guint q = 0; q < o->thr->len; q++) longest = MAX(longest, thr[q]);
    ga_plan_check_reach(ctx, d, cost->model, longest); /* the embedded default's ring */
    print_header(o, d, cost, groups);
    for (guint k = 0; k < d->types->len; k++) {
        const char *type = d->types->pdata[k];
        ga_coverage **c = NULL;
        double *times = NULL;
        ga_status st = ga_plan_coverage_times(ctx, cost->model, d, type, groups ? groups->group : NULL, thr,
                                              o->thr->len, &c, &times);
        if (st) return st;
        g_autofree char *name = g_strdup_printf("map_coverage_%s", type);
        ga_points *fac = ga_plan_facilities_of(d, type);
        st = ga_plan_map_coverage(ctx, m, name, ga_plan_type_label(type), times, longest, fac);
        ga_points_free(fac);
        g_free(times);
        for (guint q = 0; q < o->thr->len; q++) {
            report(w, c[q], type, thr[q], groups);
            ga_coverage_free(c[q]);
        }
        g_free(c);
        if (st) return st;
    }
    return GA_OK;
}

int ga_cmd_coverage(int argc, char **argv) {
    coverage_options o = {0};
    int rc = parse_options(argc, argv, &o);
    ga_ctx *ctx = NULL;
    ga_outset *set = NULL;
    ga_plan_data d = {0};
    ga_plan_cost cost = {0};
    ga_plan_maps maps = {0};
    g_autofree char *model_text = NULL;
    ga_commune_groups *groups = NULL;
    g_autofree char *csv_path = NULL;
    GString *csv = g_string_new(NULL);
    ga_csv_writer w = ga_csv_to_string(csv);
    if (rc) goto done;
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (ga_cli_outset_open(ctx, "coverage", o.out_dir, NULL, &set)) goto fail; /* before the work */
    if (ga_plan_cost_open(ctx, &o.co, &cost) || ga_plan_data_load(ctx, &o.io, &d)) goto fail;
    if (o.group_col && ga_commune_groups_load(ctx, d.communes, o.groups, o.group_key, o.group_col,
                                              o.group_name_col, &groups))
        goto fail;
    ga_coverage_csv_header(&w, groups && groups->name);
    model_text = ga_cost_model_describe(cost.model);
    ga_plan_maps_init(&maps, &d, model_text, o.fmt, o.out_dir, NULL);
    if (cover_types(ctx, &o, &d, &cost, groups, &w, &maps)) goto fail;
    csv_path = g_build_filename(o.out_dir, "coverage.csv", NULL);
    if (ga_atomic_write_file(ctx, csv_path, csv->str, csv->len) || ga_outset_commit(ctx, g_steal_pointer(&set)))
        goto fail;
    ga_cli_flush_warnings(ctx);
    if (d.notes->len) printf("\n%s", d.notes->str);
    printf("\nwritten: %s, %s/map_coverage_TYPE%s for %u types\n", csv_path, o.out_dir, ga_map_format_ext(o.fmt),
           d.types->len);
    goto done;
fail:
    rc = ga_cli_fail(ctx, "coverage");
done:
    ga_outset_abort(set);
    ga_plan_maps_clear(&maps);
    ga_commune_groups_free(groups);
    g_string_free(csv, TRUE);
    ga_plan_cost_close(&cost);
    ga_plan_data_clear(&d);
    coverage_options_clear(&o);
    ga_ctx_free(ctx);
    return rc;
}
