/* geoaccess site: where k new facilities of a type would do the most good
 * (coverage, APL where it is short, or zones blanches), on the base and the
 * cost source `scenario` uses; the sites are written as a scenario file
 * that `scenario` reruns to the same numbers. The search is measure/site,
 * the pipeline study/site, the files write/site_out. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/plan.h"
#include "cli/site_report.h"
#include "study/site.h"
#include "write/site_out.h"

typedef struct {
    char *type, *objective, *candidates, *exclude, *rule, *out_dir;
    int k;
    double threshold, capacity, acts, floor, min_km;
    gboolean exact;
} site_args;

static void args_clear(site_args *a) {
    g_free(a->type);
    g_free(a->objective);
    g_free(a->candidates);
    g_free(a->exclude);
    g_free(a->rule);
    g_free(a->out_dir);
}

static GOptionContext *options(site_args *a) {
    GOptionEntry entries[] = {
        {"type", 0, 0, G_OPTION_ARG_STRING, &a->type, "facility type of the new sites (e.g. gp)", "TYPE"},
        {"k", 0, 0, G_OPTION_ARG_INT, &a->k, "number of sites to choose (default 1)", "K"},
        {"objective", 0, 0, G_OPTION_ARG_STRING, &a->objective, "coverage, apl or zones (default coverage)", "OBJ"},
        {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &a->threshold, "coverage: minutes (default 30)", "MIN"},
        {"candidates", 0, 0, G_OPTION_ARG_FILENAME, &a->candidates,
         "CSV of commune codes (insee column) or of points (x,y or lon,lat) (default: every commune)", "FILE"},
        {"capacity", 0, 0, G_OPTION_ARG_DOUBLE, &a->capacity,
         "capacity of a new site: GPs, or facilities for other types (default 1)", "N"},
        {"acts-per-gp", 0, 0, G_OPTION_ARG_DOUBLE, &a->acts,
         "APL: consultations and visits a year per unit of capacity (default 5400)", "A"},
        {"apl-floor", 0, 0, G_OPTION_ARG_DOUBLE, &a->floor,
         "apl: the APL above which a gain no longer counts (default 2.5)", "A"},
        {"min-distance-km", 0, 0, G_OPTION_ARG_DOUBLE, &a->min_km,
         "least straight-line distance between two chosen sites (default 0)", "D"},
        {"exclude", 0, 0, G_OPTION_ARG_STRING, &a->exclude, "commune codes where no site goes, comma-separated", "CODES"},
        {"rule", 0, 0, G_OPTION_ARG_STRING, &a->rule, "zones: the rule, 'EXPR' or 'NAME: EXPR' (see zones --help)", "RULE"},
        {"exact", 0, 0, G_OPTION_ARG_NONE, &a->exact, "enumerate every set of k <= 2 sites instead of the greedy", NULL},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &a->out_dir, "output folder (default: out)", "DIR"},
        G_OPTION_ENTRY_NULL};
    GOptionContext *oc = g_option_context_new("- where new facilities would do the most good");
    g_option_context_set_summary(oc,
        "Chooses --k sites among the candidates, greedily (lazy evaluation for coverage and apl,\n"
        "whose gains are submodular: within 1 - 1/e of the optimum), or --exact for k <= 2.\n"
        "Objectives: coverage (people brought within --threshold minutes of the type), apl (sum of\n"
        "population x (min(APL after, A) - min(APL before, A)), A = --apl-floor), zones (people\n"
        "taken out of the zone blanche of --rule). Writes OUT/sites.csv (rank,insee,nom,x,y,gain,\n"
        "cumulative_gain), OUT/sites_scenario.ini (for geoaccess scenario) and OUT/sites_OBJ.png.");
    g_option_context_add_main_entries(oc, entries, NULL);
    return oc;
}

static int check_args(const site_args *a, ga_site_options *o) {
    int rc;
    if (!a->type) return ga_cli_usage_error("site", "give --type");
    if (a->k < 1 || a->k > 100000) return ga_cli_usage_error("site", "--k must be between 1 and 100000");
    if (!ga_site_objective_parse(a->objective ? a->objective : "coverage", &o->objective))
        return ga_cli_usage_error("site", "--objective: '%s' is not coverage, apl or zones", ga_clip(a->objective));
    if ((rc = ga_cli_check_number("site", "--threshold", a->threshold, 1e-9, 1e6)) ||
        (rc = ga_cli_check_number("site", "--capacity", a->capacity, 1e-9, 1e12)) ||
        (rc = ga_cli_check_number("site", "--acts-per-gp", a->acts, 1e-9, 1e9)) ||
        (rc = ga_cli_check_number("site", "--apl-floor", a->floor, 1e-9, 1e9)) ||
        (rc = ga_cli_check_number("site", "--min-distance-km", a->min_km, 0, 1e5)))
        return rc;
    if (o->objective == GA_SITE_ZONES && !a->rule) return ga_cli_usage_error("site", "--objective zones needs --rule");
    if (o->objective != GA_SITE_ZONES && a->rule) return ga_cli_usage_error("site", "--rule is for --objective zones");
    o->type = a->type;
    o->k = (size_t)a->k;
    o->threshold = a->threshold;
    o->capacity = a->capacity;
    o->apl_floor = a->floor;
    o->min_distance_km = a->min_km;
    o->exact = a->exact;
    return 0;
}

void ga_site_print(const ga_plan_data *d, const ga_site_result *r, const ga_site_candidates *c,
                   const ga_site_options *o) {
    const char *what = o->objective == GA_SITE_COVERAGE ? "people brought within the threshold"
                       : o->objective == GA_SITE_APL    ? "population x APL gained below the floor"
                                                        : "people taken out of the zone blanche";
    printf("%zu candidates (%zu excluded), objective %s (%s), %s search: %zu gains evaluated; "
           "routing %.3f s, search %.3f s\n", r->n_candidates, r->n_excluded, ga_site_objective_name(o->objective),
           what, o->exact ? "exact" : "greedy", r->evaluations, r->seconds_routing, r->seconds_search);
    printf("  %4s  %-6s %-30s %16s %16s\n", "rank", "insee", "nom", "gain", "cumulative");
    for (size_t k = 0; k < r->n_chosen; k++) {
        const char *insee, *nom;
        ga_site_label(d, r, c, k, &insee, &nom);
        printf("  %4zu  %-6s ", k + 1, insee);
        ga_cli_print_col(nom, 30);
        printf(" %16.3f %16.3f\n", r->chosen[k].gain, r->chosen[k].cumulative);
    }
    if (r->n_chosen < o->k) printf("  only %zu feasible sites (exclusions, minimum distance)\n", r->n_chosen);
}

int ga_cmd_site(int argc, char **argv) {
    site_args a = {.k = 1, .threshold = 30, .capacity = 1, .acts = GA_APL_NEW_PRACTITIONER_ACTIVITY,
                   .floor = GA_SITE_DEFAULT_APL_FLOOR};
    ga_plan_input_options io;
    ga_cli_cost_options co;
    GOptionContext *oc = options(&a);
    ga_plan_add_input_entries(oc, &io);
    ga_cli_cost_add_main_entries(oc, &co);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "site");
    g_option_context_free(oc);
    int rc = GA_EXIT_OK;
    ga_ctx *ctx = NULL;
    ga_outset *set = NULL;
    ga_plan_data d = {0};
    ga_plan_cost cost = {0};
    ga_site_candidates cand = {0};
    ga_site_result *res = NULL;
    ga_zone_rule *rule = NULL;
    g_auto(GStrv) exclude = NULL;
    g_autofree char *model = NULL;
    ga_site_options o;
    ga_site_options_init(&o);
    if (!parsed) {
        rc = GA_EXIT_USAGE;
        goto done;
    }
    if (argc > 1) {
        rc = ga_cli_usage_error("site", "unexpected argument '%s'", ga_clip(argv[1]));
        goto done;
    }
    if ((rc = check_args(&a, &o))) goto done;
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (a.rule) {
        const char *colon = strchr(a.rule, ':');
        if (ga_zone_rule_parse(ctx, colon ? colon + 1 : a.rule, &rule)) goto fail;
        o.rule = rule;
    }
    if (a.exclude) {
        exclude = g_strsplit(a.exclude, ",", -1);
        for (char **p = exclude; *p; p++) g_strstrip(*p);
        o.exclude = (const char *const *)exclude;
    }
    if (!a.out_dir) a.out_dir = g_strdup("out");
    if (ga_cli_outset_open(ctx, "site", a.out_dir, NULL, &set)) goto fail; /* before the work */
    if (ga_plan_cost_open(ctx, &co, &cost) || ga_plan_data_load(ctx, &io, &d)) goto fail;
    if (ga_site_candidates_read(ctx, a.candidates, io.crs, &d, &cand)) goto fail;
    if (ga_plan_site(ctx, cost.model, &d, a.acts, &cand, &o, &res)) goto fail;
    model = ga_cost_model_describe(cost.model);
    printf("geoaccess site: %s\ntravel costs: %s\n", d.what, model);
    ga_site_print(&d, res, &cand, &o);
    GString *written = g_string_new(NULL);
    ga_site_write_info wi = {&o, &cand, a.rule};
    ga_status st = ga_site_write(ctx, &d, res, &wi, a.out_dir, written);
    if (!st) st = ga_outset_commit(ctx, g_steal_pointer(&set));
    if (!st) {
        ga_cli_flush_warnings(ctx);
        printf("\nwritten: %s\n", written->str);
    }
    g_string_free(written, TRUE);
    if (st) goto fail;
    goto done;
fail:
    rc = ga_cli_fail(ctx, "site");
done:
    ga_outset_abort(set);
    ga_site_result_free(res);
    ga_zone_rule_free(rule);
    ga_site_candidates_clear(&cand);
    ga_plan_cost_close(&cost);
    ga_plan_data_clear(&d);
    ga_plan_input_options_clear(&io);
    ga_cli_cost_options_clear(&co);
    args_clear(&a);
    ga_ctx_free(ctx);
    return rc;
}
