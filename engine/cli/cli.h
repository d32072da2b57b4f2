/* The command-line tool: one file per subcommand, helpers shared here. */
#ifndef GA_CLI_H
#define GA_CLI_H

#include <glib.h>
#include "geoaccess.h"
#include "core/internal.h" /* ga_clip() for values quoted in messages */

/* Exit codes. */
enum { GA_EXIT_OK = 0, GA_EXIT_INPUT = 1, GA_EXIT_USAGE = 2 };

/* Each subcommand: argv[0] is the subcommand name. Returns an exit code. */
typedef int (*ga_cmd_fn)(int argc, char **argv);

/* Parses options; on failure prints the error and the --help hint to stderr
 * and returns false (exit with GA_EXIT_USAGE). */
gboolean ga_cli_parse(GOptionContext *oc, int *argc, char ***argv, const char *cmd);

/* A context with progress on stderr when it is a terminal. */
ga_ctx *ga_cli_ctx_new(void);
/* Prints warnings collected in ctx to stderr, then clears them. */
void ga_cli_flush_warnings(ga_ctx *ctx);
/* Prints "geoaccess CMD: error: <last error>" and returns GA_EXIT_INPUT
 * (GA_EXIT_USAGE for GA_ERR_ARG). */
int ga_cli_fail(ga_ctx *ctx, const char *cmd);
/* A number option's value: GLib's parser takes "nan", "inf" and "0x10". 0
 * when v is finite and within [lo, hi], else prints a usage error naming the
 * option and the range and returns GA_EXIT_USAGE:
 *   if ((rc = ga_cli_check_number("od", "--max-cost", max_cost, 0, 1e9))) return rc; */
int ga_cli_check_number(const char *cmd, const char *option, double v, double lo, double hi);
/* ga_decay_parse, then refuses (GA_ERR_ARG: exit 2) a decay whose weight
 * grows with the cost somewhere from 0 to 1e6 (power:-2, steps:10=0.5,20=1):
 * far places would count more than near ones. The library keeps such
 * weights for reproducing other tools' tests; a command has no use for them. */
ga_status ga_cli_decay_parse(ga_ctx *ctx, const char *spec, ga_decay **out);
/* Prints a usage error and returns GA_EXIT_USAGE. */
int ga_cli_usage_error(const char *cmd, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Prints s left-aligned in a column of `width` characters (not bytes: labels
 * such as "maison de santé" carry multi-byte UTF-8). */
void ga_cli_print_col(const char *s, int width);

/* Outputs (geoaccess/output.h). main() installs handlers of SIGTERM,
 * SIGINT and SIGHUP that remove the temporary files (or finish a commit in
 * progress) and then die of the signal; and records the command line the
 * manifests keep. */
void ga_cli_install_signal_handlers(void);
void ga_cli_set_command_line(int argc, char **argv);
/* Opens the output set of command `cmd` in folder `dir` (before the work:
 * a bad folder fails at once), or of the single file `file` when dir is
 * NULL. */
ga_status ga_cli_outset_open(ga_ctx *ctx, const char *cmd, const char *dir, const char *file,
                             ga_outset **out);

/* Subcommands (cmd_*.c). */
int ga_cmd_info(int argc, char **argv);
int ga_cmd_od(int argc, char **argv);
int ga_cmd_run(int argc, char **argv);
int ga_cmd_fca(int argc, char **argv);
int ga_cmd_apl(int argc, char **argv);
int ga_cmd_graph(int argc, char **argv);
int ga_cmd_catchment(int argc, char **argv);
int ga_cmd_nearest(int argc, char **argv);
int ga_cmd_coverage(int argc, char **argv);
int ga_cmd_zones(int argc, char **argv);
int ga_cmd_scenario(int argc, char **argv);
int ga_cmd_vulnerability(int argc, char **argv);

#endif
