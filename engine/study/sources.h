/* The sources line of the maps: the data sets a study loaded, by name. */
#ifndef GA_STUDY_SOURCES_H
#define GA_STUDY_SOURCES_H

#include <glib.h>

/* Appends to `line` ("Sources : A, B") the name of the data set of the file
 * at `path` (NULL or "" ignored, a name already there not repeated). Files
 * named as the embedded data are (bpeYYYY: INSEE BPE YYYY, finessYYYY:
 * FINESS YYYY, apl_mg_DD_YYYY: DREES APL YYYY, cogYYYY polygons: IGN ADMIN
 * EXPRESS (COG YYYY), drees: DREES population); any other by its file name. */
void ga_sources_add(GString *line, const char *path);

#endif
