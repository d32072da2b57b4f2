/* Fuzz target for study files (engine/study/study_file.c): the input is the
 * file's text, read with ga_study_load_text as /fuzz/study.ini (absolute: its print
 * resolves paths, and a print must read back to itself; no file is opened: files are
 * checked when a study runs); a study read is printed, and its print must
 * read back to the same print. */
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "geoaccess.h"
#include "geoaccess/study.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ga_ctx *ctx = ga_fuzz_ctx();
    char *text = g_strndup((const char *)data, size); /* the text up to a NUL byte */
    ga_study *s = NULL;
    ga_status st = ga_study_load_text(ctx, "/fuzz/study.ini", text, NULL, 0, &s);
    GA_FUZZ_REPORT(ctx, "ga_study_load_text", st);
    if (st == GA_OK) {
        char *print = ga_study_print(s);
        ga_study *again = NULL;
        ga_ctx_clear_error(ctx);
        /* the print of a study read must read back to itself */
        if (ga_study_load_text(ctx, "/fuzz/study.ini", print, NULL, 0, &again) != GA_OK) abort();
        char *print2 = ga_study_print(again);
        if (strcmp(print, print2) != 0) abort();
        g_free(print2);
        ga_study_free(again);
        g_free(print);
        ga_study_free(s);
    }
    g_free(text);
    ga_ctx_clear_error(ctx);
    ga_ctx_clear_warnings(ctx);
    return 0;
}
