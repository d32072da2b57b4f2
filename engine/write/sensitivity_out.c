/* The files of `zones --sensitivity` (write/sensitivity_out.h). */
#include <math.h>
#include "core/atomic.h"
#include "write/csv_out.h"
#include "write/sensitivity_out.h"

void ga_sensitivity_count(const ga_plan_sensitivity *s, size_t q, const double *pop, ga_sensitivity_counts *out) {
    *out = (ga_sensitivity_counts){0};
    for (size_t i = 0; i < s->n; i++) {
        size_t z = s->zone_runs[q * s->n + i];
        double p = isnan(pop[i]) ? 0 : pop[i];
        if (z && z == s->rule_runs[q]) {
            out->every++;
            out->every_people += p;
        }
        if (z) {
            out->some++;
            out->some_people += p;
        }
    }
}

static void rule_table(const ga_communes *c, const double *pop, const ga_plan_sensitivity *s, size_t q, GString *out) {
    ga_csv_writer w = ga_csv_to_string(out);
    static const char *const head[] = {"insee", "nom", "pop", "zone_runs", "total_runs", "share", NULL};
    ga_csv_header(&w, head);
    for (size_t i = 0; i < s->n; i++) {
        size_t z = s->zone_runs[q * s->n + i];
        ga_csv_text(&w, ga_communes_id(c, i));
        ga_csv_text(&w, ga_communes_name(c, i));
        ga_csv_number(&w, pop[i], -1);
        ga_csv_size(&w, z);
        ga_csv_size(&w, s->rule_runs[q]);
        ga_csv_number(&w, (double)z / (double)s->rule_runs[q], 4);
        ga_csv_end_row(&w);
    }
}

static void runs_table(const ga_plan_sensitivity *s, const char *const *names, GString *out) {
    ga_csv_writer w = ga_csv_to_string(out);
    static const char *const head[] = {"run", "speed", "detour", "acts_per_gp", "decay", "rule", "communes",
                                       "people", NULL};
    ga_csv_header(&w, head);
    for (size_t k = 0; k < s->n_runs; k++)
        for (size_t q = 0; q < s->n_rules; q++) {
            /* a run that changes only the APL is not one of a rule without the APL
             * (a rule with the APL counts every run) */
            if (s->runs[k].apl_only && s->rule_runs[q] < s->n_runs) continue;
            ga_csv_size(&w, k + 1);
            ga_csv_number_fmt(&w, "%.15g", s->runs[k].speed); /* 1.4, not 1.3999999999999999 */
            ga_csv_number_fmt(&w, "%.15g", s->runs[k].detour);
            ga_csv_number_fmt(&w, "%.15g", s->runs[k].acts);
            ga_csv_text(&w, s->runs[k].decay);
            ga_csv_text(&w, names[q]);
            ga_csv_size(&w, s->run_communes[q * s->n_runs + k]);
            ga_csv_number(&w, s->run_people[q * s->n_runs + k], -1);
            ga_csv_end_row(&w);
        }
}

static ga_status rule_map(ga_ctx *ctx, const ga_communes *c, const ga_plan_sensitivity *s, size_t q,
                          const char *name, const char *path) {
    size_t total = s->rule_runs[q];
    double *runs = g_new(double, s->n + 1);
    for (size_t i = 0; i < s->n; i++) runs[i] = (double)s->zone_runs[q * s->n + i];
    /* classes of whole runs: never, up to a third, up to two thirds, all
     * but one, every run (the map writer's legend prints the bounds) */
    double breaks[4];
    size_t nb = 0;
    const double want[] = {1, ceil((double)total / 3), ceil(2.0 * (double)total / 3), (double)total};
    for (size_t k = 0; k < G_N_ELEMENTS(want); k++)
        if (!nb || want[k] > breaks[nb - 1]) breaks[nb++] = want[k];
    g_autofree char *title = g_strdup_printf("Zone blanche '%s': under how many of the %zu assumptions", name, total);
    g_autofree char *unit = g_strdup_printf("runs in zone (%zu: all)", total);
    ga_map_style style = {.title = title,
                          .subtitle = "speed x detour factor of the straight-line model (and acts per GP, APL bands "
                                      "when the rule uses the APL)",
                          .unit = unit, .breaks = breaks, .n_breaks = nb};
    ga_status st = ga_map_communes_png(ctx, c, runs, NULL, &style, path);
    g_free(runs);
    return st;
}

ga_status ga_sensitivity_write(ga_ctx *ctx, const ga_communes *c, const double *pop, const ga_plan_sensitivity *s,
                               const char *const *names, const char *prefix, const char *runs_file,
                               const char *out_dir, GPtrArray *written) {
    GString *t = g_string_new(NULL);
    ga_status st = GA_OK;
    for (size_t q = 0; q < s->n_rules && !st; q++) {
        char *csv = g_strdup_printf("%s/%s%s_sensitivity.csv", out_dir, prefix, names[q]);
        char *png = g_strdup_printf("%s/map_%s%s_sensitivity.png", out_dir, prefix, names[q]);
        g_string_truncate(t, 0);
        rule_table(c, pop, s, q, t);
        st = ga_atomic_write_file(ctx, csv, t->str, t->len);
        if (!st) st = rule_map(ctx, c, s, q, names[q], png);
        if (written) {
            g_ptr_array_add(written, csv);
            g_ptr_array_add(written, png);
        } else {
            g_free(csv);
            g_free(png);
        }
    }
    if (!st) {
        char *runs = g_build_filename(out_dir, runs_file, NULL);
        g_string_truncate(t, 0);
        runs_table(s, names, t);
        st = ga_atomic_write_file(ctx, runs, t->str, t->len);
        if (written) g_ptr_array_add(written, runs);
        else g_free(runs);
    }
    g_string_free(t, TRUE);
    return st;
}
