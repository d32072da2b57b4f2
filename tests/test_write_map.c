/* Maps (write/map.c) on the SYNTHETIC 2 x 2 grid of 10 km squares and its
 * ring (make_fixtures.c): each commune takes its class colour at its centre,
 * the ring is pale, the study outline dark, the legend, scale bar, north
 * arrow and the biggest town's name are where they must be; SVG and PDF are
 * what they claim; the class bounds are the hand-computed ones. */
#include "test_util.h"
#include <math.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include "geoaccess.h"
#include "geoaccess/map.h"

static void pixel(cairo_surface_t *s, int x, int y, int rgb[3]) {
    cairo_surface_flush(s);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    uint32_t p = *(uint32_t *)(d + y * stride + x * 4);
    rgb[0] = (p >> 16) & 255;
    rgb[1] = (p >> 8) & 255;
    rgb[2] = p & 255;
}

static void assert_rgb(cairo_surface_t *s, double x, double y, int r, int g, int b) {
    int rgb[3];
    pixel(s, (int)x, (int)y, rgb);
    if (abs(rgb[0] - r) > 1 || abs(rgb[1] - g) > 1 || abs(rgb[2] - b) > 1)
        fail_msg("pixel (%d, %d) is (%d, %d, %d), expected (%d, %d, %d)", (int)x, (int)y, rgb[0], rgb[1], rgb[2], r,
                 g, b);
}

/* pixels of colour (r, g, b) (within 1), or dark ones (all channels < 60)
 * when r == -1, or inked ones (all < 160: small antialiased text) when
 * r == -2, in [x0, x1) x [y0, y1) */
static int count(cairo_surface_t *s, int x0, int y0, int x1, int y1, int r, int g, int b) {
    int n = 0, rgb[3];
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            pixel(s, x, y, rgb);
            int lim = r == -2 ? 160 : 60;
            if (r < 0 ? (rgb[0] < lim && rgb[1] < lim && rgb[2] < lim)
                      : (abs(rgb[0] - r) <= 1 && abs(rgb[1] - g) <= 1 && abs(rgb[2] - b) <= 1))
                n++;
        }
    return n;
}

/* the darkest grey level (mean of the channels) of row y, x in [x0, x1] */
static int darkest(cairo_surface_t *s, double x0, double x1, double y) {
    int best = 255, rgb[3];
    for (int x = (int)x0; x <= (int)x1; x++) {
        pixel(s, x, (int)y, rgb);
        best = MIN(best, (rgb[0] + rgb[1] + rgb[2]) / 3);
    }
    return best;
}

/* ground metres from the grid's origin to image pixels */
#define X0 770000.0
#define Y0 6280000.0
static double px(const ga_map_placement *p, double km) { return p->x0 + (X0 + km * 1000 - p->gx0) * p->scale; }
static double py(const ga_map_placement *p, double km) { return p->y0 - (Y0 + km * 1000 - p->gy0) * p->scale; }

typedef struct {
    ga_ctx *ctx;
    ga_communes *grid, *ring;
    char *dir;
} fixture;

static void choropleth_png(void **state) {
    fixture *f = *state;
    /* SW lowest class, SE highest, NW no value, NE the middle one */
    double v[4] = {1, 100, NAN, 15};
    double breaks[2] = {10, 20};
    ga_map_style st = {.title = "Test map", .subtitle = "a subtitle", .unit = "minutes", .breaks = breaks, .n_breaks = 2, .width_px = 842};
    st.sources = "Sources : synthetic";
    ga_map_layer l = {f->grid, v, NULL, NULL, NULL, NULL, f->ring, NULL};
    g_autofree char *png = g_build_filename(f->dir, "m.png", NULL);
    ga_map_placement p;
    assert_ok(f->ctx, ga_map_draw(f->ctx, &l, &st, png, &p));
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    /* A4 landscape: 842 px wide, 210/297 of it high */
    assert_int_equal(cairo_image_surface_get_width(s), 842);
    assert_int_equal(cairo_image_surface_get_height(s), 595);
    int W = 842, H = 595;
    /* the grid fills the map's box: 20 km, plus 3 % margins, is more than
     * 400 px high on a 595 px page */
    assert_true(p.scale * 20000 > 400);
    /* 2 km from each square's lower-left corner (away from the towns'
     * names at their centres); ColorBrewer YlOrRd: lightest, darkest, the middle of 3 (index 4) */
    assert_rgb(s, px(&p, 2), py(&p, 2), 255, 255, 204);
    assert_rgb(s, px(&p, 12), py(&p, 2), 128, 0, 38);
    assert_rgb(s, px(&p, 2), py(&p, 12), 204, 204, 204);
    assert_rgb(s, px(&p, 12), py(&p, 12), 253, 141, 60);
    /* the ring east of x = 20 km shows pale in the margin */
    assert_rgb(s, px(&p, 20.3), py(&p, 12), 240, 240, 235);
    /* the study outline is dark on the west edge; the edge between two
     * study communes is not */
    /* is not (a 1.4 px line of grey 0.1 covers one pixel at least 70 %: at
     * most 0.3 x 255 + 0.7 x 25 = 94; the communes' 0.25 px lines of grey
     * 0.45 leave at least 0.75 x 204 + 0.25 x 115 = 182 on grey) */
    assert_true(darkest(s, px(&p, 0) - 2, px(&p, 0) + 2, py(&p, 12)) < 100);
    assert_true(darkest(s, px(&p, 10) - 2, px(&p, 10) + 2, py(&p, 12)) > 150);
    /* the legend, right of the map: a box of each class colour and of "no
     * value", and the ring's swatch */
    int lx = (int)px(&p, 21) + 1;
    assert_true(count(s, lx, 0, W, H, 255, 255, 204) > 150);
    assert_true(count(s, lx, 0, W, H, 253, 141, 60) > 150);
    assert_true(count(s, lx, 0, W, H, 128, 0, 38) > 150);
    assert_true(count(s, lx, 0, W, H, 204, 204, 204) > 150);
    assert_true(count(s, lx, 0, W, H, 240, 240, 235) > 150);
    /* the scale bar, under the map on the left: its black half is 2.5 km
     * (5 km is the longest 1-2-5 length within a quarter of the box) */
    int y_bar = -1, run = 0;
    for (int y = (int)py(&p, 0); y < H - 20 && y_bar < 0; y++) {
        int n = 0;
        for (int x = 0; x < W / 3; x++) {
            int rgb[3];
            pixel(s, x, y, rgb);
            if (rgb[0] < 30 && rgb[1] < 30 && rgb[2] < 30) n++;
        }
        if (n > 30) y_bar = y, run = n;
    }
    assert_true(y_bar > 0);
    assert_true(fabs(run - 2500 * p.scale) <= 3);
    /* the north arrow at the top right of the map box */
    assert_true(count(s, (int)px(&p, 20.6) - 40, 55, (int)px(&p, 20.6) + 2, 110, -1, 0, 0) > 20);
    /* the title, top left */
    assert_true(count(s, 20, 15, 150, 40, -1, 0, 0) > 100);
    /* the biggest town (Est-Sud, 50,000 people) named right of its centre,
     * black on its dark red square */
    assert_true(count(s, (int)px(&p, 15) + 3, (int)py(&p, 5) - 10, (int)px(&p, 15) + 40, (int)py(&p, 5) + 3, 0, 0, 0) > 10);
    /* the sources line at the bottom */
    assert_true(count(s, 20, H - 22, 200, H - 5, -2, 0, 0) > 30);
    cairo_surface_destroy(s);
}

static void formats(void **state) {
    fixture *f = *state;
    double v[4] = {1, 2, 3, 4};
    double breaks[1] = {2.5};
    const char *names[] = {"low", "high"};
    ga_map_style st = {.title = "Test", .unit = "", .breaks = breaks, .n_breaks = 1};
    st.class_names = names;
    ga_map_layer l = {f->grid, v, v, "ours", "theirs", NULL, NULL, NULL};
    static const char *const magic[] = {"\x89PNG\r\n", "<?xml", "%PDF-"};
    for (int k = 0; k < 3; k++) {
        st.format = (ga_map_format)k;
        g_autofree char *path = g_strdup_printf("%s/m%s", f->dir, ga_map_format_ext(st.format));
        assert_ok(f->ctx, ga_map_draw(f->ctx, &l, &st, path, NULL));
        g_autofree char *data = NULL;
        gsize len = 0;
        assert_true(g_file_get_contents(path, &data, &len, NULL));
        assert_true(len > 1000);
        assert_memory_equal(data, magic[k], strlen(magic[k]));
        if (k == 1) assert_non_null(strstr(data, "<svg"));
    }
    /* the default PNG: A4 at 150 dpi */
    g_autofree char *png = g_strdup_printf("%s/m.png", f->dir);
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_image_surface_get_width(s), 1754);
    assert_int_equal(cairo_image_surface_get_height(s), 1240);
    cairo_surface_destroy(s);
    ga_map_format fm;
    assert_true(ga_map_format_parse("svg", &fm) && fm == GA_MAP_SVG);
    assert_true(ga_map_format_parse("pdf", &fm) && fm == GA_MAP_PDF);
    assert_false(ga_map_format_parse("jpeg", &fm));
    assert_false(ga_map_format_parse("PNG ", &fm));
}

static void class_bounds(void **state) {
    fixture *f = *state;
    g_autofree char *png = g_build_filename(f->dir, "c.png", NULL);
    ga_map_style st = {.title = "t", .unit = "u", .width_px = 300};
    ga_map_placement p;
    /* equal intervals of 0..10 in 5 classes: 2, 4, 6, 8 */
    double v[4] = {0, 3, 7, 10};
    ga_map_layer l = {f->grid, v, NULL, NULL, NULL, NULL, NULL, NULL};
    st.classes = GA_CLASSES_EQUAL;
    assert_ok(f->ctx, ga_map_draw(f->ctx, &l, &st, png, &p));
    assert_int_equal(p.n_breaks, 4);
    assert_near(p.breaks[0], 2, 1e-9);
    assert_near(p.breaks[3], 8, 1e-9);
    /* quantiles of 1..8 (both panels' values) in 4 classes: the 2nd, 4th
     * and 6th smallest values are the lower bounds: 3, 5, 7 */
    double a[4] = {1, 2, 3, 4}, b[4] = {5, 6, 7, 8};
    ga_map_layer l2 = {f->grid, a, b, "a", "b", NULL, NULL, NULL};
    st.classes = GA_CLASSES_QUANTILES;
    st.n_classes = 4;
    assert_ok(f->ctx, ga_map_draw(f->ctx, &l2, &st, png, &p));
    assert_int_equal(p.n_breaks, 3);
    assert_near(p.breaks[0], 3, 1e-9);
    assert_near(p.breaks[1], 5, 1e-9);
    assert_near(p.breaks[2], 7, 1e-9);
    /* symmetric, 7 classes, largest |value| 12: a step of 5 (12 / 3 = 4,
     * nearest 1-2-2.5-5 step), bounds +-2.5, +-7.5, +-12.5; 0 in the middle
     * class, neutral in RdBu; -12 in the 2nd class (RdBu's 2nd colour) */
    double d[4] = {-12, 0, 5, 12};
    ga_map_layer l3 = {f->grid, d, NULL, NULL, NULL, NULL, NULL, NULL};
    st.classes = GA_CLASSES_SYMMETRIC;
    st.n_classes = 0;
    st.palette = GA_PALETTE_RDBU;
    st.high_is_good = true;
    st.width_px = 842;
    assert_ok(f->ctx, ga_map_draw(f->ctx, &l3, &st, png, &p));
    assert_int_equal(p.n_breaks, 6);
    double want[6] = {-12.5, -7.5, -2.5, 2.5, 7.5, 12.5};
    for (int k = 0; k < 6; k++) assert_near(p.breaks[k], want[k], 1e-9);
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_rgb(s, px(&p, 2), py(&p, 2), 214, 96, 77);
    assert_rgb(s, px(&p, 12), py(&p, 2), 247, 247, 247);
    assert_rgb(s, px(&p, 2), py(&p, 12), 209, 229, 240);  /* 5: class 4 of 7, RdBu index 4 * 8 / 6 = 5 */
    assert_rgb(s, px(&p, 12), py(&p, 12), 146, 197, 222); /* 12: class 5, index 6 */
    cairo_surface_destroy(s);
    /* bad given bounds and a bad class count: an error, and no file */
    double bad[2] = {20, 10};
    ga_map_style st2 = {.title = "test", .unit = "minutes", .breaks = bad, .n_breaks = 2, .width_px = 400};
    g_autofree char *png2 = g_build_filename(f->dir, "n.png", NULL);
    assert_status(f->ctx, ga_map_draw(f->ctx, &l, &st2, png2, NULL), GA_ERR_ARG);
    st.n_classes = 4; /* symmetric needs an odd number */
    st.format = GA_MAP_PDF;
    g_autofree char *pdf2 = g_build_filename(f->dir, "n.pdf", NULL);
    assert_status(f->ctx, ga_map_draw(f->ctx, &l3, &st, pdf2, NULL), GA_ERR_ARG);
    assert_false(g_file_test(png2, G_FILE_TEST_EXISTS));
    assert_false(g_file_test(pdf2, G_FILE_TEST_EXISTS));
}

static int setup(void **state) {
    fixture *f = g_new0(fixture, 1);
    f->ctx = ga_ctx_new();
    if (ga_communes_read(f->ctx, shp_fixture("synthetic_grid/communes.shp"), NULL, &f->grid) ||
        ga_communes_read(f->ctx, shp_fixture("synthetic_ring/communes.shp"), NULL, &f->ring))
        return -1;
    f->dir = test_tmpdir("map");
    *state = f;
    return 0;
}
static int teardown(void **state) {
    fixture *f = *state;
    test_rm_rf(f->dir);
    g_free(f->dir);
    ga_communes_free(f->grid);
    ga_communes_free(f->ring);
    ga_ctx_free(f->ctx);
    g_free(f);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(choropleth_png),
        cmocka_unit_test(formats),
        cmocka_unit_test(class_bounds),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
