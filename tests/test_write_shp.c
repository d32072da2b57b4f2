/* Shapefile sets (write/shp.c): DBF names of at most 10 ASCII characters,
 * unique ignoring case; a set written under temporary names and renamed
 * into place with its .prj, .cpg and (when a name was shortened) the field
 * mapping, read back with shapelib; a failed set leaves nothing; GEOS
 * polygons as shapelib objects with shells clockwise and holes
 * counter-clockwise. Expected names and values worked out by hand from the
 * rules in shp.h. */
#include <shapefil.h>
#include "test_util.h"
#include "core/internal.h"
#include "write/shp.h"

static int count_files(const char *dir) {
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    while (d && g_dir_read_name(d)) n++;
    if (d) g_dir_close(d);
    return n;
}

/* Twice the signed area of part `k` of o (> 0 counter-clockwise). */
static double ring_area2(const SHPObject *o, int k) {
    int a = o->panPartStart[k], b = k + 1 < o->nParts ? o->panPartStart[k + 1] : o->nVertices;
    double s = 0;
    for (int i = a; i + 1 < b; i++) s += o->padfX[i] * o->padfY[i + 1] - o->padfX[i + 1] * o->padfY[i];
    return s;
}

static void dbf_names(void **state) {
    (void)state;
    const char *names[] = {"gp_min", "access_time_min", "population_2021", "population_2022",
                           "ID", "id", "Médecins généralistes", "%%", "population_reached"};
    const char *want[] = {"gp_min", "access_min", "popul_2021", "popul_2022",
                          "ID", "id2", "Medecins_g", "f", "population"};
    char **got = ga_shp_dbf_names(names, G_N_ELEMENTS(names));
    assert_non_null(got);
    for (size_t k = 0; k < G_N_ELEMENTS(names); k++) assert_string_equal(got[k], want[k]);
    assert_null(got[G_N_ELEMENTS(names)]);
    g_strfreev(got);
}

/* A point set by hand: fields, two records, finish; then read back. */
static void point_set_round_trip(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("write_shp");
    g_autofree char *path = g_build_filename(dir, "pts.shp", NULL);
    ga_shp_out o;
    assert_ok(ctx, ga_shp_out_open(ctx, path, SHPT_POINT, &o));
    assert_false(test_exists(dir, "pts.shp")); /* temporary names until the finish */
    const char *names[] = {"code", "population_reached"};
    bool text[] = {true, false};
    int width[] = {5, 0}, dec[] = {0, 1};
    assert_ok(ctx, ga_shp_out_fields(ctx, &o, names, text, width, dec, 2, path));
    double xs[] = {700000, 701000.5}, ys[] = {6600000, 6600250.25};
    for (int i = 0; i < 2; i++) {
        SHPObject *p = SHPCreateSimpleObject(SHPT_POINT, 1, &xs[i], &ys[i], NULL);
        int id = SHPWriteObject(o.shp, -1, p);
        SHPDestroyObject(p);
        DBFWriteStringAttribute(o.dbf, id, 0, i ? "34002" : "34001");
        DBFWriteDoubleAttribute(o.dbf, id, 1, i ? 1234.5 : 0.25);
    }
    assert_ok(ctx, ga_shp_out_finish(ctx, &o, GA_OK, path));
    assert_int_equal(count_files(dir), 6); /* shp shx dbf prj cpg fields.csv, no temporary */
    SHPHandle shp = SHPOpen(path, "rb");
    int n = 0, type = 0;
    double lo[4], hi[4];
    SHPGetInfo(shp, &n, &type, lo, hi);
    assert_int_equal(n, 2);
    assert_int_equal(type, SHPT_POINT);
    assert_near(lo[0], 700000, 0);
    assert_near(hi[1], 6600250.25, 0);
    SHPClose(shp);
    g_autofree char *dbfp = g_build_filename(dir, "pts.dbf", NULL);
    DBFHandle dbf = DBFOpen(dbfp, "rb");
    char name[12];
    int w = 0, d = 0;
    assert_int_equal(DBFGetFieldInfo(dbf, 1, name, &w, &d), FTDouble);
    assert_string_equal(name, "population");
    assert_int_equal(d, 1);
    assert_string_equal(DBFReadStringAttribute(dbf, 1, 0), "34002");
    assert_near(DBFReadDoubleAttribute(dbf, 1, 1), 1234.5, 0);
    DBFClose(dbf);
    g_autofree char *map = test_read(dir, "pts.fields.csv");
    assert_string_equal(map, "long_name,dbf_name\ncode,code\npopulation_reached,population\n");
    g_autofree char *cpg = test_read(dir, "pts.cpg");
    assert_string_equal(cpg, "UTF-8");
    g_autofree char *prj = test_read(dir, "pts.prj");
    assert_true(g_str_has_prefix(prj, "PROJCS[\"RGF_1993_Lambert_93\""));
    /* written again with short names only: the stale mapping goes */
    assert_ok(ctx, ga_shp_out_open(ctx, path, SHPT_POINT, &o));
    const char *short_names[] = {"code"};
    assert_ok(ctx, ga_shp_out_fields(ctx, &o, short_names, text, width, dec, 1, path));
    assert_ok(ctx, ga_shp_out_finish(ctx, &o, GA_OK, path));
    assert_false(test_exists(dir, "pts.fields.csv"));
    assert_int_equal(count_files(dir), 5);
    test_rm_rf(dir);
}

/* A set finished with an error: the error comes back, no file remains. */
static void failed_set_leaves_nothing(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("write_shp");
    g_autofree char *path = g_build_filename(dir, "bad.shp", NULL);
    ga_shp_out o;
    assert_ok(ctx, ga_shp_out_open(ctx, path, SHPT_POINT, &o));
    assert_true(count_files(dir) >= 2); /* the temporary .shp/.shx/.dbf exist */
    assert_int_equal(ga_shp_out_finish(ctx, &o, GA_ERR_VALUE, path), GA_ERR_VALUE);
    assert_int_equal(count_files(dir), 0);
    test_rm_rf(dir);
}

/* A polygon given counter-clockwise with a clockwise hole comes out with
 * the shell clockwise and the hole counter-clockwise; an empty geometry
 * is a null shape. */
static void polygon_orientation(void **state) {
    ga_ctx *ctx = *state;
    GEOSWKTReader *r = GEOSWKTReader_create_r(ctx->geos);
    GEOSGeometry *g = GEOSWKTReader_read_r(ctx->geos, r,
        "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))");
    GEOSGeometry *e = GEOSWKTReader_read_r(ctx->geos, r, "POLYGON EMPTY");
    SHPObject *o = ga_shp_polygon(ctx->geos, g, 7);
    assert_int_equal(o->nSHPType, SHPT_POLYGON);
    assert_int_equal(o->nShapeId, 7);
    assert_int_equal(o->nParts, 2);
    assert_int_equal(o->nVertices, 10);
    assert_near(ring_area2(o, 0), -200, 1e-9); /* 10 x 10, clockwise */
    assert_near(ring_area2(o, 1), 8, 1e-9);    /* 2 x 2, counter-clockwise */
    SHPDestroyObject(o);
    o = ga_shp_polygon(ctx->geos, e, 0);
    assert_int_equal(o->nSHPType, SHPT_NULL);
    SHPDestroyObject(o);
    GEOSGeom_destroy_r(ctx->geos, g);
    GEOSGeom_destroy_r(ctx->geos, e);
    GEOSWKTReader_destroy_r(ctx->geos, r);
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
        cmocka_unit_test(dbf_names),
        cmocka_unit_test(point_set_round_trip),
        cmocka_unit_test(failed_set_leaves_nothing),
        cmocka_unit_test(polygon_orientation),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
