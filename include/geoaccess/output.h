/* geoaccess: output sets, so that outputs never hurt.
 *
 * A command's outputs are one set: all replaced, or none. While a set is
 * open on a ga_ctx, every writer of the library called with that ctx
 * (result tables, shapefiles, GeoJSON, maps, OD tables) writes its file
 * under a temporary name in the set's folder and leaves it there, staged;
 * ga_outset_commit() renames every staged file onto its destination at the
 * end. ga_outset_abort() (a failure) removes them: the folder keeps the
 * previous set. Without an open set, each writer replaces its file alone
 * (temporary file + rename).
 *
 * A folder set (ga_outset_open) records what it wrote in a small manifest,
 * DIR/.geoaccess-COMMAND.manifest (GLib key file: command, arguments,
 * engine version, files); a commit removes the files its previous manifest
 * listed that the new set no longer has, and never touches anything else in
 * the folder (other commands' sets, the user's own files).
 *
 * What is atomic and what is not: each file is replaced by one rename(2),
 * but a set of N files needs N renames. Before the first rename the commit
 * writes the manifest as a journal (state=committing, the staged temporary
 * names); the last step rewrites it as state=complete. A SIGTERM/SIGINT in
 * that window makes the handler (ga_output_signal_cleanup) finish the
 * renames, so the folder holds the new complete set; a SIGKILL or a power
 * cut leaves a journal and a folder mixing both sets until the next
 * ga_outset_open on that folder, which completes the journal first (every
 * staged file was complete and synced before the journal was written).
 *
 * Temporary files are named DIR/~ga-tmp-PID-N-NAME; the next ga_outset_open
 * in the folder removes those whose PID is not a live process (a run killed
 * by SIGKILL). PIDs are local: two machines writing one network folder at
 * the same time are not supported.
 *
 * For the tests only, GEOACCESS_TEST_KILL=stage:N:SIG or rename:N:SIG
 * (SIG: TERM, INT, KILL, or FAIL for an error) makes a set raise SIG after
 * its N-th staged file or before the N-th rename of its commit, so that a
 * kill lands at a chosen moment.
 *
 * Destinations: an existing destination that is not a regular file (a
 * symbolic link, a FIFO, a device, a folder) is refused, never replaced.
 */
#ifndef GEOACCESS_OUTPUT_H
#define GEOACCESS_OUTPUT_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ga_outset ga_outset;

/* Opens the output set of `command` in folder `dir`, before any work:
 * refuses a `dir` that exists and is not a folder, or where no file can be
 * created (GA_ERR_IO, the message names the path); creates it if missing
 * (removed again by ga_outset_abort if still empty); completes a commit a
 * killed run left half-done; removes the temporary files of dead runs.
 * `arguments` (may be NULL) is recorded in the manifest. The set is
 * attached to ctx until commit or abort; one set per ctx at a time.
 * Caller frees *out with ga_outset_commit() or ga_outset_abort(). */
ga_status ga_outset_open(ga_ctx *ctx, const char *dir, const char *command, const char *arguments,
                         ga_outset **out);
/* The same for a single output file `path` (no manifest): refuses a `path`
 * that exists and is not a regular file, or whose folder is missing or not
 * writable. Caller frees *out with ga_outset_commit() or ga_outset_abort(). */
ga_status ga_outset_open_file(ga_ctx *ctx, const char *path, ga_outset **out);
/* Renames every staged file onto its destination (refusing, before any
 * rename, a destination that is not a regular file), removes the previous
 * set's files the new one no longer has, writes the manifest; detaches and
 * frees the set in all cases. On failure before the first rename nothing
 * is replaced. */
ga_status ga_outset_commit(ga_ctx *ctx, ga_outset *set);
/* Removes every staged file, detaches and frees the set. NULL does nothing. */
void ga_outset_abort(ga_outset *set);

/* For a signal handler (SIGTERM, SIGINT, SIGHUP) installed by the program:
 * async-signal-safe. Finishes a commit in progress, then removes every
 * temporary file the library has open or staged, and the folders an open
 * set created when they are empty. The library installs no
 * handler itself; call this, then restore the default action and re-raise. */
void ga_output_signal_cleanup(void);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header):
 * an uncommitted set is aborted; steal it (g_steal_pointer) to commit it */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_outset, ga_outset_abort)
#endif

#endif
