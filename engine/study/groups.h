/* Groups of communes (an intercommunalité, a canton...) for the measures
 * reported per group (coverage): a field of the commune layer, or a column
 * of a join table keyed by commune code, with the groups' names when known.
 * Part of the study stage: it assembles inputs, computes no measure. */
#ifndef GA_STUDY_GROUPS_H
#define GA_STUDY_GROUPS_H

#include <glib.h>
#include "geoaccess.h"

typedef struct {
    size_t n;            /* communes */
    const char **group;  /* per commune; NULL: no row in the join table */
    const char **name;   /* per commune, the group's name; NULL array: no names */
    char *name_col;      /* the column or field naming the groups, or NULL */
    GPtrArray *keep;     /* owns the strings copied from the join table */
} ga_commune_groups;

/* The group of each commune of `c`: field `group_col` of the layer when
 * `groups_path` is NULL, else column `group_col` of that CSV joined on
 * `key_col` (NULL: insee_code, insee, code, codgeo, depcom). Names from
 * `name_col` when given; with a join table and no name_col, from a column
 * found by ga_groups_detect_name_col. A group with two names is an error;
 * communes without a row warn and get no group. Caller frees *out with
 * ga_commune_groups_free. */
ga_status ga_commune_groups_load(ga_ctx *ctx, const ga_communes *c, const char *groups_path,
                                 const char *key_col, const char *group_col, const char *name_col,
                                 ga_commune_groups **out);
void ga_commune_groups_free(ga_commune_groups *g);

/* The name of group `code` (NULL: none known). */
const char *ga_commune_groups_name(const ga_commune_groups *g, const char *code);

/* The name column of a groups table when none is given: for a code column
 * "PREFIX_xxx" (epci_siren, epci_code), PREFIX_name, PREFIX_nom,
 * PREFIX_libelle, nom_PREFIX, lib_PREFIX or libelle_PREFIX; -1 none. */
int ga_groups_detect_name_col(const ga_table *t, const char *group_col);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(ga_commune_groups, ga_commune_groups_free)

#endif
