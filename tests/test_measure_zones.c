/* Coverage and zone rules: hand-computed cases, inclusive thresholds,
 * parsing errors with their position. */
#include "test_util.h"
#include <glib.h>
#include "geoaccess.h"
#include "measure/zones.h"

static void test_coverage_groups(void **state) {
    ga_ctx *ctx = *state;
    const double cost[] = {5, 10, 10.000001, INFINITY, NAN, 0};
    const double pop[] = {100, 200, 400, 800, 1600, NAN};
    const char *group[] = {"B", "A", "A", "B", NULL, "A"};
    ga_coverage *c = NULL;
    assert_ok(ctx, ga_coverage_compute(ctx, 6, cost, pop, group, 10, &c));
    assert_int_equal(c->n_groups, 3);
    assert_string_equal(c->group[0], "(none)");
    assert_string_equal(c->group[1], "A");
    assert_string_equal(c->group[2], "B");
    /* A: 200 at exactly 10 (inclusive), 400 just over, NAN population 0 */
    assert_int_equal(c->communes[1], 3);
    assert_int_equal(c->communes_covered[1], 2);
    assert_near(c->population[1], 600, 0);
    assert_near(c->covered[1], 200, 0);
    /* B: 100 covered, 800 with no facility */
    assert_near(c->covered[2], 100, 0);
    assert_near(c->population[2], 900, 0);
    /* (none): its one commune has cost NAN, not routed: unknown, out of the
     * shares' base and counted apart (issue 9) */
    assert_near(c->covered[0], 0, 0);
    assert_int_equal(c->communes[0], 0);
    assert_int_equal(c->communes_unknown[0], 1);
    assert_near(c->population_unknown[0], 1600, 0);
    assert_int_equal(c->total_communes, 5);
    assert_int_equal(c->total_communes_unknown, 1);
    assert_near(c->total_population_unknown, 1600, 0);
    assert_near(c->total_population, 1500, 0);
    assert_near(c->total_covered, 300, 0);
    assert_int_equal(c->total_communes_covered, 3);
    ga_coverage_free(c);
    assert_ok(ctx, ga_coverage_compute(ctx, 6, cost, pop, NULL, 5, &c));
    assert_int_equal(c->n_groups, 1);
    assert_string_equal(c->group[0], "all");
    assert_near(c->total_covered, 100, 0);
    ga_coverage_free(c);
    assert_status(ctx, ga_coverage_compute(ctx, 6, cost, pop, NULL, -1, &c), GA_ERR_ARG);
}

static void test_rule_parse_and_describe(void **state) {
    ga_ctx *ctx = *state;
    ga_zone_rule *r = NULL;
    assert_ok(ctx, ga_zone_rule_parse(ctx, "time to urg > 30 or (APL < 2.5 and Time To gp >= 10)", &r));
    char *d = ga_zone_rule_describe(r);
    assert_string_equal(d, "(time to urg > 30 or (apl < 2.5 and time to gp >= 10))");
    g_free(d);
    assert_int_equal(ga_zone_rule_type_count(r), 2);
    assert_string_equal(ga_zone_rule_type(r, 0), "urg");
    assert_string_equal(ga_zone_rule_type(r, 1), "gp");
    assert_true(ga_zone_rule_uses(r, GA_ZONE_APL));
    assert_true(ga_zone_rule_uses(r, GA_ZONE_TIME));
    assert_false(ga_zone_rule_uses(r, GA_ZONE_DISTANCE));
    ga_zone_rule_free(r);
    /* "and" binds tighter than "or"; "not" applies to one factor */
    assert_ok(ctx, ga_zone_rule_parse(ctx, "apl<1 or apl<2 and not distance to mat>5", &r));
    d = ga_zone_rule_describe(r);
    assert_string_equal(d, "(apl < 1 or (apl < 2 and not distance to mat > 5))");
    g_free(d);
    ga_zone_rule_free(r);
}

static void assert_parse_error(ga_ctx *ctx, const char *text, const char *needle) {
    ga_zone_rule *r = NULL;
    assert_status(ctx, ga_zone_rule_parse(ctx, text, &r), GA_ERR_ARG);
    assert_null(r);
    assert_error_mentions(ctx, needle);
}

static void test_rule_errors(void **state) {
    ga_ctx *ctx = *state;
    assert_parse_error(ctx, "", "empty rule");
    assert_parse_error(ctx, "   ", "empty rule");
    assert_parse_error(ctx, "apl < 3 or ", "at character 12: unexpected end");
    assert_parse_error(ctx, "time urg > 3", "at character 6: expected 'to'");
    assert_parse_error(ctx, "time to > 3", "at character 9: expected a facility type");
    assert_parse_error(ctx, "apl = 3", "at character 5: expected a comparison");
    assert_parse_error(ctx, "apl < x", "at character 7: expected a number");
    assert_parse_error(ctx, "apl < 3min", "expected a number");
    assert_parse_error(ctx, "apl < -1", "cannot be negative");
    assert_parse_error(ctx, "apl < 3 and", "unexpected end of the rule");
    assert_parse_error(ctx, "(apl < 3", "expected ')'");
    assert_parse_error(ctx, "apl < 3 xor apl > 2", "at character 9: unexpected text after the rule");
    assert_parse_error(ctx, "speed to gp > 3", "at character 1: expected 'time to TYPE'");
    assert_parse_error(ctx, "apl < 3 )", "zone rule 'apl < 3 )': at character 9");
}

typedef struct {
    double urg, gp, apl;
} commune_values;

static double lookup(ga_zone_value what, const char *type, void *user) {
    const commune_values *v = user;
    if (what == GA_ZONE_APL) return v->apl;
    if (what == GA_ZONE_DISTANCE) return NAN;
    return !strcmp(type, "urg") ? v->urg : !strcmp(type, "gp") ? v->gp : NAN;
}

static void test_rule_eval(void **state) {
    ga_ctx *ctx = *state;
    ga_zone_rule *r = NULL;
    assert_ok(ctx, ga_zone_rule_parse(ctx, "time to urg > 30 or (apl < 2.5 and time to gp > 10)", &r));
    commune_values v = {30, 5, 1};             /* exactly 30: not over (inclusive) */
    assert_false(ga_zone_rule_eval(r, lookup, &v));
    v.urg = 30.01;
    assert_true(ga_zone_rule_eval(r, lookup, &v));
    v = (commune_values){INFINITY, 0, 5};      /* no emergency unit reachable */
    assert_true(ga_zone_rule_eval(r, lookup, &v));
    v = (commune_values){10, 10.5, 2.4999};
    assert_true(ga_zone_rule_eval(r, lookup, &v));
    v.apl = 2.5;                                /* APL exactly 2.5 is not under */
    assert_false(ga_zone_rule_eval(r, lookup, &v));
    v.apl = NAN;                                /* unknown APL: the comparison is false */
    assert_false(ga_zone_rule_eval(r, lookup, &v));
    ga_zone_rule_free(r);
    assert_ok(ctx, ga_zone_rule_parse(ctx, "not apl >= 2.5", &r));
    assert_false(ga_zone_rule_eval(r, lookup, &v)); /* not (unknown) is unknown: no zone (issue 9) */
    ga_zone_rule_free(r);
}

/* The communes a rule selects, over hand-set values: 4 communes, time to
 * urg 10, 40, NAN (not routed), INFINITY (none within reach). */
static void test_zone_select(void **state) {
    ga_ctx *ctx = *state;
    g_autoptr(ga_zone_values) v = ga_zone_values_new(4);
    double *time = g_new(double, 4), *km = g_new(double, 4);
    const double t[] = {10, 40, NAN, INFINITY}, d[] = {8, 35, NAN, INFINITY};
    memcpy(time, t, sizeof t);
    memcpy(km, d, sizeof d);
    ga_zone_values_add_type(v, "urg", time, km);
    assert_int_equal(ga_zone_values_type(v, "urg"), 0);
    assert_int_equal(ga_zone_values_type(v, "gp"), -1);
    const double pop[] = {100, 200, 400, NAN};
    g_autoptr(ga_zone_rule) r = NULL;
    assert_ok(ctx, ga_zone_rule_parse(ctx, "time to urg > 30", &r));
    ga_zone_selection s;
    ga_zone_select(r, v, pop, &s);
    assert_int_equal(s.n_rows, 2); /* 40 and INFINITY; NAN is unknown, no zone */
    assert_int_equal(s.rows[0], 1);
    assert_int_equal(s.rows[1], 3);
    assert_near(s.people, 200, 0);  /* NAN people count 0 */
    assert_int_equal(s.unknown, 1);
    assert_near(s.unknown_people, 400, 0);
    assert_near(s.base, 300, 0);    /* 700 less the 400 unknown */
    ga_zone_selection_clear(&s);
    assert_null(s.rows);
    g_autoptr(ga_zone_rule) a = NULL;
    assert_ok(ctx, ga_zone_rule_parse(ctx, "apl < 2.5", &a));
    ga_zone_select(a, v, pop, &s); /* no APL: every answer unknown */
    assert_int_equal(s.n_rows, 0);
    assert_int_equal(s.unknown, 4);
    ga_zone_selection_clear(&s);
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
        cmocka_unit_test(test_coverage_groups),
        cmocka_unit_test(test_rule_parse_and_describe),
        cmocka_unit_test(test_rule_errors),
        cmocka_unit_test(test_rule_eval),
        cmocka_unit_test(test_zone_select),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
