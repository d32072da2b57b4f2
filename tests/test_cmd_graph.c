/* geoaccess graph, end to end: summary, files, exit codes, no partial output.
 * Runs the built command ($GA_BUILD_ROOT/engine/cli/geoaccess). */
#include "test_util.h"
#include <string.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "geoaccess.h"

static char *tmpdir;

/* Runs `geoaccess graph ARGS...` (run_cli of test_util.h with the command's name). */
static int run(const char *const *args, char **out, char **err) {
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, "graph");
    for (int i = 0; args[i]; i++) g_ptr_array_add(argv, (gpointer)args[i]);
    g_ptr_array_add(argv, NULL);
    int status = run_cli((const char *const *)argv->pdata, out, err);
    g_ptr_array_free(argv, TRUE);
    return status;
}

static void test_builds_summary_and_files(void **state) {
    (void)state;
    char *out_path = g_build_filename(tmpdir, "tiny.gagraph", NULL);
    char *csv_path = g_build_filename(tmpdir, "tiny.csv", NULL);
    const char *args[] = {"--roads", test_path("fixtures/graph/synthetic_tiny.osm"), "--out",
                          out_path, "--export", csv_path, NULL};
    char *out = NULL, *err = NULL;
    assert_int_equal(run(args, &out, &err), 0);
    assert_non_null(strstr(out, "crs         EPSG:2154"));
    assert_non_null(strstr(out, "nodes       5\n"));
    assert_non_null(strstr(out, "arcs        11\n"));
    assert_non_null(strstr(out, "dropped     2 nodes in 1 components"));
    assert_non_null(strstr(out, "ways        6 of 10"));
    assert_non_null(strstr(out, "time        read"));
    assert_non_null(strstr(err, "warning: road graph: dropped 2 node(s)"));
    /* the file loads, and the CSV has one line per arc */
    ga_ctx *ctx = ga_ctx_new();
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_load(ctx, out_path, &g));
    assert_int_equal(ga_graph_arc_count(g), 11);
    ga_graph_free(g);
    ga_ctx_free(ctx);
    char *csv = NULL;
    assert_true(g_file_get_contents(csv_path, &csv, NULL, NULL));
    int lines = 0;
    for (char *p = csv; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 12);
    assert_true(g_str_has_prefix(csv, "from,to,time_s,distance_m,from_x,from_y,to_x,to_y\n"));
    g_free(csv);
    g_free(out);
    g_free(err);
    /* walk profile, explicit CRS */
    const char *args2[] = {"--roads", test_path("fixtures/graph/synthetic_tiny.osm"), "--out",
                           out_path, "--profile", "walk", "--crs", "EPSG:32631", NULL};
    assert_int_equal(run(args2, &out, &err), 0);
    assert_non_null(strstr(out, "crs         EPSG:32631"));
    assert_non_null(strstr(out, "profile     walk"));
    assert_non_null(strstr(out, "nodes       6\n"));
    g_free(out);
    g_free(err);
    g_free(out_path);
    g_free(csv_path);
}

static void test_errors_and_no_partial_output(void **state) {
    (void)state;
    char *out = NULL, *err = NULL;
    char *out_path = g_build_filename(tmpdir, "none.gagraph", NULL);
    const char *no_out[] = {"--roads", test_path("fixtures/graph/synthetic_tiny.osm"), NULL};
    assert_int_equal(run(no_out, &out, &err), 2);
    assert_non_null(strstr(err, "--out FILE is required"));
    g_free(out);
    g_free(err);
    const char *missing[] = {"--roads", "no/such.osm.pbf", "--out", out_path, NULL};
    assert_int_equal(run(missing, &out, &err), 1);
    assert_non_null(strstr(err, "no/such.osm.pbf"));
    g_free(out);
    g_free(err);
    const char *geo[] = {"--roads", test_path("fixtures/graph/synthetic_tiny.osm"), "--out",
                         out_path, "--crs", "EPSG:4326", NULL};
    assert_int_equal(run(geo, &out, &err), 1);
    assert_non_null(strstr(err, "not a projected"));
    g_free(out);
    g_free(err);
    assert_false(g_file_test(out_path, G_FILE_TEST_EXISTS));
    /* nothing but the outputs of the first test were left in the folder */
    GDir *d = g_dir_open(tmpdir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name(d))) assert_false(g_str_has_prefix(name, "."));
    g_dir_close(d);
    g_free(out_path);
}

static int setup(void **state) {
    (void)state;
    tmpdir = test_tmpdir("graph_cli");
    return tmpdir ? 0 : -1;
}
static int teardown(void **state) {
    (void)state;
    test_rm_rf(tmpdir);
    g_free(tmpdir);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builds_summary_and_files),
        cmocka_unit_test(test_errors_and_no_partial_output),
    };
    if (!g_file_test(getenv("GA_BUILD_ROOT") ? getenv("GA_BUILD_ROOT") : ".", G_FILE_TEST_IS_DIR))
        return 77;
    return cmocka_run_group_tests(tests, setup, teardown);
}
