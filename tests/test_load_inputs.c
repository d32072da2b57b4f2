/* Loaders and parsers refuse what cannot be right (issues 9 and 10):
 * coordinates outside their CRS's area of use (degrees read as metres, a
 * .prj that does not match), empty tables, other formats given as CSV, a
 * coordinate column without its pair, non-decimal numbers, values too large
 * to be true, a header with a million columns, and long values cut in
 * messages. Shapefile fixtures come from make_fixtures.c. */
#include "layer/table.h"
#include "test_util.h"
#include <glib.h>
#include <glib/gstdio.h>
#include "geoaccess.h"
#include "core/internal.h"
#include "load/load.h"

/* A file in a fresh temporary folder; remove_temp removes both. */
static char *write_temp_len(const char *name, const char *data, gssize len) {
    char *dir = test_tmpdir("inputs");
    char *path = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(path, data, len, NULL));
    g_free(dir);
    return path;
}
static char *write_temp(const char *name, const char *text) { return write_temp_len(name, text, -1); }

static void remove_temp(char *path) {
    char *dir = g_path_get_dirname(path);
    test_rm_rf(dir);
    g_free(dir);
    g_free(path);
}

/* Reads a CSV of points; expects `st` and, on failure, every needle. */
static void points_csv(ga_ctx *ctx, const char *name, const char *text, const ga_points_options *o,
                       ga_status st, const char *const *needles) {
    char *path = write_temp(name, text);
    ga_points *p = NULL;
    assert_status(ctx, ga_points_read_csv(ctx, path, o, &p), st);
    if (st == GA_OK) {
        assert_non_null(p);
        ga_points_free(p);
    } else {
        assert_null(p);
        for (; needles && *needles; needles++) assert_error_mentions(ctx, *needles);
    }
    remove_temp(path);
}

#define NEEDLES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Issue 9: `id,x,y` holding 3.8797,43.6086 was read as Lambert-93 metres. */
static void test_degrees_read_as_metres(void **state) {
    ga_ctx *ctx = *state;
    const char *deg = "id,x,y\nMTP,3.8797,43.6086\nBEZ,3.2158,43.3442\n";
    points_csv(ctx, "deg.csv", deg, NULL, GA_ERR_CRS,
               NEEDLES("deg.csv: line 2: columns 'x','y'", "looks like longitude/latitude",
                       "Lambert-93", "name the columns lon,lat or pass --crs EPSG:4326"));
    ga_points_options l93 = {.crs = "EPSG:2154"};
    points_csv(ctx, "deg.csv", deg, &l93, GA_ERR_CRS, NEEDLES("deg.csv: line 2", "longitude/latitude"));
    /* the same file said to be in degrees is right */
    ga_points_options wgs = {.crs = "EPSG:4326"};
    points_csv(ctx, "deg.csv", deg, &wgs, GA_OK, NULL);
    /* one point in degrees among Lambert-93 ones: its line */
    points_csv(ctx, "mixed.csv", "id,x,y\nA,770000,6280000\nB,771000,6281000\nC,3.88,43.6\n", NULL,
               GA_ERR_CRS, NEEDLES("mixed.csv: line 4: columns 'x','y'", "lies outside RGF93 v1 / Lambert-93",
                                   "France", "longitude -9.86 to 10.38"));
    /* metres said to be degrees */
    points_csv(ctx, "l93.csv", "id,x,y\nA,770000,6280000\n", &wgs, GA_ERR_CRS,
               NEEDLES("l93.csv: line 2: columns 'x','y'", "projected coordinates in metres",
                       "pass --crs with their CRS"));
    /* coordinates of 1e308 */
    points_csv(ctx, "huge.csv", "id,x,y\nA,770000,6280000\nB,1e308,1e308\n", NULL, GA_ERR_CRS,
               NEEDLES("huge.csv: line 3: columns 'x','y'"));
    /* a latitude typo: inside WGS 84's area, outside the working CRS's */
    points_csv(ctx, "typo.csv", "id,lon,lat\nA,3.8797,4.36086\n", NULL, GA_ERR_CRS,
               NEEDLES("typo.csv: line 2: columns 'lon','lat'", "outside the working CRS"));
    /* right data passes: Lambert-93, lon/lat, places across the border
     * (Girona, Aosta: inside the widened area), UTM 31N metres */
    points_csv(ctx, "ok.csv", "id,x,y\nA,770000,6280000\n", NULL, GA_OK, NULL);
    points_csv(ctx, "ok.csv", "id,lon,lat\nGIRONA,2.8214,41.9794\nAOSTA,7.3154,45.7373\n", NULL, GA_OK, NULL);
    ga_points_options utm = {.crs = "EPSG:32631"};
    points_csv(ctx, "utm.csv", "id,x,y\nMTP,570570,4828660\n", &utm, GA_OK, NULL);
    /* ... but degrees given as UTM metres are caught too */
    points_csv(ctx, "utm.csv", "id,x,y\nMTP,3.8797,43.6086\n", &utm, GA_ERR_CRS,
               NEEDLES("utm.csv: line 2", "looks like longitude/latitude"));
}

/* The check itself, on PROJ's areas: an ESRI .prj without an area takes the
 * one of the EPSG CRS PROJ identifies; a CRS PROJ does not know passes. */
static void test_area_of_use(void **state) {
    ga_ctx *ctx = *state;
    static const char *esri_l93 =
        "PROJCS[\"RGF_1993_Lambert_93\",GEOGCS[\"GCS_RGF_1993\",DATUM[\"D_RGF_1993\","
        "SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
        "UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Lambert_Conformal_Conic\"],"
        "PARAMETER[\"False_Easting\",700000.0],PARAMETER[\"False_Northing\",6600000.0],"
        "PARAMETER[\"Central_Meridian\",3.0],PARAMETER[\"Standard_Parallel_1\",49.0],"
        "PARAMETER[\"Standard_Parallel_2\",44.0],PARAMETER[\"Latitude_Of_Origin\",46.5],"
        "UNIT[\"Meter\",1.0]]";
    /* Lambert-93 coordinates of Brest, Strasbourg, Ajaccio, Dunkerque,
     * Perpignan: all inside */
    double x[] = {145000, 1050000, 1180000, 653000, 690000};
    double y[] = {6837000, 6841000, 6110000, 7105000, 6175000};
    size_t bad = 99;
    char *why = NULL;
    assert_int_equal(ga_crs_check_coords(ctx, esri_l93, x, y, 5, &bad, &why), GA_COORDS_OK);
    assert_int_equal(ga_crs_check_coords(ctx, "EPSG:2154", x, y, 5, &bad, &why), GA_COORDS_OK);
    /* New York in Lambert-93 terms is far outside */
    double nx[] = {770000, -5000000}, ny[] = {6280000, 5500000};
    assert_int_equal(ga_crs_check_coords(ctx, esri_l93, nx, ny, 2, &bad, &why), GA_COORDS_ELSEWHERE);
    assert_int_equal(bad, 1);
    assert_non_null(strstr(why, "France"));
    g_free(why);
    why = NULL;
    /* an engineering CRS PROJ cannot put on the Earth: no check */
    assert_int_equal(ga_crs_check_coords(ctx, "+proj=utm +zone=31 +ellps=GRS80", nx, ny, 2, &bad, &why),
                     GA_COORDS_OK);
    assert_null(why);
}

/* Issue 9: the same check for shapefiles whose .prj does not match. */
static void test_shapefile_prj_mismatch(void **state) {
    ga_ctx *ctx = *state;
    ga_communes *c = NULL;
    assert_status(ctx, ga_communes_read(ctx, shp_fixture("degprj/communes.shp"), NULL, &c), GA_ERR_CRS);
    assert_null(c);
    assert_error_mentions(ctx, "degprj/communes.shp: record 1 (id '34001')");
    assert_error_mentions(ctx, "longitude/latitude");
    assert_error_mentions(ctx, "the .prj should be one for longitude/latitude (EPSG:4326)");
    assert_status(ctx, ga_communes_read(ctx, shp_fixture("metreprj/communes.shp"), NULL, &c), GA_ERR_CRS);
    assert_error_mentions(ctx, "metreprj/communes.shp: record 1 (id '34001')");
    assert_error_mentions(ctx, "projected coordinates in metres");
    ga_points *p = NULL;
    assert_status(ctx, ga_points_read_shp(ctx, shp_fixture("degpoints/facilities.shp"), NULL, &p), GA_ERR_CRS);
    assert_null(p);
    assert_error_mentions(ctx, "degpoints/facilities.shp: record 1");
    /* the same layers with the right .prj */
    assert_ok(ctx, ga_communes_read(ctx, shp_fixture("wgs84/communes.shp"), NULL, &c));
    ga_communes_free(c);
    assert_ok(ctx, ga_communes_read(ctx, shp_fixture("good/communes.shp"), NULL, &c));
    ga_communes_free(c);
    assert_ok(ctx, ga_points_read_shp(ctx, shp_fixture("points/facilities.shp"), NULL, &p));
    ga_points_free(p);
    /* communes' own points from a table: degrees in the working CRS refused */
    assert_ok(ctx, ga_communes_read(ctx, shp_fixture("good/communes.shp"), NULL, &c));
    const char *text = "code,px,py\n34001,770500,6280500\n34002,3.87,43.62\n";
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "pts.csv", text, strlen(text), &t));
    assert_status(ctx, ga_communes_set_points(ctx, c, t, "code", "px", "py", NULL), GA_ERR_CRS);
    assert_error_mentions(ctx, "pts.csv: line 3: columns 'px','py'");
    assert_error_mentions(ctx, "longitude/latitude");
    ga_table_free(t);
    text = "code,px,py\n34001,770500,6280500\n";
    assert_ok(ctx, ga_table_read_buffer(ctx, "pts.csv", text, strlen(text), &t));
    assert_ok(ctx, ga_communes_set_points(ctx, c, t, "code", "px", "py", NULL));
    double x, y;
    ga_communes_point(c, 0, &x, &y);
    assert_near(x, 770500, 0);
    ga_table_free(t);
    ga_communes_free(c);
}

/* Issue 9: a header-only table gave 0 pairs and exit 0. */
static void test_empty_inputs(void **state) {
    ga_ctx *ctx = *state;
    points_csv(ctx, "origins.csv", "id,x,y\n", NULL, GA_ERR_VALUE,
               NEEDLES("origins.csv: no data row under the header line"));
    points_csv(ctx, "origins.csv", "id,lon,lat\r\n\r\n\r\n", NULL, GA_ERR_VALUE,
               NEEDLES("origins.csv: no data row"));
    ga_points *p = NULL;
    assert_status(ctx, ga_points_read_shp(ctx, shp_fixture("nopoints/facilities.shp"), NULL, &p), GA_ERR_VALUE);
    assert_null(p);
    assert_error_mentions(ctx, "nopoints/facilities.shp: no records");
    /* a header-only matrix (the fast reader hands it to the general one) */
    char *path = write_temp("m.csv", "from_id,to_id,cost\n");
    const char *ids[] = {"A", NULL};
    ga_od *od = NULL;
    assert_status(ctx, ga_od_read_csv(ctx, path, NULL, ids, 1, ids, 1, &od, NULL), GA_ERR_VALUE);
    assert_null(od);
    assert_error_mentions(ctx, "m.csv: no data row");
    remove_temp(path);
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "d.csv", "id,population\n", 14, &t));
    assert_status(ctx, ga_table_require_rows(ctx, t, "demand"), GA_ERR_VALUE);
    assert_error_mentions(ctx, "d.csv: no data row under the header line (an empty demand file)");
    ga_table_free(t);
}

/* Issue 9: a GeoJSON or an XLSX given as a CSV failed with "line 2: 2
 * fields where the header has 1" or "neither UTF-8 nor Windows-1252". */
static void test_other_formats_named(void **state) {
    ga_ctx *ctx = *state;
#define LIT(s) s, sizeof(s) - 1
    static const struct { const char *name, *data; size_t len; const char *needle; } cases[] = {
        {"a.geojson", LIT("{\"type\": \"FeatureCollection\",\n\"features\": []}\n"),
         "a.geojson: JSON (GeoJSON?), not CSV text: convert it, e.g. ogr2ogr -f CSV"},
        {"b.geojson", LIT("\xEF\xBB\xBF  \n[{\"id\": 1}]"), "JSON (GeoJSON?)"},
        {"c.xlsx", LIT("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\x62\xee\x9d\x68[Content_Types].xml"),
         "c.xlsx: a ZIP archive (an Excel .xlsx or OpenDocument .ods spreadsheet?), not CSV text: save the sheet as CSV"},
        {"d.xls", LIT("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), "d.xls: an Excel .xls spreadsheet"},
        {"e.csv.gz", LIT("\x1F\x8B\x08\x00\x00\x00\x00\x00"), "gzip-compressed"},
        {"f.gpkg", LIT("SQLite format 3\x00\x10\x00"), "SQLite database (a GeoPackage?)"},
        {"g.kml", LIT("<?xml version=\"1.0\"?><kml></kml>"), "XML or HTML (KML, GML"},
        {"h.shp", LIT("\x00\x00\x27\x0A\x00\x00\x00\x00"), "a shapefile's .shp"},
        {"i.bin", LIT("id,x\nA,\x00\x01\x02\n"), "i.bin: line 2: NUL byte: a binary file"},
        {"j.txt", LIT("\xFF\xFEi\x00d\x00"), "UTF-16 text"},
        {"k.html", LIT("\n<!DOCTYPE html><html></html>"), "XML or HTML"},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        ga_table *t = NULL;
        assert_status(ctx, ga_table_read_buffer(ctx, cases[k].name, cases[k].data, cases[k].len, &t),
                      GA_ERR_FORMAT);
        assert_null(t);
        assert_error_mentions(ctx, cases[k].needle);
    }
    /* through the point reader, from a file */
    char *path = write_temp_len("pts.xlsx", cases[2].data, (gssize)cases[2].len);
    ga_points *p = NULL;
    assert_status(ctx, ga_points_read_csv(ctx, path, NULL, &p), GA_ERR_FORMAT);
    assert_error_mentions(ctx, "pts.xlsx: a ZIP archive");
    remove_temp(path);
    /* CSV text is still CSV text, even starting with blanks, a BOM, or a
     * bracket or angle bracket in a column name */
    static const char *const csv[] = {"\xEF\xBB\xBF\nid;v\nA;1,5\n", "[id],v\nA,1\n", "{id},v\nA,1\n",
                                      "<id>,v\nA,1\n"};
    for (size_t k = 0; k < G_N_ELEMENTS(csv); k++) {
        ga_table *t = NULL;
        assert_ok(ctx, ga_table_read_buffer(ctx, "ok.csv", csv[k], strlen(csv[k]), &t));
        assert_int_equal(ga_table_rows(t), 1);
        ga_table_free(t);
    }
}

/* Issue 10: an x column and no y column made the loader return success with
 * no points (od, fca, catchment, nearest and coverage crashed). */
static void test_coordinate_without_its_pair(void **state) {
    ga_ctx *ctx = *state;
    points_csv(ctx, "xonly.csv", "id,x\nA,770000\n", NULL, GA_ERR_FIELD,
               NEEDLES("xonly.csv: no column 'y' (to go with column 'x'); columns are: 'id', 'x'"));
    points_csv(ctx, "yonly.csv", "id,northing,pop\nA,6280000,3\n", NULL, GA_ERR_FIELD,
               NEEDLES("yonly.csv: no column 'x' (to go with column 'northing')"));
    points_csv(ctx, "lonly.csv", "id,lon\nA,3.8\n", NULL, GA_ERR_FIELD,
               NEEDLES("lonly.csv: no column 'lat' (to go with column 'lon')"));
    points_csv(ctx, "latonly.csv", "id,latitude\nA,43.6\n", NULL, GA_ERR_FIELD,
               NEEDLES("latonly.csv: no column 'lon' (to go with column 'latitude')"));
    /* x with lon,lat: the complete pair is used */
    points_csv(ctx, "xlonlat.csv", "id,x,lon,lat\nA,1,3.8797,43.6086\n", NULL, GA_OK, NULL);
}

/* Issue 10: "0x10" was read as 16; inf and nan were refused but not said. */
static void test_decimal_numbers_only(void **state) {
    ga_ctx *ctx = *state;
    static const char *const refused[] = {"0x10", "0X1p3", "inf", "-Infinity", "nan", "1e400",
                                          "1e", "--1", "1.2.3", "12abc", ".", "e5", "1 2"};
    for (size_t k = 0; k < G_N_ELEMENTS(refused); k++) {
        double v = -1;
        assert_false(ga_parse_decimal(refused[k], strlen(refused[k]), false, &v));
        assert_near(v, -1, 0); /* untouched */
    }
    static const struct { const char *s; bool comma; double v; } accepted[] = {
        {"16", false, 16}, {"-3.5", false, -3.5}, {"+2", false, 2}, {".5", false, 0.5},
        {"5.", false, 5}, {"1e5", false, 1e5}, {"2.5E-3", false, 2.5e-3}, {" 7 ", false, 7},
        {"3,25", true, 3.25}, {"1e308", false, 1e308},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(accepted); k++) {
        double v = -1;
        assert_true(ga_parse_decimal(accepted[k].s, strlen(accepted[k].s), accepted[k].comma, &v));
        assert_near(v, accepted[k].v, 0);
    }
    points_csv(ctx, "hex.csv", "id,x,y\nA,770000,6280000\nB,0x10,6280000\n", NULL, GA_ERR_VALUE,
               NEEDLES("hex.csv: line 3: column 'x': not a number ('0x10'"));
    ga_points_options cap = {.capacity_col = "beds"};
    points_csv(ctx, "cap.csv", "id,x,y,beds\nA,770000,6280000,0x10\n", &cap, GA_ERR_VALUE,
               NEEDLES("cap.csv: line 2: column 'beds': not a number ('0x10'"));
    /* a matrix: the fast reader gives up, the general one names the cell */
    char *path = write_temp("m.csv", "from_id,to_id,cost\nA,A,0x10\n");
    const char *ids[] = {"A", NULL};
    ga_od *od = NULL;
    assert_status(ctx, ga_od_read_csv(ctx, path, NULL, ids, 1, ids, 1, &od, NULL), GA_ERR_VALUE);
    assert_error_mentions(ctx, "m.csv: line 2: column 'cost': not a number ('0x10'");
    remove_temp(path);
    /* the decay parser too */
    ga_decay *d = NULL;
    assert_status(ctx, ga_decay_parse(ctx, "power:0x10", &d), GA_ERR_ARG);
    assert_status(ctx, ga_decay_parse(ctx, "steps:10=0x1", &d), GA_ERR_ARG);
    assert_null(d);
}

/* Issue 10: populations and capacities of 1e308 were accepted and their
 * sums overflowed (fca availability printed -nan). */
static void test_plausible_ranges(void **state) {
    ga_ctx *ctx = *state;
    ga_points_options cap = {.capacity_col = "capacity"};
    points_csv(ctx, "big.csv", "id,x,y,capacity\nA,770000,6280000,1e308\n", &cap, GA_ERR_VALUE,
               NEEDLES("big.csv: line 2: column 'capacity': capacity 1e+308 is above 1e12"));
    points_csv(ctx, "ok.csv", "id,x,y,capacity\nA,770000,6280000,1e12\n", &cap, GA_OK, NULL);
    ga_table *t = NULL;
    const char *text = "id,population\nA,1e13\n";
    assert_ok(ctx, ga_table_read_buffer(ctx, "d.csv", text, strlen(text), &t));
    double v;
    assert_status(ctx, ga_table_get_amount(ctx, t, 0, 1, "population", &v), GA_ERR_VALUE);
    assert_error_mentions(ctx, "d.csv: line 2: column 'population': population 1e+13 is above 1e12");
    ga_table_free(t);
    /* matrix costs above 1e9 */
    char *path = write_temp("m.csv", "from_id,to_id,cost\nA,A,1e300\n");
    const char *ids[] = {"A", NULL};
    ga_od *od = NULL;
    assert_status(ctx, ga_od_read_csv(ctx, path, NULL, ids, 1, ids, 1, &od, NULL), GA_ERR_VALUE);
    assert_error_mentions(ctx, "m.csv: line 2: field 'cost': implausible cost 1e+300 (above 1e9");
    remove_temp(path);
    /* the measure refuses an overflow instead of returning NaN */
    ga_od_builder *b = ga_od_builder_new(2, 1);
    ga_od_builder_add(b, 0, 0, 5);
    ga_od_builder_add(b, 1, 0, 5);
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    ga_decay *d = NULL;
    assert_ok(ctx, ga_decay_parse(ctx, "binary:30", &d));
    double demand[2] = {1e308, 1e308}, supply[1] = {10}, out[2] = {-1, -1};
    assert_status(ctx, ga_spatial_availability(ctx, od, demand, supply, d, 1, out), GA_ERR_VALUE);
    assert_error_mentions(ctx, "overflow");
    assert_near(out[0], -1, 0); /* not written */
    assert_status(ctx, ga_fca(ctx, GA_FCA_2SFCA, od, (double[]){1e-320, 0}, (double[]){1e300}, d, out),
                  GA_ERR_VALUE);
    /* plausible values give finite results */
    double demand_ok[2] = {1e12, 1e12}, supply_ok[1] = {1e12};
    assert_ok(ctx, ga_spatial_availability(ctx, od, demand_ok, supply_ok, d, 1, out));
    assert_near(out[0] + out[1], 1e12, 1);
    ga_decay_free(d);
    ga_od_free(od);
}

/* Issue 10: duplicate column names were looked for pairwise: 40,000
 * columns took 3.9 s, a million never ended. A million columns now take
 * well under a second (a hash table); the pairwise check would need 5e11
 * comparisons, hours, and this test would time out. */
static void test_million_column_header(void **state) {
    ga_ctx *ctx = *state;
    const size_t n = 1000000;
    GString *s = g_string_sized_new(n * 9);
    for (size_t i = 0; i < n; i++) g_string_append_printf(s, "%sc%zu", i ? "," : "", i);
    g_string_append(s, "\n");
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "wide.csv", s->str, s->len, &t));
    assert_int_equal(ga_table_cols(t), n);
    ga_table_free(t);
    /* the last name repeats the first, in another case */
    g_string_truncate(s, s->len - 1);
    g_string_append(s, ",C0\n");
    assert_status(ctx, ga_table_read_buffer(ctx, "wide.csv", s->str, s->len, &t), GA_ERR_FORMAT);
    assert_error_mentions(ctx, "wide.csv: line 1: column name 'C0' appears twice (columns 1 and 1000001)");
    /* a missing column lists 20 names, not a million */
    g_string_truncate(s, s->len - 4);
    g_string_append(s, "\n");
    assert_ok(ctx, ga_table_read_buffer(ctx, "wide.csv", s->str, s->len, &t));
    size_t col;
    assert_status(ctx, ga_table_require(ctx, t, "population", NULL, &col), GA_ERR_FIELD);
    assert_error_mentions(ctx, "'c19', ... (1000000 columns)");
    assert_true(strlen(ga_ctx_last_error(ctx)) < 1000);
    ga_table_free(t);
    g_string_free(s, TRUE);
}

/* Issue 10: a 10 MB id was echoed in full in an error message. */
static void test_long_values_cut(void **state) {
    ga_ctx *ctx = *state;
    assert_string_equal(ga_clip("short"), "short");
    char exact[61];
    memset(exact, 'x', 60);
    exact[60] = 0;
    assert_string_equal(ga_clip(exact), exact);
    const size_t big = 10000000;
    char *id = g_malloc(big + 1);
    memset(id, 'a', big);
    id[big] = 0;
    const char *c = ga_clip(id);
    assert_int_equal(strspn(c, "a"), 60);
    assert_string_equal(c + 60, "\xE2\x80\xA6(10000000 bytes)");
    /* 100 two-byte characters: cut after 60 characters, never inside one */
    GString *e = g_string_new(NULL);
    for (int k = 0; k < 100; k++) g_string_append(e, "\xC3\xA9");
    c = ga_clip(e->str);
    assert_true(g_utf8_validate(c, -1, NULL));
    assert_int_equal(strncmp(c, e->str, 120), 0);
    assert_string_equal(c + 120, "\xE2\x80\xA6(200 bytes)");
    g_string_free(e, TRUE);
    /* eight values in one message stay distinct */
    char v[8][80];
    const char *q[8];
    for (int k = 0; k < 8; k++) {
        memset(v[k], 'a' + k, 79);
        v[k][79] = 0;
        q[k] = ga_clip(v[k]);
    }
    for (int k = 0; k < 8; k++) assert_int_equal(q[k][0], 'a' + k);
    /* a repeated 10 MB id: the loader's message stays short */
    GString *csv = g_string_new("id,x,y\n");
    g_string_append_printf(csv, "%s,770000,6280000\n%s,771000,6280000\n", id, id);
    char *path = write_temp("long.csv", csv->str);
    ga_points *p = NULL;
    assert_status(ctx, ga_points_read_csv(ctx, path, NULL, &p), GA_ERR_DUPLICATE);
    assert_error_mentions(ctx, "long.csv: line 3: record 2: id 'aaaaaaaaaa");
    assert_error_mentions(ctx, "\xE2\x80\xA6(10000000 bytes)' already used by record 1");
    assert_true(strlen(ga_ctx_last_error(ctx)) < 1000);
    remove_temp(path);
    g_string_free(csv, TRUE);
    /* a key index and a decay spec quote cut values too */
    GString *k2 = g_string_new("k,v\n");
    g_string_append_printf(k2, "%s,1\n%s,2\n", id, id);
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "k.csv", k2->str, k2->len, &t));
    ga_key_index *idx = NULL;
    assert_status(ctx, ga_key_index_new(ctx, t, 0, &idx), GA_ERR_DUPLICATE);
    assert_true(strlen(ga_ctx_last_error(ctx)) < 1000);
    ga_table_free(t);
    g_string_free(k2, TRUE);
    char *spec = g_strconcat("steps:", id, NULL);
    ga_decay *d = NULL;
    assert_status(ctx, ga_decay_parse(ctx, spec, &d), GA_ERR_ARG);
    assert_true(strlen(ga_ctx_last_error(ctx)) < 1000);
    g_free(spec);
    g_free(id);
}

static int setup(void **state) {
    *state = ga_ctx_new();
    return *state ? 0 : -1;
}
static int teardown(void **state) {
    ga_ctx_free(*state);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_degrees_read_as_metres),
        cmocka_unit_test(test_area_of_use),
        cmocka_unit_test(test_shapefile_prj_mismatch),
        cmocka_unit_test(test_empty_inputs),
        cmocka_unit_test(test_other_formats_named),
        cmocka_unit_test(test_coordinate_without_its_pair),
        cmocka_unit_test(test_decimal_numbers_only),
        cmocka_unit_test(test_plausible_ranges),
        cmocka_unit_test(test_million_column_header),
        cmocka_unit_test(test_long_values_cut),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
