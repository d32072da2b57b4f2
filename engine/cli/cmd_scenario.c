/* geoaccess scenario: what a decision would change. Base and scenarios on
 * the same cost source, the routing shared; per-commune deltas (APL, nearest
 * times, coverage) and who crosses a threshold either way. The command
 * prints; write/scenario_out.h writes the tables. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/plan.h"
#include "cli/scenario_report.h"
#include "write/scenario_out.h"

ga_status ga_scenario_report(ga_ctx *ctx, const ga_plan_data *d, const ga_scenario_run *r,
                             ga_scenario *const *sc, double threshold, double apl_threshold,
                             const char *out_dir, GString *written) {
    size_t n = r->n_communes, nt = r->n_types;
    for (size_t k = 0; k < r->n_scenarios; k++) {
        const ga_scenario_state *b = &r->base, *s = &r->scenarios[k];
        printf("\nscenario '%s'%s%s\n", s->name, *ga_scenario_description(sc[k]) ? ": " : "",
               ga_scenario_description(sc[k]));
        printf("  facilities: %zu added, %zu removed, %zu capacities changed, %zu retired\n", s->added,
               s->removed, s->changed, s->retired);
        {
            /* a commune that could not be routed has unknown times in both */
            size_t nu = 0;
            double pu = 0;
            for (size_t i = 0; nt && i < n; i++)
                if (isnan(b->time[i])) {
                    nu++;
                    pu += isnan(d->pop[i]) ? 0 : d->pop[i];
                }
            if (nu)
                printf("  not routed (unknown, empty cells, left out of the counts below): %zu communes, %.0f people\n",
                       nu, pu);
        }
        printf("  %-30s %9s %16s %13s %16s %13s %16s %16s\n", "nearest", "communes", "better off",
               "largest gain", "worse off", "largest loss", "come within", "fall out of");
        for (size_t t = 0; t < nt; t++) {
            const char *type = d->types->pdata[t];
            size_t changed = 0;
            for (size_t i = 0; i < n; i++) {
                double tb = b->time[t * n + i], ts = s->time[t * n + i];
                if (isnan(tb) || isnan(ts)) continue; /* not routed: unknown */
                if (tb != ts) changed++;
            }
            ga_crossings x;
            ga_changes ch;
            ga_scenario_crossings(r, k, t, threshold, d->pop, &x);
            ga_scenario_changes(r, k, t, d->pop, &ch);
            char g1[48], g2[48], better[48], worse[48], lg[32], ll[32];
            g_snprintf(g1, sizeof g1, "%.0f (%zu)", x.people_gain, x.communes_gain);
            g_snprintf(g2, sizeof g2, "%.0f (%zu)", x.people_loss, x.communes_loss);
            g_snprintf(better, sizeof better, "%.0f (%zu)", ch.people_better, ch.communes_better);
            g_snprintf(worse, sizeof worse, "%.0f (%zu)", ch.people_worse, ch.communes_worse);
            /* infinite: a commune gets its first reachable facility, or loses its last */
            if (isinf(ch.largest_gain)) g_strlcpy(lg, "none -> some", sizeof lg);
            else g_snprintf(lg, sizeof lg, "%.1f min", ch.largest_gain);
            if (isinf(ch.largest_loss)) g_strlcpy(ll, "all lost", sizeof ll);
            else g_snprintf(ll, sizeof ll, "%.1f min", ch.largest_loss);
            printf("  ");
            ga_cli_print_col(ga_plan_type_label(type), 30);
            printf(" %9zu %16s %13s %16s %13s %16s %16s\n", changed, better, lg, worse, ll, g1, g2);
        }
        printf("  (better / worse off: people (communes) whose nearest facility gets nearer / further;\n"
               "   come within / fall out of: people (communes) crossing %g minutes)\n", threshold);
        if (b->apl && s->apl) {
            double wb = 0, ws = 0, w = 0, up = 0, down = 0;
            size_t n_up = 0, n_down = 0;
            for (size_t i = 0; i < n; i++) {
                double p = d->pop_std ? d->pop_std[i] : d->pop[i];
                if (isnan(p)) p = 0;
                double delta = s->apl[i] - b->apl[i];
                if (isnan(delta)) continue; /* not routed: APL unknown, out of the means */
                w += p;
                wb += p * b->apl[i];
                ws += p * s->apl[i];
                if (delta > 0) { n_up++; up = MAX(up, delta); }
                if (delta < 0) { n_down++; down = MIN(down, delta); }
            }
            ga_crossings x;
            ga_scenario_crossings(r, k, SIZE_MAX, apl_threshold, d->pop, &x);
            printf("  APL to GPs: mean %.3f -> %.3f; %zu communes up (at most +%.3f), %zu down (at most %.3f)\n",
                   w > 0 ? wb / w : 0, w > 0 ? ws / w : 0, n_up, up, n_down, down);
            printf("  APL %g or more: %.0f people in %zu communes come above, %.0f in %zu fall below\n",
                   apl_threshold, x.people_gain, x.communes_gain, x.people_loss, x.communes_loss);
        }
    }
    /* the files: write/scenario_out.h */
    return ga_scenario_write(ctx, d, r, threshold, apl_threshold, out_dir, written);
}

int ga_cmd_scenario(int argc, char **argv) {
    g_autofree char *model_text = NULL;
    g_autofree char *out_dir = NULL, *apl_type = NULL, *map_format = NULL, *maps_text = NULL;
    ga_map_format fmt = GA_MAP_PNG;
    double threshold = 30, apl_threshold = GA_APL_DEFAULT_THRESHOLD, acts = GA_APL_NEW_PRACTITIONER_ACTIVITY;
    double apl_floor = 0;
    gboolean no_apl = FALSE;
    GOptionEntry entries[] = {
        {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
         "coverage threshold in minutes for the crossings (default 30)", "MIN"},
        {"apl-threshold", 0, 0, G_OPTION_ARG_DOUBLE, &apl_threshold, "APL threshold (default 2.5)", "A"},
        {"apl-type", 0, 0, G_OPTION_ARG_STRING, &apl_type,
         "facility type whose capacity is the APL supply (default gp)", "TYPE"},
        {"acts-per-gp", 0, 0, G_OPTION_ARG_DOUBLE, &acts,
         "APL: consultations and visits a year per unit of capacity (default 5400)", "N"},
        {"no-apl", 0, 0, G_OPTION_ARG_NONE, &no_apl, "do not compute the APL", NULL},
        {"apl-floor", 0, 0, G_OPTION_ARG_DOUBLE, &apl_floor,
         "also print the APL gained below A, weighted by population (the objective of `site --objective apl`)", "A"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "output folder (default: out)", "DIR"},
        G_OPTION_ENTRY_NULL};
    ga_plan_input_options io;
    ga_cli_cost_options co;
    GOptionContext *oc = g_option_context_new("SCENARIO.ini... - what a decision would change");
    g_option_context_set_summary(oc,
        "Runs the base and each scenario file (GLib key file: [scenario] name, description;\n"
        "[add ID] type, commune= or x=/y= or lon=/lat=, capacity; [remove] ids=a;b;\n"
        "[capacity] ID=N; [retire] age=, type=) on the same cost source; commune -> facility\n"
        "costs are computed once for the union of every facility. Writes per scenario\n"
        "OUT/scenario_NAME.csv and .shp (per commune: TYPE_b/_s/_d nearest time in base,\n"
        "scenario and the difference, TYPE_cov +1/-1 when it comes within / falls out of\n"
        "--threshold, apl_b/_s/_d), its map OUT/map_scenario_NAME.png (the change of the APL,\n"
        "else of the first type's time; or --map-format svg, pdf) and OUT/scenarios_summary.csv.");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_plan_add_input_entries(oc, &io);
    ga_cli_cost_add_main_entries(oc, &co);
    ga_plan_add_map_entry(oc, &map_format);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "scenario");
    g_option_context_free(oc);
    int rc = GA_EXIT_OK;
    ga_outset *set = NULL;
    ga_ctx *ctx = NULL;
    ga_plan_data d = {0};
    ga_plan_cost cost = {0};
    GPtrArray *sc = g_ptr_array_new_with_free_func((GDestroyNotify)ga_scenario_free);
    ga_scenario_run *run = NULL;
    ga_plan_maps maps = {0};
    if (!parsed) {
        rc = GA_EXIT_USAGE;
        goto done;
    }
    if (!ga_plan_map_format("scenario", map_format, &fmt, &rc)) goto done;
    if (argc < 2) {
        rc = ga_cli_usage_error("scenario", "give at least one scenario file");
        goto done;
    }
    if (!(threshold > 0) || !(apl_threshold > 0) || !(acts > 0) || !isfinite(threshold) ||
        !isfinite(apl_threshold) || !isfinite(acts)) {
        rc = ga_cli_usage_error("scenario", "--threshold, --apl-threshold and --acts-per-gp must be positive");
        goto done;
    }
    if (apl_floor != 0 && (rc = ga_cli_check_number("scenario", "--apl-floor", apl_floor, 1e-9, 1e9))) goto done;
    if (!out_dir) out_dir = g_strdup("out");
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (ga_cli_outset_open(ctx, "scenario", out_dir, NULL, &set)) goto fail; /* before the work */
    for (int k = 1; k < argc; k++) {
        ga_scenario *s = NULL;
        if (ga_scenario_read(ctx, argv[k], &s)) goto fail;
        g_ptr_array_add(sc, s);
    }
    if (ga_plan_cost_open(ctx, &co, &cost) || ga_plan_data_load(ctx, &io, &d)) goto fail;
    const char *gp = apl_type ? apl_type : "gp";
    bool has_gp = false;
    for (guint k = 0; k < d.types->len && !has_gp; k++) has_gp = !strcmp(d.types->pdata[k], gp);
    ga_scenario_inputs in = {.communes = d.communes, .population = d.pop, .facilities = d.fac,
                             .ages = d.ages, .types = (const char *const *)d.types->pdata,
                             .n_types = d.types->len, .threshold = threshold,
                             .apl_type = !no_apl && (has_gp || apl_type) ? gp : NULL,
                             .acts_per_unit = acts, .std_population = d.pop_std,
                             .apl_threshold = apl_threshold};
    ga_plan_scenario_ring(&d, &in); /* the embedded default's ring of neighbouring communes */
    if (ga_scenarios_run(ctx, cost.model, &in, (ga_scenario *const *)sc->pdata, sc->len, &run)) goto fail;
    model_text = ga_cost_model_describe(cost.model);
    printf("geoaccess scenario: %s\ntravel costs: %s\n", d.what, model_text);
    printf("routing shared by the base and %u scenarios: %zu facilities (%zu base), %.3f s; "
           "scenarios %.3f s\n", sc->len, ga_points_count(run->facilities), run->n_base_facilities,
           run->seconds_routing, run->seconds_scenarios);
    GString *written = g_string_new(NULL);
    ga_status st = ga_scenario_report(ctx, &d, run, (ga_scenario *const *)sc->pdata, threshold, apl_threshold,
                                      out_dir, written);
    for (size_t k = 0; !st && apl_floor > 0 && run->base.apl && k < run->n_scenarios; k++)
        printf("\nscenario '%s': APL gained below %g, weighted by population: %.17g\n", run->scenarios[k].name,
               apl_floor, ga_site_apl_gain(run->n_communes, d.pop, run->base.apl, run->scenarios[k].apl, apl_floor));
    GPtrArray *map_paths = g_ptr_array_new_with_free_func(g_free);
    ga_plan_maps_init(&maps, &d, model_text, fmt, out_dir, map_paths);
    for (size_t k = 0; k < run->n_scenarios && !st; k++) st = ga_plan_map_scenario(ctx, &maps, run, k);
    maps_text = ga_plan_maps_list(map_paths);
    g_ptr_array_free(map_paths, TRUE);
    if (!st && *maps_text) g_string_append_printf(written, ",\n         %s", maps_text);
    if (!st) st = ga_outset_commit(ctx, g_steal_pointer(&set));
    if (!st) {
        ga_cli_flush_warnings(ctx);
        if (d.notes->len) printf("\n%s", d.notes->str);
        printf("\nwritten: %s\n", written->str);
    }
    g_string_free(written, TRUE);
    if (st) goto fail;
    goto done;
fail:
    rc = ga_cli_fail(ctx, "scenario");
done:
    ga_outset_abort(set);
    ga_plan_maps_clear(&maps);
    ga_scenario_run_free(run);
    g_ptr_array_free(sc, TRUE);
    ga_plan_cost_close(&cost);
    ga_plan_data_clear(&d);
    ga_plan_input_options_clear(&io);
    ga_cli_cost_options_clear(&co);
    ga_ctx_free(ctx);
    return rc;
}
