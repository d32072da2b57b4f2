/* Indexed 4-ary min-heap of (key, node) pairs for Dijkstra's algorithm.
 *
 * Written by hand: GLib has no indexed priority queue with decrease-key, and
 * the router's speed depends on it. Four children per node halve the depth
 * of a binary heap; the four children's (key, node) pairs (32 bytes) share a
 * cache line. pos[node] is the node's slot in the heap, kept up to date on
 * every move so that decrease-key is O(log n). The caller owns pos (it lives
 * in the search's per-node state, see dijkstra.h).
 */
#ifndef GA_ROUTE_HEAP_H
#define GA_ROUTE_HEAP_H

#include <stdint.h>

typedef struct {
    uint32_t key, node;
} ga_heap_item;

typedef struct {
    ga_heap_item *items; /* capacity: the number of nodes */
    uint32_t size;
} ga_heap;

/* pos is written through a stride so that it can live inside an array of
 * per-node structs: pos of node v is *(uint32_t *)((char *)pos_base + v * stride). */
#define GA_HEAP_POS(base, stride, v) (*(uint32_t *)((char *)(base) + (size_t)(v) * (stride)))

static inline void ga_heap_sift_up(ga_heap *h, uint32_t i, ga_heap_item it, void *pos_base,
                                   size_t stride) {
    while (i > 0) {
        uint32_t p = (i - 1) >> 2;
        if (h->items[p].key <= it.key) break;
        h->items[i] = h->items[p];
        GA_HEAP_POS(pos_base, stride, h->items[i].node) = i;
        i = p;
    }
    h->items[i] = it;
    GA_HEAP_POS(pos_base, stride, it.node) = i;
}

static inline void ga_heap_push(ga_heap *h, uint32_t node, uint32_t key, void *pos_base,
                                size_t stride) {
    ga_heap_sift_up(h, h->size++, (ga_heap_item){key, node}, pos_base, stride);
}

/* Lowers the key of a node already in the heap at slot i. */
static inline void ga_heap_decrease(ga_heap *h, uint32_t i, uint32_t key, void *pos_base,
                                    size_t stride) {
    ga_heap_item it = h->items[i];
    it.key = key;
    ga_heap_sift_up(h, i, it, pos_base, stride);
}

/* Removes and returns the minimum (the heap must not be empty). */
static inline ga_heap_item ga_heap_pop(ga_heap *h, void *pos_base, size_t stride) {
    ga_heap_item top = h->items[0];
    ga_heap_item last = h->items[--h->size];
    uint32_t n = h->size, i = 0;
    if (n == 0) return top;
    for (;;) {
        uint32_t c = 4 * i + 1;
        if (c >= n) break;
        uint32_t best = c;
        uint32_t bk = h->items[c].key;
        uint32_t end = c + 4 < n ? c + 4 : n;
        for (uint32_t k = c + 1; k < end; k++)
            if (h->items[k].key < bk) {
                bk = h->items[k].key;
                best = k;
            }
        if (bk >= last.key) break;
        h->items[i] = h->items[best];
        GA_HEAP_POS(pos_base, stride, h->items[i].node) = i;
        i = best;
    }
    h->items[i] = last;
    GA_HEAP_POS(pos_base, stride, last.node) = i;
    return top;
}

#endif
