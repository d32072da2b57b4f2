/* geoaccess: siting. Where k new facilities of one type would do the most
 * good, on the same base and the same cost model as the scenarios
 * (scenario.h), so that the chosen sites written as a scenario file give
 * `geoaccess scenario` the same numbers.
 *
 * Objectives (the gain of a set S of new sites over the base):
 *   coverage  people of the study communes brought within `threshold`
 *             minutes of the type who are not within it today (maximal
 *             covering; monotone submodular);
 *   apl       sum over the study communes of population x
 *             (min(APL with S, A) - min(APL today, A)), A = apl_floor: the
 *             APL gained where it is short (the APL is linear in the supply
 *             added, its denominators depend on demand only, and min(., A)
 *             is concave, so this too is monotone submodular);
 *   zones     people in the zones blanches of a rule (measure/zones) today
 *             minus with S (no structure: a commune may need two sites to
 *             leave a zone).
 * Search: greedy. For the two submodular objectives with lazy evaluation
 * (Minoux 1978): a queue of upper bounds on the marginal gains, the top
 * re-evaluated until it stays on top; for zones, every candidate evaluated
 * each round. Ties go to the first candidate, so the result is
 * deterministic. `exact` enumerates every set of k <= 2 feasible candidates
 * (at most GA_SITE_EXACT_MAX_CANDIDATES candidates).
 *
 * Routing is done once: the communes to the base facilities of the type,
 * the communes to the candidates, and the APL's commune-to-commune table
 * (the study's communes then the scenario inputs' extra ones: the ring);
 * every evaluation reads them.
 */
#ifndef GEOACCESS_SITE_H
#define GEOACCESS_SITE_H

#include <stdbool.h>
#include "core.h"
#include "layer.h"
#include "od.h"
#include "scenario.h"
#include "zones.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { GA_SITE_COVERAGE = 0, GA_SITE_APL = 1, GA_SITE_ZONES = 2 } ga_site_objective;

/* "coverage", "apl", "zones". */
bool ga_site_objective_parse(const char *name, ga_site_objective *out);
const char *ga_site_objective_name(ga_site_objective o);

/* A place a new site may go: a commune (at its representative point, as a
 * scenario's commune=CODE) or a point in the working CRS (in the study
 * commune that contains it, as a scenario's x=, y=). */
typedef struct {
    const char *commune;  /* commune code, or NULL: at (x, y) */
    double x, y;
    const char *name;     /* a point's name (may be NULL) */
} ga_site_candidate;

#define GA_SITE_EXACT_MAX_CANDIDATES 1000
#define GA_SITE_DEFAULT_APL_FLOOR 2.5

typedef struct {
    const char *type;            /* facility type of the new sites */
    double capacity;             /* of each new site (> 0); in the APL x acts_per_unit */
    size_t k;                    /* sites to choose (>= 1) */
    ga_site_objective objective;
    double threshold;            /* coverage: minutes (> 0) */
    double apl_floor;            /* apl: A (> 0), default 2.5 */
    const ga_zone_rule *rule;    /* zones: the rule */
    double min_distance_km;      /* between two chosen sites, straight line (0: none) */
    const char *const *exclude;  /* commune codes (NULL-terminated) where no site goes, or NULL */
    bool exact;                  /* enumerate instead of greedy (k <= 2) */
} ga_site_options;
void ga_site_options_init(ga_site_options *o);

typedef struct {
    size_t candidate;    /* index in the candidates given */
    double x, y;         /* where it stands */
    long commune;        /* the study commune holding it (-1: none) */
    double gain;         /* marginal gain when it was added */
    double cumulative;   /* the objective with it and those before it */
} ga_site_choice;

typedef struct {
    ga_site_objective objective;
    size_t n_chosen;             /* < k when fewer candidates were feasible */
    ga_site_choice *chosen;      /* in the order chosen */
    size_t n_candidates, n_excluded;
    size_t evaluations;          /* marginal gains computed */
    size_t n_communes;
    /* per study commune, before and with the chosen sites: coverage, the
     * time to the type (minutes; known up to twice the threshold, INFINITY
     * beyond or none, NAN not routed; after: the improvements within the
     * threshold); apl, the APL;
     * zones, 1 in the zone, 0 not, NAN unknown */
    double *before, *after;
    double seconds_routing, seconds_search;
} ga_site_result;

/* Chooses the sites. `base` is the base as for ga_scenarios_run (its
 * apl_type, acts_per_unit and extra communes for the APL; its types and
 * threshold are not used). GA_ERR_ARG for options that cannot be met (k >
 * 2 or too many candidates with exact, the APL objective for a type that
 * is not base->apl_type, a rule using `distance to` the type sited);
 * GA_ERR_VALUE for a candidate commune or an excluded code that is not a
 * commune. Caller frees *out with ga_site_result_free(). */
ga_status ga_site_run(ga_ctx *ctx, ga_cost_model *model, const ga_scenario_inputs *base,
                      const ga_site_candidate *cand, size_t n_cand, const ga_site_options *o,
                      ga_site_result **out);
void ga_site_result_free(ga_site_result *r);

/* The APL objective between two APL vectors: the sum over i < n, in order,
 * of pop[i] x (min(after[i], floor) - min(before[i], floor)); a NAN APL
 * (not routed) or population counts 0. */
double ga_site_apl_gain(size_t n, const double *pop, const double *before, const double *after,
                        double floor);

#ifdef __cplusplus
}
#endif

#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_site_result, ga_site_result_free)
#endif

#endif
