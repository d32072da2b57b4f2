/* Parallel loops on a GThreadPool: the engine's only thread-pool code.
 * Results stay deterministic because the work is split so that each item
 * writes only its own memory, whichever thread runs it. */
#ifndef GA_PARALLEL_H
#define GA_PARALLEL_H

#include <stddef.h>
#include "geoaccess.h"

/* Runs fn(arg, lo, hi) over [0, n) in chunks of `chunk`, on the calling
 * thread and up to `threads` - 1 helpers. The chunks must write disjoint
 * memory. With a ctx, the calling thread reports progress as `stage` after
 * each of its chunks. When no thread can be started the calling thread
 * runs every chunk. */
typedef void (*ga_range_fn)(void *arg, size_t lo, size_t hi);
void ga_parallel_ranges(int threads, size_t n, size_t chunk, ga_range_fn fn, void *arg, ga_ctx *ctx,
                        const char *stage);

/* A worker: pulls items from a shared counter of `arg` until none is left. */
typedef void (*ga_worker_fn)(void *arg);
/* Called by the waiting thread every 50 ms while the workers run (when the
 * ctx has a progress callback): reports progress, returns false to stop
 * polling and just wait (done or failed). */
typedef bool (*ga_poll_fn)(void *arg, ga_ctx *ctx);

/* Runs `threads` copies of worker(arg) at once on a thread pool and waits
 * for all of them; threads <= 1 runs one on the calling thread. Fails
 * (GA_ERR_INTERNAL, "WHAT: cannot start threads") only when no thread can
 * be started; the workers report their own errors through `arg`. */
ga_status ga_parallel_run(ga_ctx *ctx, int threads, ga_worker_fn worker, void *arg, ga_poll_fn poll,
                          const char *what);

#endif
