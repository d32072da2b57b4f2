/* geoaccess apl: the DREES APL (accessibilite potentielle localisee) per
 * commune, from practitioners, population and commune-to-commune times.
 * Computed by study/apl_run.h, written by write/apl_out.h. */
#include <math.h>
#include <stdio.h>
#include "cli/cli.h"
#include "cli/cost.h"
#include "core/alloc.h"
#include "core/internal.h"
#include "study/apl_run.h"
#include "write/apl_out.h"
#include "cli/plan.h"
#include "study/sources.h"

typedef struct {
    char *communes, *demand, *pract, *matrix, *out, *decay, *from_col, *to_col, *cost_col, *id_col,
        *std_col, *pop_col, *weights, *weight_col, *commune_col, *activity_col, *kind_col, *age_col,
        *fte_col, *x_col, *y_col, *crs, *map_format;
    ga_map_format fmt;
    double intra, threshold, max_age, acts_per_fte;
    ga_cli_cost_options co;
} apl_args;

static void args_clear(apl_args *a) {
    g_free(a->map_format);
    char **s[] = {&a->communes, &a->demand, &a->pract, &a->matrix, &a->out, &a->decay, &a->from_col,
                  &a->to_col, &a->cost_col, &a->id_col, &a->std_col, &a->pop_col, &a->weights,
                  &a->weight_col, &a->commune_col, &a->activity_col, &a->kind_col, &a->age_col,
                  &a->fte_col, &a->x_col, &a->y_col, &a->crs};
    for (size_t k = 0; k < G_N_ELEMENTS(s); k++) g_clear_pointer(s[k], g_free);
    ga_cli_cost_options_clear(&a->co);
}

static gboolean parse(apl_args *a, int *argc, char ***argv) {
    GOptionEntry entries[] = {
        {"communes", 0, 0, G_OPTION_ARG_FILENAME, &a->communes,
         "commune polygons (shapefile): the communes, their points for straight-line times, "
         "and a shapefile output", "SHP"},
        {"demand", 0, 0, G_OPTION_ARG_FILENAME, &a->demand,
         "population CSV: commune code, standardised population and/or total population "
         "(or one column per age band with --age-weights)", "CSV"},
        {"practitioners", 0, 0, G_OPTION_ARG_FILENAME, &a->pract,
         "practitioners CSV: commune (or x,y with --communes), activity (consultations + visits "
         "a year) or fte, optional kind (liberal/centre) and age", "CSV"},
        {"matrix", 0, 0, G_OPTION_ARG_FILENAME, &a->matrix,
         "commune-to-commune times CSV from_id,to_id,cost in minutes (default with --communes: "
         "straight-line model)", "CSV"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &a->out, "output folder: apl.csv (and apl.shp with --communes)", "DIR"},
        {"decay", 0, 0, G_OPTION_ARG_STRING, &a->decay,
         "travel-time weights (default the DREES bands steps:10=1,15=2/3,20=1/3)", "SPEC"},
        {"intra-cost", 0, 0, G_OPTION_ARG_DOUBLE, &a->intra,
         "minutes from a commune to itself when the matrix lacks it (default 0)", "MIN"},
        {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &a->threshold, "APL threshold of the summary (default 2.5)", "X"},
        {"max-age", 0, 0, G_OPTION_ARG_DOUBLE, &a->max_age,
         "count only practitioners aged at most AGE (65 or 62 in DREES variants)", "AGE"},
        {"acts-per-fte", 0, 0, G_OPTION_ARG_DOUBLE, &a->acts_per_fte,
         "consultations + visits per full-time practitioner when only fte/headcount is known "
         "(default 5400)", "N"},
        {"age-weights", 0, 0, G_OPTION_ARG_FILENAME, &a->weights,
         "age-band consumption weights (apl_parameters_age_weights.csv) to standardise the population", "CSV"},
        {"weight-col", 0, 0, G_OPTION_ARG_STRING, &a->weight_col, "weight column of --age-weights (default: last weight*)", "NAME"},
        {"id-col", 0, 0, G_OPTION_ARG_STRING, &a->id_col, "commune code column of --demand", "NAME"},
        {"std-col", 0, 0, G_OPTION_ARG_STRING, &a->std_col, "standardised population column", "NAME"},
        {"pop-col", 0, 0, G_OPTION_ARG_STRING, &a->pop_col, "total population column", "NAME"},
        {"commune-col", 0, 0, G_OPTION_ARG_STRING, &a->commune_col, "practitioners' commune column", "NAME"},
        {"activity-col", 0, 0, G_OPTION_ARG_STRING, &a->activity_col, "practitioners' activity column", "NAME"},
        {"kind-col", 0, 0, G_OPTION_ARG_STRING, &a->kind_col, "practitioners' kind column", "NAME"},
        {"age-col", 0, 0, G_OPTION_ARG_STRING, &a->age_col, "practitioners' age column", "NAME"},
        {"fte-col", 0, 0, G_OPTION_ARG_STRING, &a->fte_col, "practitioners' fte or headcount column", "NAME"},
        {"x-col", 0, 0, G_OPTION_ARG_STRING, &a->x_col, "practitioners' x column (with --communes)", "NAME"},
        {"y-col", 0, 0, G_OPTION_ARG_STRING, &a->y_col, "practitioners' y column (with --communes)", "NAME"},
        {"crs", 0, 0, G_OPTION_ARG_STRING, &a->crs, "CRS of the practitioners' x,y (default EPSG:2154)", "CRS"},
        {"from-col", 0, 0, G_OPTION_ARG_STRING, &a->from_col, "matrix origin column (from_id)", "NAME"},
        {"to-col", 0, 0, G_OPTION_ARG_STRING, &a->to_col, "matrix destination column (to_id)", "NAME"},
        {"cost-col", 0, 0, G_OPTION_ARG_STRING, &a->cost_col, "matrix cost column (cost)", "NAME"},
        {NULL}};
    GOptionContext *oc = g_option_context_new("- the DREES APL per commune");
    g_option_context_set_summary(oc,
        "APL (accessibilite potentielle localisee), the DREES way: counted activity per\n"
        "practitioner (<=250: 0; to 3600: 3600; to 6000: as is; above: 6000; no activity the\n"
        "previous year: 5400; health centres uncapped), demand standardised by age, travel\n"
        "time weights 1, 2/3, 1/3, 0 for <=10, <=15, <=20, >20 minutes. The unit is\n"
        "consultations and visits per standardised inhabitant per year. With --communes, also\n"
        "a map, OUT/map_apl.png (or --map-format svg, pdf).\n"
        "Example: geoaccess apl --communes communes.shp --demand population.csv \\\n"
        "           --practitioners gp.csv --matrix times.csv --out result/");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_cli_cost_add_main_entries(oc, &a->co);
    ga_plan_add_map_entry(oc, &a->map_format);
    gboolean parsed = ga_cli_parse(oc, argc, argv, "apl");
    g_option_context_free(oc);
    return parsed;
}

/* The usage checks after parsing: GA_EXIT_OK, or the exit code of the
 * message printed. */
static int check(const apl_args *a, int argc, char **argv) {
    const ga_cli_cost_options *co = &a->co;
    const char *usage = NULL;
    if (!a->pract || !a->out || (!a->communes && !a->demand))
        usage = "--practitioners, --out and --communes or --demand are required";
    else if (!a->communes && !a->matrix)
        usage = "--matrix is required without --communes";
    else if (a->matrix && (co->roads || co->graph || !isnan(co->detour) || !isnan(co->speed)))
        usage = "--matrix gives the travel times: --roads, --graph, --detour and --speed make them";
    else if (!(a->intra >= 0) || !(a->threshold >= 0) || !(a->max_age >= 0) || !(a->acts_per_fte > 0) ||
             !isfinite(a->intra) || !isfinite(a->threshold) || !isfinite(a->max_age) || !isfinite(a->acts_per_fte))
        usage = "--intra-cost, --threshold, --max-age must be finite numbers >= 0, --acts-per-fte > 0";
    if (usage) return ga_cli_usage_error("apl", "%s", usage);
    int rc = GA_EXIT_OK;
    if (!ga_plan_map_format("apl", a->map_format, &((apl_args *)a)->fmt, &rc)) return rc;
    if (argc > 1) return ga_cli_usage_error("apl", "unexpected argument '%s'", ga_clip(argv[1]));
    return GA_EXIT_OK;
}

/* --decay, or the DREES bands. */
static ga_status make_decay(ga_ctx *ctx, const char *spec, ga_decay **decay) {
    if (spec) return ga_cli_decay_parse(ctx, spec, decay);
    return (*decay = ga_decay_new_drees()) ? GA_OK : ga_nomem(ctx, "decay");
}

static ga_apl_run_options run_options(const apl_args *a, const ga_decay *decay, ga_cost_model *model) {
    return (ga_apl_run_options){
        .communes = a->communes, .demand = a->demand, .id_col = a->id_col, .std_col = a->std_col,
        .pop_col = a->pop_col, .weights = a->weights, .weight_col = a->weight_col, .practitioners = a->pract,
        .supply = {a->commune_col, a->activity_col, a->kind_col, a->age_col, a->fte_col, a->max_age,
                   a->acts_per_fte},
        .x_col = a->x_col, .y_col = a->y_col, .crs = a->crs, .matrix = a->matrix,
        .matrix_cols = {a->from_col, a->to_col, a->cost_col}, .model = model, .decay = decay,
        .intra = a->intra, .threshold = a->threshold};
}

static void print_summary(const apl_args *a, const ga_apl_run_result *r, const ga_decay *decay,
                          ga_cost_model *model, const char *csv, const char *shp, const char *map) {
    const ga_apl_summary *s = &r->summary;
    g_autofree char *dd = ga_decay_describe(decay);
    g_autofree char *mt = model ? ga_cost_model_describe(model) : NULL;
    printf("communes: %zu\n", s->n_communes);
    printf("travel times: %s\n", a->matrix ? a->matrix : mt);
    printf("decay: %s; intra-commune time: %g min\n", dd, a->intra);
    printf("standardised population: %.0f\n", s->std_population);
    printf("total population: %.0f\n", s->total_population);
    printf("supply: %.0f consultations and visits a year\n", s->supply);
    printf("mean APL (weighted by standardised population): %.3f\n", s->mean_apl);
    printf("communes with APL < %g: %zu, population %.0f\n", s->threshold, s->communes_under,
           s->population_under);
    if (s->communes_unknown)
        printf("communes not routed (APL unknown, left out above): %zu, population %.0f\n",
               s->communes_unknown, s->population_unknown);
    printf("Gini of APL (standardised population): %.4f; Theil: %.4f\n", r->gini, r->theil);
    printf("written: %s%s%s%s%s\n", csv, r->communes ? ", " : "", r->communes ? shp : "", map ? ", " : "",
           map ? map : "");
}

/* map_apl with the communes: the inputs' files as its sources line */
static ga_status draw_map(ga_ctx *ctx, const apl_args *a, const ga_apl_run_result *r, ga_cost_model *model,
                          GPtrArray *written) {
    ga_plan_data d = {.communes = r->communes, .pop = r->pop, .sources = g_string_new(NULL)};
    ga_sources_add(d.sources, a->communes);
    ga_sources_add(d.sources, a->demand);
    ga_sources_add(d.sources, a->pract);
    g_autofree char *mt = model ? ga_cost_model_describe(model) : g_strdup_printf("times of %s", a->matrix);
    g_autofree char *what = g_strdup_printf("%zu communes", r->n);
    d.what = what;
    ga_plan_maps m;
    ga_plan_maps_init(&m, &d, mt, a->fmt, a->out, written);
    ga_status st = ga_plan_map_apl(ctx, &m, r->apl, NULL, "apl");
    ga_plan_maps_clear(&m);
    g_string_free(d.sources, TRUE);
    return st;
}

int ga_cmd_apl(int argc, char **argv) {
    apl_args a = {.intra = GA_APL_DEFAULT_INTRA_MINUTES, .threshold = GA_APL_DEFAULT_THRESHOLD,
                  .acts_per_fte = GA_APL_DEFAULT_ACTS_PER_FTE};
    ga_ctx *ctx = NULL;
    ga_outset *set = NULL;
    ga_decay *decay = NULL;
    ga_cost_model *model = NULL;
    ga_apl_run_result r = {0};
    g_autofree char *csv = NULL, *shp = NULL;
    GPtrArray *written = g_ptr_array_new_with_free_func(g_free);
    int rc = parse(&a, &argc, &argv) ? check(&a, argc, argv) : GA_EXIT_USAGE;
    if (rc) goto done;
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    /* a bad --out fails before the work */
    if (ga_cli_outset_open(ctx, "apl", a.out, NULL, &set)) goto fail;
    if (make_decay(ctx, a.decay, &decay)) goto fail;
    /* the cost model before the layers: a road graph sets the working CRS */
    if (!a.matrix && ga_cli_cost_model(ctx, &a.co, &model)) goto fail;
    ga_apl_run_options o = run_options(&a, decay, model);
    if (ga_apl_run(ctx, &o, &r)) goto fail;
    csv = g_build_filename(a.out, "apl.csv", NULL);
    shp = g_build_filename(a.out, "apl.shp", NULL);
    if (ga_apl_run_write(ctx, &r, csv, shp) || (r.communes && draw_map(ctx, &a, &r, model, written)) ||
        ga_outset_commit(ctx, g_steal_pointer(&set)))
        goto fail;
    ga_cli_flush_warnings(ctx);
    print_summary(&a, &r, decay, model, csv, shp, written->len ? written->pdata[0] : NULL);
    goto done;
fail:
    rc = ga_cli_fail(ctx, "apl");
done:
    ga_outset_abort(set);
    ga_apl_run_result_clear(&r);
    g_ptr_array_free(written, TRUE);
    ga_cost_model_free(model);
    ga_decay_free(decay);
    ga_ctx_free(ctx);
    args_clear(&a);
    return rc;
}
