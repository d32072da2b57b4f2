/* The library's allocations (see alloc.h). */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include "core/alloc.h"
#include "core/internal.h"

static atomic_uint_fast64_t calls;   /* allocations made through here */
static atomic_uint_fast64_t fail_at; /* 0: off; else the value of `calls` that fails */
static atomic_int failed;

static int should_fail(void) {
    uint64_t c = atomic_fetch_add(&calls, 1) + 1;
    uint64_t f = atomic_load(&fail_at);
    if (f && c == f) {
        atomic_store(&failed, 1);
        return 1;
    }
    return 0;
}

void ga_alloc_fail_at(uint64_t n) {
    atomic_store(&failed, 0);
    atomic_store(&fail_at, n ? atomic_load(&calls) + n : 0);
}

uint64_t ga_alloc_count(void) { return atomic_load(&calls); }

int ga_alloc_failed(void) { return atomic_load(&failed); }

void *ga_try_malloc(size_t size) {
    if (should_fail()) return NULL;
    return g_try_malloc(size ? size : 1);
}

void *ga_try_malloc0(size_t size) {
    if (should_fail()) return NULL;
    return g_try_malloc0(size ? size : 1);
}

void *ga_try_malloc_n(size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) return NULL;
    return ga_try_malloc(n * size);
}

void *ga_try_malloc0_n(size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) return NULL;
    return ga_try_malloc0(n * size);
}

void *ga_try_realloc_n(void *mem, size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) return NULL;
    if (should_fail()) return NULL;
    return g_try_realloc(mem, n * size > 0 ? n * size : 1);
}

char *ga_try_strndup(const char *s, size_t n) {
    if (!s) return NULL;
    char *d = ga_try_malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *ga_try_strdup(const char *s) { return s ? ga_try_strndup(s, strlen(s)) : NULL; }

char *ga_try_strdup_printf(const char *fmt, ...) {
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    char *s = n < 0 ? NULL : ga_try_malloc((size_t)n + 1);
    if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

ga_status ga_nomem(ga_ctx *ctx, const char *what) {
    return ga_fail(ctx, GA_ERR_NOMEM, "out of memory (%s)", what);
}
