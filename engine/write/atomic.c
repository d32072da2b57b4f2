/* Atomic output files (temporary file in the same folder, then rename). */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "core/internal.h"
#include "write/atomic.h"

struct ga_atomic {
    FILE *stream;
    char *tmp_path;
    char *path;
};

char *ga_atomic_temp_name(const char *path) {
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    static gint counter;
    int n = g_atomic_int_add(&counter, 1);
    /* no dot after the folder: shapelib strips anything after the last dot */
    g_strdelimit(base, ".", '_');
    return g_strdup_printf("%s%c~tmp-%s-%d-%d", dir, G_DIR_SEPARATOR, base,
                           (int)getpid(), n);
}

ga_status ga_atomic_open(ga_ctx *ctx, const char *path, ga_atomic **out) {
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    char *tmpl = g_strdup_printf("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
    int fd = g_mkstemp(tmpl);
    if (fd < 0) {
        int e = errno;
        g_free(tmpl);
        return ga_fail(ctx, GA_ERR_IO, "%s: cannot create a file in '%s': %s",
                       path, dir, g_strerror(e));
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        close(fd);
        g_unlink(tmpl);
        g_free(tmpl);
        return ga_fail(ctx, GA_ERR_IO, "%s: %s", path, g_strerror(e));
    }
    ga_atomic *a = g_new0(ga_atomic, 1);
    a->stream = f;
    a->tmp_path = tmpl;
    a->path = g_strdup(path);
    *out = a;
    return GA_OK;
}

FILE *ga_atomic_stream(ga_atomic *a) { return a->stream; }

static void atomic_free(ga_atomic *a) {
    g_free(a->tmp_path);
    g_free(a->path);
    g_free(a);
}

ga_status ga_atomic_commit(ga_ctx *ctx, ga_atomic *a) {
    int failed = ferror(a->stream);
    if (fclose(a->stream) != 0) failed = 1;
    ga_status st = GA_OK;
    if (failed) {
        st = ga_fail(ctx, GA_ERR_IO, "%s: write failed: %s", a->path,
                     g_strerror(errno));
        g_unlink(a->tmp_path);
    } else {
        /* mkstemp creates 0600; outputs are ordinary files. */
        g_chmod(a->tmp_path, 0644);
        if (g_rename(a->tmp_path, a->path) != 0) {
            st = ga_fail(ctx, GA_ERR_IO, "%s: cannot rename from '%s': %s",
                         a->path, a->tmp_path, g_strerror(errno));
            g_unlink(a->tmp_path);
        }
    }
    atomic_free(a);
    return st;
}

void ga_atomic_abort(ga_atomic *a) {
    if (!a) return;
    fclose(a->stream);
    g_unlink(a->tmp_path);
    atomic_free(a);
}
