/* geoaccess: accessibility measures computed from a cost table.
 *
 * Every measure works on plain arrays and a ga_od (CSR by origin, time in
 * minutes; see od.h): origins are demand locations (index i < od->n_from),
 * destinations are supply locations (index j < od->n_to). A missing pair is
 * unreachable. Matrices may be asymmetric and may be full commune-to-commune
 * tables: a pair to a place with no supply adds nothing.
 *
 * Results are written only on success. A zone with no demand, no supply or
 * no reachable pair gets 0 (cost measures: INFINITY when nothing is
 * reachable). The only NaN results are those of origins the cost model could
 * not route (ga_od_from_unknown): their value is unknown, and having no pair
 * their demand takes no part in the competition for any supply. Inputs must be finite and >= 0 (GA_ERR_VALUE
 * naming the index otherwise).
 *
 * Every computation is single-threaded and sums in a fixed order, so results
 * are byte-identical from one run to the next.
 */
#ifndef GEOACCESS_MEASURE_H
#define GEOACCESS_MEASURE_H

#include <stdbool.h>
#include "core.h"
#include "table.h"
#include "od.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- decay (impedance) functions ---- */

typedef struct ga_decay ga_decay;

/* Parses a decay specification (cost c in the table's unit, minutes):
 *   binary:C             1 when c <= C, else 0
 *   steps:B1=W1,B2=W2..  Wk when B(k-1) < c <= Bk (B0 = -inf), 0 beyond the
 *                        last bound; bounds strictly increasing, W in [0, 1]
 *                        (so the DREES bands are "steps:10=1,15=0.6667,20=0.3333")
 *   power:BETA           c^-BETA; BETA > 0: costs under 1 count as 1, so the
 *                        weight at cost 0 is 1, never infinite (as in IPEA
 *                        accessibility's decay_power); BETA <= 0: c^-BETA as
 *                        is (a weight growing with cost, 0 at cost 0 when
 *                        BETA < 0: PySAL access's gravity(alpha > 0) weights)
 *   exponential:BETA     exp(-BETA c), BETA >= 0
 *   linear:C             max(0, 1 - c / C), C > 0
 *   gaussian:C           (exp(-c^2 / (2 C^2)) - exp(-1/2)) / (1 - exp(-1/2))
 *                        for c <= C, else 0: the catchment-bounded Gaussian
 *                        of Dai (2010) used by Wan, Zou & Sternberg (2012)
 * Spaces around tokens are allowed. GA_ERR_ARG with a message naming the
 * specification and what is wrong. Caller frees with ga_decay_free(). */
ga_status ga_decay_parse(ga_ctx *ctx, const char *spec, ga_decay **out);
/* The DREES APL bands: 1 for c <= 10, 2/3 for 10 < c <= 15, 1/3 for
 * 15 < c <= 20, 0 beyond (apl_parameters_distance_decay.csv). */
/* NULL when memory runs out. Caller frees the result with ga_decay_free(). */
ga_decay *ga_decay_new_drees(void);
void ga_decay_free(ga_decay *d);
/* Pairs costing more than max_cost weigh 0 (max_cost <= 0 or INFINITY: no
 * bound, the default). */
void ga_decay_set_max_cost(ga_decay *d, double max_cost);
/* Weight of a pair of cost `cost` (>= 0), in [0, 1] except power with
 * BETA < 0. */
double ga_decay_weight(const ga_decay *d, double cost);
/* The cost beyond which every weight is 0 (INFINITY when there is none). */
double ga_decay_bound(const ga_decay *d);
/* True for binary:C (and max_cost alone); *cutoff receives C. */
bool ga_decay_is_binary(const ga_decay *d, double *cutoff);
/* A canonical description, e.g. "steps:10=1,15=0.66666666666666663,..."
 * (transfer full, g_free). */
char *ga_decay_describe(const ga_decay *d);

/* ---- floating catchment area family ---- */

typedef enum {
    /* Luo & Wang (2003): R_j = S_j / sum_k P_k W_kj, A_i = sum_j W_ij R_j;
     * with binary:d0 this is the paper's 2SFCA; any other decay gives the
     * generalised form (as IPEA accessibility's "2sfca"). */
    GA_FCA_2SFCA = 0,
    /* Luo & Qi (2009): the same two steps with weighted travel-time bands
     * (use steps:...). Identical arithmetic to GA_FCA_2SFCA. */
    GA_FCA_E2SFCA,
    /* Wan, Zou & Sternberg (2012): selection weights
     * G_ij = W_ij / sum_{k: S_k > 0} W_ik; R_j = S_j / sum_k G_kj W_kj P_k;
     * A_i = sum_j G_ij W_ij R_j. */
    GA_FCA_3SFCA,
    /* Paez, Higgins & Vivona (2019), balanced FCA: W^i_ij = W_ij / sum_j W_ij
     * (over supplied destinations), W^j_ij = W_ij / sum_i W_ij;
     * R_j = S_j / sum_i P_i W^i_ij, A_i = sum_j W^j_ij R_j. Each person is
     * counted once (sum_j sum_i P_i W^i_ij = total population reaching some
     * supply) and each level of service once (sum_i A_i = sum_j R_j over the
     * destinations with demand). */
    GA_FCA_BFCA
} ga_fca_method;

/* Parses "2sfca", "e2sfca", "3sfca", "bfca" (case-insensitive). */
bool ga_fca_method_parse(const char *name, ga_fca_method *out);
const char *ga_fca_method_name(ga_fca_method m);

/* Floating catchment access: demand[od->n_from] (population),
 * supply[od->n_to] (capacity: doctors, consultations...), access[od->n_from]
 * receives supply per unit of demand. A destination whose catchment holds no
 * demand is not counted (its supply reaches nobody); a zone that reaches no
 * counted supply gets 0. */
ga_status ga_fca(ga_ctx *ctx, ga_fca_method method, const ga_od *od,
                 const double *demand, const double *supply,
                 const ga_decay *decay, double *access);

/* Gravity potential, Hansen (1959): A_i = sum_j S_j f(c_ij). */
ga_status ga_gravity(ga_ctx *ctx, const ga_od *od, const double *supply,
                     const ga_decay *decay, double *access);

/* Cumulative opportunities: A_i = sum of S_j over pairs with c_ij <= cutoff. */
ga_status ga_cumulative(ga_ctx *ctx, const ga_od *od, const double *supply,
                        double cutoff, double *access);

/* Cost to the n-th closest unit of supply: the least cost c such that the
 * supply within c adds up to at least n (n >= 1). With supply 1 per place,
 * n = 1 is the cost to the closest place and n = k to the k-th closest place;
 * places with supply 0 never count. INFINITY when the reachable supply adds
 * up to less than n. max_cost of `decay` (may be NULL) drops longer pairs. */
ga_status ga_cost_to_closest(ga_ctx *ctx, const ga_od *od, const double *supply,
                             double n, const ga_decay *decay, double *cost);

/* Spatial availability, Soukhov, Paez, Higgins & Mohamed (2023):
 * SA_i = sum_j S_j F^t_ij with F^t_ij = F^p_ij F^c_ij / sum_k F^p_kj F^c_kj,
 * F^p_ij = P_i^alpha / sum_k P_k^alpha, F^c_ij = f(c_ij) / sum_k f(c_kj).
 * Opportunities are allocated, so sum_i SA_i = total supply reached by some
 * demand. alpha >= 0 (1 in the paper). */
ga_status ga_spatial_availability(ga_ctx *ctx, const ga_od *od,
                                  const double *demand, const double *supply,
                                  const ga_decay *decay, double alpha,
                                  double *availability);

/* ---- inequality over zones, population weighted ---- */

/* Gini index of x[n] with weights w[n] (population; NULL: all 1): 1 minus
 * twice the area under the Lorenz curve of x ranked ascending; 0 equality,
 * towards 1 concentration. GA_ERR_VALUE when the weights sum to 0; 0 when
 * every x is 0. */
ga_status ga_gini(ga_ctx *ctx, const double *x, const double *w, size_t n,
                  double *out);
/* Palma ratio: share of the total of x held by the top 10 % of the
 * population ranked by x, divided by the share held by the bottom 40 %
 * (zones straddling the 10 % or 40 % boundary are split pro rata).
 * 0.25 under equality (10 % / 40 %), also when x is all 0; INFINITY when
 * the bottom 40 % hold nothing but the top does. */
ga_status ga_palma(ga_ctx *ctx, const double *x, const double *w, size_t n,
                   double *out);
/* Theil T index: (1/W) sum_i w_i (x_i/mu) ln(x_i/mu), mu the weighted mean,
 * 0 ln 0 = 0; 0 when x is all 0. */
ga_status ga_theil(ga_ctx *ctx, const double *x, const double *w, size_t n,
                   double *out);

/* ---- APL, the DREES way ---- */

/* Counted activity of one practitioner from annual consultations + visits
 * (DREES "Parametres", apl_parameters_activity_caps.csv), liberal:
 *   activity <= 250              -> 0      (the table's "0 to 250" row:
 *                                            exactly 250 counts 0)
 *   250 < activity <= 3600       -> 3600   (fractional 250.5 counts 3600)
 *   3600 < activity <= 6000      -> activity as is
 *   activity > 6000              -> 6000
 * health centre: activity as is (not capped, no floor). */
typedef enum {
    GA_PRACT_LIBERAL = 0,
    GA_PRACT_HEALTH_CENTRE = 1
} ga_practitioner_kind;
#define GA_APL_FLOOR_ACTIVITY 250.0
#define GA_APL_MIN_COUNTED 3600.0
#define GA_APL_MAX_COUNTED 6000.0
/* Imputed to a GP with no liberal activity the previous year. */
#define GA_APL_NEW_PRACTITIONER_ACTIVITY 5400.0
/* Consultations + visits per full-time equivalent when only a headcount or
 * an FTE column is known: the DREES imputation for a GP with no activity
 * record, 5,400 (about the median full-time GP; change it with
 * ga_apl_supply_options.acts_per_fte). */
#define GA_APL_DEFAULT_ACTS_PER_FTE 5400.0
double ga_apl_counted_activity(double activity, ga_practitioner_kind kind);

typedef struct {
    /* Columns (NULL: defaults; names are case-insensitive):
     * commune code: "commune", "insee", "codgeo", "code_commune";
     * activity: "activity", "consultations", "actes" (annual consultations
     *   + visits; an empty cell or "NA" on a liberal row means no liberal
     *   activity the previous year: 5,400 imputed);
     * kind: "kind", "type" ("liberal" or "centre"/"health_centre"/"cds";
     *   absent: liberal);
     * age: "age" (needed only with max_age);
     * fte: "fte", "etp", "headcount", "effectif" (used when there is no
     *   activity column: fte x acts_per_fte, uncapped). */
    const char *commune_col, *activity_col, *kind_col, *age_col, *fte_col;
    double max_age;       /* > 0: practitioners older than this count 0 */
    double acts_per_fte;  /* <= 0: GA_APL_DEFAULT_ACTS_PER_FTE */
} ga_apl_supply_options;

/* Adds the counted activity of each practitioner (row of `t`) to the commune
 * it practises in: supply[k] for commune_ids[k]. `row_commune` (may be NULL)
 * gives the commune index of each row (-1 none) when the table has
 * coordinates instead of a commune column. Rows whose commune is unknown are
 * counted in a warning and left out. Errors name the file, line and column. */
ga_status ga_apl_supply_from_table(ga_ctx *ctx, const ga_table *t,
                                   const ga_apl_supply_options *opts,
                                   const char *const *commune_ids, size_t n,
                                   const long *row_commune, double *supply);

/* Standardised population: std[k] = sum_b pop[k * n_bands + b] * weight[b]
 * (the DREES age-band consumption weights, apl_parameters_age_weights.csv). */
ga_status ga_apl_standardise(ga_ctx *ctx, const double *pop_by_band,
                             size_t n, const double *weights, size_t n_bands,
                             double *std_pop);

/* Default cost of a commune to itself when the matrix lacks the pair: 0
 * minutes (weight 1 with the DREES bands: residents reach the practitioners
 * of their own commune at full weight, as in the DREES method). */
#define GA_APL_DEFAULT_INTRA_MINUTES 0.0
#define GA_APL_DEFAULT_THRESHOLD 2.5
/* The longest travel time (minutes) that counts in the APL: the last DREES
 * band ends at 20 minutes, so the commune-to-commune tables stop there. */
#define GA_APL_HORIZON_MINUTES 20.0

typedef struct {
    const ga_decay *decay; /* NULL: the DREES bands (ga_decay_new_drees) */
    /* Cost of a commune to itself where the OD table lacks it (NAN: do not
     * add the pair). Default GA_APL_DEFAULT_INTRA_MINUTES. */
    double intra_cost;
    /* A commune is "under" when APL < threshold (strictly). Default 2.5. */
    double threshold;
} ga_apl_options;
void ga_apl_options_init(ga_apl_options *o);

typedef struct {
    size_t n_communes;
    double std_population;   /* sum of standardised population */
    double total_population; /* sum of total population */
    double supply;           /* sum of counted activity */
    /* Mean APL over the routed communes weighted by standardised population. */
    double mean_apl;
    /* Communes with APL < threshold, and their total population. */
    size_t communes_under;
    double population_under;
    double threshold;
    /* Communes that could not be routed (APL unknown, NAN), and their total
     * population: left out of the mean and of the communes under. */
    size_t communes_unknown;
    double population_unknown;
} ga_apl_summary;

/* The APL per commune, for `geoaccess run` and `geoaccess apl`.
 *
 *   n           number of communes
 *   ids         commune codes (used in messages only), n entries
 *   std_pop     standardised population (demand), n entries, >= 0
 *   total_pop   total population (for the count of people under the
 *               threshold), n entries, >= 0; NULL: std_pop is used
 *   supply      counted activity in consultations + visits per year
 *               practised in each commune (ga_apl_supply_from_table), n
 *   od          commune -> commune travel times in minutes, n x n (missing
 *               pairs unreachable; missing (k, k) pairs get opts->intra_cost;
 *               a commune the cost model could not route, ga_od_from_unknown
 *               or ga_od_to_unknown, gets APL NAN and its demand and supply
 *               are left out)
 *   opts        NULL: defaults (DREES bands, intra 0 min, threshold 2.5)
 *   apl         out: n entries, consultations and visits accessible per
 *               standardised inhabitant per year (E2SFCA, Luo & Qi 2009,
 *               with the DREES bands: APL_i = sum_j W_ij S_j / sum_k W_kj P_k)
 *   summary     out (may be NULL)
 *
 * GA_ERR_ARG when od is not n x n; GA_ERR_VALUE naming the commune when a
 * population or supply is negative or not finite. */
ga_status ga_apl_communes(ga_ctx *ctx, size_t n, const char *const *ids,
                          const double *std_pop, const double *total_pop,
                          const double *supply, const ga_od *od,
                          const ga_apl_options *opts, double *apl,
                          ga_apl_summary *summary);

/* The summary of n APL values, as ga_apl_communes gives it: an APL of NAN is
 * unknown (counted apart, out of the mean and of the communes under); a NAN
 * population counts 0; total_pop NULL: the standardised one; supply NULL:
 * summary supply 0. Used on a study area's first n communes when the APL was
 * computed over more (a ring of neighbouring communes). */
void ga_apl_summarise(size_t n, const double *apl, const double *std_pop, const double *total_pop,
                      const double *supply, double threshold, ga_apl_summary *out);

/* ---- the APL of the other professions ----
 * The DREES publishes the APL of dentists, midwives, nurses and
 * physiotherapists in full-time equivalents per 100,000 people standardised
 * with age weights of each profession (not public here). These functions take
 * what a caller has: a headcount as supply and a population (total, or
 * weighted by age bands with ga_apl_standardise) as demand. */
#define GA_APL_PER_PEOPLE 100000.0

/* ga_apl_communes with `headcount` (practitioners or facilities per
 * commune) as supply and `demand` (people) as demand, the DREES bands and
 * intra-commune time, times GA_APL_PER_PEOPLE: practitioners within reach
 * per 100,000 people. NAN for a commune not routed. Same errors. */
ga_status ga_apl_headcount(ga_ctx *ctx, size_t n, const char *const *ids, const double *demand,
                           const double *headcount, const ga_od *od, double *apl);

/* A summary for an APL with no official low-access threshold: the
 * threshold is the APL at or under which the `share` (0 < share < 1, e.g.
 * 0.1 for the lowest decile) of people with the lowest APL live (the
 * quantile of the routed communes' APL weighted by total_pop: the smallest
 * APL whose cumulated people reach share x the people routed), and
 * communes_under / population_under count the communes at OR under it
 * (so that a decile of communes at 0 is not empty). Mean weighted by demand;
 * NAN APL: unknown, as in ga_apl_summarise. */
void ga_apl_summarise_lowest(size_t n, const double *apl, const double *demand, const double *total_pop,
                             double share, ga_apl_summary *out);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header). */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_decay, ga_decay_free)
#endif

#endif
