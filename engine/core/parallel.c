/* Parallel loops on a GThreadPool (core/parallel.h). */
#include "core/internal.h"
#include "core/parallel.h"

typedef struct {
    ga_range_fn fn;
    void *arg;
    size_t n, chunk;
    gint next; /* next chunk */
} range_job;

/* Runs chunks until none is left; with a ctx (the calling thread only),
 * reports progress as `stage`. */
static void range_run(range_job *j, ga_ctx *ctx, const char *stage) {
    for (;;) {
        size_t lo = (size_t)g_atomic_int_add(&j->next, 1) * j->chunk;
        if (lo >= j->n) break;
        size_t hi = MIN(j->n, lo + j->chunk);
        j->fn(j->arg, lo, hi);
        if (ctx) ga_progress(ctx, stage, hi, j->n);
    }
}

static void range_worker(gpointer data, gpointer user_data) {
    (void)data;
    range_run(user_data, NULL, NULL);
}

void ga_parallel_ranges(int threads, size_t n, size_t chunk, ga_range_fn fn, void *arg, ga_ctx *ctx,
                        const char *stage) {
    if (chunk == 0) chunk = 1;
    if (n / chunk >= (size_t)G_MAXINT / 4) chunk = n / ((size_t)G_MAXINT / 8); /* gint counter */
    range_job j = {fn, arg, n, chunk, 0};
    size_t chunks = (n + chunk - 1) / chunk;
    size_t helpers = threads > 1 ? (size_t)threads - 1 : 0;
    if (chunks == 0) helpers = 0;
    else if (helpers > chunks - 1) helpers = chunks - 1;
    GThreadPool *pool = helpers ? g_thread_pool_new(range_worker, &j, (gint)helpers, FALSE, NULL) : NULL;
    for (size_t t = 0; pool && t < helpers; t++) g_thread_pool_push(pool, GINT_TO_POINTER(t + 1), NULL);
    range_run(&j, ctx, stage);
    if (pool) g_thread_pool_free(pool, FALSE, TRUE);
}

typedef struct {
    ga_worker_fn worker;
    void *arg;
} run_job;

static void run_worker(gpointer data, gpointer user_data) {
    (void)data;
    run_job *j = user_data;
    j->worker(j->arg);
}

ga_status ga_parallel_run(ga_ctx *ctx, int threads, ga_worker_fn worker, void *arg, ga_poll_fn poll,
                          const char *what) {
    if (threads <= 1) {
        worker(arg);
        return GA_OK;
    }
    run_job j = {worker, arg};
    GError *err = NULL;
    GThreadPool *pool = g_thread_pool_new(run_worker, &j, threads, FALSE, &err);
    if (!pool) {
        ga_status st = ga_fail(ctx, GA_ERR_INTERNAL, "%s: cannot start threads: %s", what,
                               err ? err->message : "?");
        g_clear_error(&err);
        return st;
    }
    for (int t = 0; t < threads; t++) g_thread_pool_push(pool, GINT_TO_POINTER(t + 1), NULL);
    if (ctx->progress && poll)
        while (poll(arg, ctx)) g_usleep(50000);
    g_thread_pool_free(pool, FALSE, TRUE);
    return GA_OK;
}
