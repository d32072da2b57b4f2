/* The drawing helpers of the maps (write/draw.c): working-CRS metres to
 * pixels (y up on the ground, down on the image), (multi)polygons with
 * their holes as cairo paths, and the PNG written atomically and read back
 * with its size and its pixels. */
#include <cairo.h>
#include "test_util.h"
#include "core/internal.h"
#include "write/draw.h"

/* The red channel of pixel (x, y) of an ARGB32 surface. */
static int red(cairo_surface_t *s, int x, int y) {
    cairo_surface_flush(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    uint32_t p = *(const uint32_t *)(d + y * cairo_image_surface_get_stride(s) + x * 4);
    return (int)((p >> 16) & 255);
}

static void to_px(void **state) {
    (void)state;
    /* 1 px per 10 m, the view's origin 700000 E 6600000 N at the bottom of
     * a 100 px image */
    ga_draw_view v = {700000, 6600000, 0.1, 100, 0};
    double px, py;
    ga_draw_to_px(&v, 700000, 6600000, &px, &py);
    assert_near(px, 0, 0);
    assert_near(py, 100, 0);
    ga_draw_to_px(&v, 700250, 6600800, &px, &py);
    assert_near(px, 25, 1e-9);
    assert_near(py, 20, 1e-9);
}

/* A 400 m square with a 200 m hole and a second square: filled black on
 * white (even-odd, as the maps fill), written as a PNG 120 x 100 and read
 * back. */
static void polygons_and_png(void **state) {
    ga_ctx *ctx = *state;
    GEOSWKTReader *r = GEOSWKTReader_create_r(ctx->geos);
    GEOSGeometry *g = GEOSWKTReader_read_r(ctx->geos, r,
        "MULTIPOLYGON(((100 100, 500 100, 500 500, 100 500, 100 100),"
        "(200 200, 400 200, 400 400, 200 400, 200 200)),"
        "((800 100, 1100 100, 1100 300, 800 300, 800 100)))");
    GEOSWKTReader_destroy_r(ctx->geos, r);
    ga_draw_view v = {0, 0, 0.1, 100, 0};
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 120, 100);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    ga_draw_polygons(ctx->geos, cr, g, &v);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill(cr);
    cairo_destroy(cr);
    /* (150 m, 150 m) -> pixel (15, 85): in the ring; (300, 300) -> (30, 70):
     * in the hole; (950, 200) -> (95, 80): the second square; (600, 600)
     * -> (60, 40): outside */
    assert_int_equal(red(s, 15, 85), 0);
    assert_int_equal(red(s, 30, 70), 255);
    assert_int_equal(red(s, 95, 80), 0);
    assert_int_equal(red(s, 60, 40), 255);
    g_autofree char *dir = test_tmpdir("write_draw");
    g_autofree char *png = g_build_filename(dir, "m.png", NULL);
    assert_ok(ctx, ga_draw_write_png(ctx, s, png));
    cairo_surface_destroy(s);
    cairo_surface_t *back = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(back), 120);
    assert_int_equal(cairo_image_surface_get_height(back), 100);
    assert_int_equal(red(back, 15, 85), 0);
    assert_int_equal(red(back, 30, 70), 255);
    cairo_surface_destroy(back);
    /* a folder that does not exist: an error naming the file, no file */
    g_autofree char *bad = g_build_filename(dir, "no", "m.png", NULL);
    cairo_surface_t *t = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
    assert_status(ctx, ga_draw_write_png(ctx, t, bad), GA_ERR_IO);
    assert_error_mentions(ctx, "m.png");
    cairo_surface_destroy(t);
    assert_false(test_exists(dir, "no"));
    test_rm_rf(dir);
    GEOSGeom_destroy_r(ctx->geos, g);
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
        cmocka_unit_test(to_px),
        cmocka_unit_test(polygons_and_png),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
