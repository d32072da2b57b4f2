/* Private to the engine: the router's innards, shared by table.c and
 * road_model.c. */
#ifndef GA_ROUTE_ROUTER_H
#define GA_ROUTE_ROUTER_H

#include <glib.h>
#include "geoaccess/route.h"
#include "route/ch.h"
#include "route/dijkstra.h"
#include "route/snap.h"

/* Wall and CPU seconds (CPU of the whole process, every thread) of the
 * stages of a table: snapping and joining both layers, the target links
 * (sorting, marks), the hierarchy's target selection (RPHAST buckets; 0 for
 * plain searches), the per-source searches, the merge into the OD table. */
enum { GA_TT_SNAP, GA_TT_PREPARE, GA_TT_SELECT, GA_TT_SEARCH, GA_TT_MERGE, GA_TT_N };
typedef struct {
    double wall[GA_TT_N], cpu[GA_TT_N];
} ga_table_timing;

struct ga_router {
    const ga_graph *g;
    ga_road_options opts;
    ga_snap_index *snap;
    GMutex lock;           /* guards the lazy adjacency builds */
    ga_adj adj[2][2];      /* [metric][backward] */
    gboolean built[2][2];
    ga_ch *ch[2];          /* [metric], built on first use by a table */
    gboolean ch_tried[2];
    GPtrArray *spare;      /* idle query states (ga_search *), reused */
    /* per node, 1 when it lies in the largest strongly connected component;
     * NULL when the graph is one component (every graph `geoaccess graph`
     * builds, unless --keep-components) */
    uint8_t *main_node;
    ga_graph *owned;       /* a graph the router frees, or NULL */
    void (*owned_free)(ga_graph *);
    ga_table_timing last_table; /* the stages of the last table (under lock) */
};

/* The stages of the last ga_router_table() on this router, for the
 * benchmarks (the library prints nothing). */
void ga_router_last_table_timing(ga_router *r, ga_table_timing *out);

/* The adjacency for a metric and direction, built on first use; NULL when
 * memory runs out. */
const ga_adj *ga_router_adj(ga_router *r, ga_metric metric, bool backward);

/* The contraction hierarchy of a metric, built on first use; NULL when
 * memory runs out. */
const ga_ch *ga_router_ch(ga_router *r, ga_ctx *ctx, ga_metric metric);
/* A query state from the router's spares (or a new one; NULL when memory
 * runs out), and back to the spares. Thread-safe. */
ga_search *ga_router_take_search(ga_router *r);
void ga_router_give_search(ga_router *r, ga_search *s);

/* Hands a graph over to the router (freed with free_fn in ga_router_free). */
void ga_router_adopt_graph(ga_router *r, ga_graph *g, void (*free_fn)(ga_graph *));

#endif
