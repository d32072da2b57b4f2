/* The files of `zones --sensitivity` and of a study's zones.sensitivity
 * (study/sensitivity.h): per rule OUT/zones_NAME_sensitivity.csv (insee,nom,pop,zone_runs,total_runs,share:
 * every commune) and its map OUT/map_zones_NAME_sensitivity.png, and
 * OUT/zones_sensitivity_runs.csv (each run's assumptions and, per rule, its
 * communes and people in zone blanche). Computes no measure. */
#ifndef GA_WRITE_SENSITIVITY_OUT_H
#define GA_WRITE_SENSITIVITY_OUT_H

#include "study/sensitivity.h"

/* The communes in rule q's zone in every run it counts, and in at least
 * one, with their people. */
typedef struct {
    size_t every, some;
    double every_people, some_people;
} ga_sensitivity_counts;
void ga_sensitivity_count(const ga_plan_sensitivity *s, size_t q, const double *pop, ga_sensitivity_counts *out);

/* names[q]: rule q's name; its files are PREFIXNAME_sensitivity.csv and
 * map_PREFIXNAME_sensitivity.png, the runs' table `runs_file`. Appends
 * the paths written to `written` (char*, may be NULL). */
ga_status ga_sensitivity_write(ga_ctx *ctx, const ga_communes *c, const double *pop, const ga_plan_sensitivity *s,
                               const char *const *names, const char *prefix, const char *runs_file,
                               const char *out_dir, GPtrArray *written);

#endif
