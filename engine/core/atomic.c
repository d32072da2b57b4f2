/* Atomic output files (temporary file in the same folder, then rename or
 * staging in the open output set through the ctx's hook). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "core/alloc.h"
#include "core/atomic.h"
#include "core/internal.h"
#include "core/tmpfiles.h"

static const char *kind_of(mode_t m) {
    return S_ISLNK(m) ? "a symbolic link" : S_ISDIR(m) ? "a folder" : S_ISFIFO(m) ? "a FIFO"
         : S_ISCHR(m) || S_ISBLK(m) ? "a device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

ga_status ga_atomic_check_dest(ga_ctx *ctx, const char *dest) {
    struct stat sb;
    if (g_lstat(dest, &sb) == 0 && !S_ISREG(sb.st_mode))
        return ga_fail(ctx, GA_ERR_IO, "%s: exists and is %s: not replaced (give another destination)",
                       dest, kind_of(sb.st_mode));
    return GA_OK;
}

ga_status ga_atomic_place(ga_ctx *ctx, const char *tmp, const char *dest) {
    g_chmod(tmp, 0644);
    ga_status st = GA_OK;
    if (ctx->stage && ctx->stage(ctx, tmp, dest, &st)) return st;
    st = ga_atomic_check_dest(ctx, dest);
    if (!st && g_rename(tmp, dest) != 0)
        st = ga_fail(ctx, GA_ERR_IO, "%s: cannot replace it: %s", dest, g_strerror(errno));
    if (st) g_unlink(tmp);
    ga_tmp_forget(tmp);
    return st;
}

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
    /* the name only helps a person: cut so that prefix + extension fit NAME_MAX */
    if (strlen(base) > 160) base[160] = 0;
    return ga_try_strdup_printf("%s%c~ga-tmp-%d-%d-%s", dir, G_DIR_SEPARATOR, (int)getpid(), n, base);
}

ga_status ga_atomic_open(ga_ctx *ctx, const char *path, ga_atomic **out) {
    ga_status st = ga_atomic_check_dest(ctx, path);
    if (st) return st;
    char *tmp = ga_atomic_temp_name(path);
    if (!tmp || !ga_tmp_register(tmp)) {
        g_free(tmp);
        return ga_nomem(ctx, "output file");
    }
    int fd = g_open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        int e = errno;
        g_autofree char *dir = g_path_get_dirname(path);
        ga_tmp_forget(tmp);
        g_free(tmp);
        return ga_fail(ctx, GA_ERR_IO, "%s: cannot create a file in '%s': %s", path, dir, g_strerror(e));
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        close(fd);
        g_unlink(tmp);
        ga_tmp_forget(tmp);
        g_free(tmp);
        return ga_fail(ctx, GA_ERR_IO, "%s: %s", path, g_strerror(e));
    }
    ga_atomic *a = ga_try_new0(ga_atomic, 1);
    char *dest = ga_try_strdup(path);
    if (!a || !dest) {
        g_free(a);
        g_free(dest);
        fclose(f);
        g_unlink(tmp);
        ga_tmp_forget(tmp);
        g_free(tmp);
        return ga_nomem(ctx, "output file");
    }
    a->stream = f;
    a->tmp_path = tmp;
    a->path = dest;
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
    int failed = fflush(a->stream) != 0 || ferror(a->stream);
    int e = failed ? errno : 0;
    if (fclose(a->stream) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    ga_status st;
    if (failed) {
        st = ga_fail(ctx, GA_ERR_IO, "%s: write failed: %s", a->path, g_strerror(e ? e : EIO));
        g_unlink(a->tmp_path);
        ga_tmp_forget(a->tmp_path);
    } else {
        st = ga_atomic_place(ctx, a->tmp_path, a->path);
    }
    atomic_free(a);
    return st;
}

void ga_atomic_abort(ga_atomic *a) {
    if (!a) return;
    fclose(a->stream);
    g_unlink(a->tmp_path);
    ga_tmp_forget(a->tmp_path);
    atomic_free(a);
}

ga_status ga_atomic_write_file(ga_ctx *ctx, const char *path, const char *data, size_t len) {
    ga_atomic *a = NULL;
    ga_status st = ga_atomic_open(ctx, path, &a);
    if (st) return st;
    if (len && fwrite(data, 1, len, a->stream) != len) {
        int e = errno;
        ga_atomic_abort(a);
        return ga_fail(ctx, GA_ERR_IO, "%s: write failed: %s", path, g_strerror(e));
    }
    return ga_atomic_commit(ctx, a);
}
