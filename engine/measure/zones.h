/* Zones blanches over the values the rules look at, private to the engine:
 * the per-commune values of the rules (times and distances to each type,
 * the APL) and the communes a rule selects. measure/zones.c computes; the
 * tables are written by write/zones.c. */
#ifndef GA_MEASURE_ZONES_H
#define GA_MEASURE_ZONES_H

#include "core/internal.h"

/* Per commune (n): for each type named by a rule, the time (minutes) and
 * distance (km) to its nearest facility (INFINITY: none within reach, NAN:
 * not routed, unknown), and the APL (NULL: no rule uses it). */
typedef struct {
    size_t n;
    GPtrArray *types;    /* char*, owned */
    GPtrArray *time;     /* double[n] per type, owned */
    GPtrArray *km;       /* double[n] per type, owned */
    double *apl;         /* double[n], owned, or NULL */
} ga_zone_values;

/* Caller frees with ga_zone_values_free. */
ga_zone_values *ga_zone_values_new(size_t n);
void ga_zone_values_free(ga_zone_values *v);
/* Adds a type with its arrays (transfer full: v frees them). */
void ga_zone_values_add_type(ga_zone_values *v, const char *type, double *time, double *km);
/* The index of `type` in v->types, -1 none. */
long ga_zone_values_type(const ga_zone_values *v, const char *type);

/* The communes a rule selects and its counts. The people of a commune are
 * pop[i] (NAN counts 0); a commune whose answer is unknown (it depends on a
 * value not known) is no zone and counted apart; the share of the people
 * in zones is people / base, base the people whose answer is known. */
typedef struct {
    size_t *rows;        /* the communes of the zone, in order; owned */
    size_t n_rows;
    double people;
    size_t unknown;
    double unknown_people, base;
} ga_zone_selection;

/* Fills *out (ga_zone_selection_clear frees it). */
void ga_zone_select(const ga_zone_rule *r, const ga_zone_values *v, const double *pop, ga_zone_selection *out);
void ga_zone_selection_clear(ga_zone_selection *s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_zone_values, ga_zone_values_free)

#endif
