/* What an input's PROVENANCE file says about it: the data folders keep one
 * PROVENANCE.txt per source (geodata/README.md), with "Licence : ..." lines. */
#ifndef GA_STUDY_PROVENANCE_H
#define GA_STUDY_PROVENANCE_H

#include <glib.h>

/* Looks for PROVENANCE.txt in the folder of `path` (or in `path` itself
 * when a folder), then in up to two parent folders. *file: the PROVENANCE
 * file found (NULL: none, and the others NULL too); then as
 * ga_provenance_parse with the base name of `path`. Transfer full. */
void ga_provenance_find(const char *path, char **file, char **title, char **licence);

/* From the text of a PROVENANCE file: *title, its first non-empty line;
 * *licence, the values of its "Licence :" fields with their continuation
 * lines, spaces folded, distinct ones joined by " | " (a file in sections
 * "A) ...", "B) ..." (a section's lines are indented under it): those of
 * the sections that mention `name`, when some do); with no such field, the clauses that name a "Licence Ouverte".
 * NULL when absent; transfer full. */
void ga_provenance_parse(const char *text, const char *name, char **title, char **licence);

#endif
