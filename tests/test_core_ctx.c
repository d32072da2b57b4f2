/* The context (core/ctx.c): errors recorded with their status and message
 * and cleared; warnings kept in order, the same one said once; progress
 * passed to the caller's function; the working CRS (Lambert-93 by
 * default) changed only to a projected CRS PROJ knows; statuses described;
 * a GEOS error's message kept. */
#include "test_util.h"
#include "core/internal.h"

static void errors(void **state) {
    ga_ctx *ctx = *state;
    assert_string_equal(ga_ctx_last_error(ctx), "");
    assert_int_equal(ga_ctx_last_status(ctx), GA_OK);
    assert_int_equal(ga_fail(ctx, GA_ERR_VALUE, "%s: line %d: bad", "a.csv", 3), GA_ERR_VALUE);
    assert_string_equal(ga_ctx_last_error(ctx), "a.csv: line 3: bad");
    assert_int_equal(ga_ctx_last_status(ctx), GA_ERR_VALUE);
    ga_fail(ctx, GA_ERR_IO, "second");
    assert_string_equal(ga_ctx_last_error(ctx), "second"); /* the last one */
    ga_ctx_clear_error(ctx);
    assert_string_equal(ga_ctx_last_error(ctx), "");
    assert_int_equal(ga_ctx_last_status(ctx), GA_OK);
    assert_string_equal(ga_status_describe(GA_OK), "success");
    assert_string_equal(ga_status_describe(GA_ERR_COUNT), "unknown status");
    assert_string_equal(ga_status_describe((ga_status)-1), "unknown status");
}

static void warnings(void **state) {
    ga_ctx *ctx = *state;
    ga_ctx_clear_warnings(ctx);
    ga_warn(ctx, "%d points left out", 3);
    ga_warn(ctx, "other");
    ga_warn(ctx, "%d points left out", 3); /* the same fact: said once */
    assert_int_equal(ga_ctx_warning_count(ctx), 2);
    assert_string_equal(ga_ctx_warning(ctx, 0), "3 points left out");
    assert_string_equal(ga_ctx_warning(ctx, 1), "other");
    assert_null(ga_ctx_warning(ctx, 2));
    ga_ctx_clear_warnings(ctx);
    assert_int_equal(ga_ctx_warning_count(ctx), 0);
}

typedef struct {
    int calls;
    char stage[32];
    uint64_t done, total;
} progress_seen;

static void on_progress(const char *stage, uint64_t done, uint64_t total, void *user) {
    progress_seen *p = user;
    p->calls++;
    g_strlcpy(p->stage, stage, sizeof p->stage);
    p->done = done;
    p->total = total;
}

static void progress(void **state) {
    ga_ctx *ctx = *state;
    ga_progress(ctx, "nobody listens", 1, 2); /* no function: nothing happens */
    progress_seen p = {0};
    ga_ctx_set_progress(ctx, on_progress, &p);
    ga_progress(ctx, "table", 5, 10);
    assert_int_equal(p.calls, 1);
    assert_string_equal(p.stage, "table");
    assert_int_equal(p.done, 5);
    assert_int_equal(p.total, 10);
    ga_ctx_set_progress(ctx, NULL, NULL);
    ga_progress(ctx, "table", 6, 10);
    assert_int_equal(p.calls, 1);
}

static void working_crs(void **state) {
    ga_ctx *ctx = *state;
    assert_string_equal(ga_ctx_get_working_crs(ctx), "EPSG:2154");
    assert_status(ctx, ga_ctx_set_working_crs(ctx, "EPSG:4326"), GA_ERR_CRS);
    assert_error_mentions(ctx, "not a projected");
    assert_status(ctx, ga_ctx_set_working_crs(ctx, "EPSG:999999"), GA_ERR_CRS);
    assert_error_mentions(ctx, "unknown CRS 'EPSG:999999'");
    assert_status(ctx, ga_ctx_set_working_crs(ctx, ""), GA_ERR_ARG);
    assert_string_equal(ga_ctx_get_working_crs(ctx), "EPSG:2154"); /* unchanged by the failures */
    assert_ok(ctx, ga_ctx_set_working_crs(ctx, "EPSG:32631"));
    assert_string_equal(ga_ctx_get_working_crs(ctx), "EPSG:32631");
    assert_ok(ctx, ga_ctx_set_working_crs(ctx, "EPSG:2154"));
}

/* GEOS reports through the context's handler, not on stderr. */
static void geos_message(void **state) {
    ga_ctx *ctx = *state;
    GEOSWKTReader *r = GEOSWKTReader_create_r(ctx->geos);
    GEOSGeometry *g = GEOSWKTReader_read_r(ctx->geos, r, "POLYGON((0 0, 1 1");
    assert_null(g);
    GEOSWKTReader_destroy_r(ctx->geos, r);
    assert_true(strlen(ga_geos_message(ctx)) > 0);
}

static int setup(void **state) {
    *state = ga_ctx_new();
    return *state ? 0 : -1;
}
static int teardown(void **state) {
    ga_ctx_free(*state);
    ga_ctx_free(NULL); /* does nothing */
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(errors),
        cmocka_unit_test(warnings),
        cmocka_unit_test(progress),
        cmocka_unit_test(working_crs),
        cmocka_unit_test(geos_message),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
