/* The parallel-for (core/parallel.c): every item of [0, n) is run exactly
 * once whatever the number of threads and the chunk size, chunks do not
 * overlap, and ga_parallel_run starts the asked number of workers. */
#include <stdatomic.h>
#include "test_util.h"
#include "core/internal.h"
#include "core/parallel.h"

typedef struct {
    atomic_int *hits; /* per item */
    atomic_int calls;
    size_t chunk;
    atomic_int bad; /* a range longer than the chunk, or empty */
} ranges_arg;

static void count_range(void *p, size_t lo, size_t hi) {
    ranges_arg *a = p;
    atomic_fetch_add(&a->calls, 1);
    if (hi <= lo || hi - lo > a->chunk) atomic_fetch_add(&a->bad, 1);
    for (size_t i = lo; i < hi; i++) atomic_fetch_add(&a->hits[i], 1);
}

static void ranges_cover_once(void **state) {
    (void)state;
    const size_t ns[] = {0, 1, 7, 64, 1000, 1001};
    const size_t chunks[] = {1, 3, 64, 5000};
    const int threads[] = {0, 1, 2, 4, 9};
    for (size_t a = 0; a < G_N_ELEMENTS(ns); a++)
        for (size_t b = 0; b < G_N_ELEMENTS(chunks); b++)
            for (size_t c = 0; c < G_N_ELEMENTS(threads); c++) {
                size_t n = ns[a], chunk = chunks[b];
                ranges_arg arg = {.hits = g_new0(atomic_int, n + 1), .chunk = chunk};
                ga_parallel_ranges(threads[c], n, chunk, count_range, &arg, NULL, NULL);
                for (size_t i = 0; i < n; i++) assert_int_equal(atomic_load(&arg.hits[i]), 1);
                assert_int_equal(atomic_load(&arg.hits[n]), 0); /* nothing beyond n */
                assert_int_equal(atomic_load(&arg.bad), 0);
                /* ceil(n / chunk) chunks, by hand: 1000 items in chunks of 64 -> 16 */
                assert_int_equal(atomic_load(&arg.calls), (int)((n + chunk - 1) / chunk));
                g_free(arg.hits);
            }
}

typedef struct {
    atomic_int next, workers;
    int sum[100];
} pull_arg;

static void pull(void *p) {
    pull_arg *a = p;
    atomic_fetch_add(&a->workers, 1);
    for (int i; (i = atomic_fetch_add(&a->next, 1)) < 100;) a->sum[i] += i;
}

static void run_starts_workers(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    for (int t = 0; t <= 3; t++) {
        pull_arg a = {0};
        assert_ok(ctx, ga_parallel_run(ctx, t, pull, &a, NULL, "test"));
        assert_int_equal(atomic_load(&a.workers), t <= 1 ? 1 : t);
        for (int i = 0; i < 100; i++) assert_int_equal(a.sum[i], i); /* each item once */
    }
    ga_ctx_free(ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ranges_cover_once),
        cmocka_unit_test(run_starts_workers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
