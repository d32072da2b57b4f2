/* Groups of communes (study/groups.c): from a field of the commune layer or
 * from a join table, with the groups' names found by their column's name.
 * On the 4 communes 34001..34004 of the fixture good/communes. */
#include "test_util.h"
#include <glib.h>
#include "geoaccess.h"
#include "study/groups.h"

typedef struct {
    ga_ctx *ctx;
    ga_communes *c;
    char *dir;
} fixture;

static const char *put_groups(fixture *f, const char *text) {
    test_put(f->dir, "groups.csv", text);
    static char path[4096];
    g_snprintf(path, sizeof path, "%s/groups.csv", f->dir);
    return path;
}

static void test_groups_from_layer(void **state) {
    fixture *f = *state;
    g_autoptr(ga_commune_groups) g = NULL;
    assert_ok(f->ctx, ga_commune_groups_load(f->ctx, f->c, NULL, NULL, "NOM", NULL, &g));
    assert_int_equal(g->n, 4);
    assert_string_equal(g->group[3], "Saint-Pons-de-Mauchiens");
    assert_null(g->name); /* no name field given */
    assert_null(g->name_col);
    ga_commune_groups *bad = NULL;
    assert_status(f->ctx, ga_commune_groups_load(f->ctx, f->c, NULL, NULL, "epci", NULL, &bad), GA_ERR_FIELD);
    assert_null(bad);
}

static void test_groups_from_table(void **state) {
    fixture *f = *state;
    const char *path = put_groups(f, "insee_code,epci_siren,epci_nom\n"
                                     "34001,200,Alpha\n34002,200,Alpha\n34003,300,Beta\n");
    g_autoptr(ga_commune_groups) g = NULL;
    assert_ok(f->ctx, ga_commune_groups_load(f->ctx, f->c, path, NULL, "epci_siren", NULL, &g));
    assert_string_equal(g->name_col, "epci_nom"); /* found from the prefix epci_ */
    assert_string_equal(g->group[0], "200");
    assert_string_equal(g->group[2], "300");
    assert_null(g->group[3]); /* 34004 has no row: no group, a warning */
    assert_string_equal(g->name[1], "Alpha");
    assert_string_equal(ga_commune_groups_name(g, "300"), "Beta");
    assert_null(ga_commune_groups_name(g, "999"));
}

static void test_groups_two_names(void **state) {
    fixture *f = *state;
    const char *path = put_groups(f, "insee,epci_siren,epci_nom\n34001,200,Alpha\n34002,200,Gamma\n");
    ga_commune_groups *g = NULL;
    assert_status(f->ctx, ga_commune_groups_load(f->ctx, f->c, path, NULL, "epci_siren", NULL, &g),
                  GA_ERR_VALUE);
    assert_null(g);
}

static void test_detect_name_col(void **state) {
    fixture *f = *state;
    const char *path = put_groups(f, "code,dep_code,lib_dep,canton\n34001,34,Hérault,1\n");
    g_autoptr(ga_table) t = NULL;
    assert_ok(f->ctx, ga_table_read(f->ctx, path, &t));
    assert_int_equal(ga_groups_detect_name_col(t, "dep_code"), 2); /* lib_PREFIX */
    assert_int_equal(ga_groups_detect_name_col(t, "canton"), -1);  /* no PREFIX_ */
    assert_int_equal(ga_groups_detect_name_col(t, "epci_code"), -1);
}

static int setup(void **state) {
    fixture *f = g_new0(fixture, 1);
    f->ctx = ga_ctx_new();
    f->dir = test_tmpdir("groups");
    if (ga_communes_read(f->ctx, shp_fixture("good/communes.shp"), NULL, &f->c)) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    test_rm_rf(f->dir);
    g_free(f->dir);
    ga_communes_free(f->c);
    ga_ctx_free(f->ctx);
    g_free(f);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_groups_from_layer),
        cmocka_unit_test(test_groups_from_table),
        cmocka_unit_test(test_groups_two_names),
        cmocka_unit_test(test_detect_name_col),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
