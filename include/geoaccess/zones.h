/* geoaccess: coverage (who is within reach of a type of facility) and zones
 * blanches (communes failing access rules).
 *
 * Thresholds are inclusive everywhere: a commune whose cost equals the
 * threshold is covered (cost <= T), and "time to TYPE > T" is false for it.
 * A commune that reaches no facility of a type has cost INFINITY: never
 * covered, and "time to TYPE > T" holds for any T. A commune that could not
 * be routed (not snapped to the roads, or on a road cut off from the rest)
 * has cost NAN: unknown, left out of the shares and counted apart, and never
 * a zone blanche unless a rule asks for it with unknown(...).
 */
#ifndef GEOACCESS_ZONES_H
#define GEOACCESS_ZONES_H

#include <stdbool.h>
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- coverage ---- */

typedef struct {
    size_t n_groups;
    char **group;           /* group names, sorted (byte order) */
    size_t *communes;       /* communes per group */
    size_t *communes_covered;
    double *population;     /* people per group */
    double *covered;        /* people within the threshold */
    /* communes whose cost is unknown (NAN: not routed) and their people,
     * left out of communes and population above (the shares' base) */
    size_t *communes_unknown;
    double *population_unknown;
    /* all communes */
    size_t total_communes, total_communes_covered, total_communes_unknown;
    double total_population, total_covered, total_population_unknown;
    double threshold;
} ga_coverage;

/* Coverage of n communes: cost[i] the cost to the nearest facility
 * (INFINITY: none within reach; NAN: unknown, the commune could not be
 * routed), pop[i] people (NAN counts 0), group[i] the
 * commune's group (an intercommunalité code...; NULL array: one group "all";
 * NULL or "" entry: group "(none)"). GA_ERR_ARG for a threshold that is not
 * a number >= 0. Caller frees with ga_coverage_free. */
ga_status ga_coverage_compute(ga_ctx *ctx, size_t n, const double *cost, const double *pop,
                              const char *const *group, double threshold, ga_coverage **out);
void ga_coverage_free(ga_coverage *c);

/* ---- zone rules ---- */

/* A rule says when a commune is a zone blanche:
 *   rule   := term { "or" term }
 *   term   := factor { "and" factor }
 *   factor := "not" factor | "(" rule ")" | value OP NUMBER
 *           | "unknown" "(" value ")"
 *   value  := "time" "to" TYPE | "distance" "to" TYPE | "apl"
 *   OP     := ">" | ">=" | "<" | "<="
 * e.g. "time to urg > 30 or (apl < 2.5 and time to gp > 10)". Keywords are
 * case-insensitive; TYPE is a facility type name ([A-Za-z0-9_.-]+); time in
 * minutes, distance in km. "and" binds tighter than "or".
 * An unknown value (NAN: a commune that could not be routed, no APL) makes
 * its comparison unknown, and the rule is read in three-valued logic
 * (Kleene: "not unknown" is unknown, "false and unknown" is false, "true or
 * unknown" is true): a commune is a zone blanche only when the rule is true,
 * so never because of a value nobody knows. unknown(value) is true exactly
 * when the value is unknown ("time to urg > 30 or unknown(time to urg)"). */
typedef struct ga_zone_rule ga_zone_rule;

typedef enum { GA_ZONE_TIME = 0, GA_ZONE_DISTANCE = 1, GA_ZONE_APL = 2 } ga_zone_value;

/* GA_ERR_ARG with "zone rule '<text>': at character N: <what is wrong>".
 * Caller frees *out with ga_zone_rule_free(). */
ga_status ga_zone_rule_parse(ga_ctx *ctx, const char *text, ga_zone_rule **out);
void ga_zone_rule_free(ga_zone_rule *r);
/* The rule in canonical form, fully parenthesised (transfer full). */
char *ga_zone_rule_describe(const ga_zone_rule *r);
/* The distinct facility types named (in order of first appearance), and
 * whether the APL is used. */
size_t ga_zone_rule_type_count(const ga_zone_rule *r);
const char *ga_zone_rule_type(const ga_zone_rule *r, size_t k);
bool ga_zone_rule_uses(const ga_zone_rule *r, ga_zone_value v);

/* The commune's value of `what` for facility type `type` (NULL for the APL). */
typedef double (*ga_zone_lookup_fn)(ga_zone_value what, const char *type, void *user);
/* True when the commune is a zone blanche by the rule. */
bool ga_zone_rule_eval(const ga_zone_rule *r, ga_zone_lookup_fn lookup, void *user);
/* The rule's three-valued result: 1 true, 0 false, -1 unknown (it depends
 * on a value that is unknown). */
int ga_zone_rule_eval3(const ga_zone_rule *r, ga_zone_lookup_fn lookup, void *user);

#ifdef __cplusplus
}
#endif

/* g_autoptr() for GLib users (include <glib.h> before this header). */
#ifdef G_DEFINE_AUTOPTR_CLEANUP_FUNC
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_zone_rule, ga_zone_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_coverage, ga_coverage_free)
#endif

#endif
