/* Streaming OpenStreetMap reader (PBF and XML) with a C interface, over
 * libosmium (engine/graph/osm_reader.cpp): the reader of osmium-tool and
 * OSRM, fuzzed upstream, with multi-threaded PBF decoding. Used by the graph
 * reader (osm.c) and `geoaccess info` (load/describe.c). Private.
 *
 * The format is told by the content, not the name: a file whose first
 * non-blank byte is '<' is read as XML, any other as PBF. Whatever the bytes,
 * the reader returns an error message and never crashes: libosmium reports a
 * damaged file by an exception, caught in the C++ unit.
 */
#ifndef GA_GRAPH_OSM_READER_H
#define GA_GRAPH_OSM_READER_H

#include <stddef.h>
#include <stdint.h>
#include "geoaccess/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called for each object in file order; return 0 to go on, non-zero to stop
 * reading (not an error). A NULL handler skips that kind of object (a PBF
 * block of it is then not decoded). Strings live until the handler returns.
 * A node's coordinates are checked (a file with a node outside -180..180,
 * -90..90 is refused). */
typedef struct {
    int (*node)(void *user, int64_t id, double lon, double lat);
    int (*way)(void *user, int64_t id, const int64_t *refs, size_t n_refs,
               const char *const *keys, const char *const *values, size_t n_tags);
    int (*relation)(void *user, int64_t id);
} ga_osm_handlers;

/* Reads the file `path`, or the `size` bytes at `data` when data is not NULL
 * (then `path` only names the input in messages). GA_OK when the whole input
 * was read or a handler stopped it; otherwise records an error naming `path`
 * in ctx: GA_ERR_IO (no such file, unreadable) or GA_ERR_FORMAT (empty,
 * truncated, damaged, not OSM) or GA_ERR_NOMEM (std::bad_alloc in libosmium). */
ga_status ga_osm_read(ga_ctx *ctx, const char *path, const void *data, size_t size,
                      const ga_osm_handlers *h, void *user);

/* The C++ part: 0 read (or stopped), 1 I/O error, 2 format error, 3 out of
 * memory (std::bad_alloc caught here), with a
 * message (without the file name) in err. */
int ga_osm_stream(const char *path, const void *data, size_t size, const ga_osm_handlers *h,
                  void *user, char *err, size_t err_size);

#ifdef __cplusplus
}
#endif

#endif
