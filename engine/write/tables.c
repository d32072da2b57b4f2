/* The summary tables of the commands as CSV: see tables.h. */
#include <math.h>
#include <string.h>
#include "measure/catchment.h"
#include "write/tables.h"

void ga_catchments_csv_header(ga_csv_writer *w) {
    static const char *const head[] = {"type", "facility", "threshold", "unit", "area_km2", "nodes",
                                       "pop_pts", "pop_area", "area_study_km2", NULL};
    ga_csv_header(w, head);
}

void ga_catchments_csv_rows(ga_csv_writer *w, const char *type, const ga_catchments *c,
                            const ga_points *fac, const double *pop_points, const double *pop_area) {
    for (size_t i = 0; i < ga_catchments_count(c); i++) {
        const char *unit = NULL;
        double shown = ga_catchments_threshold_shown(c, i, &unit);
        ga_csv_text(w, type);
        ga_csv_text(w, ga_points_id(fac, ga_catchments_facility(c, i)));
        ga_csv_number_fmt(w, "%g", shown);
        ga_csv_text(w, unit);
        ga_csv_number(w, ga_catchments_area(c, i) / 1e6, 4);
        ga_csv_size(w, ga_catchments_nodes(c, i));
        ga_csv_number(w, pop_points[i], 0);
        ga_csv_number(w, pop_area ? pop_area[i] : NAN, 1);
        ga_csv_number(w, ga_catchments_area_study(c, i) / 1e6, 4); /* empty when not clipped */
        ga_csv_end_row(w);
    }
}

/* group_name when the groups have names (a SIREN code alone says little) */
void ga_coverage_csv_header(ga_csv_writer *w, bool named) {
    static const char *const head[] = {"type", "threshold", "group", "group_name", "communes",
                                       "communes_covered", "population", "covered", "share",
                                       "communes_unknown", "population_unknown", NULL};
    const char *cols[G_N_ELEMENTS(head)];
    size_t k = 0;
    for (size_t j = 0; head[j]; j++)
        if (named || strcmp(head[j], "group_name")) cols[k++] = head[j];
    cols[k] = NULL;
    ga_csv_header(w, cols);
}

void ga_coverage_csv_rows(ga_csv_writer *w, const ga_coverage *c, const char *type, double threshold,
                          bool per_group, bool named, const char *const *labels) {
    for (size_t g = 0; g <= c->n_groups; g++) {
        bool all = g == c->n_groups;
        if (!per_group && !all) continue; /* one group of everything: its row is (all) */
        double pop = all ? c->total_population : c->population[g];
        double cov = all ? c->total_covered : c->covered[g];
        ga_csv_text(w, type);
        ga_csv_number_fmt(w, "%g", threshold);
        ga_csv_text(w, all ? "(all)" : c->group[g]);
        const char *label = all || !labels ? NULL : labels[g];
        if (named) ga_csv_text(w, label ? label : "");
        /* communes and people: the routed ones, the base of the share;
         * those not routed (unknown) counted apart */
        ga_csv_size(w, all ? c->total_communes : c->communes[g]);
        ga_csv_size(w, all ? c->total_communes_covered : c->communes_covered[g]);
        ga_csv_number(w, pop, 0);
        ga_csv_number(w, cov, 0);
        ga_csv_number(w, pop > 0 ? cov / pop : 0, 4);
        ga_csv_size(w, all ? c->total_communes_unknown : c->communes_unknown[g]);
        ga_csv_number(w, all ? c->total_population_unknown : c->population_unknown[g], 0);
        ga_csv_end_row(w);
    }
}

void ga_zones_summary_csv_header(ga_csv_writer *w) {
    static const char *const head[] = {"rule", "expression", "communes", "population", "share",
                                       "communes_unknown", "population_unknown", NULL};
    ga_csv_header(w, head);
}

void ga_zones_summary_csv_row(ga_csv_writer *w, const char *rule, const char *expression,
                              size_t communes, double people, double base, size_t unknown,
                              double unknown_people) {
    ga_csv_text(w, rule);
    ga_csv_quoted(w, expression); /* always quoted, as before */
    ga_csv_size(w, communes);
    ga_csv_number(w, people, 0);
    ga_csv_number(w, base > 0 ? people / base : 0, 4);
    ga_csv_size(w, unknown);
    ga_csv_number(w, unknown_people, 0);
    ga_csv_end_row(w);
}
