/* The catchment map (write/catchment_map.c): circles of 1 and 2 km around
 * two facilities 10 km apart, on an A4 page 842 px wide (1 px a point,
 * 595 px high); the placement says where the ground went. Inside both
 * circles is darker than inside the 2 km one only, which is darker than
 * outside (white); the legend and scale bar are there. Nothing to map is
 * an error and no file. */
#include <cairo.h>
#include "test_util.h"
#include "geoaccess.h"

static void rgb_at(cairo_surface_t *s, int x, int y, int rgb[3]) {
    cairo_surface_flush(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    uint32_t p = *(const uint32_t *)(d + y * cairo_image_surface_get_stride(s) + x * 4);
    rgb[0] = (p >> 16) & 255;
    rgb[1] = (p >> 8) & 255;
    rgb[2] = p & 255;
}

static ga_map_placement P;

/* The pixel of a point of the ground (Lambert-93 metres). */
static void ground_px(double x, double y, int *px, int *py) {
    *px = (int)(P.x0 + (x - P.gx0) * P.scale);
    *py = (int)(P.y0 - (y - P.gy0) * P.scale);
}

static int brightness(cairo_surface_t *s, double x, double y) {
    int px, py, rgb[3];
    ground_px(x, y, &px, &py);
    rgb_at(s, px, py, rgb);
    return rgb[0] + rgb[1] + rgb[2];
}

static void map_of_two_circles(void **state) {
    ga_ctx *ctx = *state;
    ga_points *f = ga_points_new();
    ga_points_add(f, "F1", 700000, 6600000, "gp", 1);
    ga_points_add(f, "F2", 710000, 6600000, "gp", 1);
    double thr[] = {1000, 2000};
    ga_catchment_options o;
    ga_catchment_options_init(&o);
    ga_catchments *c = NULL;
    assert_ok(ctx, ga_catchments_circles(ctx, f, thr, NULL, 2, &o, &c));
    g_autofree char *dir = test_tmpdir("write_catchment_map");
    g_autofree char *png = g_build_filename(dir, "c.png", NULL);
    ga_map_style st = {.title = "title", .subtitle = "sub", .width_px = 842, .sources = "Sources : test"};
    assert_ok(ctx, ga_catchments_map(ctx, c, NULL, NULL, NULL, NULL, f, &st, png, &P));
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), 842);
    assert_int_equal(cairo_image_surface_get_height(s), 595);
    /* the 14 km of circles (plus 3 % margins) fill most of the map's width */
    assert_true(P.scale * 14000 > 500);
    int inner = brightness(s, 700500, 6600000);  /* 0.5 km from F1 */
    int ring = brightness(s, 701500, 6600000);   /* 1.5 km from F1 */
    int outside = brightness(s, 705000, 6600000); /* 5 km from both */
    int inner2 = brightness(s, 709500, 6600000); /* 0.5 km from F2 */
    assert_int_equal(outside, 3 * 255);
    assert_true(ring < outside);
    assert_true(inner < ring);
    assert_int_equal(inner2, inner); /* both facilities drawn alike */
    /* the legend right of the map (two threshold boxes, the facility): some
     * dark text and colour; the scale bar under the map's left end */
    int dark = 0, rgb[3];
    for (int y = 60; y < 200; y++)
        for (int x = 842 - 197; x < 842 - 22; x++) {
            rgb_at(s, x, y, rgb);
            dark += rgb[0] < 60 && rgb[1] < 60 && rgb[2] < 60;
        }
    assert_true(dark > 50);
    int bar = 0;
    for (int y = 595 - 60; y < 595 - 25; y++)
        for (int x = 22; x < 250; x++) {
            rgb_at(s, x, y, rgb);
            bar += rgb[0] < 30 && rgb[1] < 30 && rgb[2] < 30;
        }
    assert_true(bar > 40);
    cairo_surface_destroy(s);
    /* nothing to map: an error naming the file, no file */
    ga_points *nof = ga_points_new();
    ga_catchments *none = NULL;
    assert_ok(ctx, ga_catchments_circles(ctx, nof, thr, NULL, 2, &o, &none));
    g_autofree char *png2 = g_build_filename(dir, "none.png", NULL);
    assert_status(ctx, ga_catchments_map_png(ctx, none, NULL, NULL, f, "t", NULL, 400, png2), GA_ERR_ARG);
    assert_error_mentions(ctx, "none.png: nothing to map");
    assert_false(test_exists(dir, "none.png"));
    ga_catchments_free(none);
    ga_points_free(nof);
    ga_catchments_free(c);
    ga_points_free(f);
    test_rm_rf(dir);
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
        cmocka_unit_test(map_of_two_circles),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
