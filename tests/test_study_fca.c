/* `geoaccess fca` as a pipeline (study/fca.h): tables and a matrix written
 * here, measures checked by hand. */
#include <math.h>
#include "test_util.h"
#include "study/fca.h"

typedef struct {
    ga_ctx *ctx;
    char *dir;
    char *demand, *supply, *matrix;
    ga_decay *decay;
} fixture;

/* Demand a 100, b 300, c 50 (c not routed); supply s1 10, s2 20; a and b
 * reach s1 in 5 minutes, b reaches s2 in 5 minutes. */
static int setup(void **state) {
    fixture *f = g_new0(fixture, 1);
    f->ctx = ga_ctx_new();
    f->dir = test_tmpdir("study_fca");
    test_put(f->dir, "demand.csv", "id,population\na,100\nb,300\nc,50\n");
    test_put(f->dir, "supply.csv", "id,capacity\ns1,10\ns2,20\n");
    test_put(f->dir, "matrix.csv", "from_id,to_id,cost\na,s1,5\nb,s1,5\nb,s2,5\nc,,\n");
    f->demand = g_build_filename(f->dir, "demand.csv", NULL);
    f->supply = g_build_filename(f->dir, "supply.csv", NULL);
    f->matrix = g_build_filename(f->dir, "matrix.csv", NULL);
    if (ga_decay_parse(f->ctx, "binary:10", &f->decay)) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    test_rm_rf(f->dir);
    g_free(f->dir);
    g_free(f->demand);
    g_free(f->supply);
    g_free(f->matrix);
    ga_decay_free(f->decay);
    ga_ctx_free(f->ctx);
    g_free(f);
    return 0;
}

static ga_study_fca_options options(const fixture *f, const char *method) {
    ga_study_fca_options o = {.demand = f->demand, .supply = f->supply, .matrix = f->matrix,
                              .decay = f->decay, .cutoff = 10, .nth = 1, .alpha = 1};
    assert_true(ga_study_fca_kind_parse(method, &o.kind, &o.method));
    return o;
}

/* 2SFCA: s1 serves 400 people (10/400 = 0.025), s2 300 (20/300); a gets
 * s1's ratio, b both; c is unknown and out of the competition. */
static void test_2sfca(void **state) {
    fixture *f = *state;
    ga_study_fca_options o = options(f, "2SFCA");
    ga_study_fca_result r;
    assert_int_equal(ga_study_fca_run(f->ctx, &o, &r), GA_OK);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.ids[1], "b");
    assert_float_equal(r.access[0], 0.025, 1e-12);
    assert_float_equal(r.access[1], 0.025 + 20.0 / 300, 1e-12);
    assert_true(isnan(r.access[2]));
    assert_int_equal(r.n_unknown, 1);
    assert_true(r.demand_unknown == 50);
    ga_study_fca_result_clear(&r);
}

/* Cumulative: the supply within the cutoff, a 10, b 30. */
static void test_cumulative(void **state) {
    fixture *f = *state;
    ga_study_fca_options o = options(f, "cumulative");
    ga_study_fca_result r;
    assert_int_equal(ga_study_fca_run(f->ctx, &o, &r), GA_OK);
    assert_true(r.access[0] == 10 && r.access[1] == 30);
    ga_study_fca_result_clear(&r);
}

static void test_kind_parse(void **state) {
    (void)state;
    ga_study_fca_kind k;
    ga_fca_method m;
    assert_true(ga_study_fca_kind_parse("Gravity", &k, &m) && k == GA_STUDY_GRAVITY);
    assert_true(ga_study_fca_kind_parse("e2sfca", &k, &m) && k == GA_STUDY_FCA && m == GA_FCA_E2SFCA);
    assert_false(ga_study_fca_kind_parse("nearest", &k, &m));
}

/* A missing value column is an error naming the file. */
static void test_missing_column(void **state) {
    fixture *f = *state;
    ga_study_fca_options o = options(f, "2sfca");
    o.supply_col = "beds";
    ga_study_fca_result r;
    assert_int_not_equal(ga_study_fca_run(f->ctx, &o, &r), GA_OK);
    assert_non_null(strstr(ga_ctx_last_error(f->ctx), "supply.csv"));
    ga_study_fca_result_clear(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_2sfca),
        cmocka_unit_test(test_cumulative),
        cmocka_unit_test(test_kind_parse),
        cmocka_unit_test(test_missing_column),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
