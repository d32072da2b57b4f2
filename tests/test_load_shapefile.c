/* Opening shapefiles (load/shapefile.c) on the fixtures of make_fixtures.c:
 * the sidecars read (.prj, the encoding from the .cpg), DBF text converted
 * to UTF-8 (ISO-8859-1, CP1252, UTF-8), fields found ignoring case, the
 * field list, the CRS from the .prj or the one assumed, and the errors for
 * a missing .shp, .shx or .prj naming the file. */
#include "test_util.h"
#include "load/load.h"

static void good_layer(void **state) {
    ga_ctx *ctx = *state;
    ga_shapefile s;
    assert_ok(ctx, ga_shapefile_open(ctx, shp_fixture("good/communes.shp"), &s));
    assert_int_equal(s.n_records, 4);
    assert_int_equal(s.shape_type, SHPT_POLYGON);
    assert_non_null(s.prj);
    assert_int_equal(ga_shapefile_field(&s, "INSEE"), 0);
    assert_int_equal(ga_shapefile_field(&s, "population"), 2);
    assert_int_equal(ga_shapefile_field(&s, "code"), -1);
    const char *cands[] = {"code_insee", "nom", NULL};
    assert_int_equal(ga_shapefile_field_any(&s, cands), 1);
    g_autofree char *name = ga_shapefile_text(&s, 1, 1);
    assert_string_equal(name, "Béziers");
    g_autofree char *list = ga_shapefile_field_list(&s);
    assert_non_null(strstr(list, "'insee' ("));
    assert_non_null(strstr(list, "'population' ("));
    const char *crs = NULL;
    assert_ok(ctx, ga_shapefile_crs(ctx, &s, "EPSG:4326", &crs));
    assert_ptr_equal(crs, s.prj); /* the .prj wins over the assumption */
    ga_shapefile_close(&s);
    /* without the extension, the same layer */
    g_autofree char *base = g_strdup(shp_fixture("good/communes"));
    assert_ok(ctx, ga_shapefile_open(ctx, base, &s));
    assert_int_equal(s.n_records, 4);
    ga_shapefile_close(&s);
}

/* 8-bit text: Béziers and Sète read back in UTF-8 whatever the encoding;
 * the encoding named by the .cpg, or by the DBF's language driver (87:
 * Windows-1252) when there is none. */
static void encodings(void **state) {
    ga_ctx *ctx = *state;
    const char *subs[] = {"latin1/communes.shp", "cp1252/communes.shp", "nocpg/communes.shp"};
    const char *enc[] = {"ISO-8859-1", "WINDOWS-1252", "WINDOWS-1252"};
    for (size_t k = 0; k < G_N_ELEMENTS(subs); k++) {
        ga_shapefile s;
        assert_ok(ctx, ga_shapefile_open(ctx, shp_fixture(subs[k]), &s));
        assert_string_equal(s.encoding, enc[k]);
        g_autofree char *b = ga_shapefile_text(&s, 1, 1);
        g_autofree char *c = ga_shapefile_text(&s, 2, 1);
        assert_string_equal(b, "Béziers");
        assert_string_equal(c, "Sète");
        ga_shapefile_close(&s);
    }
}

/* Byte 0xA4 is the euro sign in ISO-8859-15 and "¤" in ISO-8859-1 and
 * Windows-1252: read as the .cpg says. */
static void declared_encoding_used(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("load_shapefile");
    g_autofree char *base = g_build_filename(dir, "p", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POINT);
    DBFHandle dbf = DBFCreate(base);
    DBFAddField(dbf, "label", FTString, 10, 0);
    double x = 700000, y = 6600000;
    SHPObject *o = SHPCreateSimpleObject(SHPT_POINT, 1, &x, &y, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    DBFWriteStringAttribute(dbf, 0, 0, "5 \xA4");
    SHPClose(shp);
    DBFClose(dbf);
    test_put(dir, "p.cpg", "ISO-8859-15");
    ga_shapefile s;
    assert_ok(ctx, ga_shapefile_open(ctx, base, &s));
    g_autofree char *t = ga_shapefile_text(&s, 0, 0);
    assert_string_equal(t, "5 \u20AC");
    ga_shapefile_close(&s);
    test_rm_rf(dir);
}

static void missing_parts(void **state) {
    ga_ctx *ctx = *state;
    ga_shapefile s;
    assert_status(ctx, ga_shapefile_open(ctx, shp_fixture("none/communes.shp"), &s), GA_ERR_IO);
    assert_error_mentions(ctx, "none/communes.shp: no such file");
    assert_status(ctx, ga_shapefile_open(ctx, shp_fixture("noshx/communes.shp"), &s), GA_ERR_IO);
    assert_error_mentions(ctx, ".shx");
    assert_status(ctx, ga_shapefile_open(ctx, shp_fixture("nodbf/communes.shp"), &s), GA_ERR_IO);
    assert_error_mentions(ctx, ".dbf");
    /* no .prj: the assumed CRS, else an error naming the file */
    assert_ok(ctx, ga_shapefile_open(ctx, shp_fixture("noprj/communes.shp"), &s));
    assert_null(s.prj);
    const char *crs = NULL;
    assert_ok(ctx, ga_shapefile_crs(ctx, &s, "EPSG:2154", &crs));
    assert_string_equal(crs, "EPSG:2154");
    assert_status(ctx, ga_shapefile_crs(ctx, &s, NULL, &crs), GA_ERR_CRS);
    assert_error_mentions(ctx, "noprj/communes.shp: missing .prj file");
    ga_shapefile_close(&s);
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
        cmocka_unit_test(good_layer),
        cmocka_unit_test(encodings),
        cmocka_unit_test(declared_encoding_used),
        cmocka_unit_test(missing_parts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
