/* geoaccess: origin-destination cost tables and the cost-model interface.
 *
 * A ga_od is a sparse table of costs between n_from origins and n_to
 * destinations, stored by origin (CSR): the pairs of origin i are
 * row_start[i] .. row_start[i+1]-1, sorted by destination index. A missing
 * pair means "unreachable" (or beyond the bound asked for) when both points
 * were routed. A point that could not be routed at all (a road model's point
 * beyond the snap distance left out with skip_unsnapped, or one whose road is
 * cut off from the rest of the network) is flagged in from_unknown /
 * to_unknown and has no pairs: its costs are unknown, not infinite.
 * Time is in minutes, distance in metres.
 *
 * Every producer of costs (straight-line model, road router, a matrix file)
 * implements ga_cost_model, so the measures never know which one they use.
 */
#ifndef GEOACCESS_OD_H
#define GEOACCESS_OD_H

#include <stdbool.h>
#include "core.h"
#include "layer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { GA_METRIC_TIME = 0, GA_METRIC_DISTANCE = 1 } ga_metric;

typedef struct ga_od {
    size_t n_from, n_to;
    size_t *row_start; /* n_from + 1 entries */
    uint32_t *to;      /* destination index of each pair */
    double *cost;      /* cost of each pair */
    size_t n_pairs;
    /* n_from / n_to flags, non-zero for a point that could not be routed
     * (its costs are unknown); NULL when every point was routed. */
    uint8_t *from_unknown;
    uint8_t *to_unknown;
} ga_od;

/* Builder for an OD table: add pairs in any order; duplicates are an error. */
typedef struct ga_od_builder ga_od_builder;
/* Caller frees the result with ga_od_builder_finish() or ga_od_builder_free(). */
ga_od_builder *ga_od_builder_new(size_t n_from, size_t n_to);
void ga_od_builder_add(ga_od_builder *b, uint32_t from, uint32_t to, double cost);
/* Sorts and packs; frees the builder. GA_ERR_DUPLICATE when a pair repeats. */
ga_status ga_od_builder_finish(ga_ctx *ctx, ga_od_builder *b, ga_od **out);
void ga_od_builder_free(ga_od_builder *b);

void ga_od_free(ga_od *od);
/* True when origin i (destination j) could not be routed: its costs are
 * unknown (NAN in per-place results), not "none within reach". */
bool ga_od_from_unknown(const ga_od *od, size_t i);
bool ga_od_to_unknown(const ga_od *od, size_t j);
/* Number of origins (destinations) that could not be routed. */
size_t ga_od_from_unknown_count(const ga_od *od);
size_t ga_od_to_unknown_count(const ga_od *od);
/* Cost of (from, to), or false when the pair is absent (binary search). */
bool ga_od_lookup(const ga_od *od, size_t from, size_t to, double *cost);

/* Reads a matrix CSV (from_id,to_id,cost by default; column names may be
 * changed) and maps its ids onto the given id lists. Pairs naming an id that
 * is in neither list are skipped and counted in *unknown_ids and in a
 * warning. A negative or non-numeric cost is an error naming the line.
 * A row "ID,," (destination and cost empty) flags origin ID as not routed
 * (from_unknown), ",ID," destination ID (to_unknown), as ga_od_write_csv
 * writes them. */
typedef struct {
    const char *from_col;  /* default "from_id" */
    const char *to_col;    /* default "to_id" */
    const char *cost_col;  /* default "cost" */
} ga_od_read_options;
/* Caller frees *out with ga_od_free(). */
ga_status ga_od_read_csv(ga_ctx *ctx, const char *path,
                         const ga_od_read_options *opts,
                         const char *const *from_ids, size_t n_from,
                         const char *const *to_ids, size_t n_to,
                         ga_od **out, size_t *unknown_ids);

/* Writes from_id,to_id,cost (cost with %.17g unless `decimals` >= 0) to
 * `path` atomically (temporary file in the same folder, then rename). An
 * origin that could not be routed is one row "ID,," in its place, a
 * destination one row ",ID," at the end: unknown, never silently absent. */
ga_status ga_od_write_csv(ga_ctx *ctx, const ga_od *od,
                          const char *const *from_ids,
                          const char *const *to_ids, int decimals,
                          const char *path);

/* ---- cost models ---- */

typedef struct ga_cost_model ga_cost_model;

typedef struct ga_cost_model_ops {
    const char *name; /* "straight-line", "road" ... */
    /* Costs from every origin to every destination not above max_cost
     * (max_cost <= 0 or INFINITY: no bound). */
    ga_status (*table)(ga_cost_model *model, ga_ctx *ctx, const ga_points *from,
                       const ga_points *to, ga_metric metric, double max_cost,
                       ga_od **out);
    /* One line describing the model and its parameters (transfer full). */
    char *(*describe)(const ga_cost_model *model);
    void (*free)(ga_cost_model *model);
} ga_cost_model_ops;

struct ga_cost_model {
    const ga_cost_model_ops *ops;
};

/* Caller frees *out with ga_od_free(). */
ga_status ga_cost_model_table(ga_cost_model *model, ga_ctx *ctx,
                              const ga_points *from, const ga_points *to,
                              ga_metric metric, double max_cost, ga_od **out);
/* Caller frees the result with g_free(). */
char *ga_cost_model_describe(const ga_cost_model *model);
void ga_cost_model_free(ga_cost_model *model);

/* Straight-line model: distance between points in the working CRS (metres);
 * time = distance * detour / speed (minutes).
 * Defaults: GA_STRAIGHT_DEFAULT_DETOUR and GA_STRAIGHT_DEFAULT_SPEED_KMH. */
#define GA_STRAIGHT_DEFAULT_DETOUR 1.3
#define GA_STRAIGHT_DEFAULT_SPEED_KMH 60.0
/* Caller frees *out with ga_cost_model_free(). */
ga_status ga_straight_model_new(ga_ctx *ctx, double detour, double speed_kmh,
                                ga_cost_model **out);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header). */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_od, ga_od_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_od_builder, ga_od_builder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_cost_model, ga_cost_model_free)
#endif

#endif
