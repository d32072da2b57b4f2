/* Shared helpers for the cmocka tests: assertions, paths of fixtures,
 * temporary folders, small files and the built command. One copy here
 * rather than one per test file. */
#ifndef GA_TEST_UTIL_H
#define GA_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gstdio.h>

/* cmocka 1.1 has no assert_double_equal. */
#define assert_near(a, b, eps)                                                   \
    do {                                                                         \
        double ga_a_ = (a), ga_b_ = (b), ga_e_ = (eps);                          \
        if (!(fabs(ga_a_ - ga_b_) <= ga_e_)) {                                   \
            fail_msg("%s = %.17g, expected %s = %.17g (+-%g)", #a, ga_a_, #b,    \
                     ga_b_, ga_e_);                                              \
        }                                                                        \
    } while (0)

/* Asserts a status and, on mismatch, shows the context's message. */
#define assert_status(ctx, expr, expected)                                       \
    do {                                                                         \
        ga_status ga_s_ = (expr);                                                \
        if (ga_s_ != (expected))                                                 \
            fail_msg("%s returned %d (%s), expected %d; message: %s", #expr,     \
                     (int)ga_s_, ga_status_describe(ga_s_), (int)(expected),     \
                     ga_ctx_last_error(ctx));                                    \
    } while (0)

#define assert_ok(ctx, expr) assert_status(ctx, expr, GA_OK)

/* Asserts that the last error message contains `needle`. */
#define assert_error_mentions(ctx, needle)                                       \
    do {                                                                         \
        if (!strstr(ga_ctx_last_error(ctx), (needle)))                           \
            fail_msg("error message '%s' does not mention '%s'",                 \
                     ga_ctx_last_error(ctx), (needle));                          \
    } while (0)

/* Path of `rel` under the folder named by the environment variable `var`
 * (set by tests/meson.build), or under `fallback` when it is not set;
 * static buffers, eight in turn, so that a few can be used at once. */
static inline const char *test_env_path(const char *var, const char *fallback, const char *rel) {
    static char buf[8][4096];
    static int k;
    const char *dir = getenv(var);
    k = (k + 1) & 7;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir ? dir : fallback, rel);
    return buf[k];
}

/* A file under tests/ (GA_TEST_DIR). */
static inline const char *test_path(const char *rel) { return test_env_path("GA_TEST_DIR", ".", rel); }

/* A shapefile fixture written at build time by make_fixtures.c (GA_FIXTURES). */
static inline const char *shp_fixture(const char *rel) {
    return test_env_path("GA_FIXTURES", "fixtures", rel);
}

/* A file of the source tree (GA_SOURCE_ROOT), e.g. "geodata/herault/...". */
static inline const char *source_path(const char *rel) {
    return test_env_path("GA_SOURCE_ROOT", "..", rel);
}

/* A fresh temporary folder named after `tag` (transfer full); remove it with
 * test_rm_rf. */
static inline char *test_tmpdir(const char *tag) {
    g_autofree char *tmpl = g_strdup_printf("ga_%s_XXXXXX", tag);
    char *d = g_dir_make_tmp(tmpl, NULL);
    if (!d) fail_msg("cannot make a temporary folder for %s", tag);
    return d;
}

/* Removes a folder and everything under it; symbolic links are removed, not
 * followed (a test may point one outside its folder). */
static inline void test_rm_rf(const char *dir) {
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *e;
    while (d && (e = g_dir_read_name(d))) {
        g_autofree char *p = g_build_filename(dir, e, NULL);
        if (g_file_test(p, G_FILE_TEST_IS_DIR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK)) test_rm_rf(p);
        else g_unlink(p);
    }
    if (d) g_dir_close(d);
    g_rmdir(dir);
}

/* Writes `text` to dir/name (fails the test if it cannot). */
static inline void test_put(const char *dir, const char *name, const char *text) {
    g_autofree char *p = g_build_filename(dir, name, NULL);
    if (!g_file_set_contents(p, text, -1, NULL)) fail_msg("cannot write %s", p);
}

/* The contents of dir/name (transfer full), NULL if it cannot be read. */
static inline char *test_read(const char *dir, const char *name) {
    g_autofree char *p = g_build_filename(dir, name, NULL);
    char *s = NULL;
    if (!g_file_get_contents(p, &s, NULL, NULL)) return NULL;
    return s;
}

/* Whether dir/name exists (a dangling symbolic link counts). */
static inline bool test_exists(const char *dir, const char *name) {
    g_autofree char *p = g_build_filename(dir, name, NULL);
    struct stat sb;
    return g_lstat(p, &sb) == 0;
}

/* The built command, $GA_BUILD_ROOT/engine/cli/geoaccess (transfer full). */
static inline char *test_cli_exe(void) {
    const char *root = getenv("GA_BUILD_ROOT");
    return g_build_filename(root ? root : ".", "engine", "cli", "geoaccess", NULL);
}

/* Runs the built command with the NULL-terminated `args`; returns its exit
 * status (-1 if killed) and its standard output and error (transfer full;
 * either may be NULL to let it through). */
static inline int run_cli(const char *const *args, char **out, char **err) {
    g_autofree char *exe = test_cli_exe();
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, exe);
    for (; *args; args++) g_ptr_array_add(argv, (gpointer)*args);
    g_ptr_array_add(argv, NULL);
    int status = -1;
    GError *e = NULL;
    gboolean ok = g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out,
                               err, &status, &e);
    g_ptr_array_free(argv, TRUE);
    if (!ok) fail_msg("cannot run %s: %s", exe, e->message);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#endif
