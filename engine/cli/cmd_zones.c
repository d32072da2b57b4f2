/* geoaccess zones: zones blanches, the communes that fail access rules
 * ("time to urg > 30 or apl < 2.5"), with their population; CSV, shapefile
 * and a summary, for a batch of rules. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/plan.h"
#include "core/internal.h"
#include "layer/communes.h"
#include "write/polygons.h"
#include "core/atomic.h"
#include "write/csv_out.h"
#include "write/tables.h"

typedef struct {
    char *name;
    ga_zone_rule *rule;
} named_rule;

typedef struct {
    const ga_plan_data *d;
    GPtrArray *types;   /* char* (borrowed from rules) */
    GPtrArray *time;    /* double* per type */
    GPtrArray *km;      /* double* per type */
    double *apl;
    size_t i;           /* current commune */
} values;

static long type_index(const values *v, const char *type) {
    for (guint k = 0; k < v->types->len; k++)
        if (!strcmp(v->types->pdata[k], type)) return (long)k;
    return -1;
}

static double lookup(ga_zone_value what, const char *type, void *user) {
    const values *v = user;
    if (what == GA_ZONE_APL) return v->apl ? v->apl[v->i] : NAN;
    long k = type_index(v, type);
    if (k < 0) return NAN;
    const double *a = what == GA_ZONE_TIME ? v->time->pdata[k] : v->km->pdata[k];
    return a[v->i];
}

static bool valid_name(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!g_ascii_isalnum(*s) && *s != '_' && *s != '-') return false;
    return true;
}

/* "NAME: EXPR" or "EXPR"; false with a message. */
static bool split_rule(const char *text, size_t k, char **name, char **expr, char **err) {
    const char *colon = strchr(text, ':');
    if (colon) {
        *name = g_strstrip(g_strndup(text, (size_t)(colon - text)));
        *expr = g_strdup(colon + 1);
        if (!valid_name(*name)) {
            *err = g_strdup_printf("rule name '%s' must be letters, digits, '_' or '-'", *name);
            g_free(*name);
            g_free(*expr);
            return false;
        }
    } else {
        *name = g_strdup_printf("rule%zu", k + 1);
        *expr = g_strdup(text);
    }
    return true;
}

int ga_cmd_zones(int argc, char **argv) {
    g_autofree char *model_text = NULL, *summary_path = NULL;
    g_autofree char *out_dir = NULL, *rules_file = NULL, *apl_type = NULL;
    g_auto(GStrv) rule_texts = NULL;
    double acts = GA_APL_NEW_PRACTITIONER_ACTIVITY;
    GOptionEntry entries[] = {
        {"rule", 0, 0, G_OPTION_ARG_STRING_ARRAY, &rule_texts,
         "a rule, 'NAME: EXPR' or 'EXPR' (repeatable), e.g. 'urg30: time to urg > 30'", "RULE"},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_file,
         "a file of rules, one per line ('NAME: EXPR'; # comments)", "FILE"},
        {"apl-type", 0, 0, G_OPTION_ARG_STRING, &apl_type,
         "facility type whose capacity is the APL supply (default gp)", "TYPE"},
        {"acts-per-gp", 0, 0, G_OPTION_ARG_DOUBLE, &acts,
         "APL: consultations and visits a year per unit of capacity (default 5400, the DREES imputation)", "N"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "output folder (default: out)", "DIR"},
        G_OPTION_ENTRY_NULL};
    ga_plan_input_options io;
    ga_cli_cost_options co;
    GOptionContext *oc = g_option_context_new("- zones blanches: communes failing access rules");
    g_option_context_set_summary(oc,
        "A rule says when a commune is a zone blanche:\n"
        "  rule := term {or term};  term := factor {and factor};\n"
        "  factor := not factor | ( rule ) | VALUE OP NUMBER\n"
        "  VALUE := time to TYPE (minutes) | distance to TYPE (km) | apl;  OP := > >= < <=\n"
        "e.g. 'time to urg > 30 or (apl < 2.5 and time to gp > 10)'. Thresholds are inclusive\n"
        "(a time equal to 30 is not over 30); a type with no reachable facility has an infinite\n"
        "time. The APL is the DREES APL to GPs (BPE headcounts x --acts-per-gp). For each rule:\n"
        "OUT/zones_NAME.csv and .shp (the communes failing it, with population), and\n"
        "OUT/zones_summary.csv.");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_plan_add_input_entries(oc, &io);
    ga_cli_cost_add_main_entries(oc, &co);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "zones");
    g_option_context_free(oc);
    int rc = GA_EXIT_OK;
    ga_outset *set = NULL;
    ga_ctx *ctx = NULL;
    ga_plan_data d = {0};
    ga_plan_cost cost = {0};
    GArray *rules = g_array_new(FALSE, TRUE, sizeof(named_rule));
    values v = {.types = g_ptr_array_new(), .time = g_ptr_array_new_with_free_func(g_free),
                .km = g_ptr_array_new_with_free_func(g_free)};
    GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
    GString *summary = g_string_new(NULL);
    ga_csv_writer w = ga_csv_to_string(summary);
    ga_zones_summary_csv_header(&w);
    ga_points *origins = NULL;
    if (!parsed) {
        rc = GA_EXIT_USAGE;
        goto done;
    }
    if (argc > 1) {
        rc = ga_cli_usage_error("zones", "unexpected argument '%s'", ga_clip(argv[1]));
        goto done;
    }
    if (!(acts > 0) || !isfinite(acts)) {
        rc = ga_cli_usage_error("zones", "--acts-per-gp must be positive");
        goto done;
    }
    for (char **r = rule_texts; r && *r; r++) g_ptr_array_add(texts, g_strdup(*r));
    if (!out_dir) out_dir = g_strdup("out");
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (ga_cli_outset_open(ctx, "zones", out_dir, NULL, &set)) goto fail; /* before the work */
    if (rules_file) {
        g_autofree char *content = NULL;
        GError *gerr = NULL;
        if (!g_file_get_contents(rules_file, &content, NULL, &gerr)) {
            ga_fail(ctx, GA_ERR_IO, "%s: cannot read: %s", rules_file, gerr->message);
            g_error_free(gerr);
            goto fail;
        }
        g_auto(GStrv) lines = g_strsplit(content, "\n", -1);
        for (char **l = lines; *l; l++) {
            g_strstrip(*l);
            if (**l && **l != '#') g_ptr_array_add(texts, g_strdup(*l));
        }
    }
    if (!texts->len) {
        rc = ga_cli_usage_error("zones", "give at least one --rule (or --rules FILE)");
        goto done;
    }
    for (guint k = 0; k < texts->len; k++) {
        named_rule nr = {0};
        char *expr = NULL, *err = NULL;
        if (!split_rule(texts->pdata[k], k, &nr.name, &expr, &err)) {
            rc = ga_cli_usage_error("zones", "%s", err);
            g_free(err);
            goto done;
        }
        for (guint q = 0; q < rules->len; q++)
            if (!strcmp(g_array_index(rules, named_rule, q).name, nr.name)) {
                rc = ga_cli_usage_error("zones", "two rules are named '%s'", nr.name);
                g_free(nr.name);
                g_free(expr);
                goto done;
            }
        ga_status st = ga_zone_rule_parse(ctx, expr, &nr.rule);
        g_free(expr);
        if (st) {
            g_free(nr.name);
            goto fail;
        }
        g_array_append_val(rules, nr);
    }
    if (ga_plan_cost_open(ctx, &co, &cost) || ga_plan_data_load(ctx, &io, &d) ||
        ga_points_from_communes(ctx, d.communes, &origins))
        goto fail;
    v.d = &d;
    size_t n = ga_communes_count(d.communes);
    bool need_apl = false;
    for (guint q = 0; q < rules->len; q++) {
        const ga_zone_rule *r = g_array_index(rules, named_rule, q).rule;
        need_apl |= ga_zone_rule_uses(r, GA_ZONE_APL);
        for (size_t t = 0; t < ga_zone_rule_type_count(r); t++) {
            const char *type = ga_zone_rule_type(r, t);
            if (type_index(&v, type) >= 0) continue;
            ga_points *fac = ga_plan_facilities_of(&d, type);
            if (!ga_points_count(fac)) {
                ga_points_free(fac);
                g_autofree char *known = ga_plan_known_types(&d);
                ga_fail(ctx, GA_ERR_ARG, "rule '%s': no facility of type '%s' (types present: %s)",
                        g_array_index(rules, named_rule, q).name, type, known);
                goto fail;
            }
            double *time = g_new(double, n), *km = g_new(double, n);
            long *first = g_new(long, n);
            ga_od *dist = NULL;
            ga_status st = ga_plan_nearest(ctx, cost.model, &d, fac, time, first, NULL, NULL);
            if (!st) st = ga_cost_model_table(cost.model, ctx, origins, fac, GA_METRIC_DISTANCE, 0, &dist);
            for (size_t i = 0; i < n && !st; i++) {
                double dm;
                km[i] = isnan(time[i]) ? NAN /* not routed: unknown */
                        : first[i] >= 0 && ga_od_lookup(dist, i, (size_t)first[i], &dm) ? dm / 1000 : INFINITY;
            }
            ga_od_free(dist);
            g_free(first);
            ga_points_free(fac);
            g_ptr_array_add(v.types, (gpointer)type);
            g_ptr_array_add(v.time, time);
            g_ptr_array_add(v.km, km);
            if (st) goto fail;
        }
    }
    if (need_apl) {
        const char *gp = apl_type ? apl_type : "gp";
        v.apl = g_new(double, n);
        if (ga_plan_apl(ctx, cost.model, &d, gp, acts, v.apl, NULL)) goto fail;
    }
    model_text = ga_cost_model_describe(cost.model);
    printf("geoaccess zones: %s\ntravel costs: %s\n", d.what, model_text);
    if (need_apl)
        printf("APL: DREES method, supply = %s capacity x %.0f consultations and visits a year\n",
               apl_type ? apl_type : "gp", acts);
    double total = 0;
    for (size_t i = 0; i < n; i++) total += isnan(d.pop[i]) ? 0 : d.pop[i];
    printf("\n%-16s %10s %22s  %s\n", "zones blanches", "communes", "people", "rule");
    for (guint q = 0; q < rules->len; q++) {
        named_rule *nr = &g_array_index(rules, named_rule, q);
        GArray *rows = g_array_new(FALSE, FALSE, sizeof(size_t));
        double people = 0, unknown_people = 0;
        size_t unknown = 0;
        for (size_t i = 0; i < n; i++) {
            v.i = i;
            int e = ga_zone_rule_eval3(nr->rule, lookup, &v);
            if (e == 1) {
                g_array_append_val(rows, i);
                people += isnan(d.pop[i]) ? 0 : d.pop[i];
            } else if (e < 0) { /* depends on a value not known (not routed): no zone, counted apart */
                unknown++;
                unknown_people += isnan(d.pop[i]) ? 0 : d.pop[i];
            }
        }
        double base = total - unknown_people; /* the share is of the people whose answer is known */
        size_t m = rows->len;
        const char **ids = g_new(const char *, m + 1), **names = g_new(const char *, m + 1);
        double *pop = g_new(double, m + 1);
        const GEOSGeometry **geoms = g_new(const GEOSGeometry *, m + 1);
        ga_result *res = ga_result_new(m);
        for (size_t r = 0; r < m; r++) {
            size_t i = g_array_index(rows, size_t, r);
            ids[r] = ga_communes_id(d.communes, i);
            names[r] = ga_communes_name(d.communes, i);
            pop[r] = d.pop[i];
            geoms[r] = ga_communes_geometry(d.communes, i);
        }
        ga_result_add_text(res, "insee", ids);
        ga_result_add_text(res, "nom", names);
        ga_result_add_number(res, "pop", pop, 0);
        /* the values the rule looks at */
        GPtrArray *cols = g_ptr_array_new_with_free_func(g_free);
        for (size_t t = 0; t < ga_zone_rule_type_count(nr->rule); t++) {
            long k = type_index(&v, ga_zone_rule_type(nr->rule, t));
            for (int which = 0; which < 2; which++) {
                if (!ga_zone_rule_uses(nr->rule, which ? GA_ZONE_DISTANCE : GA_ZONE_TIME)) continue;
                const double *src = which ? v.km->pdata[k] : v.time->pdata[k];
                double *col = g_new(double, m + 1);
                for (size_t r = 0; r < m; r++) {
                    double x = src[g_array_index(rows, size_t, r)];
                    col[r] = isinf(x) ? NAN : x;
                }
                g_autofree char *name = g_strdup_printf("%s_%s", ga_zone_rule_type(nr->rule, t), which ? "km" : "min");
                ga_result_add_number(res, name, col, which ? 3 : 2);
                g_ptr_array_add(cols, col);
            }
        }
        if (v.apl && ga_zone_rule_uses(nr->rule, GA_ZONE_APL)) {
            double *col = g_new(double, m + 1);
            for (size_t r = 0; r < m; r++) col[r] = v.apl[g_array_index(rows, size_t, r)];
            ga_result_add_number(res, "apl", col, 3);
            g_ptr_array_add(cols, col);
        }
        g_autofree char *csv = g_strdup_printf("%s/zones_%s.csv", out_dir, nr->name);
        g_autofree char *shp = g_strdup_printf("%s/zones_%s.shp", out_dir, nr->name);
        /* the shapefile carries the same columns as the CSV (the values
         * tested); written first, as it has more ways to fail */
        ga_status st = ga_result_write_shp_polygons(ctx, res, (const GEOSGeometry *const *)geoms, m, shp);
        if (!st) st = ga_result_write_csv(ctx, res, csv);
        g_autofree char *desc = ga_zone_rule_describe(nr->rule);
        char people_text[40];
        g_snprintf(people_text, sizeof people_text, "%.0f (%.1f%%)", people, base > 0 ? 100 * people / base : 0);
        if (!st) printf("%-16s %10zu %22s  %s\n", nr->name, m, people_text, desc);
        if (!st && unknown)
            printf("%-16s not routed, unknown (left out of the share; unknown(...) in a rule selects them): "
                   "%zu commune(s), %.0f people\n", "", unknown, unknown_people);
        ga_zones_summary_csv_row(&w, nr->name, desc, m, people, base, unknown, unknown_people);
        g_ptr_array_free(cols, TRUE);
        ga_result_free(res);
        g_free(ids);
        g_free(names);
        g_free(pop);
        g_free(geoms);
        g_array_free(rows, TRUE);
        if (st) goto fail;
    }
    summary_path = g_build_filename(out_dir, "zones_summary.csv", NULL);
    if (ga_atomic_write_file(ctx, summary_path, summary->str, summary->len) ||
        ga_outset_commit(ctx, g_steal_pointer(&set)))
        goto fail;
    ga_cli_flush_warnings(ctx);
    if (d.notes->len) printf("\n%s", d.notes->str);
    printf("\nwritten: %s/zones_NAME.csv and .shp for %u rules, %s\n", out_dir, rules->len, summary_path);
    goto done;
fail:
    rc = ga_cli_fail(ctx, "zones");
done:
    ga_outset_abort(set);
    for (guint q = 0; q < rules->len; q++) {
        g_free(g_array_index(rules, named_rule, q).name);
        ga_zone_rule_free(g_array_index(rules, named_rule, q).rule);
    }
    g_array_free(rules, TRUE);
    g_ptr_array_free(v.types, TRUE);
    g_ptr_array_free(v.time, TRUE);
    g_ptr_array_free(v.km, TRUE);
    g_free(v.apl);
    g_ptr_array_free(texts, TRUE);
    g_string_free(summary, TRUE);
    ga_points_free(origins);
    ga_plan_cost_close(&cost);
    ga_plan_data_clear(&d);
    ga_plan_input_options_clear(&io);
    ga_cli_cost_options_clear(&co);
    ga_ctx_free(ctx);
    return rc;
}
