/* report.html: one self-contained page of a study run (no network, no
 * external script or font): the summary figures, the maps as inline SVG
 * (one <path> per commune with its code, name and value, a tooltip on
 * hover), the zones blanches, the APL beside the official one, the
 * communes that change most in each scenario, the inputs with their
 * provenance and licence, the effective study file, the engine's version
 * and the date. French or English (outputs.lang). Written from the study
 * result and its digest (study/digest.h); computes nothing. */
#ifndef GA_WRITE_REPORT_H
#define GA_WRITE_REPORT_H

#include "study/pipeline.h"

typedef struct {
    /* seconds since 1970 (UTC) the report is dated; < 0: $SOURCE_DATE_EPOCH
     * when set (reproducible reports), else now */
    gint64 epoch;
    size_t top;  /* communes listed per scenario and measure (0: 10) */
} ga_report_options;

/* Writes the report of `r` to `path` (through the current output set, if
 * any). A $SOURCE_DATE_EPOCH that is not a whole number of seconds is
 * GA_ERR_VALUE. */
ga_status ga_report_write(ga_ctx *ctx, const ga_study_result *r, const ga_report_options *o, const char *path);

#endif
