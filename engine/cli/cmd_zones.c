/* geoaccess zones: zones blanches, the communes that fail access rules
 * ("time to urg > 30 or apl < 2.5"), with their population; CSV, shapefile
 * and a summary, for a batch of rules. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/plan.h"
#include "core/atomic.h"
#include "study/sensitivity.h"
#include "study/zones.h"
#include "write/csv_out.h"
#include "write/tables.h"
#include "write/sensitivity_out.h"
#include "write/zones.h"

typedef struct {
    char *out_dir, *rules_file, *apl_type;
    char **rule_texts;
    double acts;
    gboolean sensitivity;
    char *grid_speeds, *grid_detours, *grid_acts, *grid_decays;
    GArray *speeds, *detours, *acts_list; /* double: the grid's lists */
    GStrv decays;
    ga_plan_input_options io;
    ga_cli_cost_options co;
    GPtrArray *names; /* char*, per rule */
    GPtrArray *rules; /* ga_zone_rule*, per rule */
} zones_options;

static void zones_options_clear(zones_options *o) {
    g_free(o->out_dir);
    g_free(o->rules_file);
    g_free(o->apl_type);
    g_strfreev(o->rule_texts);
    g_free(o->grid_speeds);
    g_free(o->grid_detours);
    g_free(o->grid_acts);
    g_free(o->grid_decays);
    if (o->speeds) g_array_free(o->speeds, TRUE);
    if (o->detours) g_array_free(o->detours, TRUE);
    if (o->acts_list) g_array_free(o->acts_list, TRUE);
    g_strfreev(o->decays);
    ga_plan_input_options_clear(&o->io);
    ga_cli_cost_options_clear(&o->co);
    if (o->names) g_ptr_array_free(o->names, TRUE);
    if (o->rules) g_ptr_array_free(o->rules, TRUE);
}

/* One list of the grid: the option's text, or the defaults. */
static int grid_list(const char *option, const char *text, const double *def, size_t n_def, double min,
                     GArray **out) {
    *out = g_array_new(FALSE, FALSE, sizeof(double));
    if (!text) {
        g_array_append_vals(*out, def, (guint)n_def);
        return GA_EXIT_OK;
    }
    g_autofree char *err = NULL;
    if (!ga_plan_parse_numbers(text, *out, &err)) return ga_cli_usage_error("zones", "%s: %s", option, err);
    for (guint k = 0; k < (*out)->len; k++)
        if (g_array_index(*out, double, k) < min || !isfinite(g_array_index(*out, double, k)))
            return ga_cli_usage_error("zones", "%s: %g is below %g", option, g_array_index(*out, double, k), min);
    return GA_EXIT_OK;
}

/* The sensitivity grid's options (they need --sensitivity and the straight-line model). */
static int parse_grid(zones_options *o) {
    bool grid = o->grid_speeds || o->grid_detours || o->grid_acts || o->grid_decays;
    if (grid && !o->sensitivity) return ga_cli_usage_error("zones", "--grid-* options need --sensitivity");
    if (!o->sensitivity) return GA_EXIT_OK;
    if (o->co.roads || o->co.graph)
        return ga_cli_usage_error("zones", "--sensitivity varies the straight-line model's speed and detour "
                                  "factor: not with --roads or --graph");
    int rc = grid_list("--grid-speeds", o->grid_speeds, ga_sensitivity_default_speeds, 3, 1e-9, &o->speeds);
    if (!rc) rc = grid_list("--grid-detours", o->grid_detours, ga_sensitivity_default_detours, 3, 1, &o->detours);
    if (!rc) rc = grid_list("--grid-acts", o->grid_acts, ga_sensitivity_default_acts, 2, 1e-9, &o->acts_list);
    if (rc) return rc;
    o->decays = o->grid_decays ? g_strsplit(o->grid_decays, ";", -1) : g_strdupv((char **)ga_sensitivity_default_decays);
    for (char **p = o->decays; *p; p++) {
        g_strstrip(*p);
        ga_decay *dec = NULL;
        g_autoptr(ga_ctx) ctx = ga_ctx_new();
        if (!**p || ga_sensitivity_decay(ctx, *p, &dec))
            return ga_cli_usage_error("zones", "--grid-decays: '%s': %s", ga_clip(*p),
                                      **p ? ga_ctx_last_error(ctx) : "empty");
        ga_decay_free(dec);
    }
    return GA_EXIT_OK;
}

/* Fills *o from the command line; GA_EXIT_OK or the exit code of a usage error. */
static int parse_options(int argc, char **argv, zones_options *o) {
    o->acts = GA_APL_NEW_PRACTITIONER_ACTIVITY;
    GOptionEntry entries[] = {
        {"rule", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->rule_texts,
         "a rule, 'NAME: EXPR' or 'EXPR' (repeatable), e.g. 'urg30: time to urg > 30'", "RULE"},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &o->rules_file,
         "a file of rules, one per line ('NAME: EXPR'; # comments)", "FILE"},
        {"apl-type", 0, 0, G_OPTION_ARG_STRING, &o->apl_type,
         "facility type whose capacity is the APL supply (default gp)", "TYPE"},
        {"acts-per-gp", 0, 0, G_OPTION_ARG_DOUBLE, &o->acts,
         "APL: consultations and visits a year per unit of capacity (default 5400, the DREES imputation)", "N"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &o->out_dir, "output folder (default: out)", "DIR"},
        {"sensitivity", 0, 0, G_OPTION_ARG_NONE, &o->sensitivity,
         "also rerun the rules over a grid of the model's assumptions: per commune, in how many runs it "
         "is a zone blanche (straight-line model only)", NULL},
        {"grid-speeds", 0, 0, G_OPTION_ARG_STRING, &o->grid_speeds, "sensitivity: speeds, km/h (default 50,60,70)", "LIST"},
        {"grid-detours", 0, 0, G_OPTION_ARG_STRING, &o->grid_detours,
         "sensitivity: detour factors (default 1.2,1.3,1.4)", "LIST"},
        {"grid-acts", 0, 0, G_OPTION_ARG_STRING, &o->grid_acts,
         "sensitivity, rules with the APL: acts per GP (default 4000,5400)", "LIST"},
        {"grid-decays", 0, 0, G_OPTION_ARG_STRING, &o->grid_decays,
         "sensitivity, rules with the APL: bands separated by ';', drees, wide (the DREES bands x 1.5) or a "
         "decay such as steps:10=1,20=0.5 (default drees;wide)", "LIST"},
        G_OPTION_ENTRY_NULL};
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
        "OUT/zones_summary.csv.\n"
        "--sensitivity reruns the rules under every speed x detour factor of the grid (and, for\n"
        "rules with the APL, every acts per GP x bands at the model's speed and detour): 9 runs,\n"
        "12 with the APL by default; the times of a run are the model's scaled by detour/speed\n"
        "(no routing again). Writes OUT/zones_NAME_sensitivity.csv (insee,nom,pop,zone_runs,\n"
        "total_runs,share), OUT/map_zones_NAME_sensitivity.png, OUT/zones_sensitivity_runs.csv.");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_plan_add_input_entries(oc, &o->io);
    ga_cli_cost_add_main_entries(oc, &o->co);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "zones");
    g_option_context_free(oc);
    if (!parsed) return GA_EXIT_USAGE;
    if (argc > 1) return ga_cli_usage_error("zones", "unexpected argument '%s'", ga_clip(argv[1]));
    if (!(o->acts > 0) || !isfinite(o->acts)) return ga_cli_usage_error("zones", "--acts-per-gp must be positive");
    if (!o->out_dir) o->out_dir = g_strdup("out");
    if (!o->apl_type) o->apl_type = g_strdup("gp");
    return parse_grid(o);
}

/* The texts of the rules: --rule, then the lines of --rules FILE. */
static ga_status rule_texts(ga_ctx *ctx, const zones_options *o, GPtrArray *texts) {
    for (char **r = o->rule_texts; r && *r; r++) g_ptr_array_add(texts, g_strdup(*r));
    if (!o->rules_file) return GA_OK;
    g_autofree char *content = NULL;
    GError *gerr = NULL;
    if (!g_file_get_contents(o->rules_file, &content, NULL, &gerr)) {
        ga_status st = ga_fail(ctx, GA_ERR_IO, "%s: cannot read: %s", o->rules_file, gerr->message);
        g_error_free(gerr);
        return st;
    }
    g_auto(GStrv) lines = g_strsplit(content, "\n", -1);
    for (char **l = lines; *l; l++) {
        g_strstrip(*l);
        if (**l && **l != '#') g_ptr_array_add(texts, g_strdup(*l));
    }
    return GA_OK;
}

static bool valid_name(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!g_ascii_isalnum(*s) && *s != '_' && *s != '-') return false;
    return true;
}

/* "NAME: EXPR" or "EXPR" (named ruleK); NULL name with a message in *err. */
static char *split_rule(const char *text, size_t k, char **expr, char **err) {
    const char *colon = strchr(text, ':');
    if (!colon) {
        *expr = g_strdup(text);
        return g_strdup_printf("rule%zu", k + 1);
    }
    char *name = g_strstrip(g_strndup(text, (size_t)(colon - text)));
    if (valid_name(name)) {
        *expr = g_strdup(colon + 1);
        return name;
    }
    *err = g_strdup_printf("rule name '%s' must be letters, digits, '_' or '-'", name);
    g_free(name);
    return NULL;
}

/* Parses the rules into o->names and o->rules; GA_EXIT_OK, a usage error's
 * exit code, or -1 for an error in ctx. */
static int parse_rules(ga_ctx *ctx, zones_options *o) {
    g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func(g_free);
    if (rule_texts(ctx, o, texts)) return -1;
    if (!texts->len) return ga_cli_usage_error("zones", "give at least one --rule (or --rules FILE)");
    o->names = g_ptr_array_new_with_free_func(g_free);
    o->rules = g_ptr_array_new_with_free_func((GDestroyNotify)ga_zone_rule_free);
    for (guint k = 0; k < texts->len; k++) {
        g_autofree char *expr = NULL, *err = NULL;
        char *name = split_rule(texts->pdata[k], k, &expr, &err);
        if (!name) return ga_cli_usage_error("zones", "%s", err);
        for (guint q = 0; q < o->names->len; q++)
            if (!strcmp(o->names->pdata[q], name)) {
                int rc = ga_cli_usage_error("zones", "two rules are named '%s'", name);
                g_free(name);
                return rc;
            }
        ga_zone_rule *r = NULL;
        if (ga_zone_rule_parse(ctx, expr, &r)) {
            g_free(name);
            return -1;
        }
        g_ptr_array_add(o->names, name);
        g_ptr_array_add(o->rules, r);
    }
    return GA_EXIT_OK;
}

static void print_header(const zones_options *o, const ga_plan_data *d, const ga_plan_cost *cost,
                         const ga_zone_values *v) {
    g_autofree char *model_text = ga_cost_model_describe(cost->model);
    printf("geoaccess zones: %s\ntravel costs: %s\n", d->what, model_text);
    if (v->apl)
        printf("APL: DREES method, supply = %s capacity x %.0f consultations and visits a year\n", o->apl_type,
               o->acts);
    printf("\n%-16s %10s %22s  %s\n", "zones blanches", "communes", "people", "rule");
}

/* Selects, writes and prints the zone of rule q; its summary row into w. */
static ga_status zone_of_rule(ga_ctx *ctx, const zones_options *o, const ga_plan_data *d,
                              const ga_zone_values *v, guint q, ga_csv_writer *w) {
    const char *name = o->names->pdata[q];
    const ga_zone_rule *rule = o->rules->pdata[q];
    ga_zone_selection s;
    ga_zone_select(rule, v, d->pop, &s);
    g_autofree char *csv = g_strdup_printf("%s/zones_%s.csv", o->out_dir, name);
    g_autofree char *shp = g_strdup_printf("%s/zones_%s.shp", o->out_dir, name);
    ga_status st = ga_zone_write(ctx, d->communes, d->pop, v, rule, &s, csv, shp);
    g_autofree char *desc = ga_zone_rule_describe(rule);
    char people[40];
    g_snprintf(people, sizeof people, "%.0f (%.1f%%)", s.people, s.base > 0 ? 100 * s.people / s.base : 0);
    if (!st) printf("%-16s %10zu %22s  %s\n", name, s.n_rows, people, desc);
    if (!st && s.unknown)
        printf("%-16s not routed, unknown (left out of the share; unknown(...) in a rule selects them): "
               "%zu commune(s), %.0f people\n", "", s.unknown, s.unknown_people);
    ga_zones_summary_csv_row(w, name, desc, s.n_rows, s.people, s.base, s.unknown, s.unknown_people);
    ga_zone_selection_clear(&s);
    return st;
}

/* --sensitivity: the rules over the grid, written and summarised. */
static ga_status zones_sensitivity(ga_ctx *ctx, const zones_options *o, const ga_plan_data *d) {
    ga_sensitivity_grid g = {.speeds = (const double *)(void *)o->speeds->data, .n_speeds = o->speeds->len,
                             .detours = (const double *)(void *)o->detours->data, .n_detours = o->detours->len,
                             .acts = (const double *)(void *)o->acts_list->data, .n_acts = o->acts_list->len,
                             .decays = (const char *const *)o->decays, .n_decays = g_strv_length(o->decays),
                             .speed0 = isnan(o->co.speed) ? GA_STRAIGHT_DEFAULT_SPEED_KMH : o->co.speed,
                             .detour0 = isnan(o->co.detour) ? GA_STRAIGHT_DEFAULT_DETOUR : o->co.detour,
                             .acts0 = o->acts, .decay0 = "drees"};
    ga_plan_sensitivity s = {0};
    ga_status st = ga_plan_zone_sensitivity(ctx, d, (const ga_zone_rule *const *)o->rules->pdata,
                                            (const char *const *)o->names->pdata, o->rules->len, o->apl_type, &g, &s);
    if (!st)
        st = ga_sensitivity_write(ctx, d->communes, d->pop, &s, (const char *const *)o->names->pdata, "zones_",
                                  "zones_sensitivity_runs.csv", o->out_dir, NULL);
    if (!st) {
        printf("\nsensitivity: %zu runs (speeds x detour factors%s; routing %.3f s, runs %.3f s)\n", s.n_runs,
               s.n_runs > o->speeds->len * o->detours->len ? ", then acts per GP x APL bands" : "",
               s.seconds_routing, s.seconds_runs);
        for (size_t q = 0; q < s.n_rules; q++) {
            ga_sensitivity_counts c;
            ga_sensitivity_count(&s, q, d->pop, &c);
            printf("%-16s %zu communes (%.0f people) in zone blanche under every assumption (%zu of %zu), "
                   "%zu (%.0f people) under at least one\n", (const char *)o->names->pdata[q], c.every,
                   c.every_people, s.rule_runs[q], s.rule_runs[q], c.some, c.some_people);
        }
    }
    ga_plan_sensitivity_clear(&s);
    return st;
}

int ga_cmd_zones(int argc, char **argv) {
    zones_options o = {0};
    int rc = parse_options(argc, argv, &o);
    ga_outset *set = NULL;
    ga_ctx *ctx = NULL;
    ga_plan_data d = {0};
    ga_plan_cost cost = {0};
    ga_zone_values *v = NULL;
    g_autofree char *summary_path = NULL;
    GString *summary = g_string_new(NULL);
    ga_csv_writer w = ga_csv_to_string(summary);
    ga_zones_summary_csv_header(&w);
    if (rc) goto done;
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (ga_cli_outset_open(ctx, "zones", o.out_dir, NULL, &set)) goto fail; /* before the work */
    if ((rc = parse_rules(ctx, &o)) < 0) goto fail;
    if (rc) goto done;
    if (ga_plan_cost_open(ctx, &o.co, &cost) || ga_plan_data_load(ctx, &o.io, &d) ||
        ga_plan_zone_values(ctx, cost.model, &d, (const ga_zone_rule *const *)o.rules->pdata,
                            (const char *const *)o.names->pdata, o.rules->len, o.apl_type, o.acts, &v))
        goto fail;
    print_header(&o, &d, &cost, v);
    for (guint q = 0; q < o.rules->len; q++)
        if (zone_of_rule(ctx, &o, &d, v, q, &w)) goto fail;
    if (o.sensitivity && zones_sensitivity(ctx, &o, &d)) goto fail;
    summary_path = g_build_filename(o.out_dir, "zones_summary.csv", NULL);
    if (ga_atomic_write_file(ctx, summary_path, summary->str, summary->len) ||
        ga_outset_commit(ctx, g_steal_pointer(&set)))
        goto fail;
    ga_cli_flush_warnings(ctx);
    if (d.notes->len) printf("\n%s", d.notes->str);
    printf("\nwritten: %s/zones_NAME.csv and .shp for %u rules, %s\n", o.out_dir, o.rules->len, summary_path);
    goto done;
fail:
    rc = ga_cli_fail(ctx, "zones");
done:
    ga_outset_abort(set);
    ga_zone_values_free(v);
    g_string_free(summary, TRUE);
    ga_plan_cost_close(&cost);
    ga_plan_data_clear(&d);
    zones_options_clear(&o);
    ga_ctx_free(ctx);
    return rc;
}
