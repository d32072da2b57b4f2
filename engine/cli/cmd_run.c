/* geoaccess run [STUDY.ini]: runs a study (docs/study.md), by default the
 * embedded Hérault study (geodata/herault/study.ini). The library loads and
 * computes (include/geoaccess/study.h), write/study_out.h writes; this file
 * parses the options, prints the summary and commits the output set. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cost.h"
#include "cli/plan.h"
#include "cli/scenario_report.h"
#include "cli/site_report.h"
#include "write/site_out.h"
#include "geoaccess/study.h"
#include "geoaccess/map.h"
#include "study/pipeline.h"
#include "study/ring.h"
#include "write/report.h"
#include "write/study_out.h"
#include "write/sensitivity_out.h"
#include "study_builtin.h"

static void print_nearest(const ga_study_result *r) {
    const ga_communes *c = r->data.communes;
    const double *pop = r->data.pop;
    printf("geoaccess run: %zu communes, %.0f people\n", r->n, r->total_pop);
    printf("travel costs: %s\n", r->model_text);
    if (!r->n_nearest) return;
    /* a commune that could not be routed (NAN: not snapped to the roads, or
     * on a road cut off from the rest) is unknown: left out of the shares
     * and counted apart; one with no facility within reach (INFINITY) is
     * beyond every threshold */
    size_t n_unknown = 0;
    double unknown_pop = 0;
    GString *names = g_string_new(NULL);
    for (size_t i = 0; i < r->n; i++)
        if (isnan(r->nearest[0].time[i])) {
            if (n_unknown++ < 10)
                g_string_append_printf(names, "%s%s", names->len ? ", " : "", ga_communes_id(c, i));
            unknown_pop += isnan(pop[i]) ? 0 : pop[i];
        }
    if (n_unknown > 10) g_string_append_printf(names, " and %zu more", n_unknown - 10);
    double base = r->total_pop - unknown_pop;
    if (n_unknown)
        printf("not routed (unknown, left out of the shares below): %zu communes, %.0f people (%s)\n",
               n_unknown, unknown_pop, names->str);
    g_string_free(names, TRUE);
    printf("\n%-30s %10s", "nearest", "facilities");
    for (size_t t = 0; t < r->n_thresholds; t++) {
        char head[32];
        g_snprintf(head, sizeof head, "> %g min", r->thresholds[t]);
        printf(" %16s", head);
    }
    printf("\n");
    for (size_t k = 0; k < r->n_nearest; k++) {
        const ga_study_nearest *ne = &r->nearest[k];
        ga_cli_print_col(ne->label, 30);
        printf(" %10zu", ne->n_fac);
        for (size_t t = 0; t < r->n_thresholds; t++) {
            double people = 0;
            for (size_t i = 0; i < r->n; i++)
                if (ne->time[i] > r->thresholds[t]) people += isnan(pop[i]) ? 0 : pop[i]; /* NAN compares false */
            char cell[32];
            g_snprintf(cell, sizeof cell, "%.0f (%.1f%%)", people, base > 0 ? 100.0 * people / base : 0);
            printf(" %16s", cell);
        }
        printf("\n");
    }
}

static void print_apl(const ga_study_result *r) {
    const ga_study_apl *a = &r->apl;
    printf("\nAPL to general practitioners (DREES method, E2SFCA with bands 0-10-15-20 minutes)\n"
           "  supply: %zu liberal GPs (INSEE BPE 2019) x %.0f consultations and visits a year each\n"
           "  (no activity is public: the DREES imputes %.0f to a GP without an activity record)\n"
           "  demand: population standardised by age (DREES 2021), %.0f\n",
           (size_t)a->summary.supply > 0 ? (size_t)(a->summary.supply / a->acts + 0.5) : 0, a->acts,
           GA_APL_NEW_PRACTITIONER_ACTIVITY, a->summary.std_population);
    double share = r->total_pop > a->summary.population_unknown
                       ? 100.0 * a->summary.population_under / (r->total_pop - a->summary.population_unknown)
                       : 0;
    if (r->has_official) {
        char corr_text[48];
        if (isfinite(a->correlation)) g_snprintf(corr_text, sizeof corr_text, "%.3f", a->correlation);
        else g_strlcpy(corr_text, "n/a (too few communes routed)", sizeof corr_text);
        printf("  mean APL (weighted by standardised population): %.3f; official DREES APL 2023: %.3f\n"
               "  communes under %.1f: %zu, %.0f people (%.1f%%); official DREES APL 2023: %zu, %.0f people\n"
               "  correlation with the official APL 2023 over communes: %s\n",
               a->summary.mean_apl, a->official_mean, a->summary.threshold, a->summary.communes_under,
               a->summary.population_under, share, a->official_communes_under, a->official_people_under, corr_text);
    } else {
        printf("  mean APL (weighted by standardised population): %.3f\n"
               "  communes under %.1f: %zu, %.0f people (%.1f%%)\n",
               a->summary.mean_apl, a->summary.threshold, a->summary.communes_under, a->summary.population_under,
               share);
    }
    if (a->summary.communes_unknown)
        printf("  not routed (APL unknown, left out of the mean and the counts): %zu communes, %.0f people\n",
               a->summary.communes_unknown, a->summary.population_unknown);
}

/* issue 13: one line per profession of apl.professions */
static void print_professions(const ga_study_result *r) {
    if (!r->n_prof) return;
    bool weighted = false;
    for (size_t k = 0; k < r->n_prof; k++)
        weighted |= strcmp(r->prof[k].prof->name, "gp") && !g_str_has_prefix(r->prof[k].demand_text, "total");
    printf("\nAPL per profession (E2SFCA, bands 0-10-15-20 minutes%s)\n"
           "  supply: INSEE BPE 2019 headcount, not full-time equivalents (a practitioner per practice\n"
           "  address, pharmacies one each); demand: %s.\n"
           "  The DREES publishes these APL in FTE per 100,000 people weighted by age per profession:\n"
           "  these are not comparable with its figures.\n"
           "  Low access: GPs under the official 2.5; the others have no official threshold here: their\n"
           "  lowest decile (the APL at or under which the 10%% of people with the least access live)\n",
           r->data.ring ? ", the ring's people and practitioners counted" : "",
           weighted ? "see each line (age-weighted where apl.age_weights has a column)"
                    : "total population (no age weights)");
    printf("  %-22s %5s %8s %8s %10s %10s %9s %18s\n", "profession", "type", "supply", "ring", "unit", "mean",
           "threshold", "communes, people");
    for (size_t k = 0; k < r->n_prof; k++) {
        const ga_profession_apl *p = &r->prof[k];
        bool gp = !strcmp(p->prof->name, "gp");
        char supply[32], ring[32], cell[48];
        g_snprintf(supply, sizeof supply, "%.0f", p->headcount);
        g_snprintf(ring, sizeof ring, r->data.ring ? "%.0f" : "", p->headcount_ring);
        g_snprintf(cell, sizeof cell, "%zu, %.0f", p->summary.communes_under, p->summary.population_under);
        printf("  ");
        ga_cli_print_col(p->prof->label, 22);
        printf(" %5s %8s %8s %10s %10.*f %s%8.*f %18s%s\n", gp ? r->apl.type : p->prof->bpe, supply, ring,
               gp ? "acts/std" : "/100,000", gp ? 3 : 2, p->summary.mean_apl, gp ? "<" : "<=", gp ? 3 : 2,
               p->summary.threshold, cell,
               gp || !g_str_has_prefix(p->demand_text, "people weighted") ? "" : " (age-weighted)");
    }
}

/* issue 9: the ring of neighbouring communes; the maternity units within
 * 45 minutes (the figure of the Schéma territorial de santé) */
static void print_ring(const ga_study_result *r) {
    const ga_ring *ring = r->data.ring;
    const double *pop = r->data.pop;
    if (ring) {
        size_t nr = ga_communes_count(ring->communes);
        double ring_people = 0;
        for (size_t i = 0; i < nr; i++) ring_people += ring->pop[i];
        printf("\nNeighbouring communes (the ring): %zu communes within %.1f km of %s, %.0f people\n"
               "  (%s; %.1f minutes at this model, the default's longest threshold being %g),\n"
               "  their facilities serve %s and their people compete for its GPs; every figure above\n"
               "  is %s's alone\n",
               nr, ring->width_km, r->name, ring_people, ring->dir, r->ring_reach, r->reach_minutes, r->name,
               r->name);
        printf("  %-30s %10s %16s\n", "", "facilities", "nearer across");
        for (size_t k = 0; k < r->n_nearest; k++) {
            const ga_study_nearest *ne = &r->nearest[k];
            size_t across = 0;
            for (size_t i = 0; i < r->n; i++)
                if (ne->time[i] < ne->time_alone[i]) across++;
            printf("  ");
            ga_cli_print_col(ne->label, 30);
            printf(" %10zu %10zu communes\n", ne->n_ring_fac, across);
        }
        if (r->has_apl)
            printf("  mean APL with the ring: %.3f, without: %.3f; communes under %.1f: %zu with, %zu without\n",
                   r->apl.summary.mean_apl, r->apl.summary_alone.mean_apl, r->apl.summary.threshold,
                   r->apl.summary.communes_under, r->apl.summary_alone.communes_under);
    }
    const ga_study_nearest *mat = ga_study_result_nearest(r, "mat");
    if (!mat) return;
    /* shares of the people routed (a commune not routed is unknown) */
    double mat45 = 0, mat45_alone = 0, routed = 0;
    for (size_t i = 0; i < r->n; i++) {
        double p = isnan(pop[i]) ? 0 : pop[i];
        if (!isnan(mat->time[i])) routed += p;
        if (mat->time[i] <= 45) mat45 += p;
        if (mat->time_alone[i] <= 45) mat45_alone += p;
    }
    printf("\nWithin 45 minutes of a maternity unit: %.0f people (%.1f%%)", mat45, routed > 0 ? 100.0 * mat45 / routed : 0);
    if (ring) printf("; without the ring: %.0f (%.1f%%)", mat45_alone, routed > 0 ? 100.0 * mat45_alone / routed : 0);
    printf("\n");
    /* the published figure is the Hérault's: not printed for another study */
    if (r->name && strstr(r->name, "Hérault")) printf("  (the Schéma territorial de santé of Occitanie gives 99 %%)\n");
}

/* issue 5: coverage and zones blanches */
static void print_coverage(const ga_study_result *r) {
    if (!r->n_cov && !r->zone_rule) return;
    if (r->cov_type && !strcmp(r->cov_type, "hosp"))
        printf("\nHealth establishments (FINESS 2020): coverage and zones blanches\n");
    else
        printf("\nCoverage (%s) and zones blanches\n", r->cov_type ? r->cov_type : "none");
    printf("  travel costs: %s\n", r->model_text);
    for (size_t q = 0; q < r->n_cov; q++) {
        const ga_coverage *c = r->cov[q];
        printf("  within %2g min of one: %.0f people (%.1f%%), %zu of %zu communes\n", c->threshold, c->total_covered,
               c->total_population > 0 ? 100.0 * c->total_covered / c->total_population : 0,
               c->total_communes_covered, c->total_communes);
    }
    const ga_coverage *last = r->n_cov ? r->cov[r->n_cov - 1] : NULL;
    if (last && last->total_communes_unknown)
        printf("  not routed (unknown, out of these shares and never a zone blanche): %zu communes, %.0f people\n",
               last->total_communes_unknown, last->total_population_unknown);
    if (!r->zone_rule) return;
    double people = 0, base = 0;
    for (size_t q = 0; q < r->n_zone_rows; q++) {
        double p = r->data.pop[r->zone_rows[q]];
        people += isnan(p) ? 0 : p;
    }
    if (last) {
        base = last->total_population;
    } else {
        const ga_study_nearest *ne = ga_study_result_nearest(r, r->zone_type);
        for (size_t i = 0; i < r->n; i++)
            if (!ne || !isnan(ne->time[i])) base += isnan(r->data.pop[i]) ? 0 : r->data.pop[i];
    }
    printf("  zones blanches (rule '%s'): %zu commune(s), %.0f people (%.1f%%)\n", r->zone_rule, r->n_zone_rows,
           people, base > 0 ? 100.0 * people / base : 0);
    if (r->zone_sens) {
        ga_sensitivity_counts c;
        ga_sensitivity_count(r->zone_sens, 0, r->data.pop, &c);
        printf("  sensitivity (speed x detour%s): %zu commune(s), %.0f people in zone blanche under every "
               "assumption (%zu of %zu), %zu (%.0f people) under at least one\n",
               r->zone_sens->rule_runs[0] > 9 ? ", acts per GP x APL bands" : "", c.every, c.every_people,
               r->zone_sens->rule_runs[0], r->zone_sens->rule_runs[0], c.some, c.some_people);
    }
}

/* "written:" then one line per group of files (layers, maps, measures,
 * scenarios), separated by commas but after the maps (as before the study
 * file: the default's summary is unchanged). */
static void print_written(const ga_study_written *w, const char *scenarios, const char *report) {
    GPtrArray *groups[] = {w->layers, w->maps, w->measures};
    const char *lead = "\nwritten: ";
    bool after_maps = false;
    for (size_t g = 0; g < 5; g++) {
        if (g < 3 && !groups[g]->len) continue;
        if (g == 3 && !*scenarios) continue;
        if (g == 4 && !report) continue;
        printf("%s", *lead == '\n' ? lead : after_maps ? "\n         " : ",\n         ");
        lead = "";
        if (g >= 3) {
            printf("%s", g == 3 ? scenarios : report);
        } else {
            for (guint i = 0; i < groups[g]->len; i++)
                printf("%s%s", i ? ", " : "", (const char *)groups[g]->pdata[i]);
        }
        after_maps = g == 1;
    }
    if (!*lead) printf("\n");
}

/* The study the arguments name: STUDY.ini, or DATA/herault/study.ini
 * (the built-in copy when the data folder has none). */
static ga_status load_study(ga_ctx *ctx, const char *file, const char *data, GPtrArray *sets, ga_study **out) {
    const char *const *o = (const char *const *)sets->pdata;
    if (file) return ga_study_load(ctx, file, o, sets->len, out);
    g_autofree char *path = g_build_filename(ga_plan_data_dir(data), "herault", "study.ini", NULL);
    if (g_file_test(path, G_FILE_TEST_EXISTS)) return ga_study_load(ctx, path, o, sets->len, out);
    return ga_study_load_text(ctx, path, ga_profile_text_herault_study, o, sets->len, out);
}

/* The run options that predate the study file, as keys. */
static void options_as_keys(const ga_cli_cost_options *co, double acts, const char *out_dir, GPtrArray *sets) {
    char num[G_ASCII_DTOSTR_BUF_SIZE];
    if (co->roads || co->graph) {
        g_ptr_array_add(sets, g_strdup_printf("cost.model=%s", co->roads ? "roads" : "graph"));
        g_autofree char *abs = g_canonicalize_filename(co->roads ? co->roads : co->graph, NULL);
        g_ptr_array_add(sets, g_strdup_printf("cost.%s=%s", co->roads ? "roads" : "graph", abs));
    }
    if (co->profile) g_ptr_array_add(sets, g_strdup_printf("cost.profile=%s", co->profile));
    if (co->table_method) g_ptr_array_add(sets, g_strdup_printf("cost.table_method=%s", co->table_method));
    if (!isnan(co->detour))
        g_ptr_array_add(sets, g_strdup_printf("cost.detour=%s", g_ascii_dtostr(num, sizeof num, co->detour)));
    if (!isnan(co->speed))
        g_ptr_array_add(sets, g_strdup_printf("cost.speed=%s", g_ascii_dtostr(num, sizeof num, co->speed)));
    if (co->snap_distance != GA_ROAD_DEFAULT_SNAP_DISTANCE_M)
        g_ptr_array_add(sets, g_strdup_printf("cost.snap_distance=%s",
                                              g_ascii_dtostr(num, sizeof num, co->snap_distance)));
    if (!isnan(co->access_speed))
        g_ptr_array_add(sets, g_strdup_printf("cost.access_speed=%s",
                                              g_ascii_dtostr(num, sizeof num, co->access_speed)));
    if (co->skip_unsnapped) g_ptr_array_add(sets, g_strdup("cost.skip_unsnapped=true"));
    if (co->threads) g_ptr_array_add(sets, g_strdup_printf("cost.threads=%d", co->threads));
    if (!isnan(acts)) g_ptr_array_add(sets, g_strdup_printf("apl.acts_per_gp=%s", g_ascii_dtostr(num, sizeof num, acts)));
    if (out_dir) g_ptr_array_add(sets, g_strdup_printf("outputs.folder=%s", out_dir));
}

static void print_summary(const ga_study_result *r) {
    print_nearest(r);
    if (r->has_apl) print_apl(r);
    print_professions(r);
    print_ring(r);
    print_coverage(r);
}

int ga_cmd_run(int argc, char **argv) {
    g_autofree char *data = NULL, *out_dir = NULL, *map_format = NULL;
    g_auto(GStrv) set = NULL;
    gboolean print_study = FALSE;
    g_autofree char *lang = NULL;
    double acts = NAN;
    GOptionEntry entries[] = {
        {"data", 0, 0, G_OPTION_ARG_FILENAME, &data,
         "folder of the input data of the default study (default: the embedded Hérault data, " GA_DEFAULT_DATADIR
         "): runs DIR/herault/study.ini", "DIR"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "output folder (outputs.folder; default: out)", "DIR"},
        {"acts-per-gp", 0, 0, G_OPTION_ARG_DOUBLE, &acts,
         "consultations and visits a year counted per GP in the APL (apl.acts_per_gp; default 5400, the DREES "
         "imputation)", "N"},
        {"set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &set,
         "override a key of the study file (repeatable; docs/study.md)", "SECTION.KEY=VALUE"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang,
         "language of report.html: fr (default) or en (outputs.lang)", "fr|en"},
        {"map-format", 0, 0, G_OPTION_ARG_STRING, &map_format,
         "the maps' format: png (A4 at 150 dpi), svg or pdf (outputs.map_format; default png)", "FORMAT"},
        {"print-study", 0, 0, G_OPTION_ARG_NONE, &print_study,
         "print the effective study (defaults filled in, paths resolved) and stop", NULL},
        {NULL}};
    ga_cli_cost_options co;
    GOptionContext *oc = g_option_context_new("[STUDY.ini] - run a study (default: the embedded Hérault study)");
    g_option_context_set_summary(oc,
        "Runs the study file STUDY.ini (every key in docs/study.md), by default the embedded\n"
        "Hérault study DATA/herault/study.ini: the 342 communes of Hérault (COG 2023), their\n"
        "population (DREES 2021), the INSEE BPE 2019 health equipment and the FINESS hospitals;\n"
        "for every commune the nearest facility of each type with its straight-line distance and\n"
        "estimated travel time, the APL to GPs and to the other professions of the BPE,\n"
        "coverage, zones blanches and the Plaissan\n"
        "scenario, written as OUT/communes_access.csv and .shp, OUT/facilities.csv and .shp, maps...\n"
        "The facilities and people of the neighbouring communes within 60 minutes (DATA/ring)\n"
        "count too; every figure is Hérault's.\n"
        "No road network covers Hérault in the embedded data: times come from the straight-line\n"
        "model unless --roads (an OSM extract of the département) or --graph is given.\n"
        "The options below set keys of the study (--set does it for any key).");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_cli_cost_add_main_entries(oc, &co);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "run");
    g_option_context_free(oc);
    if (!parsed) return GA_EXIT_USAGE;
    if (argc > 2) return ga_cli_usage_error("run", "unexpected argument '%s'", ga_clip(argv[2]));
    if (!isnan(acts) && (!(acts > 0) || !isfinite(acts)))
        return ga_cli_usage_error("run", "--acts-per-gp must be positive");
    ga_map_format fmt;
    if (map_format && !ga_map_format_parse(map_format, &fmt))
        return ga_cli_usage_error("run", "--map-format: '%s' is not a map format (png, svg or pdf)",
                                  ga_clip(map_format));
    const char *file = argc > 1 ? argv[1] : NULL;

    ga_ctx *ctx = ga_cli_ctx_new();
    if (!ctx) return GA_EXIT_INPUT;
    int rc = GA_EXIT_OK;
    GPtrArray *sets = g_ptr_array_new_with_free_func(g_free);
    for (char **s = set; s && *s; s++) g_ptr_array_add(sets, g_strdup(*s));
    options_as_keys(&co, acts, out_dir, sets);
    if (lang) g_ptr_array_add(sets, g_strdup_printf("outputs.lang=%s", lang));
    if (map_format) g_ptr_array_add(sets, g_strdup_printf("outputs.map_format=%s", map_format));
    ga_study *study = NULL;
    ga_study_result *r = NULL;
    ga_outset *outset = NULL;
    ga_study_written w;
    ga_study_written_init(&w);
    GString *scen_written = g_string_new(NULL);
    g_autofree char *report_path = NULL;

    if (load_study(ctx, file, data, sets, &study)) goto fail;
    if (print_study) {
        g_autofree char *text = ga_study_print(study);
        fputs(text, stdout);
        goto done;
    }
    const char *dir = ga_study_output_folder(study);
    /* a bad output folder fails before the work */
    if (ga_cli_outset_open(ctx, "run", dir, NULL, &outset) || ga_study_run(ctx, study, &r) ||
        ga_study_write(ctx, r, dir, &w))
        goto fail;
    ga_cli_flush_warnings(ctx);
    print_summary(r);
    if (r->srun) {
        g_autofree char *paths = g_strjoinv(", ", r->scen_paths);
        printf("\nScenario (HYPOTHETICAL, %s): deltas against the base, same cost model\n", paths);
        if (ga_scenario_report(ctx, &r->data, r->srun, r->scen, r->scen_threshold, r->apl_threshold, dir,
                               scen_written))
            goto fail;
    }
    if (r->site) {
        printf("\nSites for new '%s' facilities (HYPOTHETICAL, [site] of the study):\n", r->site_type);
        ga_site_print(&r->data, r->site, &r->site_cand, &r->site_opts);
        ga_site_write_info wi = {&r->site_opts, &r->site_cand, *r->site_rule_text ? r->site_rule_text : NULL};
        if (ga_site_write(ctx, &r->data, r->site, &wi, dir, scen_written)) goto fail;
    }
    if (r->report) {
        report_path = g_build_filename(dir, "report.html", NULL);
        ga_report_options ro = {.epoch = -1}; /* $SOURCE_DATE_EPOCH or now */
        if (ga_report_write(ctx, r, &ro, report_path)) goto fail;
    }
    if (ga_outset_commit(ctx, g_steal_pointer(&outset))) goto fail;
    if (r->data.notes->len) printf("\n%s", r->data.notes->str);
    print_written(&w, scen_written->str, report_path);
    goto done;
fail:
    rc = ga_cli_fail(ctx, "run");
done:
    ga_outset_abort(outset);
    g_string_free(scen_written, TRUE);
    ga_study_written_clear(&w);
    ga_study_result_free(r);
    ga_study_free(study);
    g_ptr_array_free(sets, TRUE);
    ga_cli_cost_options_clear(&co);
    ga_ctx_free(ctx);
    return rc;
}
