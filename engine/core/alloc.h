/* The library's allocations: one place, every one may fail.
 *
 * GLib's g_new/g_malloc abort the process when memory runs out, and since
 * GLib 2.46 its allocator cannot be replaced (g_mem_set_vtable is a no-op),
 * so a library that must never exit allocates its own arrays and strings
 * here: on g_try_malloc, returning NULL on failure, the caller then records
 * GA_ERR_NOMEM (ga_nomem) and frees what it took. Memory from these
 * functions is freed with g_free.
 *
 * Tests make the N-th allocation from now fail (ga_alloc_fail_at) and sweep
 * N over an operation: each failure must give GA_ERR_NOMEM, never a crash
 * or a leak (checked under ASan). What is not covered, and says so: GLib's
 * containers (GPtrArray, GHashTable, GString...), GEOS, PROJ, shapelib and
 * libosmium allocate on their own and abort or throw on exhaustion. */
#ifndef GA_CORE_ALLOC_H
#define GA_CORE_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>
#include "geoaccess/core.h"

/* NULL when memory runs out (or the test hook says so); ga_try_malloc(0)
 * returns a valid pointer (one byte), so that NULL always means failure. */
void *ga_try_malloc(size_t size);
void *ga_try_malloc0(size_t size);
/* n * size with overflow check (NULL on overflow). */
void *ga_try_malloc_n(size_t n, size_t size);
void *ga_try_malloc0_n(size_t n, size_t size);
/* On failure `mem` is left as it was (still owned by the caller). */
void *ga_try_realloc_n(void *mem, size_t n, size_t size);
/* NULL for NULL as for failure: callers that pass NULL test the argument. */
char *ga_try_strdup(const char *s);
char *ga_try_strndup(const char *s, size_t n);
/* g_strdup_printf that may fail. */
char *ga_try_strdup_printf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

#define ga_try_new(T, n) ((T *)ga_try_malloc_n((n), sizeof(T)))
#define ga_try_new0(T, n) ((T *)ga_try_malloc0_n((n), sizeof(T)))
#define ga_try_renew(T, mem, n) ((T *)ga_try_realloc_n((mem), (n), sizeof(T)))

/* Records "out of memory (WHAT)" in the context and returns GA_ERR_NOMEM. */
ga_status ga_nomem(ga_ctx *ctx, const char *what);

/* Test hook: the n-th allocation made through this module from now on fails
 * (1: the next one), and every later one succeeds; 0 turns it off. Counts
 * over every thread. */
void ga_alloc_fail_at(uint64_t n);
/* How many allocations went through this module since the program started
 * (to size a sweep). */
uint64_t ga_alloc_count(void);
/* True once the hook has made an allocation fail since it was armed. */
int ga_alloc_failed(void);

#endif
