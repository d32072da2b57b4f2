/* write/report.c, report_fmt.c and report_svg.c: numbers in French and
 * English, HTML escaping, SVG path data (hand-computed), and the report of
 * a SYNTHETIC study (three 1 km squares A, B, C whose centres are 0, 5 and
 * 14 km east of A's; two GPs in A; the straight-line model, 1.3 minutes per
 * km) whose names hold < & ' and accents. */
#include "test_util.h"
#include "geoaccess.h"
#include "geoaccess/study.h"
#include "study/pipeline.h"
#include "write/report.h"
#include "write/report_fmt.h"
#include "write/report_svg.h"
#include "synthetic_squares.h"

#define NNBSP "\xe2\x80\xaf"

static char *fmt(double v, int decimals, ga_lang lang) {
    GString *s = g_string_new(NULL);
    ga_fmt_number(s, v, decimals, lang);
    return g_string_free(s, FALSE);
}

#define assert_fmt(v, dec, lang, expected)                 \
    do {                                                   \
        g_autofree char *got_ = fmt(v, dec, lang);         \
        assert_string_equal(got_, expected);               \
    } while (0)

static void test_numbers(void **state) {
    (void)state;
    assert_fmt(1234567.891, 2, GA_LANG_FR, "1" NNBSP "234" NNBSP "567,89");
    assert_fmt(1234567.891, 2, GA_LANG_EN, "1,234,567.89");
    assert_fmt(1201883, 0, GA_LANG_FR, "1" NNBSP "201" NNBSP "883");
    assert_fmt(123, 0, GA_LANG_FR, "123");
    assert_fmt(1234, 0, GA_LANG_EN, "1,234");
    assert_fmt(999.6, 0, GA_LANG_FR, "1" NNBSP "000"); /* the carry reaches a new group */
    assert_fmt(-1234.5, 1, GA_LANG_FR, "-1" NNBSP "234,5");
    assert_fmt(-0.004, 2, GA_LANG_EN, "0.00");          /* rounds to zero: no sign */
    assert_fmt(6.3404, 3, GA_LANG_FR, "6,340");
    assert_fmt(0.5, 1, GA_LANG_EN, "0.5");
    assert_fmt(NAN, 2, GA_LANG_FR, "\xe2\x80\x93");
    assert_fmt(INFINITY, 0, GA_LANG_EN, "\xe2\x88\x9e");
    GString *s = g_string_new(NULL);
    ga_fmt_percent(s, 0.1234, 1, GA_LANG_FR);
    assert_string_equal(s->str, "12,3" NNBSP "%");
    g_string_truncate(s, 0);
    ga_fmt_percent(s, 0.1234, 1, GA_LANG_EN);
    assert_string_equal(s->str, "12.3%");
    g_string_free(s, TRUE);
}

static void test_escape(void **state) {
    (void)state;
    GString *s = g_string_new(NULL);
    ga_html_escape(s, "L'Étang <b>& \"Cie\"</b>");
    assert_string_equal(s->str, "L&#39;Étang &lt;b&gt;&amp; &quot;Cie&quot;&lt;/b&gt;");
    g_string_truncate(s, 0);
    ga_html_escape(s, "a\xff" "b"); /* invalid UTF-8: U+FFFD */
    assert_string_equal(s->str, "a\xef\xbf\xbd" "b");
    g_string_truncate(s, 0);
    ga_html_escape(s, NULL);
    assert_string_equal(s->str, "");
    g_string_free(s, TRUE);
}

static char *path_of(const char *wkt, const ga_svg_frame *f) {
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKTReader *rd = GEOSWKTReader_create_r(h);
    GEOSGeometry *g = GEOSWKTReader_read_r(h, rd, wkt);
    assert_non_null(g);
    GString *s = g_string_new(NULL);
    ga_svg_path_d(s, h, g, f);
    GEOSGeom_destroy_r(h, g);
    GEOSWKTReader_destroy_r(h, rd);
    GEOS_finish_r(h);
    return g_string_free(s, FALSE);
}

/* A 100 x 50 box into 200 units: scale 2, y flipped from the top (50). */
static void test_svg_paths(void **state) {
    (void)state;
    ga_svg_frame f = ga_svg_frame_fit(0, 0, 100, 50, 0, 200);
    assert_near(f.scale, 2, 1e-12);
    assert_near(f.height, 100, 1e-12);
    g_autofree char *d = path_of("POLYGON((0 0,0 50,100 50,100 0,0 0),(10 10,20 10,20 20,10 10))", &f);
    /* (0,0) -> (0,100), (0,50) -> (0,0), (100,50) -> (200,0), (100,0) -> (200,100);
     * the hole: (10,10) -> (20,80), (20,10) -> (40,80), (20,20) -> (40,60) */
    assert_string_equal(d, "M0 100l0 -100 200 0 0 100zM20 80l20 0 0 -20z");
    /* points that round to the same unit are one; no drift: 0.3 + 0.3 + 0.3
     * units of moves land on the rounded absolute point */
    g_autofree char *d2 = path_of("POLYGON((0 0,0.15 0,0.3 0,0.45 0,10 10,0 10,0 0))", &f);
    assert_string_equal(d2, "M0 100l1 0 19 -20 -20 0z");
    g_autofree char *d3 = path_of("MULTIPOLYGON(((0 0,0 1,1 1,0 0)),((50 0,50 1,51 1,50 0)))", &f);
    assert_string_equal(d3, "M0 100l0 -2 2 0zM100 100l0 -2 2 0z");
    g_autofree char *d4 = path_of("POINT(1 1)", &f);
    assert_string_equal(d4, "");
    /* the margin: a share of the size on every side */
    ga_svg_frame m = ga_svg_frame_fit(0, 0, 100, 50, 0.1, 240);
    assert_near(m.x0, -10, 1e-12);
    assert_near(m.y0, 55, 1e-12);
    assert_near(m.scale, 2, 1e-12);
}

/* ---- the report of a synthetic study ---- */

typedef struct {
    ga_ctx *ctx;
    char *dir, *ini;
} fixture;

static int setup(void **state) {
    fixture *f = g_new0(fixture, 1);
    f->ctx = ga_ctx_new();
    f->dir = test_tmpdir("report");
    write_synthetic_study(f->dir);
    f->ini = g_build_filename(f->dir, "study.ini", NULL);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    ga_ctx_free(f->ctx);
    test_rm_rf(f->dir);
    g_free(f->dir);
    g_free(f->ini);
    g_free(f);
    return 0;
}

static size_t count(const char *hay, const char *needle) {
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

static char *write_report(fixture *f, const char *const *sets, size_t n, gint64 epoch) {
    ga_study *s = NULL;
    ga_study_result *r = NULL;
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, sets, n, &s));
    assert_ok(f->ctx, ga_study_run(f->ctx, s, &r));
    g_autofree char *path = g_build_filename(f->dir, "report.html", NULL);
    ga_report_options o = {epoch, 0};
    assert_ok(f->ctx, ga_report_write(f->ctx, r, &o, path));
    ga_study_result_free(r);
    ga_study_free(s);
    return test_read(f->dir, "report.html");
}

static void test_report(void **state) {
    fixture *f = *state;
    g_autofree char *html = write_report(f, NULL, 0, 0);
    assert_non_null(html);
    assert_non_null(strstr(html, "<html lang=\"fr\">"));
    assert_non_null(strstr(html, "1970-01-01 00:00 UTC")); /* the epoch given */
    /* maps: APL, official APL, their difference, gp and mat times; one path
     * per commune in each study group */
    assert_int_equal(count(html, "<svg class=\"ga-map"), 5);
    assert_int_equal(count(html, "<g class=\"study\">"), 5);
    assert_int_equal(count(html, "<path class=\"k"), 5 * 3);
    /* names escaped wherever they appear, never raw */
    assert_null(strstr(html, "<b>& Cie"));
    assert_null(strstr(html, "</script>\""));
    assert_int_equal(count(html, "</script>"), 2); /* the page's two scripts */
    assert_true(count(html, "data-name=\"L&#39;Étang &lt;b&gt;&amp; Cie&lt;/b&gt;\"") == 5);
    /* values from the result: gp times 0, 6.5 and 18.2 minutes (1.3 a km) */
    assert_non_null(strstr(html, "data-code=\"34002\" data-name=\"Saint-Guilhem-le-Désert\" data-value=\"6,5 min\""));
    assert_non_null(strstr(html, "data-value=\"18,2 min\""));
    /* the APL: C's is a third of A's (DREES bands); the official one beside */
    assert_non_null(strstr(html, "data-value=\"1,25\""));
    /* the zone blanche: A (18.2 minutes from the maternity unit in C) */
    assert_non_null(strstr(html, "<td>34001</td><td>L&#39;Étang &lt;b&gt;&amp; Cie&lt;/b&gt;</td>"
                                 "<td class=\"n\">1" NNBSP "000</td><td class=\"n\">18,2</td>"));
    /* the scenario: C's time to a GP from 18.2 to 0 */
    assert_non_null(strstr(html, "a GP &lt;opens&gt; in C"));
    assert_non_null(strstr(html, "<td class=\"n\">18,2</td><td class=\"n\">0,0</td><td class=\"n\">-18,2</td>"));
    /* the input's licence from PROVENANCE.txt with its continuation line */
    assert_non_null(strstr(html, "Licence Ouverte / Open Licence (Etalab) version 2.0"));
    /* the effective study */
    assert_non_null(strstr(html, "[zones]\nrule = time to mat &gt; 15"));
    /* nothing loaded from elsewhere */
    assert_null(strstr(html, "http://"));
    assert_null(strstr(html, "<link"));
}

static void test_report_english_and_dates(void **state) {
    fixture *f = *state;
    const char *sets[] = {"outputs.lang=en"};
    g_autofree char *html = write_report(f, sets, 1, 1700000000);
    assert_non_null(strstr(html, "<html lang=\"en\">"));
    assert_non_null(strstr(html, "2023-11-14 22:13 UTC"));
    assert_non_null(strstr(html, "data-value=\"6.5 min\""));
    assert_non_null(strstr(html, "<td class=\"n\">1,000</td>"));
    /* the same study twice: the same bytes */
    g_autofree char *again = write_report(f, sets, 1, 1700000000);
    assert_string_equal(html, again);
    /* SOURCE_DATE_EPOCH when no date is given; refused when not a number */
    g_setenv("SOURCE_DATE_EPOCH", "86400", TRUE);
    g_autofree char *env = write_report(f, sets, 1, -1);
    assert_non_null(strstr(env, "1970-01-02 00:00 UTC"));
    g_setenv("SOURCE_DATE_EPOCH", "yesterday", TRUE);
    ga_study *s = NULL;
    ga_study_result *r = NULL;
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, NULL, 0, &s));
    assert_ok(f->ctx, ga_study_run(f->ctx, s, &r));
    g_autofree char *path = g_build_filename(f->dir, "bad.html", NULL);
    ga_report_options o = {-1, 0};
    assert_status(f->ctx, ga_report_write(f->ctx, r, &o, path), GA_ERR_VALUE);
    assert_error_mentions(f->ctx, "SOURCE_DATE_EPOCH: 'yesterday' is not a whole number");
    assert_false(test_exists(f->dir, "bad.html"));
    g_unsetenv("SOURCE_DATE_EPOCH");
    ga_study_result_free(r);
    ga_study_free(s);
    /* a language the report does not speak */
    const char *bad[] = {"outputs.lang=de"};
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, bad, 1, &s));
    assert_status(f->ctx, ga_study_run(f->ctx, s, &r), GA_ERR_VALUE);
    assert_error_mentions(f->ctx, "--set outputs.lang: 'de' is not a language of the report (fr, en)");
    ga_study_free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_svg_paths),
        cmocka_unit_test_setup_teardown(test_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_english_and_dates, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
