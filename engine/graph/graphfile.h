/* The graph file format (see graphfile.c for the layout). Private. */
#ifndef GA_GRAPHFILE_H
#define GA_GRAPHFILE_H

#include <stddef.h>
#include <stdint.h>
#include "geoaccess.h"
#include "graph/graph.h"

/* Bump on any change of the layout: older files are then refused. */
#define GA_GRAPH_FORMAT_VERSION 1u
#define GA_GRAPH_HEADER_SIZE 128

/* SHA-256 of a file's bytes. */
ga_status ga_file_sha256(ga_ctx *ctx, const char *path, uint8_t out[32]);

/* For a graph mapped from its file: gives back the whole pages of the
 * array [p, p + len) (read-only file pages: mapped again from the page
 * cache or the file when read), so that an array read once (the lengths,
 * for the access speed) is not held by a process that no longer reads it.
 * Nothing for a graph in owned heap blocks, or outside the mapping. */
void ga_graph_release_pages(const ga_graph *g, const void *p, size_t len);

#endif
