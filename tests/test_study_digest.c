/* study/digest.c and study/provenance.c: the report's figures derived from
 * a study result, by hand on the SYNTHETIC squares (synthetic_squares.h:
 * A, B, C at 0, 5 and 14 km, 1.3 minutes a km; two GPs in A, a maternity
 * unit in C), and the licences of PROVENANCE files. */
#include "test_util.h"
#include "geoaccess.h"
#include "geoaccess/study.h"
#include "study/digest.h"
#include "study/pipeline.h"
#include "study/provenance.h"
#include "synthetic_squares.h"

static void test_digest_by_hand(void **state) {
    (void)state;
    g_autofree char *dir = test_tmpdir("digest");
    write_synthetic_study(dir);
    g_autofree char *ini = g_build_filename(dir, "study.ini", NULL);
    ga_ctx *ctx = ga_ctx_new();
    ga_study *s = NULL;
    ga_study_result *r = NULL;
    ga_study_digest *d = NULL;
    const char *sets[] = {"nearest.thresholds=5, 15"};
    assert_ok(ctx, ga_study_load(ctx, ini, sets, 1, &s));
    assert_ok(ctx, ga_study_run(ctx, s, &r));
    assert_ok(ctx, ga_study_digest_make(ctx, r, 10, &d));
    /* gp: A 0, B 6.5, C 18.2 minutes; beyond 5: B and C (4000), beyond 15: C (3000) */
    assert_near(d->beyond[0], 4000, 0);
    assert_near(d->beyond[1], 3000, 0);
    /* mat (in C): A 18.2, B 11.7, C 0; beyond 5: A and B, beyond 15: A */
    assert_near(d->beyond[2], 2000, 0);
    assert_near(d->beyond[3], 1000, 0);
    assert_near(d->routed[0], 5000, 0);
    /* the zone blanche (time to mat > 15): A, 1000 people */
    assert_near(d->zone_people, 1000, 0);
    /* our APL minus the official */
    assert_near(d->apl_diff[2], r->apl.apl[2] - 1.25, 1e-12);
    /* the scenario: a GP opens in C; only C's time to a GP changes (B keeps
     * A's, 6.5 < 11.7): from 18.2 to 0 */
    assert_int_equal(d->n_scen, 1);
    const ga_digest_scenario *sc = &d->scen[0];
    assert_string_equal(sc->name, "gp_in_c");
    assert_string_equal(sc->description, "a GP <opens> in C");
    assert_int_equal(sc->added, 1);
    assert_int_equal(sc->n_measures, 2); /* gp times, then the APL (mat unchanged: left out) */
    assert_string_equal(sc->measures[0].type, "gp");
    assert_int_equal(sc->measures[0].changed, 1);
    assert_int_equal(sc->measures[0].top[0].commune, 2);
    assert_near(sc->measures[0].top[0].base, 14 * 1.3, 1e-6);
    assert_near(sc->measures[0].top[0].scen, 0, 1e-9);
    assert_near(sc->measures[0].top[0].delta, -14 * 1.3, 1e-6);
    /* the APL: sorted by the size of the change, largest first */
    const ga_digest_measure *apl = &sc->measures[1];
    assert_null(apl->type);
    assert_true(apl->changed >= 1 && apl->changed <= 3);
    for (size_t k = 0; k + 1 < apl->n_top; k++) assert_true(fabs(apl->top[k].delta) >= fabs(apl->top[k + 1].delta));
    assert_true(sc->apl_scen > sc->apl_base); /* one more GP */
    /* top = 1 keeps the largest */
    ga_study_digest *d1 = NULL;
    assert_ok(ctx, ga_study_digest_make(ctx, r, 1, &d1));
    assert_int_equal(d1->scen[0].measures[1].n_top, 1);
    assert_near(d1->scen[0].measures[1].top[0].delta, apl->top[0].delta, 0);
    ga_study_digest_free(d1);
    /* the inputs with their licence: the folder's PROVENANCE.txt */
    assert_true(d->n_inputs >= 4);
    assert_string_equal(d->inputs[0].key, "communes.path");
    assert_string_equal(d->inputs[0].shown, "communes.shp");
    assert_string_equal(d->inputs[0].title, "Synthetic squares");
    assert_string_equal(d->inputs[0].licence, "Licence Ouverte / Open Licence (Etalab) version 2.0");
    assert_non_null(strstr(d->study_text, "[scenarios]"));
    ga_study_digest_free(d);
    ga_study_result_free(r);
    ga_study_free(s);
    ga_ctx_free(ctx);
    test_rm_rf(dir);
}

static void parse(const char *text, const char *name, const char *title, const char *licence) {
    char *t = NULL, *l = NULL;
    ga_provenance_parse(text, name, &t, &l);
    if (title) assert_string_equal(t, title);
    else assert_null(t);
    if (licence) assert_string_equal(l, licence);
    else assert_null(l);
    g_free(t);
    g_free(l);
}

static void test_provenance(void **state) {
    (void)state;
    parse("", NULL, NULL, NULL);
    parse("\n  Title here\n====\n  Source : x\n", NULL, "Title here", NULL);
    /* a field with its continuation (indented under the value), up to the next field */
    parse("T\n  Licence   : Licence Ouverte (Etalab)\n              as stated.\n  Files     : a.csv\n"
          "              more\n", "a.csv", "T", "Licence Ouverte (Etalab) as stated.");
    /* sections: those that mention the file; the same licence once */
    parse("T\nA) first/\n  Licence : ODbL 1.0\n  Files : one.csv\n\nB) two.csv\n  Licence : Licence Ouverte\n"
          "C) three\n  Licence : Licence Ouverte\n  Files : two.csv\n", "two.csv", "T", "Licence Ouverte");
    /* a section ends at the next line that is not indented (a note about two.csv there is no section's) */
    parse("T\nA) first/\n  Licence : ODbL 1.0\n  Files : one.csv\n\nB) second\n  Licence : Licence Ouverte\n"
          "  Files : two.csv\nNote: one.csv is ...\n", "two.csv", "T", "Licence Ouverte");
    parse("T\nA) first/\n  Licence : ODbL 1.0\n  Files : one.csv\nB) two.csv\n  Licence : Licence Ouverte\n",
          "other.csv", "T", "ODbL 1.0 | Licence Ouverte");
    /* no field: the clause naming a Licence Ouverte */
    parse("T\nUnderlying data : INSEE, published under the\n   Licence Ouverte / Etalab (https://x). Attribute it.\n",
          "f.csv", "T", "Licence Ouverte / Etalab (https://x)");
    /* the embedded data's own files (geodata/.../PROVENANCE.txt) */
    char *file = NULL, *t = NULL, *l = NULL;
    ga_provenance_find(source_path("geodata/herault/communes_cog2023/communes_34_cog2023.shp"), &file, &t, &l);
    assert_non_null(file);
    assert_non_null(l);
    assert_true(g_str_has_prefix(l, "Licence Ouverte / Open Licence (Etalab)"));
    g_free(file);
    g_free(t);
    g_free(l);
    ga_provenance_find(source_path("geodata/herault/population/population_34_cog2023_from_drees_apl.csv"), &file,
                       &t, &l);
    assert_string_equal(l, "DREES open data, Licence Ouverte (Etalab)."); /* section B, the file's */
    g_free(file);
    g_free(t);
    g_free(l);
    /* section A names the file; a note below section B names it too, and is not B's */
    ga_provenance_find(source_path("geodata/herault/hospitals_finess2020/hospitals_34_eurostat_finess2020.csv"), &file,
                       &t, &l);
    assert_null(strstr(l, "ODbL"));
    assert_non_null(strstr(l, "FINESS itself is Licence Ouverte (Etalab)."));
    g_free(file);
    g_free(t);
    g_free(l);
    ga_provenance_find("/nonexistent/folder/x.csv", &file, &t, &l);
    assert_null(file);
    assert_null(l);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digest_by_hand),
        cmocka_unit_test(test_provenance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
