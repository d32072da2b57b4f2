/* geoaccess fca: floating catchment and related accessibility measures from
 * a cost matrix, a demand table and a supply table. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "layer/table.h"
#include "write/csv_out.h"
#include "cli/cost.h"
#include "core/internal.h"

typedef enum { M_FCA, M_GRAVITY, M_CUMULATIVE, M_CLOSEST, M_AVAILABILITY } method_kind;

/* Reads id and value columns of a table; at least one row, ids unique,
 * values from 0 to GA_MAX_AMOUNT. */
static ga_status read_values(ga_ctx *ctx, const char *path, const char *id_col,
                             const char *val_col, const char *what, ga_table **t_out,
                             const char ***ids_out, double **vals_out) {
    ga_table *t = NULL;
    ga_status st = ga_table_read(ctx, path, &t);
    if (st) return st;
    size_t ci, cv;
    ga_key_index *idx = NULL;
    if ((st = ga_table_require_rows(ctx, t, what)) ||
        (st = ga_table_require(ctx, t, id_col, "id", &ci)) ||
        (st = ga_table_require(ctx, t, val_col, what, &cv)) ||
        (st = ga_key_index_new(ctx, t, ci, &idx))) {
        ga_table_free(t);
        return st;
    }
    ga_key_index_free(idx);
    size_t n = ga_table_rows(t);
    const char **ids = g_new(const char *, n + 1);
    double *v = g_new(double, n ? n : 1);
    for (size_t r = 0; r < n && st == GA_OK; r++) {
        ids[r] = ga_table_cell(t, r, ci);
        st = ga_table_get_amount(ctx, t, r, cv, what, &v[r]);
    }
    ids[n] = NULL;
    if (st) {
        g_free(ids);
        g_free(v);
        ga_table_free(t);
        return st;
    }
    *t_out = t;
    *ids_out = ids;
    *vals_out = v;
    return GA_OK;
}

int ga_cmd_fca(int argc, char **argv) {
    g_autofree char *matrix = NULL, *demand = NULL, *supply = NULL, *method = NULL,
                    *decay_spec = NULL, *out = NULL, *from_col = NULL, *to_col = NULL,
                    *cost_col = NULL, *demand_col = NULL, *supply_col = NULL, *id_col = NULL,
                    *crs = NULL;
    double max_cost = 0, nth = 1, alpha = 1;
    GOptionEntry entries[] = {
        {"matrix", 0, 0, G_OPTION_ARG_FILENAME, &matrix,
         "cost matrix CSV: from_id (demand), to_id (supply), cost (minutes); without it the "
         "costs come from the cost model (straight line, or --roads/--graph) between the "
         "demand and supply tables' coordinates",
         "FILE"},
        {"demand", 0, 0, G_OPTION_ARG_FILENAME, &demand,
         "demand CSV: id,population (and x,y or lon,lat without --matrix)", "FILE"},
        {"supply", 0, 0, G_OPTION_ARG_FILENAME, &supply,
         "supply CSV: id,capacity (and x,y or lon,lat without --matrix)", "FILE"},
        {"crs", 0, 0, G_OPTION_ARG_STRING, &crs,
         "without --matrix: CRS of the tables' x,y columns (default: the working CRS, "
         "EPSG:2154, or the road graph's)", "CRS"},
        {"method", 0, 0, G_OPTION_ARG_STRING, &method,
         "2sfca, e2sfca, 3sfca, bfca, gravity, cumulative, closest or availability", "NAME"},
        {"decay", 0, 0, G_OPTION_ARG_STRING, &decay_spec,
         "binary:C, steps:B1=W1,B2=W2,..., power:BETA, exponential:BETA, linear:C, gaussian:C",
         "SPEC"},
        {"max-cost", 0, 0, G_OPTION_ARG_DOUBLE, &max_cost, "drop pairs costing more than X", "X"},
        {"n", 0, 0, G_OPTION_ARG_DOUBLE, &nth,
         "closest: cost to reach N units of supply (default 1)", "N"},
        {"alpha", 0, 0, G_OPTION_ARG_DOUBLE, &alpha,
         "availability: exponent of the population balancing (default 1)", "A"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out,
         "output CSV id,access (default or '-': standard output; written atomically)", "FILE"},
        {"from-col", 0, 0, G_OPTION_ARG_STRING, &from_col, "matrix origin column (from_id)", "NAME"},
        {"to-col", 0, 0, G_OPTION_ARG_STRING, &to_col, "matrix destination column (to_id)", "NAME"},
        {"cost-col", 0, 0, G_OPTION_ARG_STRING, &cost_col, "matrix cost column (cost)", "NAME"},
        {"id-col", 0, 0, G_OPTION_ARG_STRING, &id_col, "id column of demand and supply (id)", "NAME"},
        {"demand-col", 0, 0, G_OPTION_ARG_STRING, &demand_col, "demand value column (population)", "NAME"},
        {"supply-col", 0, 0, G_OPTION_ARG_STRING, &supply_col, "supply value column (capacity)", "NAME"},
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
    ga_cli_cost_options co;
    ga_cli_cost_add_main_entries(oc, &co);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "fca");
    g_option_context_free(oc);
    if (!parsed) {
        ga_cli_cost_options_clear(&co);
        return GA_EXIT_USAGE;
    }
    int urc = GA_EXIT_OK;
    if (!demand || !supply || !method)
        urc = ga_cli_usage_error("fca", "--demand, --supply and --method are required");
    else if (matrix && (co.roads || co.graph || !isnan(co.detour) || !isnan(co.speed) || crs))
        urc = ga_cli_usage_error("fca", "--matrix gives the costs: --roads, --graph, --detour, "
                                        "--speed and --crs make them from coordinates instead");
    if (urc) {
        ga_cli_cost_options_clear(&co);
        return urc;
    }
#define USAGE(...)                                                                                 \
    do {                                                                                           \
        ga_cli_cost_options_clear(&co);                                                            \
        return ga_cli_usage_error("fca", __VA_ARGS__);                                             \
    } while (0)
    if (argc > 1) USAGE("unexpected argument '%s'", ga_clip(argv[1]));
    method_kind kind;
    ga_fca_method fm = GA_FCA_2SFCA;
    if (ga_fca_method_parse(method, &fm)) kind = M_FCA;
    else if (!g_ascii_strcasecmp(method, "gravity")) kind = M_GRAVITY;
    else if (!g_ascii_strcasecmp(method, "cumulative")) kind = M_CUMULATIVE;
    else if (!g_ascii_strcasecmp(method, "closest")) kind = M_CLOSEST;
    else if (!g_ascii_strcasecmp(method, "availability")) kind = M_AVAILABILITY;
    else
        USAGE("unknown --method '%s' (2sfca, e2sfca, 3sfca, bfca, gravity, cumulative, closest, "
              "availability)", ga_clip(method));
    if (ga_cli_check_number("fca", "--max-cost", max_cost, 0, GA_MAX_COST) ||
        ga_cli_check_number("fca", "--n", nth, 1, GA_MAX_AMOUNT) ||
        ga_cli_check_number("fca", "--alpha", alpha, 0, 100)) {
        ga_cli_cost_options_clear(&co);
        return GA_EXIT_USAGE;
    }
    if (!decay_spec && kind != M_CLOSEST && !(kind == M_CUMULATIVE && max_cost > 0))
        USAGE("--decay is required with --method %s", method);
    if (nth < 1) USAGE("--n must be >= 1");
    if (out && !strcmp(out, "-")) g_clear_pointer(&out, g_free); /* "-": standard output */
#undef USAGE

    ga_ctx *ctx = ga_cli_ctx_new();
    if (!ctx) return GA_EXIT_INPUT;
    int rc = GA_EXIT_OK;
    ga_decay *decay = NULL;
    ga_table *td = NULL, *ts = NULL;
    const char **dids = NULL, **sids = NULL;
    double *dval = NULL, *sval = NULL, *access = NULL;
    ga_od *od = NULL;
    ga_result *res = NULL;
    ga_cost_model *model = NULL;
    ga_points *dpts = NULL, *spts = NULL;
    ga_outset *set = NULL;
    if (out && ga_cli_outset_open(ctx, "fca", NULL, out, &set)) { /* checked before the work */
        rc = ga_cli_fail(ctx, "fca");
        goto done;
    }
    if (decay_spec) {
        if (ga_cli_decay_parse(ctx, decay_spec, &decay)) {
            rc = ga_cli_fail(ctx, "fca");
            goto done;
        }
        if (max_cost > 0) ga_decay_set_max_cost(decay, max_cost);
    } else if (max_cost > 0) {
        /* closest or cumulative with --max-cost alone: a plain cutoff */
        g_autofree char *spec = g_strdup_printf("binary:%.17g", max_cost);
        if (ga_decay_parse(ctx, spec, &decay)) {
            rc = ga_cli_fail(ctx, "fca");
            goto done;
        }
    }
    double cutoff = max_cost > 0 ? max_cost : INFINITY;
    if (kind == M_CUMULATIVE && decay_spec) {
        if (!ga_decay_is_binary(decay, &cutoff)) {
            rc = ga_cli_usage_error("fca", "--method cumulative needs --decay binary:C (the cutoff)");
            goto done;
        }
    }
    ga_od_read_options ro = {from_col, to_col, cost_col};
    size_t unknown = 0;
    /* without a matrix: the cost model first (a road graph sets the working
     * CRS the points go to), then the tables' points */
    if ((!matrix && ga_cli_cost_model(ctx, &co, &model)) ||
        read_values(ctx, demand, id_col ? id_col : "id", demand_col ? demand_col : "population",
                    "demand", &td, &dids, &dval) ||
        read_values(ctx, supply, id_col ? id_col : "id", supply_col ? supply_col : "capacity",
                    "supply", &ts, &sids, &sval)) {
        rc = ga_cli_fail(ctx, "fca");
        goto done;
    }
    if (matrix) {
        if (ga_od_read_csv(ctx, matrix, &ro, dids, ga_table_rows(td), sids, ga_table_rows(ts), &od,
                           &unknown)) {
            rc = ga_cli_fail(ctx, "fca");
            goto done;
        }
    } else {
        /* one point per row, in the rows' order (the CSV point reader
         * refuses a row without coordinates), so point i is table row i */
        ga_points_options po = {.id_col = id_col ? id_col : "id", .crs = crs};
        if (ga_points_read_csv(ctx, demand, &po, &dpts) || ga_points_read_csv(ctx, supply, &po, &spts) ||
            ga_cost_model_table(model, ctx, dpts, spts, GA_METRIC_TIME, max_cost, &od)) {
            rc = ga_cli_fail(ctx, "fca");
            goto done;
        }
    }
    size_t n = ga_table_rows(td);
    access = g_new(double, n ? n : 1);
    ga_status st = GA_OK;
    switch (kind) {
    case M_FCA: st = ga_fca(ctx, fm, od, dval, sval, decay, access); break;
    case M_GRAVITY: st = ga_gravity(ctx, od, sval, decay, access); break;
    case M_CUMULATIVE: st = ga_cumulative(ctx, od, sval, cutoff, access); break;
    case M_CLOSEST: st = ga_cost_to_closest(ctx, od, sval, nth, decay, access); break;
    case M_AVAILABILITY: st = ga_spatial_availability(ctx, od, dval, sval, decay, alpha, access); break;
    }
    if (st) {
        rc = ga_cli_fail(ctx, "fca");
        goto done;
    }
    ga_cli_flush_warnings(ctx);
    {
        size_t nu = 0;
        double pu = 0;
        for (size_t i = 0; i < n; i++)
            if (isnan(access[i])) {
                nu++;
                pu += dval[i];
            }
        if (nu)
            fprintf(stderr, "not routed: %zu demand row(s), demand %.17g: access unknown (empty), "
                    "their demand left out of the competition\n", nu, pu);
    }
    res = ga_result_new(n);
    ga_result_add_text(res, "id", dids);
    ga_result_add_number(res, "access", access, -1);
    if (out) {
        if (ga_result_write_csv(ctx, res, out) || ga_outset_commit(ctx, g_steal_pointer(&set))) {
            rc = ga_cli_fail(ctx, "fca");
            goto done;
        }
    } else {
        /* the same writer as the file */
        if (!ga_result_write_csv_stream(res, stdout) || fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "geoaccess fca: error writing to standard output\n");
            rc = GA_EXIT_INPUT;
        }
    }
done:
    ga_outset_abort(set);
    ga_result_free(res);
    ga_points_free(dpts);
    ga_points_free(spts);
    ga_cost_model_free(model);
    ga_cli_cost_options_clear(&co);
    g_free(access);
    ga_od_free(od);
    g_free(dids);
    g_free(sids);
    g_free(dval);
    g_free(sval);
    ga_table_free(td);
    ga_table_free(ts);
    ga_decay_free(decay);
    ga_ctx_free(ctx);
    return rc;
}
