/* Output sets: every file of a command staged beside its destination and
 * renamed at the end (core/atomic.c hands them over through the ctx's
 * staging hook), a manifest per command and folder, the signal cleanup.
 * See geoaccess/output.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "core/atomic.h"
#include "core/tmpfiles.h"
#include "write/ga_version.h"
#include "geoaccess/output.h"

/* ---- a commit, prepared so that a signal handler can finish it ---- */
typedef struct {
    size_t n;
    char **tmp, **dst;      /* full paths */
    size_t n_obsolete;
    char **obsolete;        /* full paths of the previous set's files to remove */
    char *manifest;         /* NULL for a single file */
    char *manifest_tmp;     /* where the final manifest is written first */
    char *final_text;       /* the final manifest */
    size_t final_len;
} commit_plan;

static gpointer committing; /* commit_plan* being committed, or NULL */

static void plan_finish_signal_safe(const commit_plan *p) {
    for (size_t i = 0; i < p->n; i++) rename(p->tmp[i], p->dst[i]); /* ENOENT: already done */
    for (size_t i = 0; i < p->n_obsolete; i++) unlink(p->obsolete[i]);
    if (!p->manifest) return;
    int fd = open(p->manifest_tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    size_t done = 0;
    while (done < p->final_len) {
        ssize_t w = write(fd, p->final_text + done, p->final_len - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        done += (size_t)w;
    }
    close(fd);
    if (done == p->final_len) rename(p->manifest_tmp, p->manifest);
    else unlink(p->manifest_tmp);
}

void ga_output_signal_cleanup(void) {
    int saved = errno;
    const commit_plan *p = g_atomic_pointer_get(&committing);
    if (p) plan_finish_signal_safe(p);
    ga_tmp_remove_all();
    errno = saved;
}

static void plan_free(commit_plan *p) {
    for (size_t i = 0; i < p->n; i++) {
        g_free(p->tmp[i]);
        g_free(p->dst[i]);
    }
    g_free(p->tmp);
    g_free(p->dst);
    g_strfreev(p->obsolete);
    g_free(p->manifest);
    g_free(p->manifest_tmp);
    g_free(p->final_text);
    g_free(p);
}

/* ---- the set ---- */

enum { HOOK_NONE, HOOK_STAGE, HOOK_RENAME };
enum { ACT_FAIL = -1 };

struct ga_outset {
    ga_ctx *ctx;
    char *dir;
    dev_t dev;
    ino_t ino;
    char *command;          /* NULL: a single file */
    char *arguments;
    GPtrArray *tmp, *name;  /* staged: temporary path, destination base name */
    GPtrArray *created;     /* folders this set created, outermost first */
    char **previous;        /* files of the previous manifest */
    int hook, hook_n, hook_action;
};

/* GEOACCESS_TEST_KILL=stage:N:ACTION or rename:N:ACTION, for the tests
 * only: after the N-th file is staged, or before the N-th rename of the
 * commit, raise SIGTERM/SIGINT/SIGKILL (ACTION TERM, INT, KILL) or fail
 * (FAIL), so that a kill lands at a chosen moment, deterministically. */
static void read_hook(ga_outset *s) {
    const char *v = g_getenv("GEOACCESS_TEST_KILL");
    if (!v) return;
    g_auto(GStrv) parts = g_strsplit(v, ":", 3);
    if (g_strv_length(parts) != 3) return;
    s->hook = !strcmp(parts[0], "stage") ? HOOK_STAGE : !strcmp(parts[0], "rename") ? HOOK_RENAME : HOOK_NONE;
    s->hook_n = atoi(parts[1]);
    s->hook_action = !strcmp(parts[2], "TERM") ? SIGTERM : !strcmp(parts[2], "INT") ? SIGINT
                   : !strcmp(parts[2], "KILL") ? SIGKILL : ACT_FAIL;
}

static ga_status run_hook(ga_ctx *ctx, const ga_outset *s, int where, int n, const char *what) {
    if (s->hook != where || s->hook_n != n) return GA_OK;
    if (s->hook_action == ACT_FAIL)
        return ga_fail(ctx, GA_ERR_IO, "%s: failure injected by GEOACCESS_TEST_KILL", what);
    raise(s->hook_action);
    return GA_OK;
}

static bool in_folder(const ga_outset *s, const char *dest) {
    g_autofree char *dir = g_path_get_dirname(dest);
    struct stat sb;
    return g_stat(dir, &sb) == 0 && sb.st_dev == s->dev && sb.st_ino == s->ino;
}

/* The ctx's staging hook (core/atomic.h): takes the complete temporary
 * file `tmp` into the open set when `dest` is in its folder. */
static bool stage(ga_ctx *ctx, const char *tmp, const char *dest, ga_status *st) {
    ga_outset *s = ctx->outset;
    if (!s || !in_folder(s, dest)) return false;
    g_autofree char *name = g_path_get_basename(dest);
    for (guint i = 0; i < s->name->len; i++)
        if (!strcmp(s->name->pdata[i], name)) { /* written twice: the last one counts */
            g_unlink(s->tmp->pdata[i]);
            ga_tmp_forget(s->tmp->pdata[i]);
            g_ptr_array_remove_index(s->tmp, i);
            g_ptr_array_remove_index(s->name, i);
            break;
        }
    char *staged = ga_try_strdup(tmp);
    if (!staged) {
        g_unlink(tmp);
        ga_tmp_forget(tmp);
        *st = ga_nomem(ctx, "output set");
        return true;
    }
    g_ptr_array_add(s->tmp, staged);
    g_ptr_array_add(s->name, g_steal_pointer(&name));
    *st = run_hook(ctx, s, HOOK_STAGE, (int)s->tmp->len, dest);
    return true;
}

static void detach(ga_ctx *ctx, const ga_outset *s) {
    if (ctx && ctx->outset == s) {
        ctx->outset = NULL;
        ctx->stage = NULL;
    }
}

/* ---- manifests ---- */

#define MANIFEST_GROUP "geoaccess output"

/* NULL when memory runs out */
static char *manifest_path(const char *dir, const char *command) {
    g_autofree char *base = ga_try_strdup_printf(".geoaccess-%s.manifest", command);
    return base ? g_build_filename(dir, base, NULL) : NULL;
}

static bool pid_alive(long pid) {
    return pid > 0 && (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* Writes `text` to `path` through a temporary file + rename, synced:
 * false with errno set on failure (ENOMEM when memory runs out). */
static bool write_synced(const char *path, const char *text, size_t len) {
    g_autofree char *tmp = ga_atomic_temp_name(path);
    if (!tmp || !ga_tmp_register(tmp)) {
        errno = ENOMEM;
        return false;
    }
    int fd = g_open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    bool ok = fd >= 0;
    size_t done = 0;
    while (ok && done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) ok = false;
        else done += (size_t)w;
    }
    if (fd >= 0 && (fsync(fd) != 0 || close(fd) != 0)) ok = false;
    if (ok && g_rename(tmp, path) != 0) ok = false;
    if (!ok) {
        int e = errno;
        g_unlink(tmp);
        errno = e;
    }
    ga_tmp_forget(tmp);
    return ok;
}

static void sync_dir(const char *dir) {
    int fd = g_open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

static void sync_file(const char *path) {
    int fd = g_open(path, O_RDONLY | O_CLOEXEC, 0);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

static GKeyFile *manifest_new(const char *command, const char *arguments) {
    GKeyFile *k = g_key_file_new();
    g_key_file_set_string(k, MANIFEST_GROUP, "command", command);
    g_key_file_set_string(k, MANIFEST_GROUP, "arguments", arguments ? arguments : "");
    g_key_file_set_string(k, MANIFEST_GROUP, "engine", "geoaccess " GA_ENGINE_VERSION);
    return k;
}

static void unlink_regular(const char *path) {
    struct stat sb;
    if (g_lstat(path, &sb) == 0 && S_ISREG(sb.st_mode)) g_unlink(path);
}

/* Completes the commit a killed run left in `path` (state=committing). */
static ga_status repair(ga_ctx *ctx, const char *dir, const char *path, GKeyFile *k) {
    gsize nf = 0, ns = 0, nr = 0;
    g_auto(GStrv) files = g_key_file_get_string_list(k, MANIFEST_GROUP, "files", &nf, NULL);
    g_auto(GStrv) staged = g_key_file_get_string_list(k, MANIFEST_GROUP, "staged", &ns, NULL);
    g_auto(GStrv) remove = g_key_file_get_string_list(k, MANIFEST_GROUP, "remove", &nr, NULL);
    if (nf != ns)
        return ga_fail(ctx, GA_ERR_IO, "%s: damaged manifest (files and staged differ): remove it", path);
    for (gsize i = 0; i < nf; i++) {
        if (strchr(files[i], G_DIR_SEPARATOR) || strchr(staged[i], G_DIR_SEPARATOR))
            return ga_fail(ctx, GA_ERR_IO, "%s: damaged manifest (a name with a '/'): remove it", path);
        g_autofree char *from = g_build_filename(dir, staged[i], NULL);
        g_autofree char *to = g_build_filename(dir, files[i], NULL);
        if (!g_file_test(from, G_FILE_TEST_EXISTS)) continue; /* renamed before the kill */
        ga_status st = ga_atomic_check_dest(ctx, to);
        if (st) return st;
        if (g_rename(from, to) != 0)
            return ga_fail(ctx, GA_ERR_IO, "%s: cannot complete the output set a killed run left: %s",
                           to, g_strerror(errno));
    }
    for (gsize i = 0; i < nr; i++) {
        if (strchr(remove[i], G_DIR_SEPARATOR)) continue;
        g_autofree char *p = g_build_filename(dir, remove[i], NULL);
        unlink_regular(p);
    }
    g_key_file_remove_key(k, MANIFEST_GROUP, "staged", NULL);
    g_key_file_remove_key(k, MANIFEST_GROUP, "remove", NULL);
    g_key_file_remove_key(k, MANIFEST_GROUP, "pid", NULL);
    g_key_file_set_string(k, MANIFEST_GROUP, "state", "complete");
    gsize len = 0;
    g_autofree char *text = g_key_file_to_data(k, &len, NULL);
    if (!write_synced(path, text, len))
        return errno == ENOMEM ? ga_nomem(ctx, "manifest")
                               : ga_fail(ctx, GA_ERR_IO, "%s: cannot write: %s", path, g_strerror(errno));
    ga_warn(ctx, "%s: completed the output set of a run killed while renaming its files", dir);
    return GA_OK;
}

/* The PID in a temporary file's name, or 0: "~ga-tmp-PID-N-NAME", or the
 * shapefile temporaries of earlier versions, "~tmp-NAME-PID-N[.ext]".
 * (Their other temporaries, ".NAME.XXXXXX", carry no PID: left alone.) */
static long temp_pid(const char *name) {
    char *end = NULL;
    if (g_str_has_prefix(name, "~ga-tmp-")) {
        long pid = strtol(name + 8, &end, 10);
        return end != name + 8 && *end == '-' ? pid : 0;
    }
    if (!g_str_has_prefix(name, "~tmp-")) return 0;
    char stem[256]; /* a file name: NAME_MAX bytes at most */
    if (g_strlcpy(stem, name, sizeof stem) >= sizeof stem) return 0;
    char *dot = strrchr(stem, '.');
    if (dot) *dot = 0;
    char *n = strrchr(stem, '-');
    if (!n || n == stem || !g_ascii_isdigit(n[1]) || strspn(n + 1, "0123456789") != strlen(n + 1)) return 0;
    *n = 0;
    char *p = strrchr(stem, '-');
    if (!p || p < stem + 5 || !g_ascii_isdigit(p[1]) || strspn(p + 1, "0123456789") != strlen(p + 1)) return 0;
    return strtol(p + 1, NULL, 10);
}

/* Repairs the journals of dead runs, then removes their temporary files. */
static ga_status tidy_folder(ga_ctx *ctx, const char *dir) {
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d) return GA_OK;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *e;
    ga_status st = GA_OK;
    while (!st && (e = g_dir_read_name(d))) {
        char *copy = ga_try_strdup(e);
        if (copy) g_ptr_array_add(names, copy);
        else st = ga_nomem(ctx, "output folder");
    }
    g_dir_close(d);
    for (guint i = 0; i < names->len && !st; i++) {
        const char *name = names->pdata[i];
        if (!g_str_has_prefix(name, ".geoaccess-") || !g_str_has_suffix(name, ".manifest")) continue;
        g_autofree char *p = g_build_filename(dir, name, NULL);
        GKeyFile *k = g_key_file_new();
        if (g_key_file_load_from_file(k, p, G_KEY_FILE_NONE, NULL)) {
            g_autofree char *state = g_key_file_get_string(k, MANIFEST_GROUP, "state", NULL);
            long pid = (long)g_key_file_get_int64(k, MANIFEST_GROUP, "pid", NULL);
            if (!g_strcmp0(state, "committing") && !pid_alive(pid)) st = repair(ctx, dir, p, k);
        }
        g_key_file_free(k);
    }
    for (guint i = 0; i < names->len && !st; i++) {
        const char *name = names->pdata[i];
        long pid = temp_pid(name);
        if (pid <= 0 || pid_alive(pid)) continue;
        g_autofree char *p = g_build_filename(dir, name, NULL);
        unlink_regular(p);
    }
    g_ptr_array_free(names, TRUE);
    return st;
}

/* Creates a missing folder and its missing parents, recording them. */
static ga_status make_folder(ga_ctx *ctx, const char *dir, GPtrArray *created) {
    GPtrArray *missing = g_ptr_array_new_with_free_func(g_free);
    char *p = ga_try_strdup(dir);
    if (!p) {
        g_ptr_array_free(missing, TRUE);
        return ga_nomem(ctx, "output folder");
    }
    for (;;) {
        struct stat sb;
        if (g_stat(p, &sb) == 0) {
            if (!S_ISDIR(sb.st_mode)) {
                ga_status st = ga_fail(ctx, GA_ERR_IO, "%s: cannot create the output folder: '%s' is a file, "
                                       "not a folder", dir, p);
                g_free(p);
                g_ptr_array_free(missing, TRUE);
                return st;
            }
            break;
        }
        g_ptr_array_insert(missing, 0, p);
        char *parent = g_path_get_dirname(p);
        if (!strcmp(parent, p)) {
            g_free(parent);
            p = NULL;
            break;
        }
        p = parent;
    }
    g_free(p);
    for (guint i = 0; i < missing->len; i++) {
        if (g_mkdir(missing->pdata[i], 0755) != 0 && errno != EEXIST) {
            int e = errno;
            g_ptr_array_free(missing, TRUE);
            return ga_fail(ctx, GA_ERR_IO, "%s: cannot create the output folder: %s", dir, g_strerror(e));
        }
        /* recorded before registering: the set removes it (when empty) if
         * what follows fails */
        char *copy = ga_try_strdup(missing->pdata[i]);
        if (copy) g_ptr_array_add(created, copy);
        if (!copy || !ga_tmp_register_dir(missing->pdata[i], true)) {
            if (!copy) g_rmdir(missing->pdata[i]);
            g_ptr_array_free(missing, TRUE);
            return ga_nomem(ctx, "output folder");
        }
    }
    g_ptr_array_free(missing, TRUE);
    return GA_OK;
}

/* Creates and removes a temporary file in dir: the only test of
 * writability that holds for root, read-only file systems and /proc. */
static ga_status probe(ga_ctx *ctx, const char *dir, const char *what) {
    g_autofree char *probe_base = g_build_filename(dir, "probe", NULL);
    g_autofree char *tmp = ga_atomic_temp_name(probe_base);
    if (!tmp || !ga_tmp_register(tmp)) return ga_nomem(ctx, "output folder");
    int fd = g_open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int e = errno;
    if (fd >= 0) {
        close(fd);
        g_unlink(tmp);
    }
    ga_tmp_forget(tmp);
    if (fd < 0 && !strcmp(what, dir))
        return ga_fail(ctx, GA_ERR_IO, "%s: cannot write in this folder: %s", dir, g_strerror(e));
    if (fd < 0) return ga_fail(ctx, GA_ERR_IO, "%s: cannot write in the folder '%s': %s", what, dir, g_strerror(e));
    return GA_OK;
}

/* NULL when memory runs out */
static ga_outset *set_new(ga_ctx *ctx, const char *dir) {
    ga_outset *s = ga_try_new0(ga_outset, 1);
    char *d = ga_try_strdup(dir);
    if (!s || !d) {
        g_free(s);
        g_free(d);
        return NULL;
    }
    s->ctx = ctx;
    s->dir = d;
    s->tmp = g_ptr_array_new_with_free_func(g_free);
    s->name = g_ptr_array_new_with_free_func(g_free);
    s->created = g_ptr_array_new_with_free_func(g_free);
    read_hook(s);
    return s;
}

static void set_free(ga_outset *s) {
    detach(s->ctx, s);
    for (guint i = 0; i < s->created->len; i++) ga_tmp_register_dir(s->created->pdata[i], false);
    g_free(s->dir);
    g_free(s->command);
    g_free(s->arguments);
    g_ptr_array_free(s->tmp, TRUE);
    g_ptr_array_free(s->name, TRUE);
    g_ptr_array_free(s->created, TRUE);
    g_strfreev(s->previous);
    g_free(s);
}

void ga_outset_abort(ga_outset *s) {
    if (!s) return;
    for (guint i = 0; i < s->tmp->len; i++) {
        g_unlink(s->tmp->pdata[i]);
        ga_tmp_forget(s->tmp->pdata[i]);
    }
    for (guint i = s->created->len; i-- > 0;) g_rmdir(s->created->pdata[i]); /* only if empty */
    set_free(s);
}

static ga_status attach(ga_ctx *ctx, ga_outset *s, ga_outset **out) {
    struct stat sb;
    if (ctx->outset) {
        ga_outset_abort(s);
        return ga_fail(ctx, GA_ERR_ARG, "an output set is already open on this context");
    }
    if (g_stat(s->dir, &sb) != 0) {
        ga_status st = ga_fail(ctx, GA_ERR_IO, "%s: %s", s->dir, g_strerror(errno));
        ga_outset_abort(s);
        return st;
    }
    s->dev = sb.st_dev;
    s->ino = sb.st_ino;
    ctx->outset = s;
    ctx->stage = stage;
    *out = s;
    return GA_OK;
}

ga_status ga_outset_open(ga_ctx *ctx, const char *dir, const char *command, const char *arguments,
                         ga_outset **out) {
    if (!dir || !*dir || !command || !*command || strchr(command, G_DIR_SEPARATOR))
        return ga_fail(ctx, GA_ERR_ARG, "output set: missing folder or command");
    if (ctx->outset) return ga_fail(ctx, GA_ERR_ARG, "an output set is already open on this context");
    ga_outset *s = set_new(ctx, dir);
    if (!s) return ga_nomem(ctx, "output set");
    s->command = ga_try_strdup(command);
    s->arguments = ga_try_strdup(arguments);
    if (!s->command || (arguments && !s->arguments)) {
        ga_outset_abort(s);
        return ga_nomem(ctx, "output set");
    }
    ga_status st = make_folder(ctx, dir, s->created);
    if (!st) st = probe(ctx, dir, dir);
    if (!st) st = tidy_folder(ctx, dir);
    if (st) {
        ga_outset_abort(s);
        return st;
    }
    g_autofree char *mp = manifest_path(dir, command);
    if (!mp) {
        ga_outset_abort(s);
        return ga_nomem(ctx, "output set");
    }
    GKeyFile *k = g_key_file_new();
    if (g_key_file_load_from_file(k, mp, G_KEY_FILE_NONE, NULL))
        s->previous = g_key_file_get_string_list(k, MANIFEST_GROUP, "files", NULL, NULL);
    g_key_file_free(k);
    return attach(ctx, s, out);
}

ga_status ga_outset_open_file(ga_ctx *ctx, const char *path, ga_outset **out) {
    if (!path || !*path) return ga_fail(ctx, GA_ERR_ARG, "output set: missing file");
    g_autofree char *dir = g_path_get_dirname(path);
    struct stat sb;
    ga_status st = ga_atomic_check_dest(ctx, path);
    if (st) return st;
    int found = g_stat(dir, &sb) == 0, e = errno;
    if (!found || !S_ISDIR(sb.st_mode))
        return ga_fail(ctx, GA_ERR_IO, "%s: the folder '%s'%s", path, dir,
                       found ? " is not a folder" : e == ENOENT ? " does not exist" : ": cannot be read");
    ga_outset *s = set_new(ctx, dir);
    if (!s) return ga_nomem(ctx, "output set");
    st = probe(ctx, dir, path);
    if (!st) st = tidy_folder(ctx, dir);
    if (st) {
        ga_outset_abort(s);
        return st;
    }
    return attach(ctx, s, out);
}

static bool in_strv(char **v, guint n, const char *s) {
    for (guint i = 0; i < n; i++)
        if (!strcmp(v[i], s)) return true;
    return false;
}

ga_status ga_outset_commit(ga_ctx *ctx, ga_outset *s) {
    if (!s) return GA_OK;
    detach(ctx, s);
    ga_status st = GA_OK;
    /* every destination checked before anything is replaced */
    for (guint i = 0; i < s->name->len && !st; i++) {
        g_autofree char *dst = g_build_filename(s->dir, s->name->pdata[i], NULL);
        st = ga_atomic_check_dest(ctx, dst);
    }
    if (st) {
        ga_outset_abort(s);
        return st;
    }
    commit_plan *p = ga_try_new0(commit_plan, 1);
    if (!p) {
        ga_outset_abort(s);
        return ga_nomem(ctx, "output set");
    }
    size_t n = s->name->len;
    p->tmp = ga_try_new0(char *, n + 1);
    p->dst = ga_try_new0(char *, n + 1);
    if (p->tmp && p->dst) p->n = n; /* plan_free walks n entries */
    else st = ga_nomem(ctx, "output set");
    for (size_t i = 0; i < p->n && !st; i++) {
        if (!(p->tmp[i] = ga_try_strdup(s->tmp->pdata[i]))) {
            st = ga_nomem(ctx, "output set");
            break;
        }
        p->dst[i] = g_build_filename(s->dir, s->name->pdata[i], NULL);
        sync_file(p->tmp[i]); /* complete on disk before the journal names it */
    }
    GPtrArray *obsolete = g_ptr_array_new();
    for (char **f = s->previous; f && *f; f++)
        if (!in_strv((char **)s->name->pdata, s->name->len, *f) && !strchr(*f, G_DIR_SEPARATOR))
            g_ptr_array_add(obsolete, *f);
    if (!st && (p->obsolete = ga_try_new0(char *, obsolete->len + 1))) {
        p->n_obsolete = obsolete->len;
        for (guint i = 0; i < obsolete->len; i++)
            p->obsolete[i] = g_build_filename(s->dir, obsolete->pdata[i], NULL);
    } else if (!st) {
        st = ga_nomem(ctx, "output set");
    }
    if (!st && s->command) {
        p->manifest = manifest_path(s->dir, s->command);
        p->manifest_tmp = p->manifest ? ga_atomic_temp_name(p->manifest) : NULL;
        if (!p->manifest_tmp || !ga_tmp_register(p->manifest_tmp)) {
            g_free(p->manifest_tmp); /* not registered: not to be forgotten */
            p->manifest_tmp = NULL;
            st = ga_nomem(ctx, "output set");
        }
    }
    if (!st && s->command) {
        GKeyFile *k = manifest_new(s->command, s->arguments);
        g_key_file_set_string(k, MANIFEST_GROUP, "state", "complete");
        g_key_file_set_string_list(k, MANIFEST_GROUP, "files", (const char *const *)s->name->pdata, s->name->len);
        p->final_text = g_key_file_to_data(k, &p->final_len, NULL);
        /* the journal: what the renames are, for a run killed among them */
        GPtrArray *staged = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 0; i < s->tmp->len; i++) g_ptr_array_add(staged, g_path_get_basename(s->tmp->pdata[i]));
        g_key_file_set_string(k, MANIFEST_GROUP, "state", "committing");
        g_key_file_set_int64(k, MANIFEST_GROUP, "pid", (gint64)getpid());
        g_key_file_set_string_list(k, MANIFEST_GROUP, "staged", (const char *const *)staged->pdata, staged->len);
        g_key_file_set_string_list(k, MANIFEST_GROUP, "remove", (const char *const *)obsolete->pdata, obsolete->len);
        gsize len = 0;
        g_autofree char *journal = g_key_file_to_data(k, &len, NULL);
        g_ptr_array_free(staged, TRUE);
        g_key_file_free(k);
        sync_dir(s->dir);
        /* published first: a signal while the journal is written finishes
         * the commit rather than removing files a journal may name */
        g_atomic_pointer_set(&committing, p);
        if (!write_synced(p->manifest, journal, len))
            st = errno == ENOMEM ? ga_nomem(ctx, "manifest")
                                 : ga_fail(ctx, GA_ERR_IO, "%s: cannot write the manifest: %s",
                                           p->manifest, g_strerror(errno));
    }
    g_ptr_array_free(obsolete, TRUE);
    if (st) {
        g_atomic_pointer_set(&committing, NULL);
        if (p->manifest_tmp) ga_tmp_forget(p->manifest_tmp);
        plan_free(p);
        ga_outset_abort(s);
        return st;
    }
    /* from here on a signal handler finishes the commit instead of
     * removing the staged files */
    g_atomic_pointer_set(&committing, p);
    size_t failed = p->n;
    int err = 0;
    for (size_t i = 0; i < p->n && !st; i++) {
        if ((st = run_hook(ctx, s, HOOK_RENAME, (int)i + 1, p->dst[i]))) break;
        if (g_rename(p->tmp[i], p->dst[i]) != 0) {
            failed = i;
            err = errno;
            break;
        }
    }
    if (!st && failed == p->n) {
        for (size_t i = 0; i < p->n_obsolete; i++) unlink_regular(p->obsolete[i]);
        if (p->manifest && !write_synced(p->manifest, p->final_text, p->final_len))
            st = errno == ENOMEM ? ga_nomem(ctx, "manifest")
                                 : ga_fail(ctx, GA_ERR_IO, "%s: cannot write the manifest: %s",
                                           p->manifest, g_strerror(errno));
        sync_dir(s->dir);
    } else if (!st) {
        st = ga_fail(ctx, GA_ERR_IO, "%s: cannot replace it: %s; the output set in '%s' is incomplete: the "
                     "next run in this folder completes it", p->dst[failed], g_strerror(err), s->dir);
    }
    g_atomic_pointer_set(&committing, NULL);
    /* after a failed rename the staged files stay for the repair */
    for (size_t i = 0; i < p->n; i++) ga_tmp_forget(p->tmp[i]);
    if (p->manifest_tmp) ga_tmp_forget(p->manifest_tmp);
    plan_free(p);
    set_free(s);
    return st;
}
