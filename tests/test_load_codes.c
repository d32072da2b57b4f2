/* Paris, Lyon and Marseille by arrondissement or whole, communes restored
 * after 2018, overseas rows (issue 9, section 6): the code folder and the
 * loaders that use it (BPE counts, APL supply, summing joins). */
#include "test_util.h"
#include <glib.h>
#include <glib/gstdio.h>
#include <shapefil.h>
#include "geoaccess.h"
#include "core/internal.h"

static int setup(void **state) {
    *state = ga_ctx_new();
    return *state ? 0 : -1;
}

static int teardown(void **state) {
    ga_ctx_free(*state);
    return 0;
}

/* Index of the first warning containing `needle`, or -1. */
static long warning_with(const ga_ctx *ctx, const char *needle) {
    for (size_t i = 0; i < ga_ctx_warning_count(ctx); i++)
        if (strstr(ga_ctx_warning(ctx, i), needle)) return (long)i;
    return -1;
}

static void test_folder_rules(void **state) {
    ga_ctx *ctx = *state;
    /* a metropolitan layer with Paris whole, Lyon by arrondissement, Troarn
     * and Essarts-en-Bocage (which hold restored communes' land) */
    const char *ids[] = {"75056", "69381", "69382", "14712", "85084", "34172"};
    ga_code_folder *f = ga_code_folder_new(ids, 6);
    ga_code_fold how;
    assert_int_equal(ga_code_folder_resolve(f, "34172", 1, &how), 5);
    assert_int_equal(how, GA_CODE_SAME);
    assert_int_equal(ga_code_folder_resolve(f, "75101", 10, &how), 0);
    assert_int_equal(how, GA_CODE_ARRONDISSEMENT);
    assert_int_equal(ga_code_folder_resolve(f, "75120", 5, &how), 0);
    assert_int_equal(how, GA_CODE_ARRONDISSEMENT);
    /* 75121 is no arrondissement */
    assert_int_equal(ga_code_folder_resolve(f, "75121", 1, &how), -1);
    assert_int_equal(how, GA_CODE_UNKNOWN);
    /* the layer has Lyon's arrondissements: kept as they are */
    assert_int_equal(ga_code_folder_resolve(f, "69382", 1, &how), 2);
    assert_int_equal(how, GA_CODE_SAME);
    /* ... and Lyon whole cannot be split */
    assert_int_equal(ga_code_folder_resolve(f, "69123", 7, &how), -1);
    assert_int_equal(how, GA_CODE_WHOLE_CITY);
    /* Marseille is neither whole nor by arrondissement here: unknown */
    assert_int_equal(ga_code_folder_resolve(f, "13201", 1, &how), -1);
    assert_int_equal(how, GA_CODE_UNKNOWN);
    assert_int_equal(ga_code_folder_resolve(f, "14666", 2, &how), 3);
    assert_int_equal(how, GA_CODE_RESTORED);
    assert_int_equal(ga_code_folder_resolve(f, "85165", 3, &how), 4);
    assert_int_equal(ga_code_folder_resolve(f, "85212", 4, &how), 4);
    assert_int_equal(how, GA_CODE_RESTORED);
    assert_int_equal(ga_code_folder_resolve(f, "97101", 100, &how), -1);
    assert_int_equal(how, GA_CODE_OVERSEAS);
    assert_int_equal(ga_code_folder_resolve(f, "98735", 1, &how), -1);
    assert_int_equal(how, GA_CODE_OVERSEAS);
    ga_ctx_clear_warnings(ctx);
    ga_code_folder_report(ctx, f, "t.csv", "layer.shp", "people");
    long w = warning_with(ctx, "2 arrondissement rows folded");
    assert_true(w >= 0);
    assert_non_null(strstr(ga_ctx_warning(ctx, (size_t)w), "Paris 75056: 2 rows, 15 people"));
    assert_true(warning_with(ctx, "3 rows of communes restored in 2024") >= 0);
    assert_true(warning_with(ctx, "2 overseas rows (101 people) left out") >= 0);
    assert_true(warning_with(ctx, "Lyon is given whole (69123, 7 people) but layer.shp has its arrondissements") >= 0);
    assert_true(warning_with(ctx, "2 rows (2 people) name a commune absent from layer.shp, e.g. '75121', '13201'") >= 0);
    /* the tallies were reset */
    ga_ctx_clear_warnings(ctx);
    ga_code_folder_report(ctx, f, "t.csv", "layer.shp", "people");
    assert_int_equal(ga_ctx_warning_count(ctx), 0);
    ga_code_folder_free(f);

    /* a layer with an overseas commune keeps overseas rows as any other */
    const char *dom[] = {"97101", "75056"};
    f = ga_code_folder_new(dom, 2);
    assert_int_equal(ga_code_folder_resolve(f, "97102", 1, &how), -1);
    assert_int_equal(how, GA_CODE_UNKNOWN);
    /* a layer with the restored commune itself keeps it */
    ga_code_folder_free(f);
    const char *with[] = {"14666", "14712"};
    f = ga_code_folder_new(with, 2);
    assert_int_equal(ga_code_folder_resolve(f, "14666", 1, &how), 0);
    assert_int_equal(how, GA_CODE_SAME);
    ga_code_folder_free(f);
    /* Villotran, restored in 2024, is inside Les Hauts-Talican in a COG 2023
     * layer (the national commune points); a layer drawn in 2018 has it */
    const char *cog2023[] = {"60054", "34172"};
    f = ga_code_folder_new(cog2023, 2);
    assert_int_equal(ga_code_folder_resolve(f, "60694", 1, &how), 0);
    assert_int_equal(how, GA_CODE_RESTORED);
    ga_code_folder_free(f);
    const char *drawn2018[] = {"60054", "60694"};
    f = ga_code_folder_new(drawn2018, 2);
    assert_int_equal(ga_code_folder_resolve(f, "60694", 1, &how), 1);
    assert_int_equal(how, GA_CODE_SAME);
    ga_code_folder_free(f);
}

/* The DREES table style: Paris by arrondissement, a restored commune, an
 * overseas row; summed onto a layer with Paris whole. */
static void test_join_sum(void **state) {
    ga_ctx *ctx = *state;
    const char *csv = "insee_code,pop\n75101,100\n75102,50.5\n92012,7\n14666,2\n14712,3\n97101,1000\n";
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "pop.csv", csv, strlen(csv), &t));
    const char *ids[] = {"75056", "92012", "14712", "91000"};
    double v[4];
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_table_join_sum_codes(ctx, t, 0, 1, ids, 4, "layer.shp", "people", v));
    assert_near(v[0], 150.5, 1e-12);
    assert_near(v[1], 7, 0);
    assert_near(v[2], 5, 0);
    assert_true(isnan(v[3]));
    assert_true(warning_with(ctx, "1 overseas rows (1000 people) left out") >= 0);
    assert_true(warning_with(ctx, "1 of 4 communes of layer.shp have no row (column 'insee_code'), e.g. '91000'") >= 0);
    /* silent on request */
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_table_join_sum_codes(ctx, t, 0, 1, ids, 4, "layer.shp", NULL, v));
    assert_int_equal(ga_ctx_warning_count(ctx), 0);
    assert_near(v[0], 150.5, 1e-12);
    ga_table_free(t);
    /* a repeated code is an error, as in every join */
    const char *dup = "insee_code,pop\n75101,1\n75101,2\n";
    assert_ok(ctx, ga_table_read_buffer(ctx, "dup.csv", dup, strlen(dup), &t));
    assert_status(ctx, ga_table_join_sum_codes(ctx, t, 0, 1, ids, 4, "layer.shp", "people", v), GA_ERR_DUPLICATE);
    ga_table_free(t);
}

/* GPs by arrondissement (the BPE, the national GP table) count for Paris in
 * the APL supply; overseas rows are left out without being called unknown. */
static void test_apl_supply_folds(void **state) {
    ga_ctx *ctx = *state;
    const char *csv = "insee_code,gp\n75101,3\n75120,2\n13201,1\n97101,9\n44000,1\n";
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "gp.csv", csv, strlen(csv), &t));
    const char *ids[] = {"75056", "13055"};
    double s[2];
    ga_apl_supply_options o = {.fte_col = "gp", .acts_per_fte = 1000};
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_apl_supply_from_table(ctx, t, &o, ids, 2, NULL, s));
    assert_near(s[0], 5000, 0);
    assert_near(s[1], 1000, 0);
    assert_true(warning_with(ctx, "3 arrondissement rows folded") >= 0);
    assert_true(warning_with(ctx, "Marseille 13055: 1 rows, 1 gp") >= 0);
    assert_true(warning_with(ctx, "1 overseas rows (9 gp) left out") >= 0);
    long w = warning_with(ctx, "practitioners are in no known commune");
    assert_true(w >= 0);
    assert_non_null(strstr(ga_ctx_warning(ctx, (size_t)w), "1 practitioners"));
    assert_non_null(strstr(ga_ctx_warning(ctx, (size_t)w), "'44000'"));
    ga_table_free(t);
}

/* A square commune of side 1 km at (x0, y0), Lambert-93. */
static void write_square(SHPHandle shp, int i, double x0, double y0) {
    double x[5] = {x0, x0, x0 + 1000, x0 + 1000, x0}, y[5] = {y0, y0 + 1000, y0 + 1000, y0, y0};
    SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, x, y, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    (void)i;
}

/* BPE rows by arrondissement give Paris its equipment (they were dropped). */
static void test_counts_fold(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("codes");
    assert_non_null(dir);
    g_autofree char *base = g_build_filename(dir, "communes", NULL);
    g_autofree char *shp_path = g_build_filename(dir, "communes.shp", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreate(base);
    assert_non_null(shp);
    assert_non_null(dbf);
    int f = DBFAddField(dbf, "insee", FTString, 5, 0);
    const char *codes[] = {"75056", "92012"};
    for (int i = 0; i < 2; i++) {
        write_square(shp, i, 650000 + 2000 * i, 6860000);
        DBFWriteStringAttribute(dbf, i, f, codes[i]);
    }
    SHPClose(shp);
    DBFClose(dbf);
    ga_communes_options co = {.assume_crs = "EPSG:2154"};
    ga_communes *c = NULL;
    assert_ok(ctx, ga_communes_read(ctx, shp_path, &co, &c));
    const char *csv = "DEPCOM,TYPEQU,NB_EQUIP\n75101,D201,4\n75116,D201,6\n75116,D301,2\n92012,D201,1\n97101,D201,5\n";
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "bpe.csv", csv, strlen(csv), &t));
    ga_points *p = NULL;
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_points_from_counts(ctx, t, "DEPCOM", "TYPEQU", "NB_EQUIP", "D201", c, &p));
    assert_int_equal(ga_points_count(p), 2);
    assert_string_equal(ga_points_id(p, 0), "D201-75056");
    assert_near(ga_points_capacity(p, 0), 10, 0);
    assert_int_equal(ga_points_commune(p, 0), 0);
    assert_near(ga_points_capacity(p, 1), 1, 0);
    assert_true(warning_with(ctx, "Paris 75056: 2 rows, 10 equipments of type D201") >= 0);
    assert_true(warning_with(ctx, "1 overseas rows (5 equipments of type D201) left out") >= 0);
    ga_points_free(p);
    ga_table_free(t);
    /* people by arrondissement onto the layer's Paris */
    const char *pop = "insee_code,pop_tot\n75101,16000\n75102,21000\n92012,120000\n97411,150000\n";
    assert_ok(ctx, ga_table_read_buffer(ctx, "pop.csv", pop, strlen(pop), &t));
    double v[2];
    ga_ctx_clear_warnings(ctx);
    assert_ok(ctx, ga_communes_join_sum(ctx, c, t, "insee_code", "pop_tot", v));
    assert_near(v[0], 37000, 0);
    assert_near(v[1], 120000, 0);
    assert_true(warning_with(ctx, "Paris 75056: 2 rows, 37000 of 'pop_tot'") >= 0);
    assert_true(warning_with(ctx, "1 overseas rows (150000 of 'pop_tot') left out") >= 0);
    assert_status(ctx, ga_communes_join_sum(ctx, c, t, "insee_code", "nope", v), GA_ERR_FIELD);
    ga_table_free(t);
    ga_communes_free(c);
    test_rm_rf(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_folder_rules),
        cmocka_unit_test(test_join_sum),
        cmocka_unit_test(test_apl_supply_folds),
        cmocka_unit_test(test_counts_fold),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
