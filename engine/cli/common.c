/* Shared command-line helpers: option parsing, errors, warnings, progress. */
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/internal.h"

gboolean ga_cli_parse(GOptionContext *oc, int *argc, char ***argv, const char *cmd) {
    GError *err = NULL;
    if (!g_option_context_parse(oc, argc, argv, &err)) {
        fprintf(stderr, "geoaccess %s: %s\nTry 'geoaccess %s --help'.\n", cmd,
                err->message, cmd);
        g_error_free(err);
        return FALSE;
    }
    return TRUE;
}

typedef struct {
    char stage[64];
    gint64 last_us;
} progress_state;

static progress_state progress;

static void progress_to_tty(const char *stage, uint64_t done, uint64_t total, void *data) {
    (void)data;
    gint64 now = g_get_monotonic_time();
    gboolean finished = total && done >= total;
    if (!finished && now - progress.last_us < 100000 && g_strcmp0(stage, progress.stage) == 0)
        return;
    progress.last_us = now;
    g_strlcpy(progress.stage, stage, sizeof progress.stage);
    if (total)
        fprintf(stderr, "\r\033[K%s: %llu/%llu (%.0f%%)%s", stage, (unsigned long long)done,
                (unsigned long long)total, 100.0 * (double)done / (double)total,
                finished ? "\n" : "");
    else
        fprintf(stderr, "\r\033[K%s: %llu", stage, (unsigned long long)done);
    fflush(stderr);
}

ga_ctx *ga_cli_ctx_new(void) {
    ga_ctx *ctx = ga_ctx_new();
    if (!ctx) {
        fprintf(stderr, "geoaccess: cannot initialise GEOS/PROJ\n");
        return NULL;
    }
    if (isatty(STDERR_FILENO)) ga_ctx_set_progress(ctx, progress_to_tty, NULL);
    return ctx;
}

void ga_cli_flush_warnings(ga_ctx *ctx) {
    /* a warning repeated by several tables on the same points (the same
     * communes routed to each facility type) is printed once */
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < ga_ctx_warning_count(ctx); i++) {
        const char *w = ga_ctx_warning(ctx, i);
        if (!g_hash_table_add(seen, (gpointer)w)) continue;
        fprintf(stderr, "warning: %s\n", w);
    }
    g_hash_table_destroy(seen);
    ga_ctx_clear_warnings(ctx);
}

int ga_cli_fail(ga_ctx *ctx, const char *cmd) {
    ga_cli_flush_warnings(ctx);
    fprintf(stderr, "geoaccess %s: error: %s\n", cmd, ga_ctx_last_error(ctx));
    if (ga_ctx_last_status(ctx) == GA_ERR_UNREACHABLE)
        fprintf(stderr, "hint: --snap-distance M joins points up to M metres from a road; --skip-unsnapped "
                "leaves the points beyond it out, their values unknown (empty)\n");
    return ga_ctx_last_status(ctx) == GA_ERR_ARG ? GA_EXIT_USAGE : GA_EXIT_INPUT;
}

int ga_cli_usage_error(const char *cmd, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "geoaccess %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'geoaccess %s --help'.\n", cmd);
    va_end(ap);
    return GA_EXIT_USAGE;
}

int ga_cli_check_number(const char *cmd, const char *option, double v, double lo, double hi) {
    if (isfinite(v) && v >= lo && v <= hi) return GA_EXIT_OK;
    return ga_cli_usage_error(cmd, "%s must be a number from %g to %g (got %g)", option, lo, hi, v);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

ga_status ga_cli_decay_parse(ga_ctx *ctx, const char *spec, ga_decay **out) {
    ga_decay *d = NULL;
    ga_status st = ga_decay_parse(ctx, spec, &d);
    if (st) return st;
    /* the weight along costs 0, every quarter up to 1000 and 1e-3 .. 1e6 in
     * eighths of a decade: a grid no step of a real decay hides in */
    enum { QUARTERS = 4000, EIGHTHS = 72 };
    double c[1 + QUARTERS + EIGHTHS + 1];
    size_t n = 0;
    c[n++] = 0;
    for (int k = 1; k <= QUARTERS; k++) c[n++] = k * 0.25;
    for (int k = 0; k <= EIGHTHS; k++) c[n++] = pow(10, -3 + k / 8.0);
    qsort(c, n, sizeof *c, cmp_double);
    for (size_t k = 1; k < n && !st; k++) {
        double w0 = ga_decay_weight(d, c[k - 1]), w1 = ga_decay_weight(d, c[k]);
        if (w1 > w0 * (1 + 1e-12))
            st = ga_fail(ctx, GA_ERR_ARG,
                         "decay '%s': the weight grows with the cost (%g at %g, %g at %g): far "
                         "places would count more than near ones (power:BETA needs BETA >= 0, "
                         "steps need non-increasing weights)",
                         ga_clip(spec), w0, c[k - 1], w1, c[k]);
    }
    if (st) {
        ga_decay_free(d);
        return st;
    }
    *out = d;
    return GA_OK;
}

void ga_cli_print_col(const char *s, int width) {
    long n = g_utf8_validate(s, -1, NULL) ? g_utf8_strlen(s, -1) : (long)strlen(s);
    fputs(s, stdout);
    for (long i = n; i < width; i++) putchar(' ');
}

static char *command_line;

void ga_cli_set_command_line(int argc, char **argv) {
    g_free(command_line);
    command_line = g_strjoinv(" ", argv + (argc > 0 ? 1 : 0)); /* without the program's path */
}

ga_status ga_cli_outset_open(ga_ctx *ctx, const char *cmd, const char *dir, const char *file,
                             ga_outset **out) {
    if (!dir) return ga_outset_open_file(ctx, file, out);
    return ga_outset_open(ctx, dir, cmd, command_line, out);
}

/* Async-signal-safe: the library's cleanup, then the default action. */
static void on_signal(int sig) {
    ga_output_signal_cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

void ga_cli_install_signal_handlers(void) {
    static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigfillset(&sa.sa_mask); /* one handler at a time */
    for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
        struct sigaction old;
        /* a signal ignored by the parent (nohup) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        sigaction(sigs[i], &sa, NULL);
    }
}
