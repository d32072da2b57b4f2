/* geoaccess apl: the DREES APL (accessibilite potentielle localisee) per
 * commune, from practitioners, population and commune-to-commune times. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include "cli/cli.h"
#include "cli/cost.h"
#include "core/alloc.h"
#include "core/internal.h"
#include "core/atomic.h"
#include "layer/table.h"

/* A column given by name, else the first default present, else the last
 * column whose name starts with one of the prefixes (the latest year of
 * "pop_standardisee_mg_2020, ..._2021"). -1 when none. */
static int pick_col(const ga_table *t, const char *given, const char *const *names,
                    const char *const *prefixes) {
    if (given) return ga_table_find(t, given);
    int c = ga_table_find_any(t, names);
    if (c >= 0) return c;
    for (size_t k = ga_table_cols(t); k-- > 0;)
        for (const char *const *p = prefixes; p && *p; p++)
            if (g_str_has_prefix(ga_table_header(t, k), *p)) return (int)k;
    return -1;
}

static ga_status missing_col(ga_ctx *ctx, const ga_table *t, const char *given,
                             const char *fallback, const char *what) {
    size_t col;
    return ga_table_require(ctx, t, given ? given : fallback, what, &col);
}

/* Reads the age-band weights: column age_band and a weight column (given, or
 * the last one named weight*). */
static ga_status read_weights(ga_ctx *ctx, const char *path, const char *weight_col,
                              GPtrArray *bands, GArray *weights) {
    ga_table *t = NULL;
    ga_status st = ga_table_read(ctx, path, &t);
    if (st) return st;
    static const char *const band_names[] = {"age_band", "band", "tranche", NULL};
    static const char *const wprefix[] = {"weight", "poids", NULL};
    int cb = pick_col(t, NULL, band_names, NULL);
    int cw = pick_col(t, weight_col, (const char *const[]){"weight", NULL}, wprefix);
    if (cb < 0) st = missing_col(ctx, t, NULL, "age_band", "age band names");
    else if (cw < 0) st = missing_col(ctx, t, weight_col, "weight", "consumption weight");
    for (size_t r = 0; st == GA_OK && r < ga_table_rows(t); r++) {
        double w;
        if ((st = ga_table_get_double(ctx, t, r, (size_t)cw, &w))) break;
        g_ptr_array_add(bands, g_strdup(ga_table_cell(t, r, (size_t)cb)));
        g_array_append_val(weights, w);
    }
    ga_table_free(t);
    return st;
}

typedef struct {
    size_t n;
    const char **ids; /* transfer none (table or communes) */
    double *std_pop, *pop;
} demand_data;

/* People of the demand table onto the communes: with a commune layer, summed
 * through the code folder (arrondissements of Paris, Lyon and Marseille into
 * their commune when the layer has it whole, restored communes into the one
 * holding their land, overseas rows left out of a metropolitan layer, all
 * said in warnings, unless !report); on the table's own codes, a plain
 * join. */
static ga_status join_people(ga_ctx *ctx, const ga_table *t, size_t key_col, size_t value_col,
                             const char *const *keys, size_t n, bool layer, double *values, bool report) {
    if (!layer) return ga_table_join_double(ctx, t, key_col, value_col, keys, n, values, NULL, NULL);
    g_autofree char *what = report ? g_strdup_printf("of '%s'", ga_table_header(t, value_col)) : NULL;
    return ga_table_join_sum_codes(ctx, t, key_col, value_col, keys, n, "the commune layer", what, values);
}

/* Demand values for the given commune ids from the demand table. */
static ga_status read_demand(ga_ctx *ctx, const char *path, const char *id_col,
                             const char *std_col, const char *pop_col, const char *weights_path,
                             const char *weight_col, const char *const *commune_ids, size_t n_communes,
                             ga_table **t_out, demand_data *d) {
    ga_table *t = NULL;
    ga_status st = ga_table_read(ctx, path, &t);
    if (st) return st;
    if ((st = ga_table_require_rows(ctx, t, "demand"))) {
        ga_table_free(t);
        return st;
    }
    static const char *const id_names[] = {"id", "insee_code", "insee", "codgeo", "code", "insee_com", "depcom", NULL};
    static const char *const std_names[] = {"std_pop", "pop_std", "standardised_population", "pop_standardisee", NULL};
    static const char *const std_prefix[] = {"pop_standardisee", "pop_std", NULL};
    static const char *const pop_names[] = {"population", "pop", "pop_totale", "population_totale", NULL};
    static const char *const pop_prefix[] = {"population_totale", "pop_totale", "pop_tot", NULL};
    int ci = pick_col(t, id_col, id_names, NULL);
    int cs = pick_col(t, std_col, std_names, std_prefix);
    int cp = pick_col(t, pop_col, pop_names, pop_prefix);
    if (ci < 0) {
        st = missing_col(ctx, t, id_col, "id", "commune code");
        goto fail;
    }
    if (std_col && cs < 0) {
        st = missing_col(ctx, t, std_col, std_col, "standardised population");
        goto fail;
    }
    if (pop_col && cp < 0) {
        st = missing_col(ctx, t, pop_col, pop_col, "total population");
        goto fail;
    }
    ga_key_index *idx = NULL;
    if ((st = ga_key_index_new(ctx, t, (size_t)ci, &idx))) goto fail;
    ga_key_index_free(idx);
    size_t rows = ga_table_rows(t);
    const char **ids = NULL;
    size_t n = commune_ids ? n_communes : rows;
    if (!commune_ids) {
        ids = g_new(const char *, rows + 1);
        for (size_t r = 0; r < rows; r++) ids[r] = ga_table_cell(t, r, (size_t)ci);
        ids[rows] = NULL;
    }
    const char *const *keys = commune_ids ? commune_ids : ids;
    double *stdp = g_new0(double, n ? n : 1), *pop = g_new0(double, n ? n : 1);
    if (weights_path && !std_col) {
        /* standardise from the age bands */
        GPtrArray *bands = g_ptr_array_new_with_free_func(g_free);
        GArray *w = g_array_new(FALSE, FALSE, sizeof(double));
        st = read_weights(ctx, weights_path, weight_col, bands, w);
        size_t nb = bands->len;
        double *by_band = g_new0(double, n * nb + 1), *col = g_new(double, n ? n : 1);
        for (size_t b = 0; st == GA_OK && b < nb; b++) {
            size_t cb;
            if ((st = ga_table_require(ctx, t, bands->pdata[b], "population of an age band", &cb))) break;
            if ((st = join_people(ctx, t, (size_t)ci, cb, keys, n, commune_ids != NULL, col, b == 0))) break;
            for (size_t k = 0; k < n; k++) by_band[k * nb + b] = isnan(col[k]) ? 0 : col[k];
        }
        if (st == GA_OK) st = ga_apl_standardise(ctx, by_band, n, (double *)w->data, nb, stdp);
        if (st == GA_OK && cp < 0)
            for (size_t k = 0; k < n; k++)
                for (size_t b = 0; b < nb; b++) pop[k] += by_band[k * nb + b];
        g_free(by_band);
        g_free(col);
        g_ptr_array_free(bands, TRUE);
        g_array_free(w, TRUE);
        if (st == GA_OK && cp >= 0) st = join_people(ctx, t, (size_t)ci, (size_t)cp, keys, n, commune_ids != NULL, pop, false);
        /* communes without a row count 0 (already warned by the join) */
        for (size_t k = 0; st == GA_OK && k < n; k++)
            if (isnan(pop[k])) pop[k] = 0;
    } else {
        if (cs < 0 && cp < 0) {
            st = missing_col(ctx, t, NULL, "pop_standardisee", "standardised population (or --age-weights)");
        } else {
            if (cs < 0) {
                ga_warn(ctx, "%s: no standardised population column: the total population '%s' is used",
                        path, ga_table_header(t, (size_t)cp));
                cs = cp;
            }
            if (cp < 0) cp = cs;
            st = join_people(ctx, t, (size_t)ci, (size_t)cs, keys, n, commune_ids != NULL, stdp, true);
            if (st == GA_OK && cp != cs) {
                /* the folds and unmatched codes were reported with the first column */
                st = join_people(ctx, t, (size_t)ci, (size_t)cp, keys, n, commune_ids != NULL, pop, false);
            }
            else if (st == GA_OK)
                memcpy(pop, stdp, n * sizeof *pop);
            for (size_t k = 0; st == GA_OK && k < n; k++) {
                if (isnan(stdp[k])) stdp[k] = 0;
                if (isnan(pop[k])) pop[k] = 0;
                if (stdp[k] < 0 || pop[k] < 0)
                    st = ga_fail(ctx, GA_ERR_VALUE, "%s: commune '%s': negative population", path, ga_clip(keys[k]));
                else if (stdp[k] > GA_MAX_AMOUNT || pop[k] > GA_MAX_AMOUNT)
                    st = ga_fail(ctx, GA_ERR_VALUE, "%s: commune '%s': population %g above 1e12, the "
                                 "largest plausible value", path, ga_clip(keys[k]), MAX(stdp[k], pop[k]));
            }
        }
    }
    if (st) {
        g_free(ids);
        g_free(stdp);
        g_free(pop);
        goto fail;
    }
    d->n = n;
    d->ids = ids ? ids : g_memdup2(commune_ids, (n + 1) * sizeof *commune_ids);
    d->std_pop = stdp;
    d->pop = pop;
    *t_out = t;
    return GA_OK;
fail:
    ga_table_free(t);
    return st;
}

int ga_cmd_apl(int argc, char **argv) {
    g_autofree char *communes_path = NULL, *demand_path = NULL, *pract_path = NULL,
                    *matrix = NULL, *out = NULL, *decay_spec = NULL, *from_col = NULL,
                    *to_col = NULL, *cost_col = NULL, *id_col = NULL, *std_col = NULL,
                    *pop_col = NULL, *weights_path = NULL, *weight_col = NULL,
                    *commune_col = NULL, *activity_col = NULL, *kind_col = NULL, *age_col = NULL,
                    *fte_col = NULL, *x_col = NULL, *y_col = NULL, *crs = NULL;
    double intra = GA_APL_DEFAULT_INTRA_MINUTES, threshold = GA_APL_DEFAULT_THRESHOLD,
           max_age = 0, acts_per_fte = GA_APL_DEFAULT_ACTS_PER_FTE;
    GOptionEntry entries[] = {
        {"communes", 0, 0, G_OPTION_ARG_FILENAME, &communes_path,
         "commune polygons (shapefile): the communes, their points for straight-line times, "
         "and a shapefile output", "SHP"},
        {"demand", 0, 0, G_OPTION_ARG_FILENAME, &demand_path,
         "population CSV: commune code, standardised population and/or total population "
         "(or one column per age band with --age-weights)", "CSV"},
        {"practitioners", 0, 0, G_OPTION_ARG_FILENAME, &pract_path,
         "practitioners CSV: commune (or x,y with --communes), activity (consultations + visits "
         "a year) or fte, optional kind (liberal/centre) and age", "CSV"},
        {"matrix", 0, 0, G_OPTION_ARG_FILENAME, &matrix,
         "commune-to-commune times CSV from_id,to_id,cost in minutes (default with --communes: "
         "straight-line model)", "CSV"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out, "output folder: apl.csv (and apl.shp with --communes)", "DIR"},
        {"decay", 0, 0, G_OPTION_ARG_STRING, &decay_spec,
         "travel-time weights (default the DREES bands steps:10=1,15=2/3,20=1/3)", "SPEC"},
        {"intra-cost", 0, 0, G_OPTION_ARG_DOUBLE, &intra,
         "minutes from a commune to itself when the matrix lacks it (default 0)", "MIN"},
        {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold, "APL threshold of the summary (default 2.5)", "X"},
        {"max-age", 0, 0, G_OPTION_ARG_DOUBLE, &max_age,
         "count only practitioners aged at most AGE (65 or 62 in DREES variants)", "AGE"},
        {"acts-per-fte", 0, 0, G_OPTION_ARG_DOUBLE, &acts_per_fte,
         "consultations + visits per full-time practitioner when only fte/headcount is known "
         "(default 5400)", "N"},
        {"age-weights", 0, 0, G_OPTION_ARG_FILENAME, &weights_path,
         "age-band consumption weights (apl_parameters_age_weights.csv) to standardise the population", "CSV"},
        {"weight-col", 0, 0, G_OPTION_ARG_STRING, &weight_col, "weight column of --age-weights (default: last weight*)", "NAME"},
        {"id-col", 0, 0, G_OPTION_ARG_STRING, &id_col, "commune code column of --demand", "NAME"},
        {"std-col", 0, 0, G_OPTION_ARG_STRING, &std_col, "standardised population column", "NAME"},
        {"pop-col", 0, 0, G_OPTION_ARG_STRING, &pop_col, "total population column", "NAME"},
        {"commune-col", 0, 0, G_OPTION_ARG_STRING, &commune_col, "practitioners' commune column", "NAME"},
        {"activity-col", 0, 0, G_OPTION_ARG_STRING, &activity_col, "practitioners' activity column", "NAME"},
        {"kind-col", 0, 0, G_OPTION_ARG_STRING, &kind_col, "practitioners' kind column", "NAME"},
        {"age-col", 0, 0, G_OPTION_ARG_STRING, &age_col, "practitioners' age column", "NAME"},
        {"fte-col", 0, 0, G_OPTION_ARG_STRING, &fte_col, "practitioners' fte or headcount column", "NAME"},
        {"x-col", 0, 0, G_OPTION_ARG_STRING, &x_col, "practitioners' x column (with --communes)", "NAME"},
        {"y-col", 0, 0, G_OPTION_ARG_STRING, &y_col, "practitioners' y column (with --communes)", "NAME"},
        {"crs", 0, 0, G_OPTION_ARG_STRING, &crs, "CRS of the practitioners' x,y (default EPSG:2154)", "CRS"},
        {"from-col", 0, 0, G_OPTION_ARG_STRING, &from_col, "matrix origin column (from_id)", "NAME"},
        {"to-col", 0, 0, G_OPTION_ARG_STRING, &to_col, "matrix destination column (to_id)", "NAME"},
        {"cost-col", 0, 0, G_OPTION_ARG_STRING, &cost_col, "matrix cost column (cost)", "NAME"},
        {NULL}};
    GOptionContext *oc = g_option_context_new("- the DREES APL per commune");
    g_option_context_set_summary(oc,
        "APL (accessibilite potentielle localisee), the DREES way: counted activity per\n"
        "practitioner (<=250: 0; to 3600: 3600; to 6000: as is; above: 6000; no activity the\n"
        "previous year: 5400; health centres uncapped), demand standardised by age, travel\n"
        "time weights 1, 2/3, 1/3, 0 for <=10, <=15, <=20, >20 minutes. The unit is\n"
        "consultations and visits per standardised inhabitant per year.\n"
        "Example: geoaccess apl --communes communes.shp --demand population.csv \\\n"
        "           --practitioners gp.csv --matrix times.csv --out result/");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_cli_cost_options co;
    ga_cli_cost_add_main_entries(oc, &co);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "apl");
    g_option_context_free(oc);
    const char *usage = NULL;
    if (!parsed) {
        ga_cli_cost_options_clear(&co);
        return GA_EXIT_USAGE;
    }
    if (!pract_path || !out || (!communes_path && !demand_path))
        usage = "--practitioners, --out and --communes or --demand are required";
    else if (!communes_path && !matrix)
        usage = "--matrix is required without --communes";
    else if (matrix && (co.roads || co.graph || !isnan(co.detour) || !isnan(co.speed)))
        usage = "--matrix gives the travel times: --roads, --graph, --detour and --speed make them";
    else if (!(intra >= 0) || !(threshold >= 0) || !(max_age >= 0) || !(acts_per_fte > 0) ||
             !isfinite(intra) || !isfinite(threshold) || !isfinite(max_age) || !isfinite(acts_per_fte))
        usage = "--intra-cost, --threshold, --max-age must be finite numbers >= 0, --acts-per-fte > 0";
    if (usage || argc > 1) {
        ga_cli_cost_options_clear(&co);
        return usage ? ga_cli_usage_error("apl", "%s", usage)
                     : ga_cli_usage_error("apl", "unexpected argument '%s'", ga_clip(argv[1]));
    }

    ga_ctx *ctx = ga_cli_ctx_new();
    if (!ctx) return GA_EXIT_INPUT;
    int rc = GA_EXIT_OK;
    ga_outset *set = NULL;
    ga_decay *decay = NULL;
    ga_communes *communes = NULL;
    ga_table *tdem = NULL, *tpr = NULL;
    demand_data d = {0};
    ga_points *cpoints = NULL, *ppoints = NULL;
    ga_cost_model *model = NULL;
    ga_od *od = NULL;
    ga_result *res = NULL;
    double *supply = NULL, *apl = NULL;
    long *row_commune = NULL;
    const char **names = NULL;
    char *csv = NULL, *shp = NULL, *dd = NULL;
    ga_status st = GA_OK;

    /* a bad --out fails before the work */
    if ((st = ga_cli_outset_open(ctx, "apl", out, NULL, &set))) goto fail;
    if (decay_spec) st = ga_cli_decay_parse(ctx, decay_spec, &decay);
    else if (!(decay = ga_decay_new_drees())) st = ga_nomem(ctx, "decay");
    if (st) goto fail;
    /* the cost model before the layers: a road graph sets the working CRS */
    if (!matrix && (st = ga_cli_cost_model(ctx, &co, &model))) goto fail;
    if (communes_path) {
        if ((st = ga_communes_read(ctx, communes_path, NULL, &communes))) goto fail;
        size_t nc = ga_communes_count(communes);
        const char **cids = g_new(const char *, nc + 1);
        for (size_t k = 0; k < nc; k++) cids[k] = ga_communes_id(communes, k);
        cids[nc] = NULL;
        if (demand_path) {
            st = read_demand(ctx, demand_path, id_col, std_col, pop_col, weights_path, weight_col,
                             cids, nc, &tdem, &d);
            g_free(cids);
            if (st) goto fail;
        } else {
            d.n = nc;
            d.ids = cids;
            d.std_pop = g_new(double, nc ? nc : 1);
            d.pop = g_new(double, nc ? nc : 1);
            for (size_t k = 0; k < nc; k++) {
                double p = ga_communes_population(communes, k);
                d.pop[k] = d.std_pop[k] = isnan(p) ? 0 : p;
                if (isnan(p)) {
                    st = ga_fail(ctx, GA_ERR_FIELD, "%s: no population field: give --demand", communes_path);
                    goto fail;
                }
            }
            ga_warn(ctx, "%s: no --demand: the total population of the shapefile is used, not standardised",
                    communes_path);
        }
    } else {
        if ((st = read_demand(ctx, demand_path, id_col, std_col, pop_col, weights_path, weight_col,
                              NULL, 0, &tdem, &d)))
            goto fail;
    }
    size_t n = d.n;

    /* supply */
    if ((st = ga_table_read(ctx, pract_path, &tpr)) ||
        (st = ga_table_require_rows(ctx, tpr, "practitioners")))
        goto fail;
    ga_apl_supply_options so = {commune_col, activity_col, kind_col, age_col, fte_col, max_age, acts_per_fte};
    static const char *const commune_names[] = {"commune", "insee", "insee_code", "codgeo", "code_commune", "insee_com", "depcom", NULL};
    if (!commune_col && ga_table_find_any(tpr, commune_names) < 0 && communes) {
        /* practitioners located by coordinates: assign them to communes */
        ga_points_options po = {.x_col = x_col, .y_col = y_col, .crs = crs};
        if ((st = ga_points_read_csv(ctx, pract_path, &po, &ppoints)) ||
            (st = ga_points_assign_communes(ctx, ppoints, communes, true)))
            goto fail;
        size_t np = ga_points_count(ppoints);
        row_commune = g_new(long, np ? np : 1);
        for (size_t r = 0; r < np; r++) row_commune[r] = ga_points_commune(ppoints, r);
        if (np != ga_table_rows(tpr)) {
            st = ga_fail(ctx, GA_ERR_FORMAT, "%s: %zu points read for %zu rows", pract_path, np,
                         ga_table_rows(tpr));
            goto fail;
        }
    }
    supply = g_new0(double, n ? n : 1);
    if ((st = ga_apl_supply_from_table(ctx, tpr, &so, d.ids, n, row_commune, supply))) goto fail;

    /* travel times */
    if (matrix) {
        ga_od_read_options ro = {from_col, to_col, cost_col};
        if ((st = ga_od_read_csv(ctx, matrix, &ro, d.ids, n, d.ids, n, &od, NULL))) goto fail;
    } else {
        if ((st = ga_points_from_communes(ctx, communes, &cpoints)) ||
            (st = ga_cost_model_table(model, ctx, cpoints, cpoints, GA_METRIC_TIME,
                                      ga_decay_bound(decay), &od)))
            goto fail;
        /* a commune to itself: --intra-cost (the DREES convention), not the
         * model's (0 in a straight line; by road, the point's two access
         * legs) */
        for (size_t i = 0; i < od->n_from; i++)
            for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++)
                if (od->to[p] == i) od->cost[p] = intra;
    }
    ga_apl_options ao;
    ga_apl_options_init(&ao);
    ao.decay = decay;
    ao.intra_cost = intra;
    ao.threshold = threshold;
    ga_apl_summary s;
    apl = g_new(double, n ? n : 1);
    if ((st = ga_apl_communes(ctx, n, d.ids, d.std_pop, d.pop, supply, od, &ao, apl, &s))) goto fail;
    double gini = 0, theil = 0;
    {
        /* over the routed communes (an unknown APL is NAN) */
        double *ka = g_new(double, n ? n : 1), *kw = g_new(double, n ? n : 1);
        size_t m = 0;
        for (size_t k = 0; k < n; k++)
            if (!isnan(apl[k])) {
                ka[m] = apl[k];
                kw[m++] = d.std_pop[k];
            }
        ga_gini(ctx, ka, kw, m, &gini);
        ga_theil(ctx, ka, kw, m, &theil);
        g_free(ka);
        g_free(kw);
    }

    /* outputs */
    res = ga_result_new(n);
    ga_result_add_text(res, "id", d.ids);
    if (communes) {
        names = g_new(const char *, n + 1);
        for (size_t k = 0; k < n; k++) names[k] = ga_communes_name(communes, k);
        names[n] = NULL;
        ga_result_add_text(res, "name", names);
    }
    ga_result_add_number(res, "std_pop", d.std_pop, -1);
    ga_result_add_number(res, "population", d.pop, -1);
    ga_result_add_number(res, "supply", supply, -1);
    ga_result_add_number(res, "apl", apl, -1);
    csv = g_build_filename(out, "apl.csv", NULL);
    shp = g_build_filename(out, "apl.shp", NULL);
    if ((st = ga_result_write_csv(ctx, res, csv))) goto fail;
    if (communes && (st = ga_result_write_shp_communes(ctx, res, communes, shp))) goto fail;
    if ((st = ga_outset_commit(ctx, g_steal_pointer(&set)))) goto fail;
    ga_cli_flush_warnings(ctx);
    dd = ga_decay_describe(decay);
    printf("communes: %zu\n", s.n_communes);
    {
        g_autofree char *mt = model ? ga_cost_model_describe(model) : NULL;
        printf("travel times: %s\n", matrix ? matrix : mt);
    }
    printf("decay: %s; intra-commune time: %g min\n", dd, intra);
    printf("standardised population: %.0f\n", s.std_population);
    printf("total population: %.0f\n", s.total_population);
    printf("supply: %.0f consultations and visits a year\n", s.supply);
    printf("mean APL (weighted by standardised population): %.3f\n", s.mean_apl);
    printf("communes with APL < %g: %zu, population %.0f\n", s.threshold, s.communes_under,
           s.population_under);
    if (s.communes_unknown)
        printf("communes not routed (APL unknown, left out above): %zu, population %.0f\n",
               s.communes_unknown, s.population_unknown);
    printf("Gini of APL (standardised population): %.4f; Theil: %.4f\n", gini, theil);
    printf("written: %s%s%s\n", csv, communes ? ", " : "", communes ? shp : "");
    goto done;
fail:
    rc = ga_cli_fail(ctx, "apl");
done:
    ga_outset_abort(set);
    g_free(csv);
    g_free(shp);
    g_free(dd);
    g_free(names);
    g_free(apl);
    g_free(supply);
    g_free(row_commune);
    ga_result_free(res);
    ga_od_free(od);
    ga_cost_model_free(model);
    ga_points_free(cpoints);
    ga_points_free(ppoints);
    g_free((gpointer)d.ids);
    g_free(d.std_pop);
    g_free(d.pop);
    ga_table_free(tdem);
    ga_table_free(tpr);
    ga_communes_free(communes);
    ga_decay_free(decay);
    ga_ctx_free(ctx);
    ga_cli_cost_options_clear(&co);
    return rc;
}
