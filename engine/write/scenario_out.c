/* The files of a scenario run: see scenario_out.h. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "write/scenario_out.h"
#include "core/atomic.h"
#include "write/csv_out.h"
#include "layer/communes.h"
#include "layer/result.h"
#include "layer/points.h"
#include "layer/table.h"

static char *safe_name(const char *s) {
    char *r = g_strdup(s);
    for (char *p = r; *p; p++)
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_') *p = '_';
    return r;
}

/* A row of scenarios_summary.csv. */
static void summary_row(ga_csv_writer *w, const char *scenario, const char *measure, double threshold,
                        const ga_crossings *x, const ga_changes *ch, int decimals) {
    ga_csv_text(w, scenario);
    ga_csv_text(w, measure);
    ga_csv_number_fmt(w, "%g", threshold);
    ga_csv_size(w, x->communes_gain);
    ga_csv_number(w, x->people_gain, 0);
    ga_csv_size(w, x->communes_loss);
    ga_csv_number(w, x->people_loss, 0);
    /* largest gain / loss: inf when a commune gets its first reachable
     * facility / loses its last */
    char fmt[8];
    g_snprintf(fmt, sizeof fmt, "%%.%df", decimals);
    ga_csv_size(w, ch->communes_better);
    ga_csv_number(w, ch->people_better, 0);
    ga_csv_number_fmt(w, fmt, ch->largest_gain);
    ga_csv_size(w, ch->communes_worse);
    ga_csv_number(w, ch->people_worse, 0);
    ga_csv_number_fmt(w, fmt, ch->largest_loss);
    ga_csv_end_row(w);
}

/* The per-commune table of scenario k; its rows of the summary. */
static ga_result *scenario_table(const ga_plan_data *d, const ga_scenario_run *r, size_t k, double threshold,
                                 double apl_threshold, ga_csv_writer *cw) {
    size_t n = r->n_communes, nt = r->n_types;
    const ga_scenario_state *b = &r->base, *s = &r->scenarios[k];
    ga_result *res = ga_result_new_communes(d->communes, d->pop);
    double *col = g_new(double, n + 1), *col2 = g_new(double, n + 1), *col3 = g_new(double, n + 1),
           *col4 = g_new(double, n + 1);
    for (size_t t = 0; t < nt; t++) {
        const char *type = d->types->pdata[t];
        for (size_t i = 0; i < n; i++) {
            double tb = b->time[t * n + i], ts = s->time[t * n + i];
            col[i] = isinf(tb) ? NAN : tb;
            col2[i] = isinf(ts) ? NAN : ts;
            /* delta: scenario - base; a commune that loses its only
             * reachable facility has no finite delta (empty) */
            col3[i] = isinf(tb) && isinf(ts) ? 0 : isinf(tb) || isinf(ts) ? NAN : ts - tb;
            bool wb = tb <= threshold, ws = ts <= threshold;
            col4[i] = (double)ws - (double)wb;
            if (isnan(tb) || isnan(ts)) col4[i] = NAN; /* not routed: unknown, empty cells */
        }
        char name[64];
        g_snprintf(name, sizeof name, "%s_b", type);
        ga_result_add_number(res, name, col, 2);
        g_snprintf(name, sizeof name, "%s_s", type);
        ga_result_add_number(res, name, col2, 2);
        g_snprintf(name, sizeof name, "%s_d", type);
        ga_result_add_number(res, name, col3, 2);
        g_snprintf(name, sizeof name, "%s_cov", type);
        ga_result_add_number(res, name, col4, 0);
        ga_crossings x;
        ga_changes ch;
        ga_scenario_crossings(r, k, t, threshold, d->pop, &x);
        ga_scenario_changes(r, k, t, d->pop, &ch);
        g_autofree char *measure = g_strdup_printf("time_%s", type);
        summary_row(cw, s->name, measure, threshold, &x, &ch, 2);
    }
    if (b->apl && s->apl) {
        for (size_t i = 0; i < n; i++) {
            col[i] = b->apl[i];
            col2[i] = s->apl[i];
            col3[i] = s->apl[i] - b->apl[i];
        }
        ga_result_add_number(res, "apl_b", col, 3);
        ga_result_add_number(res, "apl_s", col2, 3);
        ga_result_add_number(res, "apl_d", col3, 3);
        ga_crossings x;
        ga_changes ch;
        ga_scenario_crossings(r, k, SIZE_MAX, apl_threshold, d->pop, &x);
        ga_scenario_changes(r, k, SIZE_MAX, d->pop, &ch);
        summary_row(cw, s->name, "apl", apl_threshold, &x, &ch, 3);
    }
    g_free(col);
    g_free(col2);
    g_free(col3);
    g_free(col4);
    return res;
}

ga_status ga_scenario_write(ga_ctx *ctx, const ga_plan_data *d, const ga_scenario_run *r, double threshold,
                            double apl_threshold, const char *out_dir, GString *written) {
    static const char *const head[] = {"scenario", "measure", "threshold", "communes_gain", "people_gain",
                                       "communes_loss", "people_loss", "communes_better", "people_better",
                                       "largest_gain", "communes_worse", "people_worse", "largest_loss", NULL};
    GString *sum = g_string_new(NULL);
    ga_csv_writer cw = ga_csv_to_string(sum);
    ga_csv_header(&cw, head);
    ga_status st = GA_OK;
    for (size_t k = 0; k < r->n_scenarios && !st; k++) {
        ga_result *res = scenario_table(d, r, k, threshold, apl_threshold, &cw);
        g_autofree char *base = safe_name(r->scenarios[k].name);
        g_autofree char *csv = g_strdup_printf("%s/scenario_%s.csv", out_dir, base);
        g_autofree char *shp = g_strdup_printf("%s/scenario_%s.shp", out_dir, base);
        st = ga_result_write_shp_communes(ctx, res, d->communes, shp);
        if (!st) st = ga_result_write_csv(ctx, res, csv);
        if (!st && written) g_string_append_printf(written, "%s%s, %s", written->len ? ", " : "", csv, shp);
        ga_result_free(res);
    }
    if (!st) {
        g_autofree char *p = g_build_filename(out_dir, "scenarios_summary.csv", NULL);
        st = ga_atomic_write_file(ctx, p, sum->str, sum->len);
        if (!st && written) g_string_append_printf(written, ", %s", p);
    }
    g_string_free(sum, TRUE);
    return st;
}
