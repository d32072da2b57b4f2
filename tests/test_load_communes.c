/* Loaders: commune polygons, point layers, CRS, encodings, and every bad
 * input of issue 2, on the fixtures written by make_fixtures.c. */
#include "core/internal.h"
#include "layer/communes.h"
#include "test_util.h"
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "geoaccess.h"

static ga_communes *read_ok(ga_ctx *ctx, const char *rel, const ga_communes_options *o) {
    ga_communes *c = NULL;
    assert_ok(ctx, ga_communes_read(ctx, shp_fixture(rel), o, &c));
    return c;
}

static void assert_read_fails(ga_ctx *ctx, const char *rel, const ga_communes_options *o,
                              ga_status expected, const char *needle) {
    ga_communes *c = NULL;
    assert_status(ctx, ga_communes_read(ctx, shp_fixture(rel), o, &c), expected);
    assert_null(c);
    assert_error_mentions(ctx, needle);
}

static void test_good_communes(void **state) {
    ga_ctx *ctx = *state;
    ga_communes *c = read_ok(ctx, "good/communes.shp", NULL);
    assert_int_equal(ga_communes_count(c), 4);
    assert_string_equal(ga_communes_id(c, 1), "34002");
    assert_string_equal(ga_communes_name(c, 1), "Béziers");
    assert_near(ga_communes_population(c, 2), 300, 0);
    /* squares of 1 km2; C is 2x2 km with a 1x1 km hole; D two 0.5x0.5 parts */
    assert_near(ga_communes_area(c, 0), 1e6, 1e-3);
    assert_near(ga_communes_area(c, 1), 1e6, 1e-3);
    assert_near(ga_communes_area(c, 2), 3e6, 1e-3);
    assert_near(ga_communes_area(c, 3), 0.5e6, 1e-3);
    assert_int_equal(ga_communes_find(c, "34003"), 2);
    assert_int_equal(ga_communes_find(c, "99999"), -1);
    assert_string_equal(ga_communes_attribute(c, 3, "NOM"), "Saint-Pons-de-Mauchiens");
    assert_null(ga_communes_attribute(c, 3, "nothing"));
    /* every representative point lies inside its polygon, C's not in the hole */
    for (size_t i = 0; i < 4; i++) {
        double x, y;
        ga_communes_point(c, i, &x, &y);
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(ctx->geos, x, y);
        assert_int_equal(GEOSContains_r(ctx->geos, ga_communes_geometry(c, i), pt), 1);
        GEOSGeom_destroy_r(ctx->geos, pt);
    }
    assert_int_equal(GEOSGeomTypeId_r(ctx->geos, ga_communes_geometry(c, 3)), GEOS_MULTIPOLYGON);
    assert_int_equal(GEOSGetNumInteriorRings_r(ctx->geos, ga_communes_geometry(c, 2)), 1);
    ga_communes_free(c);
}

static void test_encodings(void **state) {
    ga_ctx *ctx = *state;
    const char *dirs[] = {"latin1/communes.shp", "cp1252/communes.shp", "nocpg/communes"};
    for (size_t k = 0; k < 3; k++) {
        ga_communes *c = read_ok(ctx, dirs[k], NULL);
        assert_string_equal(ga_communes_name(c, 1), "Béziers");
        assert_string_equal(ga_communes_name(c, 2), "Sète");
        ga_communes_free(c);
    }
}

static void test_missing_sidecars(void **state) {
    ga_ctx *ctx = *state;
    assert_read_fails(ctx, "noshx/communes.shp", NULL, GA_ERR_IO, "communes.shx");
    assert_read_fails(ctx, "nodbf/communes.shp", NULL, GA_ERR_IO, "communes.dbf");
    assert_read_fails(ctx, "nowhere/communes.shp", NULL, GA_ERR_IO, "no such file");
    assert_read_fails(ctx, "noprj/communes.shp", NULL, GA_ERR_CRS, "missing .prj");
    ga_communes_options o = {.assume_crs = "EPSG:2154"};
    ga_communes *c = read_ok(ctx, "noprj/communes.shp", &o);
    assert_near(ga_communes_area(c, 0), 1e6, 1e-3);
    ga_communes_free(c);
}

static void test_damaged_files(void **state) {
    ga_ctx *ctx = *state;
    assert_read_fails(ctx, "truncated/communes.shp", NULL, GA_ERR_FORMAT, "truncated");
    assert_read_fails(ctx, "mismatch/communes.shp", NULL, GA_ERR_FORMAT,
                      "4 records in the .shp/.shx but 3 in the .dbf");
}

static void test_null_geometry(void **state) {
    ga_ctx *ctx = *state;
    assert_read_fails(ctx, "nullgeom/communes.shp", NULL, GA_ERR_GEOMETRY, "record 2 (id '34002'): null");
    assert_read_fails(ctx, "degenerate/communes.shp", NULL, GA_ERR_GEOMETRY,
                      "record 2 (id '34002'): empty geometry");
}

static void test_self_intersection_repaired_or_refused(void **state) {
    ga_ctx *ctx = *state;
    ga_ctx_clear_warnings(ctx);
    ga_communes *c = read_ok(ctx, "bowtie/communes.shp", NULL);
    /* the bow tie (1,0)-(2,1)-(2,0)-(1,1) becomes two triangles of 0.25 km2 */
    assert_near(ga_communes_area(c, 1), 0.5e6, 1e-3);
    assert_int_equal(ga_ctx_warning_count(ctx), 1);
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "record 2 (id '34002')"));
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "Self-intersection"));
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "MakeValid"));
    ga_ctx_clear_warnings(ctx);
    ga_communes_free(c);
    ga_communes_options o = {.invalid = GA_INVALID_REFUSE};
    assert_read_fails(ctx, "bowtie/communes.shp", &o, GA_ERR_GEOMETRY, "record 2 (id '34002'): invalid polygon");
}

static void test_duplicate_code(void **state) {
    ga_ctx *ctx = *state;
    assert_read_fails(ctx, "dupcode/communes.shp", NULL, GA_ERR_DUPLICATE,
                      "record 3: field 'insee': commune code '34001' already used by record 1");
}

static void test_unknown_crs(void **state) {
    ga_ctx *ctx = *state;
    assert_read_fails(ctx, "badcrs/communes.shp", NULL, GA_ERR_CRS, "badcrs/communes.shp");
    assert_status(ctx, ga_ctx_set_working_crs(ctx, "EPSG:999999"), GA_ERR_CRS);
    assert_error_mentions(ctx, "unknown CRS 'EPSG:999999'");
    assert_status(ctx, ga_ctx_set_working_crs(ctx, "EPSG:4326"), GA_ERR_CRS);
    assert_error_mentions(ctx, "not a projected");
    assert_string_equal(ga_ctx_get_working_crs(ctx), "EPSG:2154");
}

static void test_wrong_field_names(void **state) {
    ga_ctx *ctx = *state;
    ga_communes_options o = {.id_field = "CODE_INSEE"};
    assert_read_fails(ctx, "good/communes.shp", &o, GA_ERR_FIELD, "no field 'CODE_INSEE'");
    assert_error_mentions(ctx, "'insee' (text), 'nom' (text), 'population' (integer)");
    ga_communes_options p = {.population_field = "POP2021"};
    assert_read_fails(ctx, "good/communes.shp", &p, GA_ERR_FIELD, "no field 'POP2021'");
}

static void test_not_polygons(void **state) {
    ga_ctx *ctx = *state;
    ga_communes *c = NULL;
    assert_status(ctx, ga_communes_read(ctx, shp_fixture("lines/roads.shp"), NULL, &c), GA_ERR_GEOMETRY);
    assert_error_mentions(ctx, "communes need polygons");
}

/* The same squares stored in longitude/latitude come back in Lambert-93:
 * PROJ's round trip must keep areas to a square metre. */
static void test_wgs84_layer_transformed(void **state) {
    ga_ctx *ctx = *state;
    ga_communes *c = read_ok(ctx, "wgs84/communes.shp", NULL);
    assert_near(ga_communes_area(c, 0), 1e6, 1.0);
    assert_near(ga_communes_area(c, 2), 3e6, 1.0);
    ga_communes_free(c);
}

/* Lambert Conformal Conic (2SP) forward formulas, EPSG Guidance Note 7-2
 * section 3.2.1.1, with the Lambert-93 parameters (EPSG:2154) on GRS80:
 * an independent check of PROJ. */
static void lambert93(double lon_deg, double lat_deg, double *E, double *N) {
    const double a = 6378137.0, f = 1 / 298.257222101;
    const double e = sqrt(2 * f - f * f), d2r = G_PI / 180.0;
    const double phi1 = 49 * d2r, phi2 = 44 * d2r, phiF = 46.5 * d2r, lamF = 3 * d2r;
    const double EF = 700000, NF = 6600000;
#define LCC_M(p) (cos(p) / sqrt(1 - e * e * sin(p) * sin(p)))
#define LCC_T(p) (tan(G_PI / 4 - (p) / 2) / pow((1 - e * sin(p)) / (1 + e * sin(p)), e / 2))
    double m1 = LCC_M(phi1), m2 = LCC_M(phi2);
    double t1 = LCC_T(phi1), t2 = LCC_T(phi2), tF = LCC_T(phiF);
    double n = (log(m1) - log(m2)) / (log(t1) - log(t2));
    double F = m1 / (n * pow(t1, n));
    double rF = a * F * pow(tF, n);
    double phi = lat_deg * d2r, lam = lon_deg * d2r;
    double r = a * F * pow(LCC_T(phi), n), theta = n * (lam - lamF);
    *E = EF + r * sin(theta);
    *N = NF + rF - r * cos(theta);
#undef LCC_M
#undef LCC_T
}

static void test_crs_known_points(void **state) {
    ga_ctx *ctx = *state;
    /* the natural origin maps to the false easting and northing exactly */
    double x = 3.0, y = 46.5;
    assert_ok(ctx, ga_transform_to_working(ctx, "EPSG:4326", &x, &y, 1));
    assert_near(x, 700000.0, 0.01);
    assert_near(y, 6600000.0, 0.01);
    /* Montpellier, Béziers, Dunkerque, Ajaccio, Strasbourg */
    const double ll[][2] = {{3.8767, 43.6108}, {3.2158, 43.3442}, {2.3768, 51.0344},
                            {8.7386, 41.9192}, {7.7521, 48.5734}};
    for (size_t i = 0; i < G_N_ELEMENTS(ll); i++) {
        double px = ll[i][0], py = ll[i][1], ex, ey;
        assert_ok(ctx, ga_transform_to_working(ctx, "EPSG:4326", &px, &py, 1));
        lambert93(ll[i][0], ll[i][1], &ex, &ey);
        assert_near(px, ex, 0.01);
        assert_near(py, ey, 0.01);
    }
    double bx = 1, by = 2;
    assert_status(ctx, ga_transform_to_working(ctx, "EPSG:0", &bx, &by, 1), GA_ERR_CRS);
}

static void test_points_shapefile_and_assignment(void **state) {
    ga_ctx *ctx = *state;
    ga_communes *c = read_ok(ctx, "good/communes.shp", NULL);
    ga_points *p = NULL;
    ga_points_options o = {.id_col = "id", .type_col = "kind", .capacity_col = "beds"};
    assert_ok(ctx, ga_points_read_shp(ctx, shp_fixture("points/facilities.shp"), &o, &p));
    assert_int_equal(ga_points_count(p), 4);
    assert_string_equal(ga_points_type(p, 1), "msp");
    assert_near(ga_points_capacity(p, 3), 40, 0);
    /* F3 stands in C's hole: outside every commune */
    assert_status(ctx, ga_points_assign_communes(ctx, p, c, false), GA_ERR_OUTSIDE);
    assert_error_mentions(ctx, "point 'F3' (record 3, x=771000.00 y=6282000.00");
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_points_assign_communes(ctx, p, c, true));
    assert_int_equal(ga_points_commune(p, 0), 0);
    assert_int_equal(ga_points_commune(p, 1), 1);
    assert_int_equal(ga_points_commune(p, 2), -1);
    assert_int_equal(ga_points_commune(p, 3), 3);
    assert_int_equal(ga_ctx_warning_count(ctx), 1);
    ga_ctx_clear_warnings(ctx);
    ga_points_free(p);
    ga_points_options bad = {.capacity_col = "capacity"};
    assert_status(ctx, ga_points_read_shp(ctx, shp_fixture("points/facilities.shp"), &bad, &p), GA_ERR_FIELD);
    assert_error_mentions(ctx, "no field 'capacity'; fields are: 'id' (text), 'kind' (text), 'beds' (integer)");
    assert_status(ctx, ga_points_read_shp(ctx, shp_fixture("good/communes.shp"), NULL, &p), GA_ERR_GEOMETRY);
    ga_communes_free(c);
}

static char *write_temp(const char *name, const char *text) {
    g_autofree char *dir = test_tmpdir("load");
    test_put(dir, name, text);
    return g_build_filename(dir, name, NULL);
}

static void remove_temp(char *path) {
    g_autofree char *dir = g_path_get_dirname(path);
    test_rm_rf(dir);
    g_free(path);
}

static void test_points_csv(void **state) {
    ga_ctx *ctx = *state;
    ga_points *p = NULL;
    /* lon/lat detected */
    char *path = write_temp("pts.csv", "id,lon,lat,kind\nO,3,46.5,gp\nM,3.8767,43.6108,gp\n");
    ga_points_options o = {.type_col = "kind"};
    assert_ok(ctx, ga_points_read_csv(ctx, path, &o, &p));
    double x, y;
    ga_points_xy(p, 0, &x, &y);
    assert_near(x, 700000, 0.01);
    assert_near(y, 6600000, 0.01);
    assert_string_equal(ga_points_id(p, 1), "M");
    assert_near(ga_points_capacity(p, 1), 1.0, 0);
    ga_points_free(p);
    remove_temp(path);
    /* semicolons, decimal commas, x/y in Lambert-93 given by --crs */
    path = write_temp("pts2.csv", "code;x;y;capacite\nA;770000,5;6280000,25;2,5\n");
    ga_points_options o2 = {.id_col = "code", .crs = "EPSG:2154", .capacity_col = "capacite"};
    assert_ok(ctx, ga_points_read_csv(ctx, path, &o2, &p));
    ga_points_xy(p, 0, &x, &y);
    assert_near(x, 770000.5, 1e-6);
    assert_near(y, 6280000.25, 1e-6);
    assert_near(ga_points_capacity(p, 0), 2.5, 0);
    ga_points_free(p);
    p = NULL;
    remove_temp(path);
    /* errors: non-numeric, out-of-range latitude, duplicate id, no coordinates */
    path = write_temp("bad.csv", "id,x,y\nA,1,2\nB,abc,3\n");
    assert_status(ctx, ga_points_read_csv(ctx, path, NULL, &p), GA_ERR_VALUE);
    assert_error_mentions(ctx, "bad.csv: line 3: column 'x': not a number");
    remove_temp(path);
    path = write_temp("ll.csv", "id,lon,lat\nA,770000,6280000\n");
    assert_status(ctx, ga_points_read_csv(ctx, path, NULL, &p), GA_ERR_VALUE);
    assert_error_mentions(ctx, "line 2: longitude 770000 / latitude 6.28e+06 out of range");
    remove_temp(path);
    path = write_temp("dup.csv", "id,x,y\nA,1,2\nA,3,4\n");
    assert_status(ctx, ga_points_read_csv(ctx, path, NULL, &p), GA_ERR_DUPLICATE);
    assert_error_mentions(ctx, "record 2: id 'A' already used by record 1");
    remove_temp(path);
    path = write_temp("nocoord.csv", "id,east,north\nA,1,2\n");
    assert_status(ctx, ga_points_read_csv(ctx, path, NULL, &p), GA_ERR_FIELD);
    assert_error_mentions(ctx, "columns are: 'id', 'east', 'north'");
    remove_temp(path);
    assert_null(p);
}

static void test_counts_per_commune(void **state) {
    ga_ctx *ctx = *state;
    ga_communes *c = read_ok(ctx, "good/communes.shp", NULL);
    const char *csv = "DEPCOM,DCIRIS,TYPEQU,NB_EQUIP\n34002,34002_1,D201,2\n34002,34002_2,D201,3\n"
                      "34004,34004,D301,1\n34004,34004,D201,1\n99999,99999,D201,7\n";
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "bpe.csv", csv, strlen(csv), &t));
    ga_points *p = NULL;
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_points_from_counts(ctx, t, "DEPCOM", "TYPEQU", "NB_EQUIP", "D201", c, &p));
    assert_int_equal(ga_points_count(p), 2);
    assert_string_equal(ga_points_id(p, 0), "D201-34002");
    assert_near(ga_points_capacity(p, 0), 5, 0);
    assert_int_equal(ga_points_commune(p, 1), 3);
    double px, py, cx, cy;
    ga_points_xy(p, 1, &px, &py);
    ga_communes_point(c, 3, &cx, &cy);
    assert_near(px, cx, 0);
    assert_near(py, cy, 0);
    assert_int_equal(ga_ctx_warning_count(ctx), 1);
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "'99999'"));
    ga_ctx_clear_warnings(ctx);
    ga_points_free(p);
    ga_table_free(t);
    ga_communes_free(c);
}

static void test_join_population(void **state) {
    ga_ctx *ctx = *state;
    ga_communes *c = read_ok(ctx, "good/communes.shp", NULL);
    const char *csv = "insee_code;pop_std\n34001;101,5\n34002;202\n34003;303\n34004;44\n";
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "pop.csv", csv, strlen(csv), &t));
    double v[4];
    assert_ok(ctx, ga_communes_join(ctx, c, t, "insee_code", "pop_std", v));
    assert_near(v[0], 101.5, 1e-12);
    assert_near(v[3], 44, 0);
    assert_status(ctx, ga_communes_join(ctx, c, t, "insee_code", "pop", v), GA_ERR_FIELD);
    ga_table_free(t);
    ga_communes_free(c);
}

/* The DREES places a commune at its chef-lieu: points from a table replace
 * the point on surface; communes absent from the table keep theirs. */
static void test_points_from_table(void **state) {
    ga_ctx *ctx = *state;
    ga_communes *c = read_ok(ctx, "good/communes.shp", NULL);
    double x3, y3;
    ga_communes_point(c, 3, &x3, &y3);
    const char *csv = "code,lon,lat\n34001,3,46.5\n34002,3.8767,43.6108\n";
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "chefs.csv", csv, strlen(csv), &t));
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_communes_set_points(ctx, c, t, "code", "lon", "lat", "EPSG:4326"));
    double x, y;
    ga_communes_point(c, 0, &x, &y);
    assert_near(x, 700000, 0.01);
    assert_near(y, 6600000, 0.01);
    ga_communes_point(c, 3, &x, &y);
    assert_near(x, x3, 0);
    assert_near(y, y3, 0);
    assert_int_equal(ga_ctx_warning_count(ctx), 1);
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "2 of 4 communes have no point"));
    ga_ctx_clear_warnings(ctx);
    assert_status(ctx, ga_communes_set_points(ctx, c, t, "code", "x", "lat", NULL), GA_ERR_FIELD);
    ga_table_free(t);
    ga_communes_free(c);
}

static size_t count_files(const char *dir) {
    GDir *d = g_dir_open(dir, 0, NULL);
    size_t n = 0;
    while (d && g_dir_read_name(d)) n++;
    if (d) g_dir_close(d);
    return n;
}

static void test_result_round_trip_and_no_partial_output(void **state) {
    ga_ctx *ctx = *state;
    ga_communes *c = read_ok(ctx, "good/communes.shp", NULL);
    char *dir = test_tmpdir("out");
    ga_result *r = ga_result_new(4);
    const char *ids[] = {"34001", "34002", "34003", "34004"};
    const char *names[] = {"Abeilhan", "Béziers, \"centre\"", "Sète", NULL};
    double val[] = {1.5, NAN, 3.25, 1e-3};
    ga_result_add_text(r, "insee", ids);
    ga_result_add_text(r, "nom", names);
    ga_result_add_number(r, "value", val, 2);
    char *csv = g_build_filename(dir, "res.csv", NULL), *shp = g_build_filename(dir, "res.shp", NULL);
    assert_ok(ctx, ga_result_write_csv(ctx, r, csv));
    assert_ok(ctx, ga_result_write_shp_communes(ctx, r, c, shp));
    char *text = NULL;
    assert_true(g_file_get_contents(csv, &text, NULL, NULL));
    assert_string_equal(text, "insee,nom,value\n34001,Abeilhan,1.50\n34002,\"Béziers, \"\"centre\"\"\",\n"
                              "34003,Sète,3.25\n34004,,0.00\n");
    g_free(text);
    assert_int_equal(count_files(dir), 6); /* csv + shp shx dbf prj cpg */
    ga_communes *back = NULL;
    ga_communes_options o = {.id_field = "insee", .name_field = "nom"};
    assert_ok(ctx, ga_communes_read(ctx, shp, &o, &back));
    assert_int_equal(ga_communes_count(back), 4);
    assert_string_equal(ga_communes_name(back, 1), "Béziers, \"centre\"");
    assert_near(ga_communes_area(back, 2), 3e6, 1e-3);
    assert_string_equal(ga_communes_attribute(back, 0, "value"), "1.50");
    assert_string_equal(ga_communes_attribute(back, 1, "value"), "");
    ga_communes_free(back);
    /* a name over the DBF's 10 characters gets a short one and the set its
     * mapping (tests/test_units.c checks the names) */
    ga_result_add_number(r, "much_too_long", val, 2);
    char *shp2 = g_build_filename(dir, "other.shp", NULL);
    assert_ok(ctx, ga_result_write_shp_communes(ctx, r, c, shp2));
    assert_int_equal(count_files(dir), 12); /* + other.shp shx dbf prj cpg fields.csv */
    /* an unwritable destination: an error naming it */
    assert_status(ctx, ga_result_write_csv(ctx, r, "/nonexistent-dir/x.csv"), GA_ERR_IO);
    assert_error_mentions(ctx, "/nonexistent-dir/x.csv");
    ga_result_free(r);
    test_rm_rf(dir);
    g_free(csv);
    g_free(shp);
    g_free(shp2);
    g_free(dir);
    ga_communes_free(c);
}

static void test_describe(void **state) {
    ga_ctx *ctx = *state;
    char *text = NULL;
    assert_ok(ctx, ga_describe_file(ctx, shp_fixture("good/communes.shp"), &text));
    assert_non_null(strstr(text, "geometry: Polygon"));
    assert_non_null(strstr(text, "records: 4"));
    assert_non_null(strstr(text, "EPSG:2154"));
    assert_non_null(strstr(text, "population  integer"));
    g_free(text);
    assert_ok(ctx, ga_describe_file(ctx, shp_fixture("noprj/communes.shp"), &text));
    assert_non_null(strstr(text, "CRS: none (no .prj file)"));
    g_free(text);
    char *path = write_temp("t.csv", "id;val\nA;1,5\nB;2\n");
    assert_ok(ctx, ga_describe_file(ctx, path, &text));
    assert_non_null(strstr(text, "separator: semicolon"));
    assert_non_null(strstr(text, "real    1.5 .. 2"));
    g_free(text);
    remove_temp(path);
    assert_status(ctx, ga_describe_file(ctx, "/nonexistent.shp", &text), GA_ERR_IO);
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
        cmocka_unit_test(test_good_communes),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_missing_sidecars),
        cmocka_unit_test(test_damaged_files),
        cmocka_unit_test(test_null_geometry),
        cmocka_unit_test(test_self_intersection_repaired_or_refused),
        cmocka_unit_test(test_duplicate_code),
        cmocka_unit_test(test_unknown_crs),
        cmocka_unit_test(test_wrong_field_names),
        cmocka_unit_test(test_not_polygons),
        cmocka_unit_test(test_wgs84_layer_transformed),
        cmocka_unit_test(test_crs_known_points),
        cmocka_unit_test(test_points_shapefile_and_assignment),
        cmocka_unit_test(test_points_csv),
        cmocka_unit_test(test_counts_per_commune),
        cmocka_unit_test(test_join_population),
        cmocka_unit_test(test_points_from_table),
        cmocka_unit_test(test_result_round_trip_and_no_partial_output),
        cmocka_unit_test(test_describe),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
