/* The catchment map (write/catchment_map.c): circles of 1 and 2 km around
 * two facilities 10 km apart, drawn 400 px wide. The map spans the circles:
 * 14 km x 4 km -> 400 x ceil(4000 * 400 / 14000) = 115 px, under a 70 px
 * title band, left margin 10 px, legend 260 px + 20 px on the right, at
 * least 200 px high + 40 px below: a 680 x 310 PNG. Inside both circles is
 * darker than inside the 2 km one only, which is darker than outside
 * (white). Nothing to map is an error and no file. */
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

/* The pixel of a point of the ground (Lambert-93 metres). */
static void ground_px(double x, double y, int *px, int *py) {
    const double minx = 698000, miny = 6598000, scale = 400.0 / 14000, map_h = 115;
    *px = (int)(10 + (x - minx) * scale);
    *py = (int)(70 + map_h - (y - miny) * scale);
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
    assert_ok(ctx, ga_catchments_map_png(ctx, c, NULL, NULL, f, "title", "sub", 400, png));
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), 680);
    assert_int_equal(cairo_image_surface_get_height(s), 310);
    int inner = brightness(s, 700500, 6600000);  /* 0.5 km from F1 */
    int ring = brightness(s, 701500, 6600000);   /* 1.5 km from F1 */
    int outside = brightness(s, 705000, 6600000); /* 5 km from both */
    int inner2 = brightness(s, 709500, 6600000); /* 0.5 km from F2 */
    assert_int_equal(outside, 3 * 255);
    assert_true(ring < outside);
    assert_true(inner < ring);
    assert_int_equal(inner2, inner); /* both facilities drawn alike */
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
