/* Maps: the PNG is readable, communes take their class colour. */
#include "test_util.h"
#include <glib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include "geoaccess.h"

static void pixel(cairo_surface_t *s, int x, int y, int rgb[3]) {
    cairo_surface_flush(s);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    uint32_t p = *(uint32_t *)(d + y * stride + x * 4);
    rgb[0] = (p >> 16) & 255;
    rgb[1] = (p >> 8) & 255;
    rgb[2] = p & 255;
}

static void test_choropleth(void **state) {
    ga_ctx *ctx = *state;
    ga_communes *c = NULL;
    assert_ok(ctx, ga_communes_read(ctx, shp_fixture("good/communes.shp"), NULL, &c));
    /* A gets the lowest class, B the highest, C no value, D the middle */
    double v[4] = {1, 100, NAN, 15};
    double breaks[2] = {10, 20};
    ga_map_style st = {"test", NULL, "minutes", breaks, 2, false, 400};
    char *dir = test_tmpdir("map");
    char *png = g_build_filename(dir, "m.png", NULL);
    assert_ok(ctx, ga_map_communes_png(ctx, c, v, NULL, &st, png));
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    /* 400 px of map + 260 of legend + 20; ceil(3000 m * 400 / 3500) = 343 px
     * of map under a 70 px title band, 30 px below */
    assert_int_equal(cairo_image_surface_get_width(s), 680);
    assert_int_equal(cairo_image_surface_get_height(s), 443);
    /* the layer spans 3.5 km wide -> 400 px; origin at (10, 70); y up */
    double scale = 400.0 / 3500.0;
    int map_h = (int)ceil(3000 * scale);
    int rgb[3];
    /* centre of A (0.5 km, 0.5 km): lowest class = lightest yellow (255,255,204) */
    pixel(s, 10 + (int)(500 * scale), 70 + map_h - (int)(500 * scale), rgb);
    assert_int_equal(rgb[0], 255);
    assert_int_equal(rgb[1], 255);
    assert_int_equal(rgb[2], 204);
    /* centre of B: highest class = darkest red (128,0,38) */
    pixel(s, 10 + (int)(1500 * scale), 70 + map_h - (int)(500 * scale), rgb);
    assert_int_equal(rgb[0], 128);
    assert_int_equal(rgb[1], 0);
    assert_int_equal(rgb[2], 38);
    /* C (no value) is grey at (0.25 km, 1.25 km), and its hole stays white */
    pixel(s, 10 + (int)(250 * scale), 70 + map_h - (int)(1250 * scale), rgb);
    assert_int_equal(rgb[0], 204);
    pixel(s, 10 + (int)(1000 * scale), 70 + map_h - (int)(2000 * scale), rgb);
    assert_int_equal(rgb[0], 255);
    assert_int_equal(rgb[2], 255);
    cairo_surface_destroy(s);
    /* bad class bounds: an error, and no file */
    double bad[2] = {20, 10};
    ga_map_style st2 = {"test", NULL, "minutes", bad, 2, false, 400};
    char *png2 = g_build_filename(dir, "n.png", NULL);
    assert_status(ctx, ga_map_communes_png(ctx, c, v, NULL, &st2, png2), GA_ERR_ARG);
    assert_false(g_file_test(png2, G_FILE_TEST_EXISTS));
    test_rm_rf(dir);
    g_free(png);
    g_free(png2);
    g_free(dir);
    ga_communes_free(c);
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
        cmocka_unit_test(test_choropleth),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
