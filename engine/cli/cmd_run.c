/* geoaccess run: the main job. On the embedded Hérault default (or the
 * user's communes), nearest facility of each type per commune with its
 * distance and estimated time, written as CSV and shapefile, and a summary. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include "cli/cli.h"
#include "cli/cost.h"
#include "geoaccess/measure.h"
#include "geoaccess/nearest.h"
#include "geoaccess/map.h"
#include "load/load.h"
#include "cli/plan.h"
#include "study/ring.h"
#include "cli/scenario_report.h"
#include "write/polygons.h"
#include "write/atomic.h"
#include "write/csv_out.h"

#ifndef GA_DEFAULT_DATADIR
#define GA_DEFAULT_DATADIR "geodata"
#endif

/* The facility types of the default run: the embedded default's (plan.c),
 * its first six (all but the centres de santé, which only the scenario
 * uses). */
#define run_types ga_plan_default_types
#define N_TYPES 6


static const double thresholds[] = {10, 20, 30};

/* No GP activity is public: by default each liberal GP of the BPE counts
 * the activity the DREES imputes to a GP without an activity record (5,400
 * consultations and visits a year); --acts-per-gp changes it. */
static double acts_per_gp = GA_APL_NEW_PRACTITIONER_ACTIVITY;

typedef struct {
    double *apl, *official;
    ga_apl_summary summary;
    /* without the ring of neighbouring communes (Hérault's GPs and people only) */
    double *apl_alone;
    ga_apl_summary summary_alone;
    double official_mean, correlation;
    size_t official_communes_under; /* official APL below the threshold */
    double official_people_under;   /* their total population */
} apl_result;

/* The APL to GPs per commune: BPE headcounts x acts_per_gp as supply,
 * the DREES standardised population as demand, commune-to-commune times
 * within 20 minutes from the cost model, the DREES bands. Compared with the
 * official APL 2023 of the embedded data. */
static ga_status compute_apl(ga_ctx *ctx, ga_cost_model *model, const ga_points *origins,
                             const ga_points *gps, const ga_communes *c, const double *pop,
                             const double *pop_std, const ga_ring *ring, const char *official_path,
                             apl_result *out) {
    size_t n = ga_communes_count(c), nr = ring ? ga_communes_count(ring->communes) : 0;
    /* supply per commune of Hérault then of the ring (a ring GP's commune
     * index is n + its index in the ring) */
    double *supply = g_new0(double, n + nr + 1);
    for (size_t j = 0; j < ga_points_count(gps); j++) {
        long k = ga_points_commune(gps, j);
        if (k >= 0 && (size_t)k < n + nr) supply[k] += ga_points_capacity(gps, j) * acts_per_gp;
    }
    ga_od *od = NULL;
    ga_table *t = NULL;
    out->apl = g_new(double, n);
    out->apl_alone = g_new(double, n);
    out->official = g_new(double, n);
    ga_status st = ga_cost_model_table(model, ctx, origins, origins, GA_METRIC_TIME, GA_APL_HORIZON_MINUTES, &od);
    if (!st)
        st = ga_apl_communes(ctx, n, (const char *const *)ga_points_ids(origins), pop_std, pop, supply,
                             od, NULL, out->apl_alone, &out->summary_alone);
    if (!st && ring) {
        /* with the ring: its GPs serve Hérault, its people compete for them */
        st = ga_ring_apl(ctx, model, c, pop_std, pop, ring, supply, out->apl);
        if (!st) {
            ga_apl_summarise(n, out->apl, pop_std, pop, NULL, out->summary_alone.threshold, &out->summary);
            out->summary.supply = out->summary_alone.supply;
        }
    } else if (!st) {
        memcpy(out->apl, out->apl_alone, n * sizeof *out->apl);
        out->summary = out->summary_alone;
    }
    if (!st) st = ga_table_read(ctx, official_path, &t);
    if (!st) st = ga_communes_join(ctx, c, t, "insee_code", "apl_mg", out->official);
    if (!st) {
        /* weighted mean of the official APL, and Pearson's r with ours */
        double sw = 0, so = 0, sa = 0, saa = 0, soo = 0, sao = 0, mo = 0;
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (isnan(out->official[i])) continue;
            sw += pop_std[i];
            so += pop_std[i] * out->official[i];
            /* the DREES counts people under the threshold in total population */
            if (out->official[i] < out->summary.threshold) {
                out->official_communes_under++;
                out->official_people_under += pop[i];
            }
            double a = out->apl[i], o = out->official[i];
            if (isnan(a)) continue; /* not routed: our APL is unknown */
            sa += a; saa += a * a; soo += o * o; sao += a * o; mo += o;
            m++;
        }
        double ma = sa / (double)m;
        mo /= (double)m;
        out->official_mean = so / sw;
        out->correlation = (sao / (double)m - ma * mo) /
                           sqrt((saa / (double)m - ma * ma) * (soo / (double)m - mo * mo));
    }
    ga_table_free(t);
    ga_od_free(od);
    g_free(supply);
    return st;
}

static void print_summary(const ga_communes *c, const double *pop, double *const *time,
                          const size_t *n_fac, const char *model_text, double total_pop) {
    printf("geoaccess run: %zu communes, %.0f people\n", ga_communes_count(c), total_pop);
    printf("travel costs: %s\n", model_text);
    /* a commune that could not be routed (NAN: not snapped to the roads, or
     * on a road cut off from the rest) is unknown: left out of the shares
     * and counted apart; one with no facility within reach (INFINITY) is
     * beyond every threshold */
    size_t n_unknown = 0;
    double unknown_pop = 0;
    GString *names = g_string_new(NULL);
    for (size_t i = 0; i < ga_communes_count(c); i++)
        if (isnan(time[0][i])) {
            if (n_unknown++ < 10)
                g_string_append_printf(names, "%s%s", names->len ? ", " : "", ga_communes_id(c, i));
            unknown_pop += isnan(pop[i]) ? 0 : pop[i];
        }
    if (n_unknown > 10) g_string_append_printf(names, " and %zu more", n_unknown - 10);
    double base = total_pop - unknown_pop;
    if (n_unknown)
        printf("not routed (unknown, left out of the shares below): %zu communes, %.0f people (%s)\n",
               n_unknown, unknown_pop, names->str);
    g_string_free(names, TRUE);
    printf("\n%-30s %10s %16s %16s %16s\n", "nearest", "facilities", "> 10 min", "> 20 min", "> 30 min");
    for (size_t k = 0; k < N_TYPES; k++) {
        ga_cli_print_col(run_types[k].label, 30);
        printf(" %10zu", n_fac[k]);
        for (size_t t = 0; t < G_N_ELEMENTS(thresholds); t++) {
            double people = 0;
            for (size_t i = 0; i < ga_communes_count(c); i++)
                if (time[k][i] > thresholds[t]) people += isnan(pop[i]) ? 0 : pop[i]; /* NAN compares false */
            char cell[32];
            g_snprintf(cell, sizeof cell, "%.0f (%.1f%%)", people, base > 0 ? 100.0 * people / base : 0);
            printf(" %16s", cell);
        }
        printf("\n");
    }
}

/* The value the hospital zone rule looks at: the commune's time. */
static double hosp_time(ga_zone_value what, const char *type, void *user) {
    (void)type;
    return what == GA_ZONE_TIME ? *(const double *)user : NAN;
}

int ga_cmd_run(int argc, char **argv) {
    g_autofree char *data = NULL, *out_dir = NULL;
    GOptionEntry entries[] = {
        {"data", 0, 0, G_OPTION_ARG_FILENAME, &data,
         "folder of the input data (default: the embedded Hérault data, " GA_DEFAULT_DATADIR ")", "DIR"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "output folder (default: out)", "DIR"},
        {"acts-per-gp", 0, 0, G_OPTION_ARG_DOUBLE, &acts_per_gp,
         "consultations and visits a year counted per GP in the APL (default 5400, the DREES "
         "imputation)", "N"},
        {NULL}};
    ga_cli_cost_options co;
    GOptionContext *oc = g_option_context_new("- the main job on the embedded Hérault default");
    g_option_context_set_summary(oc,
        "Loads the 342 communes of Hérault (COG 2023), their population (DREES 2021), the\n"
        "INSEE BPE 2019 health equipment and the FINESS hospitals, finds for every commune the\n"
        "nearest facility of each type with its straight-line distance and estimated travel\n"
        "time, and writes OUT/communes_access.csv and .shp and OUT/facilities.csv and .shp.\n"
        "The facilities and people of the neighbouring communes within 60 minutes (DATA/ring)\n"
        "count too; every figure is Hérault's.\n"
        "No road network covers Hérault in the embedded data: times come from the straight-line\n"
        "model unless --roads (an OSM extract of the département) or --graph is given.");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_cli_cost_add_main_entries(oc, &co);
    gboolean parsed = ga_cli_parse(oc, &argc, &argv, "run");
    g_option_context_free(oc);
    if (!parsed) return GA_EXIT_USAGE;
    if (argc > 1) return ga_cli_usage_error("run", "unexpected argument '%s'", ga_clip(argv[1]));
    if (!(acts_per_gp > 0) || !isfinite(acts_per_gp)) return ga_cli_usage_error("run", "--acts-per-gp must be positive");
    if (!data) data = g_strdup(g_getenv("GEOACCESS_DATA") ? g_getenv("GEOACCESS_DATA") : GA_DEFAULT_DATADIR);
    if (!out_dir) out_dir = g_strdup("out");

    ga_ctx *ctx = ga_cli_ctx_new();
    if (!ctx) return GA_EXIT_INPUT;
    int rc = GA_EXIT_OK;
    ga_communes *communes = NULL;
    ga_table *pop_table = NULL, *bpe = NULL;
    ga_points *origins = NULL, *fac[N_TYPES] = {0}, *all = NULL, *map_fac[2] = {0};
    ga_ring *ring = NULL;
    double *time_alone[N_TYPES] = {0}; /* nearest time among Hérault's facilities only */
    size_t n_ring_fac[N_TYPES] = {0};
    ga_cost_model *model = NULL;
    ga_result *res = NULL, *fres = NULL;
    double *pop = NULL, *pop_std = NULL, *time[N_TYPES] = {0}, *dist[N_TYPES] = {0};
    apl_result apl = {0};
    const char **near_id[N_TYPES] = {0};
    size_t n_fac[N_TYPES] = {0};
    g_autofree char *model_text = NULL;
    GString *notes = g_string_new(NULL);

    g_autofree char *communes_path = g_build_filename(data, "herault", "communes_cog2023", "communes_34_cog2023.shp", NULL);
    g_autofree char *pop_path = g_build_filename(data, "herault", "population", "population_34_cog2023_from_drees_apl.csv", NULL);
    g_autofree char *bpe_path = g_build_filename(data, "herault", "bpe2019", "bpe2019_health_34_by_iris.csv", NULL);
    g_autofree char *apl_path = g_build_filename(data, "herault", "apl_drees", "apl_mg_34_2023.csv", NULL);
    g_autofree char *finess_path = g_build_filename(data, "herault", "hospitals_finess2020", "hospitals_34_eurostat_finess2020.csv", NULL);
    g_autofree char *csv_path = g_build_filename(out_dir, "communes_access.csv", NULL);
    g_autofree char *shp_path = g_build_filename(out_dir, "communes_access.shp", NULL);
    g_autofree char *fcsv_path = g_build_filename(out_dir, "facilities.csv", NULL);
    g_autofree char *fshp_path = g_build_filename(out_dir, "facilities.shp", NULL);
    g_autofree char *map_apl = g_build_filename(out_dir, "map_apl.png", NULL);
    g_autofree char *map_mat = g_build_filename(out_dir, "map_maternity_minutes.png", NULL);
    g_autofree char *map_urg = g_build_filename(out_dir, "map_emergency_minutes.png", NULL);
    g_autofree char *subtitle = NULL;
    /* issue 5: coverage and zones blanches for hospitals, the Plaissan scenario */
    g_autofree char *cov_path = g_build_filename(out_dir, "coverage_hosp.csv", NULL);
    g_autofree char *zones_csv = g_build_filename(out_dir, "zones_hosp30.csv", NULL);
    g_autofree char *zones_shp = g_build_filename(out_dir, "zones_hosp30.shp", NULL);
    g_autofree char *scen_path = g_build_filename(data, "herault", "scenarios", "plaissan_centre_sante.ini", NULL);
    ga_plan_data pd = {0};
    ga_plan_input_options pio = {.data = data};
    ga_scenario *scen = NULL;
    ga_scenario_run *srun = NULL;
    ga_zone_rule *hosp_rule = NULL;
    GString *scen_written = g_string_new(NULL);
    ga_coverage *hosp_cov[2] = {0};
    ga_outset *set = NULL;

    /* the cost model first: a road graph's CRS becomes the working CRS the
     * layers are read into */
    if (ga_cli_outset_open(ctx, "run", out_dir, NULL, &set) || /* a bad --out fails before the work */
        ga_cli_cost_model(ctx, &co, &model) || ga_communes_read(ctx, communes_path, NULL, &communes) ||
        ga_table_read(ctx, pop_path, &pop_table) || ga_table_read(ctx, bpe_path, &bpe))
        goto fail;
    size_t n = ga_communes_count(communes);
    pop = g_new(double, n);
    pop_std = g_new(double, n);
    /* people: arrondissements and restored communes folded (layer.h) */
    if (ga_communes_join_sum(ctx, communes, pop_table, "insee_code", "population_totale_2021", pop) ||
        ga_communes_join_sum(ctx, communes, pop_table, "insee_code", "pop_standardisee_mg_2021", pop_std))
        goto fail;
    double total_pop = 0;
    for (size_t i = 0; i < n; i++) total_pop += isnan(pop[i]) ? 0 : pop[i];

    for (size_t k = 0; k < N_TYPES; k++) {
        ga_status st = run_types[k].bpe
            ? ga_points_from_counts(ctx, bpe, "DEPCOM", "TYPEQU", "NB_EQUIP", run_types[k].bpe, communes, &fac[k])
            : ga_plan_load_hospitals(ctx, finess_path, communes, &fac[k], notes);
        if (st) goto fail;
        n_fac[k] = ga_points_count(fac[k]);
    }
    /* the ring of neighbouring communes (issue 9): their facilities come
     * after Hérault's in fac[k], with commune index n + ring index */
    if (ga_ring_load(ctx, data, &ring)) goto fail;
    for (size_t k = 0; ring && k < N_TYPES; k++) {
        ga_points *rp = NULL;
        if (ga_ring_facilities(ctx, ring, &run_types[k], (long)n, &rp)) goto fail;
        for (size_t j = 0; j < ga_points_count(rp); j++) {
            double x, y;
            ga_points_xy(rp, j, &x, &y);
            ga_points_add(fac[k], ga_points_id(rp, j), x, y, ga_points_type(rp, j), ga_points_capacity(rp, j));
            ga_points_set_commune(fac[k], ga_points_count(fac[k]) - 1, ga_points_commune(rp, j));
        }
        n_ring_fac[k] = ga_points_count(rp);
        ga_points_free(rp);
    }
    if (ga_points_from_communes(ctx, communes, &origins)) goto fail;
    model_text = ga_cost_model_describe(model);
    /* the default's longest threshold: 60 minutes */
    double ring_reach = ring ? ga_ring_reach(ctx, ring, model, 60.0) : NAN;

    for (size_t k = 0; k < N_TYPES; k++) {
        ga_od *od = NULL;
        if (ga_cost_model_table(model, ctx, origins, fac[k], GA_METRIC_TIME, 0, &od)) goto fail;
        long *first = g_new(long, n);
        time[k] = g_new(double, n);
        dist[k] = g_new(double, n);
        near_id[k] = g_new0(const char *, n);
        time_alone[k] = g_new(double, n);
        ga_nearest(od, NULL, first, time[k], NULL, NULL);
        if (ring) {
            /* the same without the ring, for the summary */
            unsigned char *mask = g_new0(unsigned char, ga_points_count(fac[k]) + 1);
            memset(mask, 1, n_fac[k]);
            long *f2 = g_new(long, n);
            ga_nearest(od, mask, f2, time_alone[k], NULL, NULL);
            g_free(f2);
            g_free(mask);
        } else {
            memcpy(time_alone[k], time[k], n * sizeof *time[k]);
        }
        for (size_t i = 0; i < n; i++) {
            if (first[i] < 0) { /* NAN: not routed (unknown); INFINITY: none within reach */
                dist[k][i] = time[k][i];
                continue;
            }
            double ox, oy, fx, fy;
            ga_points_xy(origins, i, &ox, &oy);
            ga_points_xy(fac[k], (size_t)first[i], &fx, &fy);
            dist[k][i] = hypot(fx - ox, fy - oy) / 1000.0;
            near_id[k][i] = ga_points_id(fac[k], (size_t)first[i]);
        }
        g_free(first);
        ga_od_free(od);
    }

    if (compute_apl(ctx, model, origins, fac[0], communes, pop, pop_std, ring, apl_path, &apl)) goto fail;

    /* per-commune table */
    res = ga_result_new(n);
    const char **ids = g_new(const char *, n), **names = g_new(const char *, n);
    for (size_t i = 0; i < n; i++) {
        ids[i] = ga_communes_id(communes, i);
        names[i] = ga_communes_name(communes, i);
    }
    ga_result_add_text(res, "insee", ids);
    ga_result_add_text(res, "nom", names);
    ga_result_add_number(res, "pop", pop, 0);
    ga_result_add_number(res, "pop_std", pop_std, 3);
    g_free(ids);
    g_free(names);
    for (size_t k = 0; k < N_TYPES; k++) {
        char col[16];
        g_snprintf(col, sizeof col, "%s_id", run_types[k].prefix);
        ga_result_add_text(res, col, near_id[k]);
        /* the table has no "infinite" cell: an empty cell and an empty id
         * (the summary and the maps keep "none within reach" apart) */
        double *kc = g_new(double, n), *tc = g_new(double, n);
        for (size_t i = 0; i < n; i++) {
            kc[i] = isinf(dist[k][i]) ? NAN : dist[k][i];
            tc[i] = isinf(time[k][i]) ? NAN : time[k][i];
        }
        g_snprintf(col, sizeof col, "%s_km", run_types[k].prefix);
        ga_result_add_number(res, col, kc, 3);
        g_snprintf(col, sizeof col, "%s_min", run_types[k].prefix);
        ga_result_add_number(res, col, tc, 2);
        g_free(kc);
        g_free(tc);
    }
    ga_result_add_number(res, "apl", apl.apl, 3);
    ga_result_add_number(res, "apl_drees", apl.official, 3);
    /* facility layer */
    all = ga_points_new();
    for (size_t k = 0; k < N_TYPES; k++)
        for (size_t j = 0; j < ga_points_count(fac[k]); j++) {
            double x, y;
            ga_points_xy(fac[k], j, &x, &y);
            ga_points_add(all, ga_points_id(fac[k], j), x, y, run_types[k].prefix, ga_points_capacity(fac[k], j));
            ga_points_set_commune(all, ga_points_count(all) - 1, ga_points_commune(fac[k], j));
        }
    size_t nf = ga_points_count(all);
    const char **fid = g_new(const char *, nf ? nf : 1), **ftype = g_new(const char *, nf ? nf : 1),
               **fcom = g_new(const char *, nf ? nf : 1);
    double *fcap = g_new(double, nf ? nf : 1), *fring = g_new(double, nf ? nf : 1);
    for (size_t j = 0; j < nf; j++) {
        fid[j] = ga_points_id(all, j);
        ftype[j] = ga_points_type(all, j);
        long cj = ga_points_commune(all, j);
        fcom[j] = ga_ring_commune_id(communes, ring, cj);
        fcap[j] = ga_points_capacity(all, j);
        fring[j] = cj >= (long)n; /* 1: across the border, in the ring */
    }
    fres = ga_result_new(nf);
    ga_result_add_text(fres, "id", fid);
    ga_result_add_text(fres, "type", ftype);
    ga_result_add_text(fres, "insee", fcom);
    ga_result_add_number(fres, "capacity", fcap, 0);
    ga_result_add_number(fres, "ring", fring, 0);
    g_free(fring);
    g_free(fid);
    g_free(ftype);
    g_free(fcom);
    g_free(fcap);

    if (ga_result_write_csv(ctx, res, csv_path) || ga_result_write_shp_communes(ctx, res, communes, shp_path) ||
        ga_result_write_csv(ctx, fres, fcsv_path) || ga_result_write_shp_points(ctx, fres, all, fshp_path))
        goto fail;

    /* maps a person can look at */
    static const double apl_breaks[] = {2.5, 3.5, 4.5, 5.5};
    static const double minute_breaks[] = {10, 20, 30, 45};
    subtitle = g_strdup_printf("Hérault, %zu communes%s; %s", n,
                               ring ? " (facilities and people of the neighbouring communes counted)" : "", model_text);
    ga_map_style st_apl = {"APL to general practitioners (consultations/visits per standardised inhabitant)",
                           subtitle, "APL", apl_breaks, 4, true, 1200};
    ga_map_style st_mat = {"Estimated time to the nearest maternity unit (INSEE BPE 2019)", subtitle,
                           "minutes", minute_breaks, 4, false, 1200};
    ga_map_style st_urg = {"Estimated time to the nearest emergency department (INSEE BPE 2019)", subtitle,
                           "minutes", minute_breaks, 4, false, 1200};
    for (size_t q = 0; q < 2; q++) {
        size_t k = q ? 3 : 4;
        map_fac[q] = ga_points_new();
        for (size_t j = 0; j < n_fac[k]; j++) {
            double x, y;
            ga_points_xy(fac[k], j, &x, &y);
            ga_points_add(map_fac[q], ga_points_id(fac[k], j), x, y, run_types[k].prefix, ga_points_capacity(fac[k], j));
        }
    }
    if (ga_map_communes_png(ctx, communes, apl.apl, NULL, &st_apl, map_apl) ||
        ga_map_communes_png(ctx, communes, time[4], map_fac[0], &st_mat, map_mat) ||
        ga_map_communes_png(ctx, communes, time[3], map_fac[1], &st_urg, map_urg))
        goto fail;

    /* coverage of health establishments within 20 and 30 minutes, and the
     * zones blanches beyond 30 minutes of any (rule "time to hosp > 30") */
    {
        static const double cov_thr[2] = {20, 30};
        static const char *const cov_head[] = {"type", "threshold", "communes", "communes_covered",
                                               "population", "covered", "share", "communes_unknown",
                                               "population_unknown", NULL};
        GString *cov = g_string_new(NULL);
        ga_csv_writer w = ga_csv_to_string(cov);
        ga_csv_header(&w, cov_head);
        ga_status cst = GA_OK;
        for (size_t q = 0; q < 2 && !cst; q++) {
            cst = ga_coverage_compute(ctx, n, time[5], pop, NULL, cov_thr[q], &hosp_cov[q]);
            if (cst) break;
            const ga_coverage *hc = hosp_cov[q];
            ga_csv_text(&w, "hosp");
            ga_csv_number_fmt(&w, "%g", cov_thr[q]);
            ga_csv_size(&w, hc->total_communes);
            ga_csv_size(&w, hc->total_communes_covered);
            ga_csv_number(&w, hc->total_population, 0);
            ga_csv_number(&w, hc->total_covered, 0);
            ga_csv_number(&w, hc->total_population > 0 ? hc->total_covered / hc->total_population : 0, 4);
            ga_csv_size(&w, hc->total_communes_unknown);
            ga_csv_number(&w, hc->total_population_unknown, 0);
            ga_csv_end_row(&w);
        }
        if (!cst) cst = ga_atomic_write_file(ctx, cov_path, cov->str, cov->len);
        g_string_free(cov, TRUE);
        if (cst || ga_zone_rule_parse(ctx, "time to hosp > 30", &hosp_rule)) goto fail;
        ga_result *zr = NULL;
        GArray *rows = g_array_new(FALSE, FALSE, sizeof(size_t));
        for (size_t i = 0; i < n; i++) {
            double t = time[5][i]; /* NAN: not routed, never a zone; INFINITY: none within reach */
            if (ga_zone_rule_eval(hosp_rule, hosp_time, &t)) g_array_append_val(rows, i);
        }
        size_t m = rows->len;
        const char **zid = g_new(const char *, m + 1), **znm = g_new(const char *, m + 1);
        double *zpop = g_new(double, m + 1), *zmin = g_new(double, m + 1);
        const GEOSGeometry **zg = g_new(const GEOSGeometry *, m + 1);
        for (size_t r = 0; r < m; r++) {
            size_t i = g_array_index(rows, size_t, r);
            zid[r] = ga_communes_id(communes, i);
            znm[r] = ga_communes_name(communes, i);
            zpop[r] = pop[i];
            zmin[r] = isinf(time[5][i]) ? NAN : time[5][i];
            zg[r] = ga_communes_geometry(communes, i);
        }
        zr = ga_result_new(m);
        ga_result_add_text(zr, "insee", zid);
        ga_result_add_text(zr, "nom", znm);
        ga_result_add_number(zr, "pop", zpop, 0);
        ga_result_add_number(zr, "hosp_min", zmin, 2);
        ga_poly_field pf[4] = {{"insee", zid, NULL, 0}, {"nom", znm, NULL, 0}, {"pop", NULL, zpop, 0},
                               {"hosp_min", NULL, zmin, 2}};
        cst = ga_result_write_csv(ctx, zr, zones_csv);
        if (!cst) cst = ga_polygons_write_shp(ctx, (const GEOSGeometry *const *)zg, m, pf, 4, zones_shp);
        ga_result_free(zr);
        g_array_free(rows, TRUE);
        g_free(zid);
        g_free(znm);
        g_free(zpop);
        g_free(zmin);
        g_free(zg);
        if (cst) goto fail;
    }
    /* the hypothetical Plaissan scenario, on the same cost model */
    if (g_file_test(scen_path, G_FILE_TEST_EXISTS)) {
        if (ga_scenario_read(ctx, scen_path, &scen) || ga_plan_data_load(ctx, &pio, &pd)) goto fail;
        ga_scenario_inputs in = {.communes = pd.communes, .population = pd.pop, .facilities = pd.fac,
                                 .types = (const char *const *)pd.types->pdata, .n_types = pd.types->len,
                                 .threshold = 10, .apl_type = "gp", .acts_per_unit = acts_per_gp,
                                 .std_population = pd.pop_std, .apl_threshold = GA_APL_DEFAULT_THRESHOLD};
        ga_plan_scenario_ring(&pd, &in); /* the ring's people and GPs in the APL, as above */
        if (ga_scenarios_run(ctx, model, &in, &scen, 1, &srun)) goto fail;
    }

    ga_cli_flush_warnings(ctx);
    print_summary(communes, pop, time, n_fac, model_text, total_pop);
    char corr_text[48];
    if (isfinite(apl.correlation)) g_snprintf(corr_text, sizeof corr_text, "%.3f", apl.correlation);
    else g_strlcpy(corr_text, "n/a (too few communes routed)", sizeof corr_text);
    printf("\nAPL to general practitioners (DREES method, E2SFCA with bands 0-10-15-20 minutes)\n"
           "  supply: %zu liberal GPs (INSEE BPE 2019) x %.0f consultations and visits a year each\n"
           "  (no activity is public: the DREES imputes %.0f to a GP without an activity record)\n"
           "  demand: population standardised by age (DREES 2021), %.0f\n"
           "  mean APL (weighted by standardised population): %.3f; official DREES APL 2023: %.3f\n"
           "  communes under %.1f: %zu, %.0f people (%.1f%%); official DREES APL 2023: %zu, %.0f people\n"
           "  correlation with the official APL 2023 over communes: %s\n",
           (size_t)apl.summary.supply > 0 ? (size_t)(apl.summary.supply / acts_per_gp + 0.5) : 0,
           acts_per_gp, GA_APL_NEW_PRACTITIONER_ACTIVITY, apl.summary.std_population,
           apl.summary.mean_apl, apl.official_mean, apl.summary.threshold, apl.summary.communes_under,
           apl.summary.population_under,
           total_pop > apl.summary.population_unknown
               ? 100.0 * apl.summary.population_under / (total_pop - apl.summary.population_unknown) : 0,
           apl.official_communes_under, apl.official_people_under, corr_text);
    if (apl.summary.communes_unknown)
        printf("  not routed (APL unknown, left out of the mean and the counts): %zu communes, %.0f people\n",
               apl.summary.communes_unknown, apl.summary.population_unknown);
    /* issue 9: the ring of neighbouring communes */
    {
        /* shares of the people routed (a commune not routed is unknown) */
        double mat45 = 0, mat45_alone = 0, routed = 0;
        for (size_t i = 0; i < n; i++) {
            double p = isnan(pop[i]) ? 0 : pop[i];
            if (!isnan(time[4][i])) routed += p;
            if (time[4][i] <= 45) mat45 += p;
            if (time_alone[4][i] <= 45) mat45_alone += p;
        }
        if (ring) {
            size_t nr = ga_communes_count(ring->communes);
            double ring_people = 0;
            for (size_t i = 0; i < nr; i++) ring_people += ring->pop[i];
            printf("\nNeighbouring communes (the ring): %zu communes within %.1f km of Hérault, %.0f people\n"
                   "  (%s; %.1f minutes at this model, the default's longest threshold being 60),\n"
                   "  their facilities serve Hérault and their people compete for its GPs; every figure above\n"
                   "  is Hérault's alone\n",
                   nr, ring->width_km, ring_people, ring->dir, ring_reach);
            printf("  %-30s %10s %16s\n", "", "facilities", "nearer across");
            for (size_t k = 0; k < N_TYPES; k++) {
                size_t across = 0;
                for (size_t i = 0; i < n; i++)
                    if (time[k][i] < time_alone[k][i]) across++;
                printf("  ");
                ga_cli_print_col(run_types[k].label, 30);
                printf(" %10zu %10zu communes\n", n_ring_fac[k], across);
            }
            printf("  mean APL with the ring: %.3f, without: %.3f; communes under %.1f: %zu with, %zu without\n",
                   apl.summary.mean_apl, apl.summary_alone.mean_apl, apl.summary.threshold,
                   apl.summary.communes_under, apl.summary_alone.communes_under);
        }
        printf("\nWithin 45 minutes of a maternity unit: %.0f people (%.1f%%)", mat45, routed > 0 ? 100.0 * mat45 / routed : 0);
        if (ring) printf("; without the ring: %.0f (%.1f%%)", mat45_alone, routed > 0 ? 100.0 * mat45_alone / routed : 0);
        printf("\n  (the Schéma territorial de santé of Occitanie gives 99 %%)\n");
    }
    /* issue 5 */
    printf("\nHealth establishments (FINESS 2020): coverage and zones blanches\n"
           "  travel costs: %s\n", model_text);
    for (size_t q = 0; q < 2; q++)
        printf("  within %2g min of one: %.0f people (%.1f%%), %zu of %zu communes\n", hosp_cov[q]->threshold,
               hosp_cov[q]->total_covered,
               hosp_cov[q]->total_population > 0 ? 100.0 * hosp_cov[q]->total_covered / hosp_cov[q]->total_population : 0,
               hosp_cov[q]->total_communes_covered, hosp_cov[q]->total_communes);
    if (hosp_cov[1]->total_communes_unknown)
        printf("  not routed (unknown, out of these shares and never a zone blanche): %zu communes, %.0f people\n",
               hosp_cov[1]->total_communes_unknown, hosp_cov[1]->total_population_unknown);
    printf("  zones blanches (rule 'time to hosp > 30'): %zu commune(s), %.0f people (%.1f%%)\n",
           hosp_cov[1]->total_communes - hosp_cov[1]->total_communes_covered,
           hosp_cov[1]->total_population - hosp_cov[1]->total_covered,
           hosp_cov[1]->total_population > 0
               ? 100.0 * (hosp_cov[1]->total_population - hosp_cov[1]->total_covered) / hosp_cov[1]->total_population
               : 0);
    if (srun) {
        printf("\nScenario (HYPOTHETICAL, %s): deltas against the base, same cost model\n", scen_path);
        if (ga_scenario_report(ctx, &pd, srun, &scen, 10, GA_APL_DEFAULT_THRESHOLD, out_dir, scen_written))
            goto fail;
    }
    if (ga_outset_commit(ctx, g_steal_pointer(&set))) goto fail;
    if (notes->len) printf("\n%s", notes->str);
    printf("\nwritten: %s, %s, %s, %s,\n         %s, %s, %s\n", csv_path, shp_path, fcsv_path, fshp_path,
           map_apl, map_mat, map_urg);
    printf("         %s, %s, %s%s%s\n", cov_path, zones_csv, zones_shp, scen_written->len ? ",\n         " : "",
           scen_written->str);
    goto done;
fail:
    rc = ga_cli_fail(ctx, "run");
done:
    ga_outset_abort(set);
    g_string_free(notes, TRUE);
    g_string_free(scen_written, TRUE);
    for (size_t q = 0; q < 2; q++) ga_coverage_free(hosp_cov[q]);
    ga_zone_rule_free(hosp_rule);
    ga_scenario_run_free(srun);
    ga_scenario_free(scen);
    ga_plan_data_clear(&pd);
    for (size_t k = 0; k < N_TYPES; k++) {
        ga_points_free(fac[k]);
        g_free(time_alone[k]);
        g_free(time[k]);
        g_free(dist[k]);
        g_free(near_id[k]);
    }
    ga_points_free(all);
    ga_points_free(map_fac[0]);
    ga_points_free(map_fac[1]);
    ga_ring_free(ring);
    ga_points_free(origins);
    g_free(apl.apl_alone);
    g_free(apl.apl);
    g_free(apl.official);
    ga_result_free(res);
    ga_result_free(fres);
    ga_cost_model_free(model);
    ga_table_free(pop_table);
    ga_table_free(bpe);
    ga_communes_free(communes);
    g_free(pop);
    g_free(pop_std);
    ga_cli_cost_options_clear(&co);
    ga_ctx_free(ctx);
    return rc;
}
