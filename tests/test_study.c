/* The study file and the study pipeline (include/geoaccess/study.h) on a
 * SYNTHETIC study written here: three 1 km square communes A, B, C on a
 * line, their centres 5 km (B) and 14 km (C) east of A's; two GPs in A, a
 * maternity unit in C; the straight-line model at 60 km/h with detour 1.3,
 * so that a commune's time is 1.3 minutes per km between centres. */
#include "test_util.h"
#include <glib.h>
#include <glib/gstdio.h>
#include <shapefil.h>
#include <proj.h>
#include "geoaccess.h"
#include "geoaccess/study.h"
#include "study/pipeline.h"
#include "write/report.h"

static const double X0 = 700000, Y0 = 6280000;

typedef struct {
    ga_ctx *ctx;
    char *dir, *ini;
} fixture;

static void write_squares(const char *base) {
    static const char *const codes[] = {"34001", "34002", "34003"};
    static const double dx[] = {0, 5000, 14000};
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreate(base);
    assert_non_null(shp);
    assert_non_null(dbf);
    int f = DBFAddField(dbf, "insee", FTString, 5, 0);
    for (int i = 0; i < 3; i++) {
        double x0 = X0 + dx[i] - 500, y0 = Y0 - 500;
        double x[5] = {x0, x0, x0 + 1000, x0 + 1000, x0}, y[5] = {y0, y0 + 1000, y0 + 1000, y0, y0};
        SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, x, y, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, f, codes[i]);
    }
    SHPClose(shp);
    DBFClose(dbf);
    PJ_CONTEXT *pc = proj_context_create();
    PJ *crs = proj_create(pc, "EPSG:2154");
    const char *wkt = proj_as_wkt(pc, crs, PJ_WKT1_ESRI, NULL);
    g_autofree char *prj = g_strconcat(base, ".prj", NULL);
    assert_true(g_file_set_contents(prj, wkt, -1, NULL));
    proj_destroy(crs);
    proj_context_destroy(pc);
}

static const char *const study_text =
    "[study]\nname = Synthetic\n\n"
    "[communes]\npath = communes.shp\nid = insee\n\n"
    "[demand]\npath = demand.csv\nid = code\npopulation = pop\nstd_population = pop_std\n\n"
    "[facilities]\nbpe = bpe.csv\ntypes = gp=D201, mat=D107\n\n"
    "[cost]\nspeed = 60\ndetour = 1.3\n\n"
    "[apl]\ntype = gp\n\n"
    "[nearest]\ntypes = gp, mat\nthresholds = 10\n\n"
    "[coverage]\ntype = mat\nthresholds = 15\n\n"
    "[zones]\nrule = time to mat > 15\nname = far_from_mat\n";

static int setup(void **state) {
    fixture *f = g_new0(fixture, 1);
    f->ctx = ga_ctx_new();
    f->dir = g_dir_make_tmp("ga_study_XXXXXX", NULL);
    g_autofree char *base = g_build_filename(f->dir, "communes", NULL);
    write_squares(base);
    test_put(f->dir, "demand.csv", "code,pop,pop_std\n34001,1000,1000\n34002,1000,1000\n34003,3000,3000\n");
    test_put(f->dir, "bpe.csv", "DEPCOM,TYPEQU,NB_EQUIP\n34001,D201,2\n34003,D107,1\n");
    test_put(f->dir, "study.ini", study_text);
    f->ini = g_build_filename(f->dir, "study.ini", NULL);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    ga_ctx_free(f->ctx);
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", f->dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", f->dir);
    g_free(f->dir);
    g_free(f->ini);
    g_free(f);
    return 0;
}

/* The figures by hand: time = 1.3 minutes per km between the centres. */
static void test_run_by_hand(void **state) {
    fixture *f = *state;
    ga_study *s = NULL;
    ga_study_result *r = NULL;
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, NULL, 0, &s));
    assert_ok(f->ctx, ga_study_run(f->ctx, s, &r));
    assert_int_equal(r->n, 3);
    assert_near(r->total_pop, 5000, 1e-9);
    const ga_study_nearest *gp = ga_study_result_nearest(r, "gp"), *mat = ga_study_result_nearest(r, "mat");
    assert_non_null(gp);
    assert_non_null(mat);
    assert_int_equal(gp->n_fac, 1);
    assert_near(gp->time[0], 0, 1e-9);
    assert_near(gp->time[1], 5 * 1.3, 1e-6);
    assert_near(gp->time[2], 14 * 1.3, 1e-6);
    assert_near(mat->time[0], 14 * 1.3, 1e-6);
    assert_near(mat->time[1], 9 * 1.3, 1e-6);
    assert_near(mat->dist[1], 9, 1e-6);
    assert_string_equal(mat->near_id[0], ga_points_id(mat->fac, 0));
    /* coverage of the maternity unit within 15 minutes: B (11.7) and C (0) */
    assert_int_equal(r->n_cov, 1);
    assert_near(r->cov[0]->total_covered, 4000, 1e-9);
    assert_int_equal(r->cov[0]->total_communes_covered, 2);
    /* zones blanches: A alone (18.2 minutes) */
    assert_int_equal(r->n_zone_rows, 1);
    assert_int_equal(r->zone_rows[0], 0);
    /* APL, DREES bands: A and B within 10 minutes of the GPs (weight 1), C
     * at 18.2 (weight 1/3): C's APL is a third of A's, B's equals A's, and
     * the standardised population times the APL adds up to the supply
     * (2 GPs x 5400) */
    assert_near(r->apl.apl[1], r->apl.apl[0], 1e-9);
    assert_near(r->apl.apl[2], r->apl.apl[0] / 3, 1e-9);
    double sum = 1000 * r->apl.apl[0] + 1000 * r->apl.apl[1] + 3000 * r->apl.apl[2];
    assert_near(sum, 2 * 5400, 1e-6);
    ga_study_result_free(r);
    ga_study_free(s);
}

/* Facilities from any CSV (facilities.file): a pharmacy at B's centre and
 * a GP at C's (added to the BPE's GPs in A, capacity 3). */
static void test_facilities_file(void **state) {
    fixture *f = *state;
    g_autofree char *csv = g_strdup_printf("ident,kind,x,y,places\nP1,pharm,%.1f,%.1f,1\nG9,gp,%.1f,%.1f,3\n"
                                           "X1,other,%.1f,%.1f,1\n", X0 + 5000, Y0, X0 + 14000, Y0, X0, Y0);
    test_put(f->dir, "fac.csv", csv);
    const char *sets[] = {"facilities.file=fac.csv", "facilities.id=ident", "facilities.type_column=kind",
                          "facilities.capacity_column=places", "facilities.types=gp=D201, pharm, mat=D107",
                          "nearest.types=pharm, gp, mat"};
    ga_study *s = NULL;
    ga_study_result *r = NULL;
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, sets, G_N_ELEMENTS(sets), &s));
    /* gp=D201 comes from the BPE only: the file's G9 is not a BPE GP */
    assert_ok(f->ctx, ga_study_run(f->ctx, s, &r));
    const ga_study_nearest *ph = ga_study_result_nearest(r, "pharm");
    assert_int_equal(ph->n_fac, 1);
    assert_string_equal(ph->near_id[0], "P1");
    assert_near(ph->time[0], 5 * 1.3, 1e-6);
    assert_near(ph->time[1], 0, 1e-6);
    assert_near(ph->time[2], 9 * 1.3, 1e-6);
    assert_near(ga_study_result_nearest(r, "gp")->time[2], 14 * 1.3, 1e-6);
    ga_study_result_free(r);
    ga_study_free(s);
    /* the GPs of the file instead: C now has one */
    const char *sets2[] = {"facilities.file=fac.csv", "facilities.id=ident", "facilities.type_column=kind",
                           "facilities.capacity_column=places", "facilities.types=gp, mat=D107",
                           "nearest.types=gp", "apl.type=", "zones.rule=", "coverage.type="};
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, sets2, G_N_ELEMENTS(sets2), &s));
    assert_ok(f->ctx, ga_study_run(f->ctx, s, &r));
    const ga_study_nearest *gp = ga_study_result_nearest(r, "gp");
    assert_int_equal(gp->n_fac, 1);
    assert_near(gp->time[2], 0, 1e-6);
    assert_near(ga_points_capacity(gp->fac, 0), 3, 0);
    ga_study_result_free(r);
    ga_study_free(s);
    /* a file type without the file */
    const char *sets3[] = {"facilities.types=pharm", "nearest.types=pharm", "apl.type=", "zones.rule=",
                           "coverage.type="};
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, sets3, G_N_ELEMENTS(sets3), &s));
    assert_status(f->ctx, ga_study_run(f->ctx, s, &r), GA_ERR_VALUE);
    assert_error_mentions(f->ctx, "[facilities] file: missing");
    ga_study_free(s);
}

/* --set overrides a key; the speed halves the times. */
static void test_override(void **state) {
    fixture *f = *state;
    const char *sets[] = {"cost.speed=30", "nearest.types=mat"};
    ga_study *s = NULL;
    ga_study_result *r = NULL;
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, sets, 2, &s));
    assert_ok(f->ctx, ga_study_run(f->ctx, s, &r));
    assert_int_equal(r->n_nearest, 1);
    assert_near(r->nearest[0].time[1], 9 * 1.3 * 2, 1e-6);
    ga_study_result_free(r);
    ga_study_free(s);
}

static void expect_error(ga_ctx *ctx, const char *text, const char *const *sets, size_t n, ga_status status,
                         const char *needle) {
    ga_study *s = NULL;
    assert_status(ctx, ga_study_load_text(ctx, "dir/s.ini", text, sets, n, &s), status);
    assert_null(s);
    assert_error_mentions(ctx, needle);
}

static void test_errors_name_line_and_key(void **state) {
    fixture *f = *state;
    expect_error(f->ctx, "[communes]\npath = a.shp\n\n[cost]\nsped = 50\n", NULL, 0, GA_ERR_VALUE,
                 "dir/s.ini: line 5: [cost] sped: unknown key");
    expect_error(f->ctx, "# c\n[bogus]\nx = 1\n", NULL, 0, GA_ERR_VALUE, "dir/s.ini: line 2: unknown section [bogus]");
    expect_error(f->ctx, "[cost]\nspeed = fast\n", NULL, 0, GA_ERR_VALUE, "line 2: [cost] speed: 'fast' is not a number");
    expect_error(f->ctx, "[cost]\nthreads = -1\n", NULL, 0, GA_ERR_VALUE, "line 2: [cost] threads");
    expect_error(f->ctx, "[cost]\nskip_unsnapped = yes\n", NULL, 0, GA_ERR_VALUE, "'yes' is not true or false");
    expect_error(f->ctx, "[nearest]\nthresholds = 10, -5\n", NULL, 0, GA_ERR_VALUE, "'-5' is not a positive number");
    const char *bad_set[] = {"cost.speed=abc"};
    expect_error(f->ctx, "[cost]\nspeed = 50\n", bad_set, 1, GA_ERR_VALUE, "--set cost.speed: 'abc' is not a number");
    const char *no_dot[] = {"speed=50"};
    expect_error(f->ctx, "", no_dot, 1, GA_ERR_ARG, "expected section.key=value");
    expect_error(f->ctx, "[fca]\nmethod = 2sfca\n", NULL, 0, GA_ERR_VALUE, "not supported in study files yet");
    expect_error(f->ctx, "[cost]\nmatrix = od.csv\n", NULL, 0, GA_ERR_VALUE, "[cost] matrix: not supported");
    expect_error(f->ctx, "no group\n", NULL, 0, GA_ERR_FORMAT, "dir/s.ini: not a study file");
}

/* A missing file is found when the study runs, before any work. */
static void test_missing_file(void **state) {
    fixture *f = *state;
    const char *sets[] = {"demand.path=nowhere.csv"};
    ga_study *s = NULL;
    ga_study_result *r = NULL;
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, sets, 1, &s));
    assert_status(f->ctx, ga_study_run(f->ctx, s, &r), GA_ERR_IO);
    assert_null(r);
    assert_error_mentions(f->ctx, "--set demand.path: file");
    ga_study_free(s);
    g_autofree char *text = g_strdup_printf("%s[scenarios]\nfiles = none.ini\n", study_text);
    assert_ok(f->ctx, ga_study_load_text(f->ctx, f->ini, text, NULL, 0, &s));
    assert_status(f->ctx, ga_study_run(f->ctx, s, &r), GA_ERR_IO);
    assert_error_mentions(f->ctx, "line 37: [scenarios] files: file");
    ga_study_free(s);
}

/* Paths are relative to the study file, ".." folded without the disk. */
static void test_paths(void **state) {
    fixture *f = *state;
    ga_study *s = NULL;
    assert_ok(f->ctx, ga_study_load_text(f->ctx, "a/b/s.ini", "[study_area]\nring = ../ring\n", NULL, 0, &s));
    g_autofree char *p = ga_study_get_path(s, "study_area", "ring");
    assert_string_equal(p, "a/ring");
    g_autofree char *q = ga_study_resolve(s, "/abs/x.csv");
    assert_string_equal(q, "/abs/x.csv");
    g_autofree char *t = ga_study_resolve(s, "../../../x.csv");
    assert_string_equal(t, "../x.csv");
    /* a folded path ends at its last name, never with the space before a
     * final '/': values are read without their outer spaces, so the print
     * of "sc/o /" must read back to the same path (found by fuzz_study) */
    g_autofree char *u = ga_study_resolve(s, "sc/o /");
    assert_string_equal(u, "a/b/sc/o");
    ga_study_free(s);
    const char *text = "[scenarios]\nfiles = sc/o /, x.ini\n";
    assert_ok(f->ctx, ga_study_load_text(f->ctx, "/fz/s.ini", text, NULL, 0, &s));
    g_autofree char *p1 = ga_study_print(s);
    ga_study *s2 = NULL;
    assert_ok(f->ctx, ga_study_load_text(f->ctx, "/fz/s.ini", p1, NULL, 0, &s2));
    g_autofree char *p2 = ga_study_print(s2);
    assert_string_equal(p1, p2);
    assert_non_null(strstr(p1, "\nfiles = /fz/sc/o, /fz/x.ini\n"));
    ga_study_free(s2);
    ga_study_free(s);
}

/* --print-study: every key, and the print read back prints the same. */
static void test_print_round_trip(void **state) {
    fixture *f = *state;
    ga_study *s = NULL, *s2 = NULL;
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, NULL, 0, &s));
    g_autofree char *text = ga_study_print(s);
    size_t n = 0;
    const ga_study_key *keys = ga_study_keys(&n);
    for (size_t i = 0; i < n; i++) {
        g_autofree char *line = g_strdup_printf("\n%s = ", keys[i].key);
        g_autofree char *comment = g_strdup_printf("\n# %s: ", keys[i].key);
        assert_true(strstr(text, line) || strstr(text, comment));
    }
    assert_non_null(strstr(text, "\nspeed = 60\n"));
    assert_non_null(strstr(text, "\nacts_per_gp = 5400\n")); /* a default filled in */
    assert_ok(f->ctx, ga_study_load_text(f->ctx, f->ini, text, NULL, 0, &s2));
    g_autofree char *text2 = ga_study_print(s2);
    assert_string_equal(text, text2);
    ga_study_free(s);
    ga_study_free(s2);
}

/* The same study from commune points, no polygons (issue 14): a CSV of
 * the three centres; B has no demand row (no people); a hospital 1 km west
 * of B stands in B, the commune whose point is nearest. The times are the
 * polygons' (their points on surface are the centres); maps are refused
 * before any work; the communes' shapefile is a point one. */
static void test_from_points(void **state) {
    fixture *f = *state;
    test_put(f->dir, "points.csv", "insee,nom,x,y\n34001,A,700000,6280000\n34002,B,705000,6280000\n"
                                   "34003,C,714000,6280000\n");
    test_put(f->dir, "demand_ac.csv", "code,pop,pop_std\n34001,1000,1000\n34003,3000,3000\n");
    test_put(f->dir, "hosp.csv", "id,type,x,y\nh1,hosp,704000,6280300\n");
    const char *sets[] = {"communes.path=points.csv", "demand.path=demand_ac.csv", "facilities.file=hosp.csv",
                          "facilities.types=gp=D201, mat=D107, hosp", "nearest.types=gp, mat, hosp"};
    ga_study *s = NULL;
    ga_study_result *r = NULL;
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, sets, G_N_ELEMENTS(sets), &s));
    assert_ok(f->ctx, ga_study_run(f->ctx, s, &r));
    assert_false(ga_communes_has_polygons(r->data.communes));
    assert_true(isnan(ga_communes_area(r->data.communes, 0)));
    assert_string_equal(ga_communes_name(r->data.communes, 1), "B");
    assert_int_equal(r->n, 3);
    assert_near(r->total_pop, 4000, 1e-9);
    const ga_study_nearest *gp = ga_study_result_nearest(r, "gp"), *mat = ga_study_result_nearest(r, "mat"),
                           *hosp = ga_study_result_nearest(r, "hosp");
    assert_near(gp->time[1], 5 * 1.3, 1e-9);
    assert_near(gp->time[2], 14 * 1.3, 1e-9);
    assert_near(mat->time[1], 9 * 1.3, 1e-9);
    assert_near(hosp->time[0], hypot(4, 0.3) * 1.3, 1e-9);
    for (size_t j = 0; j < ga_points_count(r->data.fac); j++)
        if (!strcmp(ga_points_type(r->data.fac, j), "hosp")) assert_int_equal(ga_points_commune(r->data.fac, j), 1);
    /* B has no people: A (weight 1) and C (1/3) share the 2 GPs' 10,800 acts */
    assert_near(r->apl.apl[2], r->apl.apl[0] / 3, 1e-9);
    assert_near(1000 * r->apl.apl[0] + 3000 * r->apl.apl[2], 2 * 5400, 1e-6);
    assert_near(r->apl.apl[0], 5.4, 1e-9);
    g_autofree char *shp = g_build_filename(f->dir, "access.shp", NULL);
    ga_result *res = ga_result_new(3);
    ga_result_add_number(res, "apl", r->apl.apl, 3);
    assert_ok(f->ctx, ga_result_write_shp_communes(f->ctx, res, r->data.communes, shp));
    ga_result_free(res);
    SHPHandle h = SHPOpen(shp, "rb");
    assert_non_null(h);
    int n = 0, type = 0;
    SHPGetInfo(h, &n, &type, NULL, NULL);
    assert_int_equal(n, 3);
    assert_int_equal(type, SHPT_POINT);
    SHPObject *o = SHPReadObject(h, 2);
    assert_near(o->padfX[0], 714000, 1e-6);
    SHPDestroyObject(o);
    SHPClose(h);
    /* the report of a points-only study says why it has no map instead of
     * drawing each point as a commune (the national study: 41 MB before) */
    g_autofree char *html = g_build_filename(f->dir, "report.html", NULL);
    ga_report_options ro = {.epoch = 0};
    assert_ok(f->ctx, ga_report_write(f->ctx, r, &ro, html));
    g_autofree char *page = NULL;
    assert_true(g_file_get_contents(html, &page, NULL, NULL));
    assert_null(strstr(page, "<path"));
    assert_non_null(strstr(page, "les communes de cette étude sont des points"));
    ga_study_result_free(r);
    ga_study_free(s);

    const char *maps[] = {"communes.path=points.csv", "outputs.maps=apl"};
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, maps, G_N_ELEMENTS(maps), &s));
    assert_status(f->ctx, ga_study_run(f->ctx, s, &r), GA_ERR_VALUE);
    assert_error_mentions(f->ctx, "a map needs the commune polygons");
    assert_error_mentions(f->ctx, "maps");
    ga_study_free(s);
}

/* apl.professions on the three communes (1,000, 1,000 and 3,000 people):
 * 2 dentists in A, 1 in C. A-B 6.5 minutes (weight 1), A-C 18.2 (1/3), B-C
 * 11.7 (2/3), a commune to itself 0 (1); demand the total population:
 *   den_A = 1000 + 1000 + 3000/3 = 3000           R_A = 2/3000
 *   den_C = 1000/3 + 1000 (2/3) + 3000 = 4000      R_C = 1/4000
 *   A = 1e5 (R_A + R_C/3) = 75; B = 1e5 (R_A + 2 R_C/3) = 83.333;
 *   C = 1e5 (R_A/3 + R_C) = 47.222
 * With age weights (young 1, old 3; A 1000 young, B 500 + 500, C 1500 +
 * 1500): demand 1000, 2000, 6000:
 *   den_A = 1000 + 2000 + 6000/3 = 5000            R_A = 2/5000
 *   den_C = 1000/3 + 2000 (2/3) + 6000 = 23000/3   R_C = 3/23000
 *   A = 40 + 4.3478 = 44.348; B = 40 + 8.6957 = 48.696; C = 13.333 + 13.043
 * The nurses have no weight column: total population, and the GPs' APL is
 * the one computed without apl.professions, to the last bit. */
static void test_professions_by_hand(void **state) {
    fixture *f = *state;
    test_put(f->dir, "bpe2.csv", "DEPCOM,TYPEQU,NB_EQUIP\n34001,D201,2\n34003,D107,1\n34001,D221,2\n"
                                 "34003,D221,1\n34002,D232,4\n");
    const char *sets[] = {"facilities.bpe=bpe2.csv", "apl.professions=gp, dentist, nurse"};
    ga_study *s = NULL, *s0 = NULL;
    ga_study_result *r = NULL, *r0 = NULL;
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, sets, 2, &s));
    assert_ok(f->ctx, ga_study_run(f->ctx, s, &r));
    assert_int_equal(r->n_prof, 3);
    const ga_profession_apl *gp = &r->prof[0], *den = &r->prof[1], *nur = &r->prof[2];
    assert_string_equal(den->prof->name, "dentist");
    assert_near(den->headcount, 3, 0);
    assert_near(den->apl[0], 75, 1e-9);
    assert_near(den->apl[1], 1e5 * (2.0 / 3000 + 2.0 / 3 / 4000), 1e-9);
    assert_near(den->apl[2], 1e5 * (2.0 / 3000 / 3 + 1.0 / 4000), 1e-9);
    assert_non_null(strstr(den->demand_text, "total population"));
    /* 4 nurses in B reach everyone: A and B at weight 1, C at 2/3:
     * den_B = 1000 + 1000 + 3000 (2/3) = 4000; A = B = 100, C = 66.667 */
    assert_near(nur->apl[0], 100, 1e-9);
    assert_near(nur->apl[2], 1e5 * 4 / 4000 * 2 / 3, 1e-9);
    /* the lowest decile of the 5,000 people: C (47.222) comes first and its
     * 3,000 people already pass 500: the threshold is C's APL, C alone */
    assert_near(den->summary.threshold, 47.0 + 2.0 / 9, 1e-9);
    assert_int_equal(den->summary.communes_under, 1);
    assert_near(den->summary.population_under, 3000, 0);
    /* the GPs': their count (2 in A, no ring here), their APL unchanged */
    assert_near(gp->headcount, 2, 0);
    assert_near(gp->headcount_ring, 0, 0);
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, sets, 1, &s0));
    assert_ok(f->ctx, ga_study_run(f->ctx, s0, &r0));
    assert_int_equal(r0->n_prof, 0);
    assert_memory_equal(gp->apl, r0->apl.apl, 3 * sizeof(double));
    assert_memory_equal(r->apl.apl, r0->apl.apl, 3 * sizeof(double));
    ga_study_result_free(r0);
    ga_study_free(s0);
    ga_study_result_free(r);
    ga_study_free(s);

    /* without the GPs' APL the professions route their own table: the same */
    const char *alone[] = {"facilities.bpe=bpe2.csv", "apl.professions=dentist", "apl.type="};
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, alone, 3, &s));
    assert_ok(f->ctx, ga_study_run(f->ctx, s, &r));
    assert_false(r->has_apl);
    assert_near(r->prof[0].apl[0], 75, 1e-9);
    assert_near(r->prof[0].apl[2], 1e5 * (2.0 / 3000 / 3 + 1.0 / 4000), 1e-9);
    ga_study_result_free(r);
    ga_study_free(s);

    /* age weights */
    test_put(f->dir, "weights.csv", "age_band,dentist\nyoung,1\nold,3\n");
    test_put(f->dir, "ages.csv", "insee_code,young,old\n34001,1000,0\n34002,500,500\n34003,1500,1500\n");
    const char *aged[] = {"facilities.bpe=bpe2.csv", "apl.professions=dentist, nurse", "apl.age_weights=weights.csv",
                          "apl.age_population=ages.csv"};
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, aged, 4, &s));
    assert_ok(f->ctx, ga_study_run(f->ctx, s, &r));
    den = &r->prof[0];
    nur = &r->prof[1];
    assert_near(den->apl[0], 1e5 * (2.0 / 5000 + 3.0 / 23000 / 3), 1e-9);
    assert_near(den->apl[1], 1e5 * (2.0 / 5000 + 2.0 / 3 * 3.0 / 23000), 1e-9);
    assert_near(den->apl[2], 1e5 * (2.0 / 5000 / 3 + 3.0 / 23000), 1e-9);
    assert_near(den->apl[0], 44.347826, 1e-6);
    assert_near(1000 * den->apl[0] + 2000 * den->apl[1] + 6000 * den->apl[2], 3e5, 1e-6);
    assert_non_null(strstr(den->demand_text, "weighted by age"));
    assert_non_null(strstr(nur->demand_text, "total population")); /* no column of its own */
    assert_near(nur->apl[0], 100, 1e-9);
    ga_study_result_free(r);
    ga_study_free(s);
    /* a commune without its people by age */
    test_put(f->dir, "ages.csv", "insee_code,young,old\n34001,1000,0\n34003,1500,1500\n");
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, aged, 4, &s));
    assert_status(f->ctx, ga_study_run(f->ctx, s, &r), GA_ERR_VALUE);
    assert_error_mentions(f->ctx, "ages.csv: commune '34002' has no row");
    ga_study_free(s);
    /* weights without the people */
    assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, aged, 3, &s));
    assert_status(f->ctx, ga_study_run(f->ctx, s, &r), GA_ERR_VALUE);
    assert_error_mentions(f->ctx, "--set apl.age_weights: needs apl.age_population");
    ga_study_free(s);
}

/* An unknown profession is named, with the known ones; so are the GPs
 * without apl.type and a profession given twice. */
static void test_professions_errors(void **state) {
    fixture *f = *state;
    const struct { const char *set[2]; const char *needle; } cases[] = {
        {{"apl.professions=gp, dentists", NULL}, "--set apl.professions: 'dentists' is not a profession (known: gp, "
                                                 "dentist, midwife, nurse, physio, pharm)"},
        {{"apl.professions=gp", "apl.type="}, "'gp' is the APL of apl.type, which is not set"},
        {{"apl.professions=nurse, nurse", NULL}, "'nurse' is given twice"},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        ga_study *s = NULL;
        ga_study_result *r = NULL;
        assert_ok(f->ctx, ga_study_load(f->ctx, f->ini, cases[k].set, cases[k].set[1] ? 2 : 1, &s));
        assert_status(f->ctx, ga_study_run(f->ctx, s, &r), GA_ERR_VALUE);
        assert_null(r);
        assert_error_mentions(f->ctx, cases[k].needle);
        ga_study_free(s);
    }
    /* in a file: its line */
    g_autofree char *bad = g_strdup(study_text);
    char *at = strstr(bad, "[apl]\ntype = gp\n");
    assert_non_null(at);
    g_autofree char *withp = g_strdup_printf("%.*s[apl]\ntype = gp\nprofessions = dentist, vet\n%s", (int)(at - bad), bad,
                                             at + strlen("[apl]\ntype = gp\n"));
    ga_study *s = NULL;
    ga_study_result *r = NULL;
    assert_ok(f->ctx, ga_study_load_text(f->ctx, f->ini, withp, NULL, 0, &s));
    assert_status(f->ctx, ga_study_run(f->ctx, s, &r), GA_ERR_VALUE);
    assert_error_mentions(f->ctx, "line 24: [apl] professions: 'vet' is not a profession");
    ga_study_free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_run_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_override, setup, teardown),
        cmocka_unit_test_setup_teardown(test_facilities_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors_name_line_and_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_from_points, setup, teardown),
        cmocka_unit_test_setup_teardown(test_professions_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_professions_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
