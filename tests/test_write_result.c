/* Result tables (write/result.c): the CSV (quoting, decimals, NAN empty;
 * the stream gives the file's bytes) and the point and polygon shapefiles,
 * read back with shapelib (records, geometry, DBF fields and values, NULL
 * for NAN, .prj and .cpg); a table whose rows do not match the layer is
 * refused with no file. */
#include <shapefil.h>
#include "test_util.h"
#include "geoaccess.h"
#include "write/csv_out.h"

/* The result table's CSV quotes its text cells (names, ids). */
static void result_csv_quotes(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    char *dir = test_tmpdir("write");
    const char *ids[] = {"A,1", "B\"2"};
    double v[] = {1, NAN};
    ga_result *r = ga_result_new(2);
    ga_result_add_text(r, "id", ids);
    ga_result_add_number(r, "v", v, 1);
    g_autofree char *p = g_build_filename(dir, "r.csv", NULL);
    assert_ok(ctx, ga_result_write_csv(ctx, r, p));
    g_autofree char *got = test_read(dir, "r.csv");
    assert_string_equal(got, "id,v\n\"A,1\",1.0\n\"B\"\"2\",\n");
    ga_result_free(r);
    test_rm_rf(dir);
    g_free(dir);
    ga_ctx_free(ctx);
}

/* The stream writer and the file writer give the same bytes. */
static void result_stream_equals_file(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    g_autofree char *dir = test_tmpdir("write_result");
    const char *ids[] = {"34172", "34001"};
    double v[] = {2.25, -0.5}, w[] = {INFINITY, 3};
    ga_result *r = ga_result_new(2);
    ga_result_add_text(r, "insee", ids);
    ga_result_add_number(r, "apl", v, 2);
    ga_result_add_number(r, "min", w, 0);
    g_autofree char *p = g_build_filename(dir, "r.csv", NULL);
    assert_ok(ctx, ga_result_write_csv(ctx, r, p));
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_true(ga_result_write_csv_stream(r, f));
    fclose(f);
    g_autofree char *file = test_read(dir, "r.csv");
    assert_string_equal(file, "insee,apl,min\n34172,2.25,inf\n34001,-0.50,3\n");
    assert_string_equal(buf, file);
    free(buf);
    ga_result_free(r);
    test_rm_rf(dir);
    ga_ctx_free(ctx);
}

/* Points: one record per row at the point's coordinates; a text field as
 * wide as its longest value, numbers with their decimals, NAN as NULL;
 * the .prj is Lambert-93's ESRI WKT, the .cpg says UTF-8. */
static void result_points_shapefile(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    g_autofree char *dir = test_tmpdir("write_result");
    ga_points *p = ga_points_new();
    ga_points_add(p, "P1", 770000, 6280000, "gp", 1);
    ga_points_add(p, "P2", 771500.5, 6281000.25, "gp", 1);
    const char *ids[] = {"P1", "Béziers"};
    double v[] = {12.5, NAN};
    ga_result *r = ga_result_new(2);
    ga_result_add_text(r, "id", ids);
    ga_result_add_number(r, "minutes", v, 1);
    g_autofree char *path = g_build_filename(dir, "pts.shp", NULL);
    assert_ok(ctx, ga_result_write_shp_points(ctx, r, p, path));
    SHPHandle shp = SHPOpen(path, "rb");
    assert_non_null(shp);
    int n = 0, type = 0;
    SHPGetInfo(shp, &n, &type, NULL, NULL);
    assert_int_equal(n, 2);
    assert_int_equal(type, SHPT_POINT);
    SHPObject *o = SHPReadObject(shp, 1);
    assert_near(o->padfX[0], 771500.5, 0);
    assert_near(o->padfY[0], 6281000.25, 0);
    SHPDestroyObject(o);
    SHPClose(shp);
    g_autofree char *dbfp = g_build_filename(dir, "pts.dbf", NULL);
    DBFHandle dbf = DBFOpen(dbfp, "rb");
    assert_non_null(dbf);
    assert_int_equal(DBFGetFieldCount(dbf), 2);
    assert_int_equal(DBFGetRecordCount(dbf), 2);
    char name[12];
    int width = 0, dec = 0;
    assert_int_equal(DBFGetFieldInfo(dbf, 0, name, &width, NULL), FTString);
    assert_string_equal(name, "id");
    assert_int_equal(width, (int)strlen("Béziers")); /* bytes of UTF-8 */
    assert_int_equal(DBFGetFieldInfo(dbf, 1, name, &width, &dec), FTDouble);
    assert_string_equal(name, "minutes");
    assert_int_equal(dec, 1);
    assert_string_equal(DBFReadStringAttribute(dbf, 1, 0), "Béziers");
    assert_near(DBFReadDoubleAttribute(dbf, 0, 1), 12.5, 0);
    assert_true(DBFIsAttributeNULL(dbf, 1, 1));
    DBFClose(dbf);
    g_autofree char *prj = test_read(dir, "pts.prj");
    assert_non_null(prj);
    assert_true(g_str_has_prefix(prj, "PROJCS[\"RGF_1993_Lambert_93\""));
    assert_non_null(strstr(prj, "Lambert_Conformal_Conic"));
    g_autofree char *cpg = test_read(dir, "pts.cpg");
    assert_string_equal(cpg, "UTF-8");
    ga_result_free(r);
    ga_points_free(p);
    test_rm_rf(dir);
    ga_ctx_free(ctx);
}

/* Rows and geometries must match: an error naming both counts, no file. */
static void result_rows_must_match_layer(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    g_autofree char *dir = test_tmpdir("write_result");
    ga_points *p = ga_points_new();
    ga_points_add(p, "P1", 770000, 6280000, "gp", 1);
    const char *ids[] = {"P1", "P2"};
    ga_result *r = ga_result_new(2);
    ga_result_add_text(r, "id", ids);
    g_autofree char *path = g_build_filename(dir, "pts.shp", NULL);
    assert_status(ctx, ga_result_write_shp_points(ctx, r, p, path), GA_ERR_ARG);
    assert_error_mentions(ctx, "2 result rows for 1 geometries");
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_null(g_dir_read_name(d)); /* nothing at all, no temporary either */
    g_dir_close(d);
    ga_result_free(r);
    ga_points_free(p);
    test_rm_rf(dir);
    ga_ctx_free(ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(result_csv_quotes),
        cmocka_unit_test(result_stream_equals_file),
        cmocka_unit_test(result_points_shapefile),
        cmocka_unit_test(result_rows_must_match_layer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
