/* Shared command-line helpers: option parsing, errors, warnings, progress. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"

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
    for (size_t i = 0; i < ga_ctx_warning_count(ctx); i++)
        fprintf(stderr, "warning: %s\n", ga_ctx_warning(ctx, i));
    ga_ctx_clear_warnings(ctx);
}

int ga_cli_fail(ga_ctx *ctx, const char *cmd) {
    ga_cli_flush_warnings(ctx);
    fprintf(stderr, "geoaccess %s: error: %s\n", cmd, ga_ctx_last_error(ctx));
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

ga_status ga_cli_read_points(ga_ctx *ctx, const char *path, const ga_points_options *opts,
                             ga_points **out) {
    if (g_str_has_suffix(path, ".shp") || g_str_has_suffix(path, ".SHP")) {
        ga_layer_kind kind;
        ga_status st = ga_shapefile_kind(ctx, path, &kind);
        if (st) return st;
        if (kind == GA_LAYER_POLYGONS) {
            ga_communes *c = NULL;
            if ((st = ga_communes_read(ctx, path, NULL, &c))) return st;
            st = ga_points_from_communes(ctx, c, out);
            ga_communes_free(c);
            return st;
        }
        return ga_points_read_shp(ctx, path, opts, out);
    }
    return ga_points_read_csv(ctx, path, opts, out);
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
