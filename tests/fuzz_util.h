/* Shared by the fuzz targets (tests/fuzz_<name>.c): splitting one input into
 * the files of a multi-file format, writing them into a private temporary
 * folder for readers that only take a path, and the standalone main that
 * replays corpus files when the target is built without libFuzzer (gcc, the
 * test suite). */
#ifndef GA_FUZZ_UTIL_H
#define GA_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "geoaccess.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One context for the whole run (freed at the end of the standalone main,
 * so that valgrind sees PROJ's caches released). */
static ga_ctx *ga_fuzz_ctx_ptr;

static inline ga_ctx *ga_fuzz_ctx(void) {
    if (!ga_fuzz_ctx_ptr) ga_fuzz_ctx_ptr = ga_ctx_new();
    return ga_fuzz_ctx_ptr;
}

/* Multi-file inputs are the files' bytes joined by this separator (in the
 * order the target documents); a missing or empty part means the file is
 * absent. The seeds are written that way by tests/fuzz_corpus/make_seeds.py. */
#define GA_FUZZ_SEP "\n@@GAFUZZ@@\n"
#define GA_FUZZ_SEP_LEN (sizeof GA_FUZZ_SEP - 1)

typedef struct {
    const uint8_t *data;
    size_t len;
} ga_fuzz_part;

/* Splits data into at most max parts; returns the number of parts found
 * (the others are set empty). */
static inline size_t ga_fuzz_split(const uint8_t *data, size_t size, ga_fuzz_part *parts,
                                   size_t max) {
    size_t n = 0, start = 0;
    for (size_t k = 0; k < max; k++) parts[k] = (ga_fuzz_part){NULL, 0};
    while (n < max) {
        const uint8_t *hit = NULL;
        if (n + 1 < max && size - start >= GA_FUZZ_SEP_LEN)
            hit = memmem(data + start, size - start, GA_FUZZ_SEP, GA_FUZZ_SEP_LEN);
        size_t end = hit ? (size_t)(hit - data) : size;
        parts[n].data = data + start;
        parts[n].len = end - start;
        n++;
        if (!hit) break;
        start = end + GA_FUZZ_SEP_LEN;
    }
    return n;
}

/* A private folder under $TMPDIR, made once, removed at exit. */
static char *ga_fuzz_dir;

static void ga_fuzz_cleanup(void) {
    if (!ga_fuzz_dir) return;
    GDir *d = g_dir_open(ga_fuzz_dir, 0, NULL);
    if (d) {
        const char *name;
        while ((name = g_dir_read_name(d))) {
            char *p = g_build_filename(ga_fuzz_dir, name, NULL);
            g_remove(p);
            g_free(p);
        }
        g_dir_close(d);
    }
    g_rmdir(ga_fuzz_dir);
    g_free(ga_fuzz_dir);
    ga_fuzz_dir = NULL;
}

static inline const char *ga_fuzz_tmpdir(void) {
    if (!ga_fuzz_dir) {
        ga_fuzz_dir = g_dir_make_tmp("ga_fuzz_XXXXXX", NULL);
        if (!ga_fuzz_dir) abort();
        atexit(ga_fuzz_cleanup);
    }
    return ga_fuzz_dir;
}

/* Writes `part` as NAME in the private folder (removes it when the part is
 * empty); returns the path (owned by the caller). */
static inline char *ga_fuzz_put(const char *name, ga_fuzz_part part) {
    char *p = g_build_filename(ga_fuzz_tmpdir(), name, NULL);
    if (!part.len) {
        g_remove(p);
        return p;
    }
    FILE *f = fopen(p, "wb");
    if (!f || fwrite(part.data, 1, part.len, f) != part.len) abort();
    fclose(f);
    return p;
}

/* With GA_FUZZ_VERBOSE set, says what each reader made of the input (to
 * check that the seeds reach past the first checks). */
#define GA_FUZZ_REPORT(ctx, what, st)                                            \
    do {                                                                         \
        if (getenv("GA_FUZZ_VERBOSE"))                                           \
            fprintf(stderr, "  %s: %s\n", what,                                  \
                    (st) ? ga_ctx_last_error(ctx) : "ok");                       \
    } while (0)

/* Standalone replay: each argument is an input file, or a folder whose
 * files (sorted by name) are inputs. */
#ifndef GA_LIBFUZZER
static int ga_fuzz_replay_file(const char *path) {
    gchar *buf = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &buf, &len, NULL)) {
        fprintf(stderr, "cannot read %s\n", path);
        return -1;
    }
    if (getenv("GA_FUZZ_VERBOSE")) fprintf(stderr, "%s\n", path);
    LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
    g_free(buf);
    return 1;
}

static gint ga_fuzz_cmp(gconstpointer a, gconstpointer b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
            GDir *d = g_dir_open(argv[i], 0, NULL);
            if (!d) return 1;
            GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
            const char *name;
            while ((name = g_dir_read_name(d))) g_ptr_array_add(names, g_strdup(name));
            g_dir_close(d);
            g_ptr_array_sort(names, ga_fuzz_cmp);
            for (guint k = 0; k < names->len; k++) {
                char *p = g_build_filename(argv[i], names->pdata[k], NULL);
                int r = ga_fuzz_replay_file(p);
                g_free(p);
                if (r < 0) return 1;
                n += r;
            }
            g_ptr_array_free(names, TRUE);
        } else {
            if (ga_fuzz_replay_file(argv[i]) < 0) return 1;
            n++;
        }
    }
    ga_ctx_free(ga_fuzz_ctx_ptr);
    printf("%d inputs replayed\n", n);
    return n > 0 ? 0 : 1;
}
#endif

#endif
