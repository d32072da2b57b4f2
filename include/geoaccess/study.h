/* A study: everything a run needs, named in one study file (GKeyFile INI,
 * every key in docs/study.md), computed by the library as one pipeline
 * (inputs, one cost source, nearest facilities, APL with the comparison
 * with the official APL, coverage, zones blanches, scenarios) and returned
 * as data; the caller prints and writes it.
 *
 *   ga_study *s = NULL;
 *   ga_study_result *r = NULL;
 *   if (ga_study_load(ctx, "study.ini", NULL, 0, &s) || ga_study_run(ctx, s, &r)) ...error in ctx...
 *   ... the figures of r (engine/study/pipeline.h), written by write/study_out.h ...
 *   ga_study_result_free(r);
 *   ga_study_free(s);
 */
#ifndef GEOACCESS_STUDY_H
#define GEOACCESS_STUDY_H

#include "geoaccess/core.h"

typedef struct ga_study ga_study;
typedef struct ga_study_result ga_study_result;

/* Reads the study file `path`; `overrides` are n "section.key=value"
 * strings applied over it (the command line's --set). Paths in the file
 * are relative to its folder. An unknown section or key, or a value of the
 * wrong type, is an error naming the file, the line and the key (an
 * override is named as "--set section.key"). Files are checked when the
 * study runs. Caller frees *out with ga_study_free(). */
ga_status ga_study_load(ga_ctx *ctx, const char *path, const char *const *overrides, size_t n,
                        ga_study **out);

/* The same from the text of a study file: `path` names it in messages and
 * its folder is the base of relative paths (the file need not exist: the
 * built-in default study). */
ga_status ga_study_load_text(ga_ctx *ctx, const char *path, const char *text,
                             const char *const *overrides, size_t n, ga_study **out);

/* The effective study as a study file: every key, defaults filled in, paths
 * resolved. Transfer full (g_free). */
char *ga_study_print(const ga_study *s);

/* The study's output folder (outputs.folder). Borrowed. */
const char *ga_study_output_folder(const ga_study *s);

/* Runs the study: checks its files, opens the cost source, loads the
 * inputs, computes every measure and scenario on that one cost source.
 * Caller frees *out with ga_study_result_free(); the result borrows `s`,
 * which must outlive it. */
ga_status ga_study_run(ga_ctx *ctx, ga_study *s, ga_study_result **out);

void ga_study_result_free(ga_study_result *r);
void ga_study_free(ga_study *s);

#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC /* with GLib: g_autoptr(ga_study) */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_study, ga_study_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_study_result, ga_study_result_free)
#endif

#endif
