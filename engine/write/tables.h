/* The summary tables of the commands as CSV (write/csv_out.h): the rows a
 * command writes for what the library computed (catchments.csv,
 * coverage.csv, zones_summary.csv), so that the commands only print. */
#ifndef GA_WRITE_TABLES_H
#define GA_WRITE_TABLES_H

#include "geoaccess.h"
#include "write/csv_out.h"

/* catchments.csv: one row per catchment of `c` (facilities of type `type`
 * in `fac`), with the population within by point (pop_points) and by area
 * (pop_area, NULL: empty cells). */
void ga_catchments_csv_header(ga_csv_writer *w);
void ga_catchments_csv_rows(ga_csv_writer *w, const char *type, const ga_catchments *c,
                            const ga_points *fac, const double *pop_points, const double *pop_area);

/* coverage.csv: `named` adds the group_name column. */
void ga_coverage_csv_header(ga_csv_writer *w, bool named);
/* The rows of one type and threshold: each group when `per_group` (names in
 * labels[g], NULL entries empty), then "(all)". */
void ga_coverage_csv_rows(ga_csv_writer *w, const ga_coverage *c, const char *type, double threshold,
                          bool per_group, bool named, const char *const *labels);

/* zones_summary.csv: one row per rule; the share is people / base. */
void ga_zones_summary_csv_header(ga_csv_writer *w);
void ga_zones_summary_csv_row(ga_csv_writer *w, const char *rule, const char *expression,
                              size_t communes, double people, double base, size_t unknown,
                              double unknown_people);

#endif
