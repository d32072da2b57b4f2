/* Shared helpers for the cmocka tests. */
#ifndef GA_TEST_UTIL_H
#define GA_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

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

/* Path of a file under tests/ (GA_TEST_DIR is set by meson); static buffer. */
static inline const char *test_path(const char *rel) {
    static char buf[4][4096];
    static int k;
    const char *dir = getenv("GA_TEST_DIR");
    k = (k + 1) & 3;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir ? dir : ".", rel);
    return buf[k];
}

#endif
