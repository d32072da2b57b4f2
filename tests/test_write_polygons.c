/* Polygon layers (write/polygons.c): a shapefile of GEOS (multi)polygons
 * with text and number fields (NAN as NULL), read back with shapelib; the
 * GeoJSON in WGS 84 longitude/latitude (Lambert-93's origin, 700000 E
 * 6600000 N, is 3 E 46.5 N), shells counter-clockwise and holes clockwise
 * (RFC 7946), properties escaped, NAN as null. */
#include <shapefil.h>
#include "test_util.h"
#include "core/internal.h"
#include "write/polygons.h"

static GEOSGeometry *wkt(ga_ctx *ctx, const char *text) {
    GEOSWKTReader *r = GEOSWKTReader_create_r(ctx->geos);
    GEOSGeometry *g = GEOSWKTReader_read_r(ctx->geos, r, text);
    GEOSWKTReader_destroy_r(ctx->geos, r);
    assert_non_null(g);
    return g;
}

/* A 1 km square at Lambert-93's origin (counter-clockwise) with a clockwise
 * hole, and two 1 km squares side by side 10 km east (the first one given
 * clockwise). */
static void two_layers(ga_ctx *ctx, GEOSGeometry *g[2]) {
    g[0] = wkt(ctx, "POLYGON((700000 6600000, 701000 6600000, 701000 6601000, 700000 6601000, 700000 6600000),"
                    "(700250 6600250, 700250 6600750, 700750 6600750, 700750 6600250, 700250 6600250))");
    g[1] = wkt(ctx, "MULTIPOLYGON(((710000 6600000, 710000 6601000, 711000 6601000, 711000 6600000, 710000 6600000)),"
                    "((712000 6600000, 713000 6600000, 713000 6601000, 712000 6601000, 712000 6600000)))");
}

static void shapefile_read_back(void **state) {
    ga_ctx *ctx = *state;
    GEOSGeometry *g[2];
    two_layers(ctx, g);
    const char *names[] = {"A", "B, \"b\""};
    double pop[] = {12.5, NAN};
    ga_poly_field f[] = {{.name = "name", .text = names}, {.name = "pop", .num = pop, .decimals = 2}};
    g_autofree char *dir = test_tmpdir("write_polygons");
    g_autofree char *path = g_build_filename(dir, "zones.shp", NULL);
    assert_ok(ctx, ga_polygons_write_shp(ctx, (const GEOSGeometry *const *)g, 2, f, 2, path));
    SHPHandle shp = SHPOpen(path, "rb");
    assert_non_null(shp);
    int n = 0, type = 0;
    SHPGetInfo(shp, &n, &type, NULL, NULL);
    assert_int_equal(n, 2);
    assert_int_equal(type, SHPT_POLYGON);
    SHPObject *o = SHPReadObject(shp, 0);
    assert_int_equal(o->nParts, 2); /* the shell and its hole */
    assert_int_equal(o->nVertices, 10);
    assert_near(o->dfXMin, 700000, 0);
    assert_near(o->dfYMax, 6601000, 0);
    SHPDestroyObject(o);
    o = SHPReadObject(shp, 1);
    assert_int_equal(o->nParts, 2); /* two shells */
    assert_near(o->dfXMax, 713000, 0);
    SHPDestroyObject(o);
    SHPClose(shp);
    g_autofree char *dbfp = g_build_filename(dir, "zones.dbf", NULL);
    DBFHandle dbf = DBFOpen(dbfp, "rb");
    char name[12];
    int w = 0, d = 0;
    assert_int_equal(DBFGetFieldInfo(dbf, 0, name, &w, NULL), FTString);
    assert_int_equal(w, (int)strlen(names[1])); /* the longest value */
    assert_int_equal(DBFGetFieldInfo(dbf, 1, name, &w, &d), FTDouble);
    assert_string_equal(name, "pop");
    assert_int_equal(d, 2);
    assert_string_equal(DBFReadStringAttribute(dbf, 1, 0), "B, \"b\"");
    assert_near(DBFReadDoubleAttribute(dbf, 0, 1), 12.5, 0);
    assert_true(DBFIsAttributeNULL(dbf, 1, 1));
    DBFClose(dbf);
    assert_true(test_exists(dir, "zones.prj"));
    assert_false(test_exists(dir, "zones.fields.csv")); /* no name was shortened */
    test_rm_rf(dir);
    GEOSGeom_destroy_r(ctx->geos, g[0]);
    GEOSGeom_destroy_r(ctx->geos, g[1]);
}

static void geojson_wgs84(void **state) {
    ga_ctx *ctx = *state;
    GEOSGeometry *g[2];
    two_layers(ctx, g);
    const char *names[] = {"A", "B, \"b\""};
    double pop[] = {12.5, NAN};
    ga_poly_field f[] = {{.name = "name", .text = names}, {.name = "pop", .num = pop, .decimals = 2}};
    g_autofree char *dir = test_tmpdir("write_polygons");
    g_autofree char *path = g_build_filename(dir, "zones.geojson", NULL);
    assert_ok(ctx, ga_polygons_write_geojson(ctx, (const GEOSGeometry *const *)g, 2, f, 2, path));
    g_autofree char *text = test_read(dir, "zones.geojson");
    assert_true(g_str_has_prefix(text, "{\"type\":\"FeatureCollection\",\"features\":[\n"));
    assert_non_null(strstr(text, "\"properties\":{\"name\":\"A\",\"pop\":12.50}"));
    assert_non_null(strstr(text, "\"properties\":{\"name\":\"B, \\\"b\\\"\",\"pop\":null}"));
    /* the first shell starts at the origin, counter-clockwise as given */
    assert_non_null(strstr(text, "\"coordinates\":[[[[3.0000000,46.5000000],"));
    /* its hole, given clockwise, is kept clockwise: (250, 250) then (250, 750) */
    const char *hole = strstr(text, "]],[[");
    assert_non_null(hole);
    double lon0, lat0, lon1, lat1;
    assert_int_equal(sscanf(hole, "]],[[%lf,%lf],[%lf,%lf]", &lon0, &lat0, &lon1, &lat1), 4);
    assert_near(lon1, lon0, 1e-4); /* north along the same meridian-ish line */
    assert_true(lat1 > lat0);
    /* the second feature has two polygons; its first shell, given
     * clockwise, is turned: from (710000, 6600000) east first, not north */
    const char *second = strstr(text, "\"name\":\"B");
    assert_non_null(strstr(second, "]]],[[["));
    const char *shell = strstr(second, "\"coordinates\":[[[[");
    assert_non_null(shell);
    assert_int_equal(sscanf(shell, "\"coordinates\":[[[[%lf,%lf],[%lf,%lf]", &lon0, &lat0, &lon1, &lat1), 4);
    assert_true(lon1 > lon0 + 0.01); /* 1 km east is about 0.013 degrees */
    assert_near(lat1, lat0, 1e-3);
    assert_int_equal(ga_ctx_warning_count(ctx), 0);
    test_rm_rf(dir);
    GEOSGeom_destroy_r(ctx->geos, g[0]);
    GEOSGeom_destroy_r(ctx->geos, g[1]);
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
        cmocka_unit_test(shapefile_read_back),
        cmocka_unit_test(geojson_wgs84),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
