/* `geoaccess apl` as a small pipeline (study/apl_run.h). */
#include <math.h>
#include <string.h>
#include "study/apl_run.h"
#include "core/internal.h"
#include "layer/communes.h"
#include "layer/points.h"

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

/* The communes and their demand: the layer's communes with the demand
 * table joined (or the layer's own population), or the demand table's rows. */
static ga_status read_communes_and_demand(ga_ctx *ctx, const ga_apl_run_options *o, ga_apl_run_result *r) {
    demand_data d = {0};
    ga_status st;
    if (!o->communes)
        st = read_demand(ctx, o->demand, o->id_col, o->std_col, o->pop_col, o->weights, o->weight_col, NULL, 0,
                         &r->demand_table, &d);
    else if ((st = ga_communes_read(ctx, o->communes, NULL, &r->communes)))
        return st;
    else {
        size_t nc = ga_communes_count(r->communes);
        const char **cids = g_new(const char *, nc + 1);
        for (size_t k = 0; k < nc; k++) cids[k] = ga_communes_id(r->communes, k);
        cids[nc] = NULL;
        if (o->demand) {
            st = read_demand(ctx, o->demand, o->id_col, o->std_col, o->pop_col, o->weights, o->weight_col, cids,
                             nc, &r->demand_table, &d);
            g_free(cids);
        } else {
            d = (demand_data){nc, cids, g_new(double, nc ? nc : 1), g_new(double, nc ? nc : 1)};
            for (size_t k = 0; k < nc && !st; k++) {
                double p = ga_communes_population(r->communes, k);
                d.pop[k] = d.std_pop[k] = isnan(p) ? 0 : p;
                if (isnan(p))
                    st = ga_fail(ctx, GA_ERR_FIELD, "%s: no population field: give --demand", o->communes);
            }
            if (!st)
                ga_warn(ctx, "%s: no --demand: the total population of the shapefile is used, not standardised",
                        o->communes);
        }
    }
    r->n = d.n;
    r->ids = d.ids;
    r->std_pop = d.std_pop;
    r->pop = d.pop;
    return st;
}

/* The practitioners' counted activity per commune; located by their
 * coordinates when the table has no commune column and there is a layer. */
static ga_status read_supply(ga_ctx *ctx, const ga_apl_run_options *o, ga_apl_run_result *r) {
    static const char *const commune_names[] = {"commune", "insee", "insee_code", "codgeo", "code_commune", "insee_com", "depcom", NULL};
    ga_table *t = NULL;
    ga_points *pts = NULL;
    long *row_commune = NULL;
    ga_status st = ga_table_read(ctx, o->practitioners, &t);
    if (!st) st = ga_table_require_rows(ctx, t, "practitioners");
    if (!st && !o->supply.commune_col && ga_table_find_any(t, commune_names) < 0 && r->communes) {
        ga_points_options po = {.x_col = o->x_col, .y_col = o->y_col, .crs = o->crs};
        if (!(st = ga_points_read_csv(ctx, o->practitioners, &po, &pts)) &&
            !(st = ga_points_assign_communes(ctx, pts, r->communes, true))) {
            size_t np = ga_points_count(pts);
            row_commune = g_new(long, np ? np : 1);
            for (size_t k = 0; k < np; k++) row_commune[k] = ga_points_commune(pts, k);
            if (np != ga_table_rows(t))
                st = ga_fail(ctx, GA_ERR_FORMAT, "%s: %zu points read for %zu rows", o->practitioners, np,
                             ga_table_rows(t));
        }
    }
    if (!st) {
        r->supply = g_new0(double, r->n ? r->n : 1);
        st = ga_apl_supply_from_table(ctx, t, &o->supply, r->ids, r->n, row_commune, r->supply);
    }
    g_free(row_commune);
    ga_points_free(pts);
    ga_table_free(t);
    return st;
}

/* The commune-to-commune times: the matrix, or the model within the
 * decay's reach with a commune to itself at the intra-commune time (the
 * DREES convention, not the model's: 0 in a straight line; by road, the
 * point's two access legs). */
static ga_status times(ga_ctx *ctx, const ga_apl_run_options *o, const ga_apl_run_result *r, ga_od **od) {
    if (o->matrix) return ga_od_read_csv(ctx, o->matrix, &o->matrix_cols, r->ids, r->n, r->ids, r->n, od, NULL);
    ga_points *pts = NULL;
    ga_status st = ga_points_from_communes(ctx, r->communes, &pts);
    if (!st) st = ga_cost_model_table(o->model, ctx, pts, pts, GA_METRIC_TIME, ga_decay_bound(o->decay), od);
    for (size_t i = 0; !st && i < (*od)->n_from; i++)
        for (size_t p = (*od)->row_start[i]; p < (*od)->row_start[i + 1]; p++)
            if ((*od)->to[p] == i) (*od)->cost[p] = o->intra;
    ga_points_free(pts);
    return st;
}

void ga_apl_run_inequality(ga_ctx *ctx, const double *x, const double *w, size_t n, double *gini,
                           double *theil) {
    double *kx = g_new(double, n ? n : 1), *kw = g_new(double, n ? n : 1);
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (!isnan(x[k])) {
            kx[m] = x[k];
            kw[m++] = w[k];
        }
    *gini = *theil = 0;
    ga_gini(ctx, kx, kw, m, gini);
    ga_theil(ctx, kx, kw, m, theil);
    g_free(kx);
    g_free(kw);
}

ga_status ga_apl_run(ga_ctx *ctx, const ga_apl_run_options *o, ga_apl_run_result *out) {
    *out = (ga_apl_run_result){0};
    ga_od *od = NULL;
    ga_status st = read_communes_and_demand(ctx, o, out);
    if (!st) st = read_supply(ctx, o, out);
    if (!st) st = times(ctx, o, out, &od);
    if (!st) {
        ga_apl_options ao;
        ga_apl_options_init(&ao);
        ao.decay = o->decay;
        ao.intra_cost = o->intra;
        ao.threshold = o->threshold;
        out->apl = g_new(double, out->n ? out->n : 1);
        st = ga_apl_communes(ctx, out->n, out->ids, out->std_pop, out->pop, out->supply, od, &ao, out->apl,
                             &out->summary);
    }
    /* over the routed communes (an unknown APL is NAN) */
    if (!st) ga_apl_run_inequality(ctx, out->apl, out->std_pop, out->n, &out->gini, &out->theil);
    ga_od_free(od);
    return st;
}

void ga_apl_run_result_clear(ga_apl_run_result *r) {
    g_free((gpointer)r->ids);
    g_free(r->std_pop);
    g_free(r->pop);
    g_free(r->supply);
    g_free(r->apl);
    ga_communes_free(r->communes);
    ga_table_free(r->demand_table);
    *r = (ga_apl_run_result){0};
}
