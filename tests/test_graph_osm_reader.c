/* The OpenStreetMap reader (libosmium behind engine/graph/osm_reader.h) on
 * damaged input: a truncated PBF, an .osm with a tag without v=, malformed
 * XML, bad coordinates, an empty file. Each gives an error naming the file
 * (graph building and `geoaccess info` alike), never a crash nor a leak (the
 * suite also runs under ASan+UBSan with leak detection). Inputs are the
 * synthetic fixture tests/fixtures/graph/synthetic_tiny.osm, its PBF
 * written at build time (tests/make_osm_pbf.cpp, GA_TINY_PBF), and small
 * synthetic XML texts below. */
#include "test_util.h"
#include <glib.h>
#include <glib/gstdio.h>
#include "core/internal.h"
#include "geoaccess/layer.h"
#include "graph/graph.h"
#include "graph/osm_reader.h"

static char *tmp_dir;

static char *write_tmp(const char *name, const void *data, size_t size) {
    char *p = g_build_filename(tmp_dir, name, NULL);
    assert_true(g_file_set_contents(p, (const char *)data, (gssize)size, NULL));
    return p;
}

static const char *tiny_pbf(void) {
    const char *p = getenv("GA_TINY_PBF");
    assert_non_null(p);
    return p;
}

typedef struct {
    uint64_t nodes, ways, relations, refs, tags;
} counts;

static int c_node(void *u, int64_t id, double lon, double lat) {
    (void)id, (void)lon, (void)lat;
    ((counts *)u)->nodes++;
    return 0;
}
static int c_way(void *u, int64_t id, const int64_t *refs, size_t n, const char *const *k,
                 const char *const *v, size_t nt) {
    (void)id, (void)refs, (void)k;
    counts *c = u;
    c->ways++;
    c->refs += n;
    c->tags += nt;
    for (size_t i = 0; i < nt; i++) assert_non_null(v[i]);
    return 0;
}
static int c_rel(void *u, int64_t id) {
    (void)id;
    ((counts *)u)->relations++;
    return 0;
}

/* The PBF and the XML it was written from give the same objects and the same
 * graph; the reader takes a buffer as well as a file. */
static void test_pbf_and_xml_agree(void **state) {
    ga_ctx *ctx = *state;
    const char *xml = test_path("fixtures/graph/synthetic_tiny.osm");
    ga_osm_handlers h = {c_node, c_way, c_rel};
    counts a = {0}, b = {0}, m = {0};
    assert_ok(ctx, ga_osm_read(ctx, xml, NULL, 0, &h, &a));
    assert_ok(ctx, ga_osm_read(ctx, tiny_pbf(), NULL, 0, &h, &b));
    /* 15 nodes, 10 ways with 26 references and 16 tags (make_graph_fixtures.py) */
    assert_int_equal(a.nodes, 15);
    assert_int_equal(a.ways, 10);
    assert_int_equal(a.refs, 26);
    assert_int_equal(a.tags, 16);
    assert_memory_equal(&a, &b, sizeof a);
    gchar *buf = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(tiny_pbf(), &buf, &len, NULL));
    assert_ok(ctx, ga_osm_read(ctx, "in-memory.osm.pbf", buf, len, &h, &m));
    assert_memory_equal(&a, &m, sizeof a);
    g_free(buf);

    ga_graph *gx = NULL, *gp = NULL;
    ga_graph_build_info ix, ip;
    assert_ok(ctx, ga_graph_build_osm(ctx, xml, NULL, &gx, &ix));
    assert_ok(ctx, ga_graph_build_osm(ctx, tiny_pbf(), NULL, &gp, &ip));
    assert_int_equal(gx->n_nodes, gp->n_nodes);
    assert_int_equal(gx->n_arcs, gp->n_arcs);
    assert_memory_equal(gx->head, gp->head, gx->n_arcs * sizeof *gx->head);
    assert_memory_equal(gx->time_ds, gp->time_ds, gx->n_arcs * sizeof *gx->time_ds);
    assert_memory_equal(gx->dist_dm, gp->dist_dm, gx->n_arcs * sizeof *gx->dist_dm);
    assert_int_equal(ix.kept_ways, ip.kept_ways);
    assert_int_equal(ix.input_nodes, ip.input_nodes);
    ga_graph_free(gx);
    ga_graph_free(gp);
    ga_ctx_clear_warnings(ctx);
}

/* A download cut short: every prefix of the PBF. A cut inside a block is a
 * damaged file; a cut at a block boundary leaves a valid file without the
 * ways (no usable way). Never GA_OK, and the error names the file. */
static void test_truncated_pbf(void **state) {
    ga_ctx *ctx = *state;
    gchar *buf = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(tiny_pbf(), &buf, &len, NULL));
    assert_true(len > 100);
    size_t format_errors = 0;
    for (size_t cut = 0; cut < len; cut++) {
        char *p = write_tmp("cut.osm.pbf", buf, cut);
        ga_graph *g = NULL;
        ga_status st = ga_graph_build_osm(ctx, p, NULL, &g, NULL);
        if (st != GA_ERR_FORMAT && st != GA_ERR_VALUE)
            fail_msg("cut at %zu bytes: status %d (%s)", cut, st, ga_ctx_last_error(ctx));
        assert_null(g);
        assert_error_mentions(ctx, p);
        format_errors += st == GA_ERR_FORMAT;
        /* geoaccess info: an error, or the objects of the whole blocks */
        char *text = NULL;
        st = ga_describe_file(ctx, p, &text);
        if (st) {
            assert_int_equal(st, GA_ERR_FORMAT);
            assert_error_mentions(ctx, p);
        }
        g_free(text);
        g_unlink(p);
        g_free(p);
    }
    /* three blocks (header, nodes, ways): every cut but the two between
     * blocks is a damaged file, a cut in the 4-byte size of a block too */
    assert_int_equal(format_errors, len - 2);
    char *p = write_tmp("cut.osm.pbf", buf, len - 1);
    ga_graph *g = NULL;
    assert_status(ctx, ga_graph_build_osm(ctx, p, NULL, &g, NULL), GA_ERR_FORMAT);
    assert_error_mentions(ctx, "damaged or unsupported OpenStreetMap file");
    g_unlink(p);
    g_free(p);
    g_free(buf);
    ga_ctx_clear_warnings(ctx);
}

#define XML_HEAD "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6'>\n"
#define NODES                                                                   \
    "<node id='1' lat='43.60' lon='3.870'/>\n<node id='2' lat='43.60' lon='3.871'/>\n" \
    "<node id='3' lat='43.60' lon='3.872'/>\n"

#define WAY "<way id='10'><nd ref='1'/><nd ref='2'/><tag k='highway' v='residential'/></way>\n"

/* readosm crashed on this (strlen(NULL) through expat): a tag without v= is
 * read as an empty value, so that way is no road. */
static void test_tag_without_value(void **state) {
    ga_ctx *ctx = *state;
    const char *text = XML_HEAD NODES
        "<way id='10'><nd ref='1'/><nd ref='2'/><tag k='highway' v='residential'/></way>\n"
        "<way id='11'><nd ref='2'/><nd ref='3'/><tag k='highway'/></way>\n</osm>\n";
    char *p = write_tmp("no_v.osm", text, strlen(text));
    ga_graph *g = NULL;
    ga_graph_build_info info;
    ga_graph_options o = {.crs = "auto"};
    assert_ok(ctx, ga_graph_build_osm(ctx, p, &o, &g, &info));
    assert_int_equal(info.input_ways, 2);
    assert_int_equal(info.kept_ways, 1);
    assert_int_equal(g->n_nodes, 2);
    assert_int_equal(g->n_arcs, 2);
    ga_graph_free(g);
    char *desc = NULL;
    assert_ok(ctx, ga_describe_file(ctx, p, &desc));
    assert_non_null(strstr(desc, "ways: 2 (2 with a highway tag)"));
    g_free(desc);
    g_unlink(p);
    g_free(p);
    ga_ctx_clear_warnings(ctx);
}

/* Malformed XML and bad values: GA_ERR_FORMAT naming the file (and what is
 * wrong where libosmium says it), for graph building and info alike. */
static void test_malformed_xml(void **state) {
    ga_ctx *ctx = *state;
    const struct {
        const char *text, *says;
    } cases[] = {
        {XML_HEAD NODES "<way id='10'><nd ref='1'/><nd ref='2'/>", "damaged"}, /* cut short */
        {XML_HEAD NODES "<way id='10'><nd ref='1'/></node></osm>", "damaged"}, /* mismatched */
        {XML_HEAD "<node id='1' lat='43.6' lon='3.87'><tag k='a' v='b'><x/></tag></node></osm>",
         "damaged"},
        {XML_HEAD "<node id='1' lat='43.6' lon='3.87'/><<>></osm>", "damaged"},
        /* bad nodes: found when a usable way needs the nodes */
        {XML_HEAD "<node id='1' lat='abc' lon='3.87'/>" WAY "</osm>", "damaged"},
        {XML_HEAD "<node id='1' lat='95.0' lon='3.87'/>" WAY "</osm>", "node 1: no valid coordinates"},
        {XML_HEAD "<node id='7'/>" WAY "</osm>", "node 7: no valid coordinates"},
        {"<?xml version='1.0'?>\n<osm version='0.5'></osm>", "damaged"},
        {"<html><body>502 Bad Gateway</body></html>", "damaged"},
        {"<", "damaged"},
        {"", "empty file"},
        {"  \n", "empty file"},
        {"\x00\x00\x00\x0d\x0a\x09OSMHeader\x18\xff\xff\xff\x0f", "damaged"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        size_t len = strlen(cases[i].text);
        if (i == G_N_ELEMENTS(cases) - 1) len = 21;
        char *p = write_tmp(i == G_N_ELEMENTS(cases) - 1 ? "bad.osm.pbf" : "bad.osm",
                            cases[i].text, len);
        ga_graph *g = NULL;
        ga_status st = ga_graph_build_osm(ctx, p, NULL, &g, NULL);
        if (st != GA_ERR_FORMAT)
            fail_msg("case %zu: status %d, message: %s", i, st, ga_ctx_last_error(ctx));
        assert_null(g);
        assert_error_mentions(ctx, p);
        assert_error_mentions(ctx, cases[i].says);
        char *desc = NULL;
        st = ga_describe_file(ctx, p, &desc);
        if (st != GA_ERR_FORMAT)
            fail_msg("info, case %zu: status %d, message: %s", i, st, ga_ctx_last_error(ctx));
        assert_null(desc);
        assert_error_mentions(ctx, p);
        g_unlink(p);
        g_free(p);
    }
    ga_graph *g = NULL;
    assert_status(ctx, ga_graph_build_osm(ctx, "no/such/file.osm", NULL, &g, NULL), GA_ERR_IO);
    assert_error_mentions(ctx, "no/such/file.osm");
}

/* Nodes after the ways (a file not sorted by type): the node pass reads on
 * until it has every node the ways need, so nothing is missing. */
static void test_unsorted_file(void **state) {
    ga_ctx *ctx = *state;
    const char *text = XML_HEAD WAY
        "<way id='11'><nd ref='2'/><nd ref='3'/><tag k='highway' v='residential'/></way>\n"
        NODES "</osm>\n";
    char *p = write_tmp("unsorted.osm", text, strlen(text));
    ga_graph *g = NULL;
    ga_graph_build_info info;
    ga_graph_options o = {.crs = "auto", .no_contraction = true};
    assert_ok(ctx, ga_graph_build_osm(ctx, p, &o, &g, &info));
    assert_int_equal(ga_ctx_warning_count(ctx), 0);
    assert_int_equal(info.missing_nodes, 0);
    assert_int_equal(g->n_nodes, 3);
    assert_int_equal(g->n_arcs, 4);
    ga_graph_free(g);
    g_unlink(p);
    g_free(p);
}

/* libosmium 2.19 read lat="43.6E8000" as 0.0 (a signed overflow, found by
 * libFuzzer): such a file is refused; an exponent within range is read. */
static void test_exponent_coordinates(void **state) {
    ga_ctx *ctx = *state;
    const char *bad[] = {
        XML_HEAD "<node id='1' lat='43.6E8000' lon='3.87'/><node id='2' lat='43.6' lon='3.871'/>" WAY "</osm>",
        XML_HEAD "<node id='1' lat='43.6' lon='1e99'/><node id='2' lat='43.6' lon='3.871'/>" WAY "</osm>",
    };
    const char *says[] = {"node 1: lat '43.6E8000' outside -90..90", "node 1: lon '1e99' outside -180..180"};
    for (int i = 0; i < 2; i++) {
        char *p = write_tmp("exp.osm", bad[i], strlen(bad[i]));
        ga_graph *g = NULL;
        assert_status(ctx, ga_graph_build_osm(ctx, p, NULL, &g, NULL), GA_ERR_FORMAT);
        assert_error_mentions(ctx, p);
        assert_error_mentions(ctx, says[i]);
        char *desc = NULL;
        assert_status(ctx, ga_describe_file(ctx, p, &desc), GA_ERR_FORMAT);
        assert_error_mentions(ctx, says[i]);
        g_unlink(p);
        g_free(p);
    }
    const char *good = XML_HEAD "<node id='1' lat='4.36e1' lon='3.87E0'/><node id='2' lat='43.6' lon='3.871'/>" WAY "</osm>";
    char *p = write_tmp("exp.osm", good, strlen(good));
    char *desc = NULL;
    assert_ok(ctx, ga_describe_file(ctx, p, &desc));
    assert_non_null(strstr(desc, "extent (lon/lat): 3.87000, 43.60000 - 3.87100, 43.60000"));
    g_free(desc);
    g_unlink(p);
    g_free(p);
}

/* The PBF frame walk on bad frames (from memory): an empty block header
 * (found by libFuzzer: memcpy to NULL), a header over 64 kB, a block longer
 * than the input, a block header without its data size. */
static void test_bad_pbf_frames(void **state) {
    ga_ctx *ctx = *state;
    ga_osm_handlers h = {c_node, c_way, c_rel};
    const struct {
        const char *bytes;
        size_t len;
        const char *says;
    } cases[] = {
        {"\0\0\0\0", 4, "block 1: missing or invalid data size"},
        {"\0\0\0\0\0\0\0", 7, "block 1: missing or invalid data size"},
        {"\0\x01\0\x01", 4, "header size 65537 over 64 kB"},
        {"\0\0\0\x02\x18\x7f", 6, "cut in block 1"},
        {"\0\0\0\x02\x0a\0", 6, "block 1: missing or invalid data size"},
        {"\0\0\0\x04\x0a\0", 6, "cut in the header of block 1"},
        {"\0\0\0\x02\x18\0\0\0", 8, "cut in the size of block 2"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        counts c = {0};
        ga_status st = ga_osm_read(ctx, "frames.osm.pbf", cases[i].bytes, cases[i].len, &h, &c);
        if (st != GA_ERR_FORMAT)
            fail_msg("case %zu: status %d, message: %s", i, st, ga_ctx_last_error(ctx));
        assert_error_mentions(ctx, "frames.osm.pbf: damaged");
        assert_error_mentions(ctx, cases[i].says);
    }
}

static int setup(void **state) {
    *state = ga_ctx_new();
    tmp_dir = test_tmpdir("osm_reader");
    return *state && tmp_dir ? 0 : -1;
}
static int teardown(void **state) {
    ga_ctx_free(*state);
    test_rm_rf(tmp_dir);
    g_free(tmp_dir);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pbf_and_xml_agree),
        cmocka_unit_test(test_truncated_pbf),
        cmocka_unit_test(test_tag_without_value),
        cmocka_unit_test(test_malformed_xml),
        cmocka_unit_test(test_bad_pbf_frames),
        cmocka_unit_test(test_unsorted_file),
        cmocka_unit_test(test_exponent_coordinates),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
