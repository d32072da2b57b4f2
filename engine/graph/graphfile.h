/* The graph file format (see graphfile.c for the layout). Private. */
#ifndef GA_GRAPHFILE_H
#define GA_GRAPHFILE_H

#include <stdint.h>
#include "geoaccess.h"

/* Bump on any change of the layout: older files are then refused. */
#define GA_GRAPH_FORMAT_VERSION 1u
#define GA_GRAPH_HEADER_SIZE 128

/* SHA-256 of a file's bytes. */
ga_status ga_file_sha256(ga_ctx *ctx, const char *path, uint8_t out[32]);

#endif
