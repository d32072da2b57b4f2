/* geoaccess fca: floating catchment and related accessibility measures from
 * a cost matrix, a demand table and a supply table. Computed by
 * study/fca.h, written by write/access_out.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cost.h"
#include "core/internal.h"
#include "study/fca.h"
#include "write/access_out.h"

typedef struct {
    char *matrix, *demand, *supply, *method, *decay, *out, *from_col, *to_col, *cost_col,
        *demand_col, *supply_col, *id_col, *crs;
    double max_cost, nth, alpha;
    ga_cli_cost_options co;
} fca_args;

static void args_clear(fca_args *a) {
    char **s[] = {&a->matrix, &a->demand, &a->supply, &a->method, &a->decay, &a->out, &a->from_col,
                  &a->to_col, &a->cost_col, &a->demand_col, &a->supply_col, &a->id_col, &a->crs};
    for (size_t k = 0; k < G_N_ELEMENTS(s); k++) g_clear_pointer(s[k], g_free);
    ga_cli_cost_options_clear(&a->co);
}

static gboolean parse(fca_args *a, int *argc, char ***argv) {
    GOptionEntry entries[] = {
        {"matrix", 0, 0, G_OPTION_ARG_FILENAME, &a->matrix,
         "cost matrix CSV: from_id (demand), to_id (supply), cost (minutes); without it the "
         "costs come from the cost model (straight line, or --roads/--graph) between the "
         "demand and supply tables' coordinates",
         "FILE"},
        {"demand", 0, 0, G_OPTION_ARG_FILENAME, &a->demand,
         "demand CSV: id,population (and x,y or lon,lat without --matrix)", "FILE"},
        {"supply", 0, 0, G_OPTION_ARG_FILENAME, &a->supply,
         "supply CSV: id,capacity (and x,y or lon,lat without --matrix)", "FILE"},
        {"crs", 0, 0, G_OPTION_ARG_STRING, &a->crs,
         "without --matrix: CRS of the tables' x,y columns (default: the working CRS, "
         "EPSG:2154, or the road graph's)", "CRS"},
        {"method", 0, 0, G_OPTION_ARG_STRING, &a->method,
         "2sfca, e2sfca, 3sfca, bfca, gravity, cumulative, closest or availability", "NAME"},
        {"decay", 0, 0, G_OPTION_ARG_STRING, &a->decay,
         "binary:C, steps:B1=W1,B2=W2,..., power:BETA, exponential:BETA, linear:C, gaussian:C",
         "SPEC"},
        {"max-cost", 0, 0, G_OPTION_ARG_DOUBLE, &a->max_cost, "drop pairs costing more than X", "X"},
        {"n", 0, 0, G_OPTION_ARG_DOUBLE, &a->nth,
         "closest: cost to reach N units of supply (default 1)", "N"},
        {"alpha", 0, 0, G_OPTION_ARG_DOUBLE, &a->alpha,
         "availability: exponent of the population balancing (default 1)", "A"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &a->out,
         "output CSV id,access (default or '-': standard output; written atomically)", "FILE"},
        {"from-col", 0, 0, G_OPTION_ARG_STRING, &a->from_col, "matrix origin column (from_id)", "NAME"},
        {"to-col", 0, 0, G_OPTION_ARG_STRING, &a->to_col, "matrix destination column (to_id)", "NAME"},
        {"cost-col", 0, 0, G_OPTION_ARG_STRING, &a->cost_col, "matrix cost column (cost)", "NAME"},
        {"id-col", 0, 0, G_OPTION_ARG_STRING, &a->id_col, "id column of demand and supply (id)", "NAME"},
        {"demand-col", 0, 0, G_OPTION_ARG_STRING, &a->demand_col, "demand value column (population)", "NAME"},
        {"supply-col", 0, 0, G_OPTION_ARG_STRING, &a->supply_col, "supply value column (capacity)", "NAME"},
        {NULL}};
    GOptionContext *oc = g_option_context_new("- accessibility measures from a cost matrix");
    g_option_context_set_summary(oc,
        "Computes one accessibility measure per demand location and writes id,access in the\n"
        "order of the demand table (%.17g). Pairs missing from the matrix are unreachable.\n"
        "  2sfca    Luo & Wang (2003)         e2sfca  Luo & Qi (2009), weighted bands\n"
        "  3sfca    Wan, Zou & Sternberg 2012  bfca    Paez, Higgins & Vivona (2019)\n"
        "  gravity  Hansen (1959)              cumulative  supply within the binary:C cutoff\n"
        "  closest  cost to the N-th unit of supply (inf when out of reach)\n"
        "  availability  spatial availability, Soukhov et al. (2023)\n"
        "Example: geoaccess fca --matrix m.csv --demand d.csv --supply s.csv --method e2sfca \\\n"
        "           --decay steps:10=1,15=0.66,20=0.33\n"
        "Without --matrix, the tables carry coordinates and travel times come from the\n"
        "straight-line model or, with --roads/--graph, the road network:\n"
        "         geoaccess fca --graph herault.gagraph --demand d.csv --supply s.csv ...");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_cli_cost_add_main_entries(oc, &a->co);
    gboolean parsed = ga_cli_parse(oc, argc, argv, "fca");
    g_option_context_free(oc);
    return parsed;
}

/* The usage checks after parsing: GA_EXIT_OK, or the exit code of the
 * message printed. Fills the measure's kind and method. */
static int check(fca_args *a, int argc, char **argv, ga_study_fca_options *o) {
    const ga_cli_cost_options *co = &a->co;
    if (!a->demand || !a->supply || !a->method)
        return ga_cli_usage_error("fca", "--demand, --supply and --method are required");
    if (a->matrix && (co->roads || co->graph || !isnan(co->detour) || !isnan(co->speed) || a->crs))
        return ga_cli_usage_error("fca", "--matrix gives the costs: --roads, --graph, --detour, "
                                         "--speed and --crs make them from coordinates instead");
    if (argc > 1) return ga_cli_usage_error("fca", "unexpected argument '%s'", ga_clip(argv[1]));
    if (!ga_study_fca_kind_parse(a->method, &o->kind, &o->method))
        return ga_cli_usage_error("fca", "unknown --method '%s' (2sfca, e2sfca, 3sfca, bfca, gravity, "
                                         "cumulative, closest, availability)", ga_clip(a->method));
    if (ga_cli_check_number("fca", "--max-cost", a->max_cost, 0, GA_MAX_COST) ||
        ga_cli_check_number("fca", "--n", a->nth, 1, GA_MAX_AMOUNT) ||
        ga_cli_check_number("fca", "--alpha", a->alpha, 0, 100))
        return GA_EXIT_USAGE;
    if (!a->decay && o->kind != GA_STUDY_CLOSEST && !(o->kind == GA_STUDY_CUMULATIVE && a->max_cost > 0))
        return ga_cli_usage_error("fca", "--decay is required with --method %s", a->method);
    if (a->nth < 1) return ga_cli_usage_error("fca", "--n must be >= 1");
    if (a->out && !strcmp(a->out, "-")) g_clear_pointer(&a->out, g_free); /* "-": standard output */
    return GA_EXIT_OK;
}

/* The decay of --decay (cut at --max-cost), or --max-cost alone as a plain
 * cutoff (closest, cumulative), or none; and the cumulative cutoff. */
static int make_decay(ga_ctx *ctx, const fca_args *a, ga_study_fca_options *o, ga_decay **decay) {
    if (a->decay) {
        if (ga_cli_decay_parse(ctx, a->decay, decay)) return ga_cli_fail(ctx, "fca");
        if (a->max_cost > 0) ga_decay_set_max_cost(*decay, a->max_cost);
    } else if (a->max_cost > 0) {
        g_autofree char *spec = g_strdup_printf("binary:%.17g", a->max_cost);
        if (ga_decay_parse(ctx, spec, decay)) return ga_cli_fail(ctx, "fca");
    }
    o->decay = *decay;
    o->cutoff = a->max_cost > 0 ? a->max_cost : INFINITY;
    if (o->kind == GA_STUDY_CUMULATIVE && a->decay && !ga_decay_is_binary(*decay, &o->cutoff))
        return ga_cli_usage_error("fca", "--method cumulative needs --decay binary:C (the cutoff)");
    return GA_EXIT_OK;
}

int ga_cmd_fca(int argc, char **argv) {
    fca_args a = {.nth = 1, .alpha = 1};
    ga_study_fca_options o = {0};
    ga_study_fca_result r = {0};
    ga_ctx *ctx = NULL;
    ga_decay *decay = NULL;
    ga_outset *set = NULL;
    int rc = parse(&a, &argc, &argv) ? check(&a, argc, argv, &o) : GA_EXIT_USAGE;
    if (rc) goto done;
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (a.out && ga_cli_outset_open(ctx, "fca", NULL, a.out, &set)) goto fail; /* before the work */
    if ((rc = make_decay(ctx, &a, &o, &decay))) goto done;
    o = (ga_study_fca_options){.demand = a.demand, .supply = a.supply, .id_col = a.id_col,
        .demand_col = a.demand_col, .supply_col = a.supply_col, .matrix = a.matrix,
        .matrix_cols = {a.from_col, a.to_col, a.cost_col}, .crs = a.crs, .kind = o.kind,
        .method = o.method, .decay = o.decay, .max_cost = a.max_cost, .cutoff = o.cutoff,
        .nth = a.nth, .alpha = a.alpha};
    /* without a matrix: the cost model first (a road graph sets the working
     * CRS the points go to) */
    if ((!a.matrix && ga_cli_cost_model(ctx, &a.co, &o.model)) || ga_study_fca_run(ctx, &o, &r)) goto fail;
    ga_cli_flush_warnings(ctx);
    if (r.n_unknown)
        fprintf(stderr, "not routed: %zu demand row(s), demand %.17g: access unknown (empty), "
                "their demand left out of the competition\n", r.n_unknown, r.demand_unknown);
    if (!a.out) {
        if (!ga_access_write_csv_stream(r.ids, r.access, r.n, stdout)) {
            fprintf(stderr, "geoaccess fca: error writing to standard output\n");
            rc = GA_EXIT_INPUT;
        }
    } else if (ga_access_write_csv(ctx, r.ids, r.access, r.n, a.out) ||
               ga_outset_commit(ctx, g_steal_pointer(&set)))
        goto fail;
    goto done;
fail:
    rc = ga_cli_fail(ctx, "fca");
done:
    ga_outset_abort(set);
    ga_study_fca_result_clear(&r);
    ga_cost_model_free(o.model);
    ga_decay_free(decay);
    ga_ctx_free(ctx);
    args_clear(&a);
    return rc;
}
