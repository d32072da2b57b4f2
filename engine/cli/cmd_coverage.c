/* geoaccess coverage: share and number of people within T of each facility
 * type, per commune group and overall. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/plan.h"
#include "core/atomic.h"
#include "write/csv_out.h"
#include "write/tables.h"

/* Group of each commune: a field of the commune layer, or a column of a
 * join table keyed by commune code. Returned strings are owned by *keep. */
/* The name column of a groups table when none is given: for a code column
 * "PREFIX_xxx" (epci_siren, epci_code), PREFIX_name, PREFIX_nom,
 * PREFIX_libelle, nom_PREFIX, lib_PREFIX or libelle_PREFIX; -1 none. */
static int detect_name_col(const ga_table *t, const char *group_col) {
    const char *us = strchr(group_col, '_');
    if (!us || us == group_col) return -1;
    g_autofree char *prefix = g_strndup(group_col, (size_t)(us - group_col));
    static const char *const forms[][2] = {{"", "_name"}, {"", "_nom"}, {"", "_libelle"},
                                           {"nom_", ""},  {"lib_", ""}, {"libelle_", ""}};
    for (size_t k = 0; k < G_N_ELEMENTS(forms); k++) {
        g_autofree char *cand = g_strconcat(forms[k][0], prefix, forms[k][1], NULL);
        int c = ga_table_find(t, cand);
        if (c >= 0 && g_ascii_strcasecmp(cand, group_col)) return c;
    }
    return -1;
}

/* Group of each commune (*out) and, when a name column is given or found,
 * the group's name (*names, else NULL). */
static ga_status commune_groups(ga_ctx *ctx, const ga_plan_data *d, const char *groups_path,
                                const char *key_col, const char *group_col, const char *name_col,
                                const char ***out, const char ***names, char **name_col_used,
                                GPtrArray *keep) {
    size_t n = ga_communes_count(d->communes);
    const char **g = g_new0(const char *, n ? n : 1);
    const char **nm = name_col || groups_path ? g_new0(const char *, n ? n : 1) : NULL;
    ga_status st = GA_OK;
    if (!groups_path) {
        for (size_t i = 0; i < n && !st; i++) {
            g[i] = ga_communes_attribute(d->communes, i, group_col);
            if (!g[i])
                st = ga_fail(ctx, GA_ERR_FIELD, "%s: no field '%s' for --group-col (use --groups FILE "
                             "for a join table)", ga_communes_path(d->communes), group_col);
            if (!st && name_col && !(nm[i] = ga_communes_attribute(d->communes, i, name_col)))
                st = ga_fail(ctx, GA_ERR_FIELD, "%s: no field '%s' for --group-name-col",
                             ga_communes_path(d->communes), name_col);
        }
        if (!st && name_col) *name_col_used = g_strdup(name_col);
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
        long nc = -1;
        if (!st && name_col) {
            size_t c = 0;
            st = ga_table_require(ctx, t, name_col, "group name", &c);
            nc = (long)c;
        } else if (!st) {
            nc = detect_name_col(t, group_col);
        }
        if (!st && nc >= 0) *name_col_used = g_strdup(ga_table_header(t, (size_t)nc));
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
            if (nc >= 0) {
                char *w = g_strdup(ga_table_cell(t, (size_t)r, (size_t)nc));
                g_ptr_array_add(keep, w);
                nm[i] = w;
            }
        }
        if (!st && unmatched)
            ga_warn(ctx, "%s: %zu communes have no row (e.g. %s): group '(none)'", groups_path, unmatched, example);
        ga_key_index_free(idx);
        ga_table_free(t);
    }
    if (!st && nm && !*name_col_used) g_clear_pointer(&nm, g_free);
    /* one name per group */
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < n && !st && nm; i++) {
        if (!g[i] || !nm[i]) continue;
        const char *prev = g_hash_table_lookup(seen, g[i]);
        if (!prev) g_hash_table_insert(seen, (gpointer)g[i], (gpointer)nm[i]);
        else if (strcmp(prev, nm[i]))
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: group '%s' has two names in column '%s': '%s' and '%s'",
                         groups_path ? groups_path : ga_communes_path(d->communes), g[i], *name_col_used,
                         prev, nm[i]);
    }
    g_hash_table_destroy(seen);
    if (st) {
        g_free(g);
        g_free(nm);
        g_clear_pointer(name_col_used, g_free);
        return st;
    }
    *out = g;
    *names = nm;
    return GA_OK;
}

/* The name of group `code` (NULL: none known). */
static const char *group_name(const char **grp, const char **names, size_t n, const char *code) {
    for (size_t i = 0; names && i < n; i++)
        if (grp[i] && names[i] && !strcmp(grp[i], code)) return names[i];
    return NULL;
}

int ga_cmd_coverage(int argc, char **argv) {
    g_autofree char *model_text = NULL, *csv_path = NULL;
    g_autofree char *out_dir = NULL, *thresholds = NULL, *groups = NULL, *group_key = NULL, *group_col = NULL;
    g_autofree char *group_name_col = NULL, *name_col_used = NULL;
    GOptionEntry entries[] = {
        {"thresholds", 0, 0, G_OPTION_ARG_STRING, &thresholds,
         "thresholds in minutes, comma-separated (default 30)", "LIST"},
        {"group-col", 0, 0, G_OPTION_ARG_STRING, &group_col,
         "group communes by this field of the commune layer, or column of --groups", "NAME"},
        {"groups", 0, 0, G_OPTION_ARG_FILENAME, &groups,
         "join table giving each commune's group (e.g. an intercommunalité code)", "CSV"},
        {"group-name-col", 0, 0, G_OPTION_ARG_STRING, &group_name_col,
         "the groups' names: a column of --groups or a field of the commune layer (default with "
         "--groups: PREFIX_name, PREFIX_nom, PREFIX_libelle, nom_PREFIX, lib_PREFIX or "
         "libelle_PREFIX for a --group-col PREFIX_code, e.g. epci_siren -> epci_nom)", "NAME"},
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
    ga_outset *set = NULL;
    ga_ctx *ctx = NULL;
    ga_plan_data d = {0};
    ga_plan_cost cost = {0};
    GArray *thr = g_array_new(FALSE, FALSE, sizeof(double));
    GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
    const char **grp = NULL, **grp_names = NULL;
    GString *csv = g_string_new(NULL);
    ga_csv_writer w = ga_csv_to_string(csv);
    char *err = NULL;
    if (!parsed) {
        rc = GA_EXIT_USAGE;
        goto done;
    }
    if (argc > 1) {
        rc = ga_cli_usage_error("coverage", "unexpected argument '%s'", ga_clip(argv[1]));
        goto done;
    }
    if (!ga_plan_parse_numbers(thresholds ? thresholds : "30", thr, &err)) {
        rc = ga_cli_usage_error("coverage", "--thresholds: %s", err);
        g_free(err);
        goto done;
    }
    if ((groups || group_key || group_name_col) && !group_col) {
        rc = ga_cli_usage_error("coverage", "--groups, --group-key and --group-name-col need --group-col");
        goto done;
    }
    if (!out_dir) out_dir = g_strdup("out");
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (ga_cli_outset_open(ctx, "coverage", out_dir, NULL, &set)) goto fail; /* before the work */
    if (ga_plan_cost_open(ctx, &co, &cost) || ga_plan_data_load(ctx, &io, &d)) goto fail;
    if (group_col && commune_groups(ctx, &d, groups, group_key, group_col, group_name_col, &grp, &grp_names,
                                    &name_col_used, keep))
        goto fail;
    ga_coverage_csv_header(&w, grp_names != NULL);
    {
        double longest = 0;
        for (guint q = 0; q < thr->len; q++) longest = MAX(longest, g_array_index(thr, double, q));
        ga_plan_check_reach(ctx, &d, cost.model, longest); /* the embedded default's ring */
    }
    size_t n = ga_communes_count(d.communes);
    model_text = ga_cost_model_describe(cost.model);
    printf("geoaccess coverage: %s\ntravel costs: %s\n", d.what, model_text);
    if (group_col)
        printf("groups: %s%s%s%s%s\n", group_col, groups ? " from " : "", groups ? groups : "",
               name_col_used ? ", named by " : "", name_col_used ? name_col_used : "");
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
            if (c->total_communes_unknown)
                printf("%-30s %10s not routed (unknown, left out of the share): %zu commune(s), %.0f people\n",
                       "", "", c->total_communes_unknown, c->total_population_unknown);
            const char **labels = g_new0(const char *, c->n_groups + 1);
            for (size_t g = 0; g < c->n_groups; g++) labels[g] = group_name(grp, grp_names, n, c->group[g]);
            ga_coverage_csv_rows(&w, c, type, T, group_col != NULL, grp_names != NULL, labels);
            for (size_t g = 0; group_col && g < c->n_groups && c->n_groups <= 40; g++) {
                const char *label = labels[g];
                g_autofree char *shown = label ? g_strdup_printf("%s (%s)", label, c->group[g])
                                               : g_strdup(c->group[g]);
                if (g_utf8_strlen(shown, -1) > 56) {
                    char *cut = g_utf8_substring(shown, 0, 55);
                    g_free(shown);
                    shown = g_strconcat(cut, "…", NULL);
                    g_free(cut);
                }
                printf("  ");
                ga_cli_print_col(shown, 56); /* UTF-8 names: characters, not bytes */
                printf(" %22.0f of %-10.0f %5.1f%%\n", c->covered[g], c->population[g],
                       c->population[g] > 0 ? 100 * c->covered[g] / c->population[g] : 0);
            }
            g_free(labels);
            ga_coverage_free(c);
        }
        g_free(t1);
        g_free(f1);
        ga_points_free(fac);
        if (st) goto fail;
    }
    csv_path = g_build_filename(out_dir, "coverage.csv", NULL);
    if (ga_atomic_write_file(ctx, csv_path, csv->str, csv->len) || ga_outset_commit(ctx, g_steal_pointer(&set)))
        goto fail;
    ga_cli_flush_warnings(ctx);
    if (d.notes->len) printf("\n%s", d.notes->str);
    printf("\nwritten: %s\n", csv_path);
    goto done;
fail:
    rc = ga_cli_fail(ctx, "coverage");
done:
    ga_outset_abort(set);
    g_free(grp);
    g_free(grp_names);
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
