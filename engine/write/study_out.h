/* The files of a study run (study/pipeline.h), in the output folder:
 * communes_access.csv/.shp, facilities.csv/.shp, the maps, coverage_TYPE.csv
 * and the zones blanches NAME.csv/.shp, as outputs.tables, .shapefiles and
 * .maps ask (docs/study.md). The scenario files are written by the
 * scenario report (cli/scenario_report.h). */
#ifndef GA_WRITE_STUDY_OUT_H
#define GA_WRITE_STUDY_OUT_H

#include "study/pipeline.h"

/* The paths written, in three groups (the summary prints them so). */
typedef struct {
    GPtrArray *layers;   /* communes and facilities tables and shapefiles */
    GPtrArray *maps;
    GPtrArray *measures; /* coverage and zones */
} ga_study_written;

void ga_study_written_init(ga_study_written *w);
void ga_study_written_clear(ga_study_written *w);

/* Writes the files into `dir` (through the current output set, if any)
 * and appends their paths to *w. */
ga_status ga_study_write(ga_ctx *ctx, const ga_study_result *r, const char *dir, ga_study_written *w);

#endif
