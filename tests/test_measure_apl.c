/* APL the DREES way: activity rules, practitioners' table, standardised
 * population, APL per commune and its summary. */
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "test_util.h"
#include <sys/wait.h>
#include <glib/gstdio.h>
#include "geoaccess.h"

/* apl_parameters_activity_caps.csv: 0-250 -> 0; 251-3600 -> 3600;
 * 3601-6000 -> as is; 6001+ -> 6000; health centres not capped. */
static void test_activity_rules(void **state) {
    (void)state;
    const struct { double in, out; } lib[] = {
        {0, 0}, {1, 0}, {249, 0}, {250, 0}, {250.5, 3600}, {251, 3600}, {1000, 3600},
        {3600, 3600}, {3600.5, 3600.5}, {3601, 3601}, {4800, 4800}, {6000, 6000},
        {6000.5, 6000}, {6001, 6000}, {12000, 6000}};
    for (size_t k = 0; k < G_N_ELEMENTS(lib); k++)
        assert_near(ga_apl_counted_activity(lib[k].in, GA_PRACT_LIBERAL), lib[k].out, 0);
    const double centre[] = {0, 100, 250, 251, 3600, 6001, 12000};
    for (size_t k = 0; k < G_N_ELEMENTS(centre); k++)
        assert_near(ga_apl_counted_activity(centre[k], GA_PRACT_HEALTH_CENTRE), centre[k], 0);
}

static ga_table *practitioners(ga_ctx *ctx) {
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read(ctx, test_path("fixtures/measure/practitioners.csv"), &t));
    return t;
}

/* fixtures/measure/practitioners.csv by hand:
 * K1: 250 -> 0, 251 -> 3600, 3600 -> 3600, 3601 -> 3601   = 10801
 * K2: 6000 -> 6000, 6001 -> 6000, empty -> 5400 imputed    = 17400
 * K3: centres 9000 and 100, uncapped                       =  9100
 * p9 is in K9, a commune not in the list: left out with a warning.
 * Age cap 65 drops p3 (66) and p5 (70): K1 7201, K2 11400, K3 9100;
 * age cap 62 also drops p8 (64): K3 100. */
static void test_supply_from_table(void **state) {
    ga_ctx *ctx = *state;
    ga_table *t = practitioners(ctx);
    const char *ids[] = {"K1", "K2", "K3"};
    double s[3];
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_apl_supply_from_table(ctx, t, NULL, ids, 3, NULL, s));
    assert_near(s[0], 10801, 0);
    assert_near(s[1], 17400, 0);
    assert_near(s[2], 9100, 0);
    assert_int_equal(ga_ctx_warning_count(ctx), 2);
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "1 practitioners are in no known commune"));
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "'K9'"));
    assert_non_null(strstr(ga_ctx_warning(ctx, 1), "5400 imputed"));
    ga_apl_supply_options o = {.max_age = 65};
    assert_ok(ctx, ga_apl_supply_from_table(ctx, t, &o, ids, 3, NULL, s));
    assert_near(s[0], 7201, 0);
    assert_near(s[1], 11400, 0);
    assert_near(s[2], 9100, 0);
    o.max_age = 62;
    assert_ok(ctx, ga_apl_supply_from_table(ctx, t, &o, ids, 3, NULL, s));
    assert_near(s[2], 100, 0);
    ga_ctx_clear_warnings(ctx);
    ga_table_free(t);
}

static void test_supply_fte_and_errors(void **state) {
    ga_ctx *ctx = *state;
    const char *ids[] = {"A", "B"};
    double s[2] = {-1, -1};
    ga_table *t = NULL;
    const char *csv = "id;insee;etp\nd1;A;1\nd2;A;0,5\nd3;B;2\n";
    assert_ok(ctx, ga_table_read_buffer(ctx, "fte.csv", csv, strlen(csv), &t));
    /* 1.5 FTE x 5400 = 8100; 2 x 5400 = 10800 */
    assert_ok(ctx, ga_apl_supply_from_table(ctx, t, NULL, ids, 2, NULL, s));
    assert_near(s[0], 8100, 0);
    assert_near(s[1], 10800, 0);
    ga_apl_supply_options o = {.acts_per_fte = 4000};
    assert_ok(ctx, ga_apl_supply_from_table(ctx, t, &o, ids, 2, NULL, s));
    assert_near(s[0], 6000, 0);
    ga_table_free(t);

    csv = "id,commune,activity,kind\nd1,A,300,liberal\nd2,B,abc,liberal\n";
    assert_ok(ctx, ga_table_read_buffer(ctx, "bad.csv", csv, strlen(csv), &t));
    assert_status(ctx, ga_apl_supply_from_table(ctx, t, NULL, ids, 2, NULL, s), GA_ERR_VALUE);
    assert_error_mentions(ctx, "bad.csv: line 3: column 'activity': not a number");
    ga_table_free(t);
    csv = "id,commune,activity,kind\nd1,A,300,hospital\n";
    assert_ok(ctx, ga_table_read_buffer(ctx, "kind.csv", csv, strlen(csv), &t));
    assert_status(ctx, ga_apl_supply_from_table(ctx, t, NULL, ids, 2, NULL, s), GA_ERR_VALUE);
    assert_error_mentions(ctx, "kind.csv: line 2: field 'kind': 'hospital'");
    ga_table_free(t);
    csv = "id,commune\nd1,A\n";
    assert_ok(ctx, ga_table_read_buffer(ctx, "none.csv", csv, strlen(csv), &t));
    assert_status(ctx, ga_apl_supply_from_table(ctx, t, NULL, ids, 2, NULL, s), GA_ERR_FIELD);
    assert_error_mentions(ctx, "no column 'activity'");
    /* rows given their commune by index (coordinates assigned elsewhere) */
    ga_table_free(t);
    csv = "id,activity\nd1,4000\nd2,5000\nd3,100\n";
    assert_ok(ctx, ga_table_read_buffer(ctx, "xy.csv", csv, strlen(csv), &t));
    const long rows[] = {1, 1, -1};
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_apl_supply_from_table(ctx, t, NULL, ids, 2, rows, s));
    assert_near(s[0], 0, 0);
    assert_near(s[1], 9000, 0);
    assert_int_equal(ga_ctx_warning_count(ctx), 1);
    ga_ctx_clear_warnings(ctx);
    ga_table_free(t);
}

/* Two communes, three bands weighted 0.5, 1, 2:
 * (10, 20, 30) -> 5 + 20 + 60 = 85; (0, 100, 1) -> 0 + 100 + 2 = 102. */
static void test_standardise(void **state) {
    ga_ctx *ctx = *state;
    const double pop[] = {10, 20, 30, 0, 100, 1}, w[] = {0.5, 1, 2};
    double s[2];
    assert_ok(ctx, ga_apl_standardise(ctx, pop, 2, w, 3, s));
    assert_near(s[0], 85, 0);
    assert_near(s[1], 102, 0);
}

/* Three communes, DREES bands (1 / 2/3 / 1/3 / 0 for <=10 / <=15 / <=20 /
 * beyond), minutes:
 *   K1->K2 8, K2->K1 8, K1->K3 18, K3->K1 18, K2->K3 12, K3->K2 14,
 *   K3->K3 12 (given); K1->K1 and K2->K2 missing: intra default 0 (w 1).
 * std pop 1000, 500, 2000; total pop 900, 600, 1800;
 * supply 7200, 0, 6000.
 * den_K1 = 1000*1 + 500*1 + 2000/3 = 6500/3 -> R1 = 21600/6500 = 3.3230769
 * den_K3 = 1000/3 + 500*2/3 + 2000*2/3 = 2000 -> R3 = 3
 * APL: K1 = R1 + R3/3 = 4.3230769; K2 = R1 + 2 R3/3 = 5.3230769;
 *      K3 = R1/3 + 2 R3/3 = 3.1076923.
 * Mean weighted by std pop = (4323.0769 + 2661.5385 + 6215.3846) / 3500
 *   = 13200 / 3500 (all the supply is reached) = 3.7714286.
 * Threshold 4: K3 under, 1800 people; default 2.5: none. */
static ga_od *three_communes(ga_ctx *ctx) {
    ga_od_builder *b = ga_od_builder_new(3, 3);
    ga_od_builder_add(b, 0, 1, 8);
    ga_od_builder_add(b, 1, 0, 8);
    ga_od_builder_add(b, 0, 2, 18);
    ga_od_builder_add(b, 2, 0, 18);
    ga_od_builder_add(b, 1, 2, 12);
    ga_od_builder_add(b, 2, 1, 14);
    ga_od_builder_add(b, 2, 2, 12);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    return od;
}
static const char *K_IDS[] = {"K1", "K2", "K3"};
static const double K_STD[] = {1000, 500, 2000}, K_TOT[] = {900, 600, 1800}, K_SUP[] = {7200, 0, 6000};

static void test_apl_communes_hand(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = three_communes(ctx);
    double apl[3];
    ga_apl_summary s;
    assert_ok(ctx, ga_apl_communes(ctx, 3, K_IDS, K_STD, K_TOT, K_SUP, od, NULL, apl, &s));
    const double r1 = 21600.0 / 6500;
    assert_near(apl[0], r1 + 1, 1e-12);
    assert_near(apl[1], r1 + 2, 1e-12);
    assert_near(apl[2], r1 / 3 + 2, 1e-12);
    assert_near(apl[0], 4.3230769, 1e-7);
    assert_near(s.mean_apl, 13200.0 / 3500, 1e-12);
    assert_near(s.std_population, 3500, 0);
    assert_near(s.total_population, 3300, 0);
    assert_near(s.supply, 13200, 0);
    assert_int_equal(s.communes_under, 0);
    assert_near(s.population_under, 0, 0);
    assert_near(s.threshold, 2.5, 0);

    ga_apl_options o;
    ga_apl_options_init(&o);
    o.threshold = 4;
    assert_ok(ctx, ga_apl_communes(ctx, 3, K_IDS, K_STD, K_TOT, K_SUP, od, &o, apl, &s));
    assert_int_equal(s.communes_under, 1);
    assert_near(s.population_under, 1800, 0); /* total, not standardised */

    /* intra-commune cost 12 (weight 2/3): den_K1 = 2000/3 + 500 + 2000/3
     * = 5500/3 -> R1 = 21600/5500; K1 = (2/3) R1 + 1 */
    o.intra_cost = 12;
    assert_ok(ctx, ga_apl_communes(ctx, 3, K_IDS, K_STD, K_TOT, K_SUP, od, &o, apl, NULL));
    assert_near(apl[0], (2.0 / 3) * 21600 / 5500 + 1, 1e-12);
    /* no intra pair at all: K1 reaches only K3 at 18 min -> R3/3 = 1 */
    o.intra_cost = NAN;
    assert_ok(ctx, ga_apl_communes(ctx, 3, K_IDS, K_STD, K_TOT, K_SUP, od, &o, apl, NULL));
    assert_near(apl[0], 1, 1e-12);
    /* the decay is configurable: binary:20 -> every pair counts fully:
     * R1 = 7200 / 3500, R3 = 6000 / 3500, every commune reaches both: 13200/3500 */
    ga_decay *d = NULL;
    assert_ok(ctx, ga_decay_parse(ctx, "binary:20", &d));
    ga_apl_options_init(&o);
    o.decay = d;
    assert_ok(ctx, ga_apl_communes(ctx, 3, K_IDS, K_STD, K_TOT, K_SUP, od, &o, apl, NULL));
    for (int k = 0; k < 3; k++) assert_near(apl[k], 13200.0 / 3500, 1e-12);
    ga_decay_free(d);
    ga_od_free(od);
}

/* The APL equals E2SFCA with the DREES bands on a table holding the
 * intra-commune pairs; sum of std pop x APL = the supply reached. */
static void test_apl_is_e2sfca(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = three_communes(ctx);
    ga_od_builder *b = ga_od_builder_new(3, 3);
    for (size_t i = 0; i < 3; i++)
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++)
            ga_od_builder_add(b, (uint32_t)i, od->to[p], od->cost[p]);
    ga_od_builder_add(b, 0, 0, 0);
    ga_od_builder_add(b, 1, 1, 0);
    ga_od *full = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &full));
    ga_decay *d = ga_decay_new_drees();
    double a[3], apl[3];
    assert_ok(ctx, ga_fca(ctx, GA_FCA_E2SFCA, full, K_STD, K_SUP, d, a));
    assert_ok(ctx, ga_apl_communes(ctx, 3, K_IDS, K_STD, K_TOT, K_SUP, od, NULL, apl, NULL));
    for (int k = 0; k < 3; k++) assert_near(apl[k], a[k], 1e-15);
    ga_decay_free(d);
    ga_od_free(full);
    ga_od_free(od);
}

static void test_apl_errors(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = three_communes(ctx);
    double apl[3] = {-7, -7, -7};
    const double bad[] = {1000, -5, 2000};
    assert_status(ctx, ga_apl_communes(ctx, 3, K_IDS, bad, K_TOT, K_SUP, od, NULL, apl, NULL),
                  GA_ERR_VALUE);
    assert_error_mentions(ctx, "commune 'K2': standardised population is -5");
    assert_near(apl[0], -7, 0); /* nothing written on failure */
    assert_status(ctx, ga_apl_communes(ctx, 2, K_IDS, K_STD, K_TOT, K_SUP, od, NULL, apl, NULL),
                  GA_ERR_ARG);
    assert_error_mentions(ctx, "not 2 x 2");
    ga_od_free(od);
}

/* The APL of a profession per 100,000 people, on three_communes' table
 * (K1-K2 8 min: weight 1; K1-K3 18: 1/3; K2-K3 12 and K3-K2 14: 2/3; K3-K3
 * 12: 2/3; K1 and K2 to themselves 0: 1): 2 dentists in K1, 1 in K3, the
 * total population 900, 600, 1800 as demand.
 *   den_K1 = 900 + 600 + 1800/3 = 2100            R1 = 2/2100
 *   den_K3 = 900/3 + 600 (2/3) + 1800 (2/3) = 1900  R3 = 1/1900
 *   K1 = 1e5 (R1 + R3/3) = 112.78195; K2 = 1e5 (R1 + 2 R3/3) = 130.32581;
 *   K3 = 1e5 (R1/3 + 2 R3/3) = 66.83375
 * and the demand times the APL adds up to 3 x 100,000 (every dentist is
 * reached by someone). */
static void test_apl_headcount_hand(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = three_communes(ctx);
    const double heads[] = {2, 0, 1};
    double apl[3];
    assert_ok(ctx, ga_apl_headcount(ctx, 3, K_IDS, K_TOT, heads, od, apl));
    const double r1 = 2.0 / 2100, r3 = 1.0 / 1900;
    assert_near(apl[0], 1e5 * (r1 + r3 / 3), 1e-9);
    assert_near(apl[1], 1e5 * (r1 + 2 * r3 / 3), 1e-9);
    assert_near(apl[2], 1e5 * (r1 / 3 + 2 * r3 / 3), 1e-9);
    assert_near(apl[0], 112.78195, 1e-5);
    assert_near(apl[2], 66.83375, 1e-5);
    assert_near(900 * apl[0] + 600 * apl[1] + 1800 * apl[2], 3e5, 1e-6);
    /* the demand weighted by age instead (two bands, weights 1 and 2):
     * K1 900 + 2 x 0, K2 300 + 2 x 300 = 900, K3 0 + 2 x 1800 = 3600:
     *   den_K1 = 900 + 900 + 3600/3 = 3000; den_K3 = 300 + 600 + 2400 = 3300 */
    const double bands[] = {900, 0, 300, 300, 0, 1800}, w[] = {1, 2};
    double demand[3];
    assert_ok(ctx, ga_apl_standardise(ctx, bands, 3, w, 2, demand));
    assert_ok(ctx, ga_apl_headcount(ctx, 3, K_IDS, demand, heads, od, apl));
    assert_near(apl[0], 1e5 * (2.0 / 3000 + 1.0 / 3300 / 3), 1e-9);
    assert_near(apl[2], 1e5 * (2.0 / 3000 / 3 + 2.0 / 3 / 3300), 1e-9);
    ga_od_free(od);
}

/* The lowest decile of people: APL 10, 20, 30, 40 and one not routed, people
 * 50, 60, 10, 880 (and 100): the routed 1,000 people sorted by APL reach
 * 100 at the second commune (50 + 60 = 110), so the threshold is 20 and the
 * communes at or under it are 2, 110 people; the mean is weighted by the
 * demand (equal here: 25); the order of the communes does not matter. */
static void test_apl_lowest_decile(void **state) {
    (void)state;
    const double apl[] = {30, NAN, 10, 40, 20}, pop[] = {10, 100, 50, 880, 60}, demand[] = {1, 1, 1, 1, 1};
    ga_apl_summary s;
    ga_apl_summarise_lowest(5, apl, demand, pop, 0.1, &s);
    assert_near(s.threshold, 20, 0);
    assert_int_equal(s.communes_under, 2);
    assert_near(s.population_under, 110, 0);
    assert_near(s.mean_apl, 25, 1e-12);
    assert_int_equal(s.communes_unknown, 1);
    assert_near(s.population_unknown, 100, 0);
    /* a share reached at the first commune exactly: 50 of 1,000 = 5 % */
    ga_apl_summarise_lowest(5, apl, demand, pop, 0.05, &s);
    assert_near(s.threshold, 10, 0);
    assert_int_equal(s.communes_under, 1);
    /* ties: every commune at the same APL is at the threshold */
    const double flat[] = {7, 7, 7};
    ga_apl_summarise_lowest(3, flat, demand, pop, 0.1, &s);
    assert_near(s.threshold, 7, 0);
    assert_int_equal(s.communes_under, 3);
}

/* ---- the command line ---- */

/* geoaccess apl on fixtures/measure: the three communes of
 * test_apl_communes_hand; practitioners: K1 3000 -> 3600 and 3600 -> 3600
 * (7200), K3 7000 -> 6000, K2 200 -> 0: the same supply, so the same APL
 * 4.3230769, 5.3230769, 3.1076923; threshold 4: K3 under, 1800 people. */
static void test_cli_apl(void **state) {
    (void)state;
    g_autofree char *d = g_strdup(test_path("fixtures/measure/communes_demand.csv"));
    g_autofree char *p = g_strdup(test_path("fixtures/measure/practitioners_communes.csv"));
    g_autofree char *m = g_strdup(test_path("fixtures/measure/matrix_communes.csv"));
    g_autofree char *dir = test_tmpdir("apl");
    g_autofree char *outdir = g_build_filename(dir, "result", NULL);
    char *out = NULL, *err = NULL;
    const char *args[] = {"apl", "--demand", d, "--practitioners", p, "--matrix", m, "--out", outdir,
                          "--threshold", "4", NULL};
    assert_int_equal(run_cli(args, &out, &err), 0);
    assert_non_null(strstr(out, "mean APL (weighted by standardised population): 3.771"));
    assert_non_null(strstr(out, "communes with APL < 4: 1, population 1800"));
    g_free(out);
    g_free(err);
    g_autofree char *csv = g_build_filename(outdir, "apl.csv", NULL);
    ga_ctx *ctx = ga_ctx_new();
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read(ctx, csv, &t));
    assert_int_equal(ga_table_rows(t), 3);
    const double expected[] = {21600.0 / 6500 + 1, 21600.0 / 6500 + 2, 21600.0 / 6500 / 3 + 2};
    size_t col;
    assert_ok(ctx, ga_table_require(ctx, t, "apl", NULL, &col));
    for (size_t r = 0; r < 3; r++) {
        double v;
        assert_ok(ctx, ga_table_get_double(ctx, t, r, col, &v));
        assert_near(v, expected[r], 1e-14);
    }
    ga_table_free(t);
    ga_ctx_free(ctx);
    test_rm_rf(outdir);
    /* no matrix and no communes: usage error */
    const char *bad[] = {"apl", "--demand", d, "--practitioners", p, "--out", outdir, NULL};
    assert_int_equal(run_cli(bad, &out, &err), 2);
    g_free(out);
    g_free(err);
    test_rm_rf(dir);
}

/* --age-weights with the real DREES weights (fixture copy), 2023 column
 * (the last weight*): K1 = 100 aged 0-4 x 1.12 + 200 aged 90+ x 2.26 = 564,
 * total 300; K2 = 1000 aged 40-44 x 0.89 = 890; K3 = 0. All the supply is
 * reached: the mean APL is 13200 / 1454 = 9.078. */
static void test_cli_apl_age_bands(void **state) {
    (void)state;
    g_autofree char *d = g_strdup(test_path("fixtures/measure/communes_bands.csv"));
    g_autofree char *w = g_strdup(test_path("fixtures/measure/apl_parameters_age_weights.csv"));
    g_autofree char *p = g_strdup(test_path("fixtures/measure/practitioners_communes.csv"));
    g_autofree char *m = g_strdup(test_path("fixtures/measure/matrix_communes.csv"));
    g_autofree char *dir = test_tmpdir("apl");
    char *out = NULL, *err = NULL;
    const char *args[] = {"apl", "--demand", d, "--age-weights", w, "--practitioners", p,
                          "--matrix", m, "--out", dir, NULL};
    assert_int_equal(run_cli(args, &out, &err), 0);
    assert_non_null(strstr(out, "standardised population: 1454\n"));
    assert_non_null(strstr(out, "total population: 1300\n"));
    assert_non_null(strstr(out, "mean APL (weighted by standardised population): 9.078\n"));
    g_free(out);
    g_free(err);
    g_autofree char *csv = g_build_filename(dir, "apl.csv", NULL);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(csv, &text, NULL, NULL));
    assert_non_null(strstr(text, "\nK1,564,300,7200,"));
    assert_non_null(strstr(text, "\nK2,890,1000,0,"));
    assert_non_null(strstr(text, "\nK3,0,0,6000,"));
    test_rm_rf(dir);
}

/* Practitioners by coordinates, communes from the loader's synthetic
 * shapefile fixture (GA_FIXTURES/good/communes: 34001 square 0-1 km, 34002
 * square 1-2 km, 34003, 34004; populations 100, 200, 300, 50), straight-line
 * times. in_a lies in 34001 (3000 -> 3600), in_b in 34002 (7000 -> 6000),
 * far in no commune (left out, warned). Every representative point is
 * within 4 km (5.2 min at 60 km/h x 1.3): all weights 1, so every commune's
 * APL is the total supply over the total population, 9600 / 650. */
static void test_cli_apl_coordinates(void **state) {
    (void)state;
    g_autofree char *shp = g_strdup(shp_fixture("good/communes.shp"));
    g_autofree char *p = g_strdup(test_path("fixtures/measure/practitioners_xy.csv"));
    g_autofree char *dir = test_tmpdir("apl");
    char *out = NULL, *err = NULL;
    const char *args[] = {"apl", "--communes", shp, "--practitioners", p, "--out", dir, NULL};
    assert_int_equal(run_cli(args, &out, &err), 0);
    assert_non_null(strstr(err, "1 practitioners are in no known commune"));
    assert_non_null(strstr(out, "supply: 9600 consultations"));
    g_free(out);
    g_free(err);
    g_autofree char *csv = g_build_filename(dir, "apl.csv", NULL);
    ga_ctx *ctx = ga_ctx_new();
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read(ctx, csv, &t));
    assert_int_equal(ga_table_rows(t), 4);
    size_t ca, cs;
    assert_ok(ctx, ga_table_require(ctx, t, "apl", NULL, &ca));
    assert_ok(ctx, ga_table_require(ctx, t, "supply", NULL, &cs));
    const double sup[] = {3600, 6000, 0, 0};
    for (size_t r = 0; r < 4; r++) {
        double v;
        assert_ok(ctx, ga_table_get_double(ctx, t, r, ca, &v));
        assert_near(v, 9600.0 / 650, 1e-12);
        assert_ok(ctx, ga_table_get_double(ctx, t, r, cs, &v));
        assert_near(v, sup[r], 0);
    }
    ga_table_free(t);
    ga_ctx_free(ctx);
    const char *exts[] = {"csv", "shp", "shx", "dbf", "prj", "cpg"};
    for (size_t k = 0; k < G_N_ELEMENTS(exts); k++) {
        g_autofree char *name = g_strdup_printf("apl.%s", exts[k]);
        g_autofree char *f = g_build_filename(dir, name, NULL);
        if (k < 5) assert_true(g_file_test(f, G_FILE_TEST_EXISTS));
        g_unlink(f);
    }
    test_rm_rf(dir);
}

static int setup(void **state) {
    *state = ga_ctx_new();
    return *state ? 0 : -1;
}
static int teardown(void **state) {
    ga_ctx_free(*state);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_activity_rules),
        cmocka_unit_test(test_supply_from_table),
        cmocka_unit_test(test_supply_fte_and_errors),
        cmocka_unit_test(test_standardise),
        cmocka_unit_test(test_apl_communes_hand),
        cmocka_unit_test(test_apl_is_e2sfca),
        cmocka_unit_test(test_apl_errors),
        cmocka_unit_test(test_apl_headcount_hand),
        cmocka_unit_test(test_apl_lowest_decile),
        cmocka_unit_test(test_cli_apl),
        cmocka_unit_test(test_cli_apl_age_bands),
        cmocka_unit_test(test_cli_apl_coordinates),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
