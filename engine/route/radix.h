/* Monotone radix heap of (key, node) pairs for Dijkstra's algorithm with
 * integer costs: the "bucket queue" alternative to the 4-ary heap (heap.h).
 *
 * Written by hand (no library here has one). Keys popped never decrease, so
 * a key k is kept in bucket b(k) = bit length of (k XOR last popped key):
 * 33 buckets for 32-bit keys. Popping from an empty bucket 0 takes the
 * lowest non-empty bucket, finds its minimum and redistributes its items
 * into lower buckets; each item moves at most 32 times, and in practice
 * once or twice. No decrease-key: a node whose cost drops is pushed again
 * and the stale entry is skipped when popped (lazy deletion).
 */
#ifndef GA_ROUTE_RADIX_H
#define GA_ROUTE_RADIX_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>
#include "route/heap.h"

#define GA_RADIX_BUCKETS 33

typedef struct {
    ga_heap_item *items;
    uint32_t size, cap;
} ga_radix_bucket;

typedef struct {
    ga_radix_bucket b[GA_RADIX_BUCKETS];
    uint32_t last;
    uint32_t size;
} ga_radix;

static inline unsigned ga_radix_index(uint32_t key, uint32_t last) {
    uint32_t x = key ^ last;
    return x ? 32u - (unsigned)__builtin_clz(x) : 0u;
}

static inline void ga_radix_reset(ga_radix *h) {
    for (int i = 0; i < GA_RADIX_BUCKETS; i++) h->b[i].size = 0;
    h->last = 0;
    h->size = 0;
}

static inline void ga_radix_bucket_add(ga_radix_bucket *bk, ga_heap_item it) {
    if (G_UNLIKELY(bk->size == bk->cap)) {
        bk->cap = bk->cap ? 2 * bk->cap : 64;
        bk->items = g_renew(ga_heap_item, bk->items, bk->cap);
    }
    bk->items[bk->size++] = it;
}

/* key must be >= the last popped key. */
static inline void ga_radix_push(ga_radix *h, uint32_t node, uint32_t key) {
    ga_radix_bucket_add(&h->b[ga_radix_index(key, h->last)], (ga_heap_item){key, node});
    h->size++;
}

/* Removes and returns an item of minimum key (the heap must not be empty). */
static inline ga_heap_item ga_radix_pop(ga_radix *h) {
    if (h->b[0].size == 0) {
        int i = 1;
        while (h->b[i].size == 0) i++;
        ga_radix_bucket *bk = &h->b[i];
        uint32_t m = UINT32_MAX;
        for (uint32_t k = 0; k < bk->size; k++)
            if (bk->items[k].key < m) m = bk->items[k].key;
        h->last = m;
        for (uint32_t k = 0; k < bk->size; k++) {
            ga_heap_item it = bk->items[k];
            ga_radix_bucket_add(&h->b[ga_radix_index(it.key, m)], it);
        }
        bk->size = 0;
    }
    h->size--;
    return h->b[0].items[--h->b[0].size];
}

static inline void ga_radix_clear(ga_radix *h) {
    for (int i = 0; i < GA_RADIX_BUCKETS; i++) g_free(h->b[i].items);
}

#endif
