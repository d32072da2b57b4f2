/* The graph file: a fixed header and the CSR arrays, little-endian, each
 * array 8-byte aligned so that a loaded file is used in place (mmap).
 *
 *   offset  size  field
 *   0       8     magic "GAGRAPH\0"
 *   8       4     format version (GA_GRAPH_FORMAT_VERSION)
 *   12      4     byte-order mark 0x01020304
 *   16      4     header size (GA_GRAPH_HEADER_SIZE)
 *   20      4     n_nodes
 *   24      4     n_arcs
 *   28      4     n_geom (intermediate vertices)
 *   32      4     crs length (bytes, without the NUL)
 *   36      4     profile length
 *   40      4     dropped_nodes
 *   44      4     dropped_components
 *   48      8     road length in decimetres
 *   56      8     file size
 *   64      32    SHA-256 of the source file
 *   96      32    SHA-256 of the content: bytes 0..95 then 128..end
 *   128           crs, NUL, padding to 8; profile, NUL, padding to 8;
 *                 first_out[n+1], head[m], time_ds[m], dist_dm[m],
 *                 x_cm[n], y_cm[n], geom_first[m+1], geom_x_cm[g],
 *                 geom_y_cm[g], each padded to 8 bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/alloc.h"
#include "core/atomic.h"
#include "core/internal.h"
#include "graph/graph.h"
#include "graph/graphfile.h"

#define HDR_SIZE GA_GRAPH_HEADER_SIZE
static const char MAGIC[8] = {'G', 'A', 'G', 'R', 'A', 'P', 'H', 0};
#define BOM 0x01020304u

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

/* The byte layout of the arrays for given counts. */
typedef struct {
    size_t crs, profile, first_out, head, time_ds, dist_dm, x, y, geom_first, gx, gy, end;
} layout;

static layout make_layout(uint64_t n, uint64_t m, uint64_t g, uint64_t crs_len,
                          uint64_t prof_len) {
    layout L;
    size_t o = HDR_SIZE;
    L.crs = o;
    o += pad8(crs_len + 1);
    L.profile = o;
    o += pad8(prof_len + 1);
    L.first_out = o;
    o += pad8(4 * (n + 1));
    L.head = o;
    o += pad8(4 * m);
    L.time_ds = o;
    o += pad8(4 * m);
    L.dist_dm = o;
    o += pad8(4 * m);
    L.x = o;
    o += pad8(4 * n);
    L.y = o;
    o += pad8(4 * n);
    L.geom_first = o;
    o += pad8(4 * (m + 1));
    L.gx = o;
    o += pad8(4 * g);
    L.gy = o;
    o += pad8(4 * g);
    L.end = o;
    return L;
}

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static uint32_t get32(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}
static uint64_t get64(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

typedef struct {
    FILE *f;
    GChecksum *sum;
    size_t pos;
    bool hash;
} writer;

static void wr(writer *w, const void *p, size_t n) {
    if (n == 0) return;
    fwrite(p, 1, n, w->f);
    if (w->hash) g_checksum_update(w->sum, p, n);
    w->pos += n;
}

static void wr_pad(writer *w) {
    static const uint8_t zeros[8] = {0};
    wr(w, zeros, pad8(w->pos) - w->pos);
}

ga_status ga_graph_write(ga_ctx *ctx, const ga_graph *g, const char *path) {
    const uint32_t n = g->n_nodes, m = g->n_arcs, ng = g->geom_first[m];
    const char *crs = g->crs ? g->crs : "", *prof = g->profile ? g->profile : "";
    layout L = make_layout(n, m, ng, strlen(crs), strlen(prof));
    uint8_t hdr[HDR_SIZE] = {0};
    memcpy(hdr, MAGIC, 8);
    put32(hdr + 8, GA_GRAPH_FORMAT_VERSION);
    put32(hdr + 12, BOM);
    put32(hdr + 16, HDR_SIZE);
    put32(hdr + 20, n);
    put32(hdr + 24, m);
    put32(hdr + 28, ng);
    put32(hdr + 32, (uint32_t)strlen(crs));
    put32(hdr + 36, (uint32_t)strlen(prof));
    put32(hdr + 40, g->dropped_nodes);
    put32(hdr + 44, g->dropped_components);
    put64(hdr + 48, g->road_length_dm);
    put64(hdr + 56, L.end);
    memcpy(hdr + 64, g->source_sha256, 32);

    ga_atomic *a = NULL;
    ga_status st = ga_atomic_open(ctx, path, &a);
    if (st) return st;
    writer w = {ga_atomic_stream(a), g_checksum_new(G_CHECKSUM_SHA256), 0, true};
    g_checksum_update(w.sum, hdr, 96);
    w.hash = false;
    wr(&w, hdr, HDR_SIZE); /* content checksum filled in below */
    w.hash = true;
    wr(&w, crs, strlen(crs) + 1);
    wr_pad(&w);
    wr(&w, prof, strlen(prof) + 1);
    wr_pad(&w);
    wr(&w, g->first_out, 4 * ((size_t)n + 1));
    wr_pad(&w);
    wr(&w, g->head, 4 * (size_t)m);
    wr_pad(&w);
    wr(&w, g->time_ds, 4 * (size_t)m);
    wr_pad(&w);
    wr(&w, g->dist_dm, 4 * (size_t)m);
    wr_pad(&w);
    wr(&w, g->x_cm, 4 * (size_t)n);
    wr_pad(&w);
    wr(&w, g->y_cm, 4 * (size_t)n);
    wr_pad(&w);
    wr(&w, g->geom_first, 4 * ((size_t)m + 1));
    wr_pad(&w);
    wr(&w, g->geom_x_cm, 4 * (size_t)ng);
    wr_pad(&w);
    wr(&w, g->geom_y_cm, 4 * (size_t)ng);
    wr_pad(&w);
    g_assert(w.pos == L.end);
    gsize dlen = 32;
    g_checksum_get_digest(w.sum, hdr + 96, &dlen);
    g_checksum_free(w.sum);
    if (fseek(w.f, 96, SEEK_SET) != 0 || fwrite(hdr + 96, 1, 32, w.f) != 32) {
        int e = errno;
        ga_atomic_abort(a);
        return ga_fail(ctx, GA_ERR_IO, "%s: write failed: %s", path, g_strerror(e));
    }
    return ga_atomic_commit(ctx, a);
}

static ga_status bad(ga_ctx *ctx, const char *path, const char *what) {
    return ga_fail(ctx, GA_ERR_FORMAT, "%s: %s", path, what);
}

ga_status ga_graph_load(ga_ctx *ctx, const char *path, ga_graph **out) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ga_fail(ctx, GA_ERR_IO, "%s: cannot open the graph file: %s", path,
                       g_strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        return ga_fail(ctx, GA_ERR_IO, "%s: %s", path, g_strerror(e));
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        return ga_fail(ctx, GA_ERR_IO, "%s: not a regular file", path);
    }
    size_t size = (size_t)sb.st_size;
    if (size < HDR_SIZE) {
        char magic[8];
        bool is_graph = size >= 8 && pread(fd, magic, 8, 0) == 8 && !memcmp(magic, MAGIC, 8);
        close(fd);
        if (is_graph)
            return ga_fail(ctx, GA_ERR_FORMAT,
                           "%s: truncated graph file (%zu bytes, shorter than its %d-byte header)",
                           path, size, HDR_SIZE);
        return bad(ctx, path, "not a geoaccess graph file (too short)");
    }
    uint8_t *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (p == MAP_FAILED) return ga_fail(ctx, GA_ERR_IO, "%s: cannot map: %s", path, g_strerror(e));
    ga_status st = GA_OK;
#define FAIL(...)                                                                \
    do {                                                                         \
        st = ga_fail(ctx, GA_ERR_FORMAT, __VA_ARGS__);                           \
        goto fail;                                                               \
    } while (0)
    if (memcmp(p, MAGIC, 8) != 0) FAIL("%s: not a geoaccess graph file (bad magic number)", path);
    uint32_t version = get32(p + 8);
    if (version != GA_GRAPH_FORMAT_VERSION)
        FAIL("%s: graph file format version %u, this geoaccess reads version %u: "
             "rebuild it with 'geoaccess graph'", path, version, GA_GRAPH_FORMAT_VERSION);
    if (get32(p + 12) != BOM)
        FAIL("%s: graph file written on a machine of another byte order", path);
    if (get32(p + 16) != HDR_SIZE) FAIL("%s: corrupted graph file (header size)", path);
    uint32_t n = get32(p + 20), m = get32(p + 24), ng = get32(p + 28);
    uint32_t crs_len = get32(p + 32), prof_len = get32(p + 36);
    uint64_t fsize = get64(p + 56);
    layout L = make_layout(n, m, ng, crs_len, prof_len);
    if (fsize != L.end) FAIL("%s: corrupted graph file (sizes in the header disagree)", path);
    if (size < fsize)
        FAIL("%s: truncated graph file (%zu bytes where the header announces %llu)", path, size,
             (unsigned long long)fsize);
    if (size > fsize)
        FAIL("%s: corrupted graph file (%zu bytes where the header announces %llu)", path, size,
             (unsigned long long)fsize);
    {
        GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
        g_checksum_update(sum, p, 96);
        g_checksum_update(sum, p + HDR_SIZE, size - HDR_SIZE);
        uint8_t dig[32];
        gsize dlen = 32;
        g_checksum_get_digest(sum, dig, &dlen);
        g_checksum_free(sum);
        if (memcmp(dig, p + 96, 32) != 0)
            FAIL("%s: corrupted graph file (content checksum mismatch)", path);
    }
    if (p[L.crs + crs_len] != 0 || p[L.profile + prof_len] != 0)
        FAIL("%s: corrupted graph file (strings)", path);
    ga_graph *g = ga_try_new0(ga_graph, 1);
    if (!g) {
        st = ga_nomem(ctx, path);
        goto fail;
    }
    g->n_nodes = n;
    g->n_arcs = m;
    g->first_out = (uint32_t *)(p + L.first_out);
    g->head = (uint32_t *)(p + L.head);
    g->time_ds = (uint32_t *)(p + L.time_ds);
    g->dist_dm = (uint32_t *)(p + L.dist_dm);
    g->x_cm = (int32_t *)(p + L.x);
    g->y_cm = (int32_t *)(p + L.y);
    g->geom_first = (uint32_t *)(p + L.geom_first);
    g->geom_x_cm = (int32_t *)(p + L.gx);
    g->geom_y_cm = (int32_t *)(p + L.gy);
    g->crs = ga_try_strndup((const char *)p + L.crs, crs_len);
    g->profile = ga_try_strndup((const char *)p + L.profile, prof_len);
    g->dropped_nodes = get32(p + 40);
    g->dropped_components = get32(p + 44);
    g->road_length_dm = get64(p + 48);
    memcpy(g->source_sha256, p + 64, 32);
    g->mapping = p;
    g->mapping_size = size;
    if (!g->crs || !g->profile) {
        ga_graph_free(g); /* unmaps */
        return ga_nomem(ctx, path);
    }
    /* structure: a checksum catches damage, this catches a writer's bug */
    bool ok = g->first_out[0] == 0 && g->first_out[n] == m && g->geom_first[0] == 0 &&
              g->geom_first[m] == ng;
    for (uint32_t v = 0; ok && v < n; v++) ok = g->first_out[v] <= g->first_out[v + 1];
    /* weights below GA_WEIGHT_INF, as the builder writes them: the searches
     * add two without overflow checks */
    for (uint32_t a = 0; ok && a < m; a++)
        ok = g->head[a] < n && g->geom_first[a] <= g->geom_first[a + 1] &&
             g->time_ds[a] < GA_WEIGHT_INF && g->dist_dm[a] < GA_WEIGHT_INF;
    if (!ok) {
        ga_graph_free(g); /* unmaps */
        return ga_fail(ctx, GA_ERR_FORMAT, "%s: corrupted graph file (inconsistent arrays)", path);
    }
    /* the checks above read every page: give them back (the page cache keeps
     * them; a page is mapped again when the work reads it), so that the
     * process holds only the arrays its work touches: a table of travel
     * times never reads the lengths (issue 14, memory) */
    (void)madvise(p, size, MADV_DONTNEED);
    *out = g;
    return GA_OK;
fail:
    munmap(p, size);
    return st;
#undef FAIL
}

ga_status ga_graph_export_csv(ga_ctx *ctx, const ga_graph *g, const char *path) {
    ga_atomic *a = NULL;
    ga_status st = ga_atomic_open(ctx, path, &a);
    if (st) return st;
    FILE *f = ga_atomic_stream(a);
    fprintf(f, "from,to,time_s,distance_m,from_x,from_y,to_x,to_y\n");
    for (uint32_t u = 0; u < g->n_nodes; u++)
        for (uint32_t k = g->first_out[u]; k < g->first_out[u + 1]; k++) {
            uint32_t v = g->head[k];
            fprintf(f, "%u,%u,%u.%u,%u.%u,%.2f,%.2f,%.2f,%.2f\n", u, v, g->time_ds[k] / 10,
                    g->time_ds[k] % 10, g->dist_dm[k] / 10, g->dist_dm[k] % 10,
                    g->x_cm[u] / 100.0, g->y_cm[u] / 100.0, g->x_cm[v] / 100.0,
                    g->y_cm[v] / 100.0);
        }
    return ga_atomic_commit(ctx, a);
}

size_t ga_graph_node_count(const ga_graph *g) { return g->n_nodes; }
size_t ga_graph_arc_count(const ga_graph *g) { return g->n_arcs; }
double ga_graph_length_km(const ga_graph *g) { return (double)g->road_length_dm / 10000.0; }
size_t ga_graph_dropped_nodes(const ga_graph *g) { return g->dropped_nodes; }
size_t ga_graph_dropped_components(const ga_graph *g) { return g->dropped_components; }
const char *ga_graph_crs(const ga_graph *g) { return g->crs; }
const char *ga_graph_profile(const ga_graph *g) { return g->profile; }

char *ga_graph_source_sha256(const ga_graph *g) {
    GString *s = g_string_sized_new(64);
    for (int i = 0; i < 32; i++) g_string_append_printf(s, "%02x", g->source_sha256[i]);
    return g_string_free(s, FALSE);
}

ga_status ga_file_sha256(ga_ctx *ctx, const char *path, uint8_t out[32]) {
    FILE *f = fopen(path, "rb");
    if (!f) return ga_fail(ctx, GA_ERR_IO, "%s: cannot open: %s", path, g_strerror(errno));
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    static __thread uint8_t buf[1 << 16];
    size_t r;
    while ((r = fread(buf, 1, sizeof buf, f)) > 0) g_checksum_update(sum, buf, r);
    int err = ferror(f);
    fclose(f);
    gsize len = 32;
    g_checksum_get_digest(sum, out, &len);
    g_checksum_free(sum);
    if (err) return ga_fail(ctx, GA_ERR_IO, "%s: read error", path);
    return GA_OK;
}

void ga_graph_release_pages(const ga_graph *g, const void *p, size_t len) {
    if (!g->mapping || !p || !len) return;
    uintptr_t lo = (uintptr_t)g->mapping, hi = lo + g->mapping_size;
    uintptr_t a = (uintptr_t)p, b = a + len;
    if (a < lo || b > hi) return;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    a = (a + page - 1) / page * page; /* whole pages only: the neighbours' */
    b = b / page * page;              /* arrays share the edge pages */
    if (a < b) (void)madvise((void *)a, b - a, MADV_DONTNEED);
}
