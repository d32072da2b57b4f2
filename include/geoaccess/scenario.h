/* geoaccess: scenarios. What a decision would change: facilities added
 * (at coordinates or at a commune's representative point), removed, their
 * capacity changed, practitioners above an age retired; base and scenarios
 * are computed on the same cost model, and the routing work is shared:
 * commune -> facility costs are computed once for the union of the base
 * facilities and every facility any scenario adds, commune -> commune costs
 * (for the APL) once.
 *
 * Scenario file (GLib key file), every group optional:
 *
 *   [scenario]
 *   name=plaissan_centre_sante
 *   description=HYPOTHETICAL: ...
 *
 *   [add <id>]            one group per facility added
 *   type=gp
 *   commune=34204         or x=, y= (working CRS) or lon=, lat= (WGS 84)
 *   capacity=2            default 1
 *
 *   [remove]
 *   ids=D201-34172;FINESS-1
 *
 *   [capacity]            new capacity of existing facilities (0 closes)
 *   D201-34172=10
 *
 *   [retire]              practitioners of `type` (all when absent) older
 *   age=67                than `age` stop (needs the facilities' ages)
 *   type=gp
 */
#ifndef GEOACCESS_SCENARIO_H
#define GEOACCESS_SCENARIO_H

#include <stdbool.h>
#include "core.h"
#include "layer.h"
#include "od.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ga_scenario ga_scenario;

/* An empty scenario (no change); NULL when memory runs out.
 * Caller frees the result with ga_scenario_free(). */
ga_scenario *ga_scenario_new(const char *name);
void ga_scenario_free(ga_scenario *s);
/* Reads a scenario file; errors name the file, the group and the key.
 * Caller frees *out with ga_scenario_free(). */
ga_status ga_scenario_read(ga_ctx *ctx, const char *path, ga_scenario **out);
/* Caller frees *out with ga_scenario_free(). */
ga_status ga_scenario_read_buffer(ga_ctx *ctx, const char *name, const char *data, size_t len,
                                  ga_scenario **out);
const char *ga_scenario_name(const ga_scenario *s);
const char *ga_scenario_description(const ga_scenario *s); /* "" when none */

/* Building by hand: commune NULL means at (x, y) in the working CRS. Each
 * returns false when memory runs out (the scenario is then unchanged). */
bool ga_scenario_add(ga_scenario *s, const char *id, const char *type, const char *commune,
                     double x, double y, double capacity);
bool ga_scenario_remove(ga_scenario *s, const char *id);
bool ga_scenario_set_capacity(ga_scenario *s, const char *id, double capacity);
/* type NULL: every type. */
bool ga_scenario_retire_above(ga_scenario *s, double age, const char *type);
/* The scenario's retirement ([retire]): true with the age practitioners
 * must be older than to retire and their type (NULL: every type). */
bool ga_scenario_retirement(const ga_scenario *s, double *age, const char **type);
/* The facilities the scenario adds, removes or changes (not retirements). */
size_t ga_scenario_change_count(const ga_scenario *s);

typedef struct {
    const ga_communes *communes;
    const double *population;      /* total population per commune (NAN counts 0) */
    const ga_points *facilities;   /* base facilities, with types and capacities */
    const double *ages;            /* per facility (NAN unknown), or NULL */
    const char *const *types;      /* types for nearest times and coverage */
    size_t n_types;
    double threshold;              /* coverage threshold (minutes) */
    /* APL (NULL apl_type: none): supply = capacity x acts_per_unit of the
     * facilities of apl_type, at their commune; demand = std_population
     * (NULL: population); commune -> commune costs within 20 minutes. */
    const char *apl_type;
    double acts_per_unit;
    const double *std_population;
    double apl_threshold;          /* <= 0: GA_APL_DEFAULT_THRESHOLD */
    /* Communes around the study (e.g. a ring of neighbouring communes)
     * whose people compete in the APL and whose facilities of apl_type,
     * with commune index n_communes + k, serve it; never reported. Their
     * points, standardised and total population (n_extra each); 0: none. */
    size_t n_extra;
    const ga_points *extra_points;
    const double *extra_std_population, *extra_population;
    /* Optional, so that a run routes once: the APL's commune-to-commune
     * table the caller already has, with the same cost model, on the
     * study's communes (their points, in order) then the extra points,
     * GA_METRIC_TIME within GA_APL_HORIZON_MINUTES. NULL: routed here.
     * Borrowed: the caller frees it after ga_scenarios_run. */
    const ga_od *apl_table;
} ga_scenario_inputs;

/* The state of one run (base or scenario). */
typedef struct {
    char *name;
    double *time;        /* [t * n_communes + i]: nearest facility of types[t] (INFINITY: none within reach; NAN: commune not routed) */
    long *nearest;       /* same layout: index in the union layer, -1 none */
    double *apl;         /* n_communes, NULL without APL */
    size_t added, removed, changed, retired; /* facilities affected */
} ga_scenario_state;

typedef struct {
    size_t n_communes, n_types, n_scenarios;
    ga_scenario_state base;
    ga_scenario_state *scenarios;
    ga_points *facilities; /* the union layer: base then added facilities */
    size_t n_base_facilities;
    double seconds_routing, seconds_scenarios;
} ga_scenario_run;

/* Runs the base and every scenario. An id to remove or change that is not a
 * facility, a commune code that is not a commune, a retirement without ages
 * are GA_ERR_VALUE naming the scenario. Caller frees *out with ga_scenario_run_free(). */
ga_status ga_scenarios_run(ga_ctx *ctx, ga_cost_model *model, const ga_scenario_inputs *in,
                           ga_scenario *const *scenarios, size_t n_scenarios,
                           ga_scenario_run **out);
void ga_scenario_run_free(ga_scenario_run *r);

/* Crossings of a threshold between base and scenario k, for type t (time <=
 * threshold is "within"): people and communes who come within it (gain) and
 * who fall out of it (loss). t = SIZE_MAX: the APL (apl >= apl_threshold
 * is "within"). */
typedef struct {
    size_t communes_gain, communes_loss;
    double people_gain, people_loss;
} ga_crossings;
void ga_scenario_crossings(const ga_scenario_run *r, size_t k, size_t t, double threshold,
                           const double *population, ga_crossings *out);

/* Who is better and who is worse off in scenario k than in the base, for
 * type t (nearest time: shorter is better; gains and losses in minutes) or,
 * t = SIZE_MAX, the APL (higher is better; in APL units): communes and
 * people on each side and the largest gain and loss (>= 0; INFINITY when a
 * commune gets its first reachable facility, or loses its last). A commune
 * whose value is unknown (NAN) in either run counts on neither side. */
typedef struct {
    size_t communes_better, communes_worse;
    double people_better, people_worse;
    double largest_gain, largest_loss;
} ga_changes;
void ga_scenario_changes(const ga_scenario_run *r, size_t k, size_t t, const double *population,
                         ga_changes *out);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header). */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_scenario, ga_scenario_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_scenario_run, ga_scenario_run_free)
#endif

#endif
