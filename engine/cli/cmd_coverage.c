/* geoaccess coverage: share and number of people within T of each facility
 * type, per commune group and overall. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/plan.h"

/* Group of each commune: a field of the commune layer, or a column of a
 * join table keyed by commune code. Returned strings are owned by *keep. */
static ga_status commune_groups(ga_ctx *ctx, const ga_plan_data *d, const char *groups_path,
                                const char *key_col, const char *group_col, const char ***out,
                                GPtrArray *keep) {
    size_t n = ga_communes_count(d->communes);
    const char **g = g_new0(const char *, n ? n : 1);
    ga_status st = GA_OK;
    if (!groups_path) {
        for (size_t i = 0; i < n && !st; i++) {
            g[i] = ga_communes_attribute(d->communes, i, group_col);
            if (!g[i])
                st = ga_fail(ctx, GA_ERR_FIELD, "%s: no field '%s' for --group-col (use --groups FILE "
                             "for a join table)", ga_communes_path(d->communes), group_col);
        }
    } else {
        ga_table *t = NULL;
        size_t kc = 0, gc = 0;
        ga_key_index *idx = NULL;
        st = ga_table_read(ctx, groups_path, &t);
        if (!st) {
            static const char *const keys[] = {"insee_code", "insee", "code", "codgeo", "depcom", NULL};
            int k = key_col ? ga_table_find(t, key_col) : ga_table_find_any(t, keys);
            if (k < 0) st = ga_table_require(ctx, t, key_col ? key_col : "insee_code", "commune code", &kc);
            else kc = (size_t)k;
        }
        if (!st) st = ga_table_require(ctx, t, group_col, "group", &gc);
        if (!st) st = ga_key_index_new(ctx, t, kc, &idx);
        size_t unmatched = 0;
        const char *example = NULL;
        for (size_t i = 0; i < n && !st; i++) {
            long r = ga_key_index_lookup(idx, ga_communes_id(d->communes, i));
            if (r < 0) {
                if (!unmatched++) example = ga_communes_id(d->communes, i);
                continue;
            }
            char *v = g_strdup(ga_table_cell(t, (size_t)r, gc));
            g_ptr_array_add(keep, v);
            g[i] = v;
        }
        if (!st && unmatched)
            ga_warn(ctx, "%s: %zu communes have no row (e.g. %s): group '(none)'", groups_path, unmatched, example);
        ga_key_index_free(idx);
        ga_table_free(t);
    }
    if (st) {
        g_free(g);
        return st;
    }
    *out = g;
    return GA_OK;
}

int ga_cmd_coverage(int argc, char **argv) {
    g_autofree char *model_text = NULL, *csv_path = NULL;
    g_autofree char *out_dir = NULL, *thresholds = NULL, *groups = NULL, *group_key = NULL, *group_col = NULL;
    GOptionEntry entries[] = {
        {"thresholds", 0, 0, G_OPTION_ARG_STRING, &thresholds,
         "thresholds in minutes, comma-separated (default 30)", "LIST"},
        {"group-col", 0, 0, G_OPTION_ARG_STRING, &group_col,
         "group communes by this field of the commune layer, or column of --groups", "NAME"},
        {"groups", 0, 0, G_OPTION_ARG_FILENAME, &groups,
         "join table giving each commune's group (e.g. an intercommunalité code)", "CSV"},
        {"group-key", 0, 0, G_OPTION_ARG_STRING, &group_key,
         "commune code column of --groups (default: insee_code, insee, code, codgeo, depcom)", "NAME"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "output folder (default: out)", "DIR"},
        G_OPTION_ENTRY_NULL};
    ga_plan_input_options io;
    ga_cli_cost_options co;
    GOptionContext *oc = g_option_context_new("- people within reach of each facility type");
    g_option_context_set_summary(oc,
        "For each facility type and threshold: the number and share of people (and communes)\n"
        "whose nearest facility of the type is within the threshold (inclusive: a time equal to\n"
        "the threshold is covered), overall and per group of communes (--group-col, from the\n"
        "commune layer or a --groups join table). Writes OUT/coverage.csv.");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_plan_add_input_entries(oc, &io);
    ga_cli_cost_add_main_entries(oc, &co);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "coverage");
    g_option_context_free(oc);
    int rc = GA_EXIT_OK;
    ga_ctx *ctx = NULL;
    ga_plan_data d = {0};
    ga_plan_cost cost = {0};
    GArray *thr = g_array_new(FALSE, FALSE, sizeof(double));
    GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
    const char **grp = NULL;
    GString *csv = g_string_new("type,threshold,group,communes,communes_covered,population,covered,share\n");
    char *err = NULL;
    if (!parsed) {
        rc = GA_EXIT_USAGE;
        goto done;
    }
    if (argc > 1) {
        rc = ga_cli_usage_error("coverage", "unexpected argument '%s'", argv[1]);
        goto done;
    }
    if (!ga_plan_parse_numbers(thresholds ? thresholds : "30", thr, &err)) {
        rc = ga_cli_usage_error("coverage", "--thresholds: %s", err);
        g_free(err);
        goto done;
    }
    if ((groups || group_key) && !group_col) {
        rc = ga_cli_usage_error("coverage", "--groups and --group-key need --group-col");
        goto done;
    }
    if (!out_dir) out_dir = g_strdup("out");
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (ga_plan_cost_open(ctx, &co, &cost) || ga_plan_data_load(ctx, &io, &d)) goto fail;
    if (group_col && commune_groups(ctx, &d, groups, group_key, group_col, &grp, keep)) goto fail;
    {
        double longest = 0;
        for (guint q = 0; q < thr->len; q++) longest = MAX(longest, g_array_index(thr, double, q));
        ga_plan_check_reach(ctx, &d, cost.model, longest); /* the embedded default's ring */
    }
    size_t n = ga_communes_count(d.communes);
    model_text = ga_cost_model_describe(cost.model);
    printf("geoaccess coverage: %s\ntravel costs: %s\n", d.what, model_text);
    if (group_col) printf("groups: %s%s%s\n", group_col, groups ? " from " : "", groups ? groups : "");
    printf("\n%-30s %10s %22s %12s\n", "type", "threshold", "people within", "communes");
    for (guint k = 0; k < d.types->len; k++) {
        const char *type = d.types->pdata[k];
        ga_points *fac = ga_plan_facilities_of(&d, type);
        double *t1 = g_new(double, n);
        long *f1 = g_new(long, n);
        ga_status st = ga_plan_nearest(ctx, cost.model, &d, fac, t1, f1, NULL, NULL);
        for (guint q = 0; q < thr->len && !st; q++) {
            double T = g_array_index(thr, double, q);
            ga_coverage *c = NULL;
            if ((st = ga_coverage_compute(ctx, n, t1, d.pop, grp, T, &c))) break;
            char a[40], b[32];
            g_snprintf(a, sizeof a, "%.0f (%.1f%%)", c->total_covered,
                       c->total_population > 0 ? 100 * c->total_covered / c->total_population : 0);
            g_snprintf(b, sizeof b, "%zu/%zu", c->total_communes_covered, c->total_communes);
            ga_cli_print_col(ga_plan_type_label(type), 30);
            printf(" %6g min %22s %12s\n", T, a, b);
            for (size_t g = 0; g <= c->n_groups; g++) {
                bool all = g == c->n_groups;
                double pop = all ? c->total_population : c->population[g];
                double cov = all ? c->total_covered : c->covered[g];
                g_string_append_printf(csv, "%s,%g,", type, T);
                const char *name = all ? "(all)" : c->group[g];
                if (strpbrk(name, ",\"")) {
                    g_string_append_c(csv, '"');
                    for (const char *p = name; *p; p++) {
                        if (*p == '"') g_string_append_c(csv, '"');
                        g_string_append_c(csv, *p);
                    }
                    g_string_append_c(csv, '"');
                } else {
                    g_string_append(csv, name);
                }
                g_string_append_printf(csv, ",%zu,%zu,%.0f,%.0f,%.4f\n",
                                       all ? c->total_communes : c->communes[g],
                                       all ? c->total_communes_covered : c->communes_covered[g], pop, cov,
                                       pop > 0 ? cov / pop : 0);
                if (group_col && !all && c->n_groups <= 40)
                    printf("  %-40.40s %22.0f of %-10.0f %5.1f%%\n", c->group[g], cov, pop, pop > 0 ? 100 * cov / pop : 0);
            }
            ga_coverage_free(c);
        }
        g_free(t1);
        g_free(f1);
        ga_points_free(fac);
        if (st) goto fail;
    }
    csv_path = g_build_filename(out_dir, "coverage.csv", NULL);
    if (ga_plan_mkdir(ctx, out_dir)) goto fail;
    {
        GError *gerr = NULL;
        /* g_file_set_contents writes a temporary file and renames it */
        if (!g_file_set_contents(csv_path, csv->str, (gssize)csv->len, &gerr)) {
            ga_fail(ctx, GA_ERR_IO, "%s: cannot write: %s", csv_path, gerr->message);
            g_error_free(gerr);
            goto fail;
        }
    }
    ga_cli_flush_warnings(ctx);
    if (d.notes->len) printf("\n%s", d.notes->str);
    printf("\nwritten: %s\n", csv_path);
    goto done;
fail:
    rc = ga_cli_fail(ctx, "coverage");
done:
    g_free(grp);
    g_ptr_array_free(keep, TRUE);
    g_string_free(csv, TRUE);
    g_array_free(thr, TRUE);
    ga_plan_cost_close(&cost);
    ga_plan_data_clear(&d);
    ga_plan_input_options_clear(&io);
    ga_cli_cost_options_clear(&co);
    ga_ctx_free(ctx);
    return rc;
}
