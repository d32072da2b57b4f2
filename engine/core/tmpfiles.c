/* The registry of temporary files (core/tmpfiles.h). */
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include "core/alloc.h"
#include "core/tmpfiles.h"

/* Append-only chunks of slots, each slot a heap string or NULL, changed
 * with atomic compare-and-swap only: a signal handler can walk it at any
 * moment without a lock (lock-free atomics and unlink(2) are
 * async-signal-safe). Chunks are never freed (a few KB at most). */
#define REG_SLOTS 64
typedef struct reg_chunk {
    gpointer slot[REG_SLOTS];
    gpointer next;
} reg_chunk;
static reg_chunk reg_head;

/* Folders are registered as "\1PATH": removed (when empty) after the
 * files, outermost last. */
#define DIR_MARK '\1'

bool ga_tmp_register(const char *path) {
    char *copy = ga_try_strdup(path);
    if (!copy) return false;
    for (reg_chunk *c = &reg_head;;) {
        for (int i = 0; i < REG_SLOTS; i++)
            if (!g_atomic_pointer_get(&c->slot[i]) &&
                g_atomic_pointer_compare_and_exchange(&c->slot[i], NULL, copy))
                return true;
        reg_chunk *next = g_atomic_pointer_get(&c->next);
        if (!next) {
            reg_chunk *fresh = ga_try_new0(reg_chunk, 1);
            if (!fresh) {
                g_free(copy);
                return false;
            }
            if (!g_atomic_pointer_compare_and_exchange(&c->next, NULL, fresh)) g_free(fresh);
            next = g_atomic_pointer_get(&c->next);
        }
        c = next;
    }
}

void ga_tmp_forget(const char *path) {
    for (reg_chunk *c = &reg_head; c; c = g_atomic_pointer_get(&c->next))
        for (int i = 0; i < REG_SLOTS; i++) {
            char *p = g_atomic_pointer_get(&c->slot[i]);
            if (p && !strcmp(p, path) && g_atomic_pointer_compare_and_exchange(&c->slot[i], p, NULL)) {
                g_free(p);
                return;
            }
        }
}

bool ga_tmp_register_dir(const char *dir, bool on) {
    if (!on) {
        for (reg_chunk *c = &reg_head; c; c = g_atomic_pointer_get(&c->next))
            for (int i = 0; i < REG_SLOTS; i++) {
                char *p = g_atomic_pointer_get(&c->slot[i]);
                if (p && p[0] == DIR_MARK && !strcmp(p + 1, dir) &&
                    g_atomic_pointer_compare_and_exchange(&c->slot[i], p, NULL)) {
                    g_free(p);
                    return true;
                }
            }
        return true;
    }
    g_autofree char *m = ga_try_strdup_printf("%c%s", DIR_MARK, dir);
    return m && ga_tmp_register(m);
}

static void walk_registry(int pass) {
    for (reg_chunk *c = &reg_head; c; c = g_atomic_pointer_get(&c->next))
        for (int i = 0; i < REG_SLOTS; i++) {
            const char *path = g_atomic_pointer_get(&c->slot[i]);
            if (!path) continue;
            if (path[0] != DIR_MARK && pass == 0) unlink(path);
            else if (path[0] == DIR_MARK && pass > 0) rmdir(path + 1); /* fails unless empty */
        }
}

void ga_tmp_remove_all(void) {
    /* files, then folders: twice, for a folder created inside another */
    for (int pass = 0; pass < 3; pass++) walk_registry(pass);
}
