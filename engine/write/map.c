/* Choropleth maps of communes with cairo: see geoaccess/map.h. Draws what
 * it is given; the only thing it computes is the class bounds. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include "core/internal.h"
#include "layer/communes.h"
#include "write/draw.h"
#include "geoaccess/map.h"

/* ColorBrewer 9-class schemes (Harrower & Brewer 2003, colorbrewer2.org),
 * all colour-blind safe: sequential light to dark, diverging from the red
 * (or orange) end to the blue (or purple) one through a neutral middle. */
static const unsigned char palettes[4][9][3] = {
    {{255, 255, 204}, {255, 237, 160}, {254, 217, 118}, {254, 178, 76}, {253, 141, 60},
     {252, 78, 42}, {227, 26, 28}, {189, 0, 38}, {128, 0, 38}},          /* YlOrRd */
    {{247, 251, 255}, {222, 235, 247}, {198, 219, 239}, {158, 202, 225}, {107, 174, 214},
     {66, 146, 198}, {33, 113, 181}, {8, 81, 156}, {8, 48, 107}},        /* Blues */
    {{178, 24, 43}, {214, 96, 77}, {244, 165, 130}, {253, 219, 199}, {247, 247, 247},
     {209, 229, 240}, {146, 197, 222}, {67, 147, 195}, {33, 102, 172}}, /* RdBu */
    {{179, 88, 6}, {224, 130, 20}, {253, 184, 99}, {254, 224, 182}, {247, 247, 247},
     {216, 218, 235}, {178, 171, 210}, {128, 115, 172}, {84, 39, 136}}, /* PuOr */
};

bool ga_map_format_parse(const char *name, ga_map_format *out) {
    static const char *const names[] = {"png", "svg", "pdf"};
    for (int k = 0; k < 3; k++)
        if (name && !strcmp(name, names[k])) {
            *out = (ga_map_format)k;
            return true;
        }
    return false;
}

const char *ga_map_format_ext(ga_map_format f) {
    return f == GA_MAP_SVG ? ".svg" : f == GA_MAP_PDF ? ".pdf" : ".png";
}

static bool diverging(ga_palette p) { return p == GA_PALETTE_RDBU || p == GA_PALETTE_PUOR; }

static void class_colour(const ga_map_style *s, size_t k, size_t n_classes, double rgb[3]) {
    /* spread the classes over the 9 colours; sequential: dark = bad */
    size_t idx = n_classes > 1 ? (k * 8) / (n_classes - 1) : 4;
    bool reverse = diverging(s->palette) ? !s->high_is_good : s->high_is_good;
    if (reverse) idx = 8 - idx;
    int p = s->palette >= 0 && s->palette <= GA_PALETTE_PUOR ? (int)s->palette : 0;
    for (int i = 0; i < 3; i++) rgb[i] = palettes[p][idx][i] / 255.0;
}

static size_t class_of(double v, const double *breaks, size_t n) {
    size_t k = 0;
    while (k < n && v >= breaks[k]) k++;
    return k;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* v rounded to 3 significant digits: the bounds are read, not computed with */
static double round3(double v) {
    if (v == 0 || !isfinite(v)) return v;
    double p = pow(10, floor(log10(fabs(v))) - 2);
    return round(v / p) * p;
}

/* 1, 2, 2.5 or 5 x 10^k nearest to v > 0 (on a log scale) */
static double nice_step(double v) {
    double p = pow(10, floor(log10(v))), best = p, steps[] = {1, 2, 2.5, 5, 10};
    for (int k = 0; k < 5; k++)
        if (fabs(log(steps[k] * p / v)) < fabs(log(best / v))) best = steps[k] * p;
    return best;
}

/* The class bounds of the style for the values (finite ones), in b[]
 * (at most 8); false with a message when they cannot be made. */
static ga_status make_breaks(ga_ctx *ctx, const ga_map_style *s, const double *v1, const double *v2, size_t n,
                             const char *path, double b[9], size_t *nb) {
    *nb = 0;
    if (s->classes == GA_CLASSES_GIVEN) {
        if (!s->breaks || s->n_breaks < 1 || s->n_breaks > 8)
            return ga_fail(ctx, GA_ERR_ARG, "%s: a map needs 1 to 8 class bounds", path);
        for (size_t k = 1; k < s->n_breaks; k++)
            if (!(s->breaks[k] > s->breaks[k - 1]))
                return ga_fail(ctx, GA_ERR_ARG, "%s: class bounds must increase", path);
        memcpy(b, s->breaks, s->n_breaks * sizeof *b);
        *nb = s->n_breaks;
        return GA_OK;
    }
    size_t nc = s->n_classes ? s->n_classes : s->classes == GA_CLASSES_SYMMETRIC ? 7 : 5;
    if (nc < 2 || nc > 9 || (s->classes == GA_CLASSES_SYMMETRIC && (nc % 2 == 0 || nc < 3)))
        return ga_fail(ctx, GA_ERR_ARG, "%s: %zu classes: a map has 2 to 9 (an odd number when symmetric)", path,
                       nc);
    double *vals = g_new(double, 2 * n + 1);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (isfinite(v1[i])) vals[m++] = v1[i];
        if (v2 && isfinite(v2[i])) vals[m++] = v2[i];
    }
    if (!m) { /* nothing to classify: one bound, everything "no value" */
        g_free(vals);
        b[0] = 0;
        *nb = 1;
        return GA_OK;
    }
    qsort(vals, m, sizeof *vals, cmp_double);
    double raw[9];
    size_t nr = 0;
    if (s->classes == GA_CLASSES_SYMMETRIC) {
        double big = MAX(fabs(vals[0]), fabs(vals[m - 1]));
        size_t half = (nc - 1) / 2;
        double step = nice_step(big > 0 ? big / (double)half : 1);
        /* the middle class is (-step/2, step/2): it holds 0 */
        for (size_t j = half; j >= 1; j--) raw[nr++] = -((double)j - 0.5) * step;
        for (size_t j = 1; j <= half; j++) raw[nr++] = ((double)j - 0.5) * step;
    } else {
        for (size_t k = 1; k < nc; k++) {
            double q = s->classes == GA_CLASSES_QUANTILES
                           ? vals[MIN(m - 1, (size_t)floor((double)k * (double)m / (double)nc))]
                           : vals[0] + (vals[m - 1] - vals[0]) * (double)k / (double)nc;
            raw[nr++] = round3(q);
        }
    }
    g_free(vals);
    for (size_t k = 0; k < nr; k++) /* equal values give one class */
        if (!*nb || raw[k] > b[*nb - 1]) b[(*nb)++] = raw[k];
    return GA_OK;
}

/* Extent of the study communes, with a margin so that the ring shows. */
static bool extent(GEOSContextHandle_t h, const ga_communes *c, double e[4]) {
    e[0] = e[1] = INFINITY;
    e[2] = e[3] = -INFINITY;
    for (size_t i = 0; i < ga_communes_count(c); i++) {
        const GEOSGeometry *g = ga_communes_geometry(c, i);
        double a, b, cc, d;
        if (GEOSisEmpty_r(h, g)) continue;
        GEOSGeom_getXMin_r(h, g, &a);
        GEOSGeom_getYMin_r(h, g, &b);
        GEOSGeom_getXMax_r(h, g, &cc);
        GEOSGeom_getYMax_r(h, g, &d);
        e[0] = MIN(e[0], a); e[1] = MIN(e[1], b); e[2] = MAX(e[2], cc); e[3] = MAX(e[3], d);
    }
    if (!isfinite(e[0])) return false;
    double m = 0.03 * MAX(e[2] - e[0], e[3] - e[1]);
    e[0] -= m; e[1] -= m; e[2] += m; e[3] += m;
    return true;
}

/* The study area's outline: the union of its communes (a coverage: shared
 * edges dissolve, GEOSCoverageUnion_r; a plain union if the layer is not a
 * clean coverage). NULL if GEOS fails: the map is then drawn without. */
static GEOSGeometry *outline(GEOSContextHandle_t h, const ga_communes *c) {
    size_t n = ga_communes_count(c);
    GEOSGeometry **parts = g_new(GEOSGeometry *, n + 1);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!GEOSisEmpty_r(h, ga_communes_geometry(c, i))) parts[m++] = GEOSGeom_clone_r(h, ga_communes_geometry(c, i));
    GEOSGeometry *coll = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts, (unsigned)m);
    g_free(parts);
    if (!coll) return NULL;
    GEOSGeometry *u = GEOSCoverageUnion_r(h, coll);
    if (!u) u = GEOSUnaryUnion_r(h, coll);
    GEOSGeom_destroy_r(h, coll);
    return u;
}

typedef struct {
    const ga_map_style *s;
    const double *b;
    size_t nb;
} classing;

static void fill_communes(GEOSContextHandle_t h, cairo_t *cr, const ga_communes *c, const double *values,
                          const classing *k, const ga_draw_view *v) {
    cairo_set_line_width(cr, 0.25);
    for (size_t i = 0; i < ga_communes_count(c); i++) {
        double rgb[3] = {0.8, 0.8, 0.8};
        if (!isnan(values[i])) class_colour(k->s, class_of(values[i], k->b, k->nb), k->nb + 1, rgb);
        cairo_new_path(cr);
        ga_draw_polygons(h, cr, ga_communes_geometry(c, i), v);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
        cairo_stroke(cr);
    }
}

static void draw_ring(GEOSContextHandle_t h, cairo_t *cr, const ga_communes *ring, const ga_draw_view *v) {
    cairo_new_path(cr);
    for (size_t i = 0; i < ga_communes_count(ring); i++) ga_draw_polygons(h, cr, ga_communes_geometry(ring, i), v);
    cairo_set_source_rgb(cr, 0.94, 0.94, 0.92);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.78, 0.78, 0.78);
    cairo_set_line_width(cr, 0.25);
    cairo_stroke(cr);
}

static void draw_points(cairo_t *cr, const ga_points *pts, const ga_draw_view *v) {
    for (size_t j = 0; j < ga_points_count(pts); j++) {
        double x, y, px, py;
        ga_points_xy(pts, j, &x, &y);
        ga_draw_to_px(v, x, y, &px, &py);
        cairo_new_path(cr);
        cairo_arc(cr, px, py, 2.6, 0, 2 * G_PI);
        cairo_set_source_rgb(cr, 0.1, 0.3, 0.8);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 0.7);
        cairo_stroke(cr);
    }
}

/* One panel: the ring, the communes in their classes, the outline, the
 * points, the towns' names, clipped to the box; then the scale bar. */
static ga_draw_view draw_panel(GEOSContextHandle_t h, cairo_t *cr, const ga_map_layer *l, const double *values,
                               const classing *k, const GEOSGeometry *line, const ga_draw_box *box,
                               const double e[4], const char *panel_title, double min_step, double *ox,
                               double *oy) {
    ga_draw_box inner = *box;
    if (panel_title) {
        cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
        cairo_set_font_size(cr, 10);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, box->x, box->y + 10);
        cairo_show_text(cr, panel_title);
        inner.y += 16;
        inner.h -= 16;
    }
    ga_draw_view v = ga_draw_fit(&inner, e[0], e[1], e[2], e[3], ox, oy);
    v.min_step = min_step;
    cairo_save(cr);
    cairo_rectangle(cr, inner.x, inner.y, inner.w, inner.h);
    cairo_clip(cr);
    cairo_translate(cr, *ox, *oy);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    if (l->ring) draw_ring(h, cr, l->ring, &v);
    fill_communes(h, cr, l->communes, values, k, &v);
    if (line) {
        cairo_new_path(cr);
        ga_draw_polygons(h, cr, line, &v);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_set_line_width(cr, 1.4);
        cairo_stroke(cr);
    }
    if (l->points) draw_points(cr, l->points, &v);
    int towns = k->s->n_towns == 0 ? 10 : k->s->n_towns;
    ga_draw_town_names(cr, l->communes, l->pop, towns, &v, inner.x + inner.w - *ox, inner.y + inner.h - *oy);
    cairo_restore(cr);
    ga_draw_scale_bar(cr, inner.x + 6, inner.y + inner.h - 8, v.scale, inner.w / 4);
    return v;
}

static void legend_label(const classing *k, size_t c, char *buf, size_t len) {
    const ga_map_style *s = k->s;
    if (s->class_names && s->classes == GA_CLASSES_GIVEN) g_strlcpy(buf, s->class_names[c], len);
    else if (k->nb == 0) g_strlcpy(buf, "all", len);
    else if (c == 0) g_snprintf(buf, len, "under %g", k->b[0]);
    else if (c == k->nb) g_snprintf(buf, len, "%g or more", k->b[c - 1]);
    else g_snprintf(buf, len, "%g to %g", k->b[c - 1], k->b[c]);
}

static void legend(cairo_t *cr, const ga_map_layer *l, const classing *k, bool any_nan, bool line) {
    ga_draw_key keys[16];
    size_t n = 0;
    for (size_t c = 0; c <= k->nb; c++) {
        keys[n] = (ga_draw_key){GA_KEY_BOX, {0}, 1, ""};
        class_colour(k->s, c, k->nb + 1, keys[n].rgb);
        legend_label(k, c, keys[n].label, sizeof keys[n].label);
        n++;
    }
    if (any_nan) keys[n++] = (ga_draw_key){GA_KEY_BOX, {0.8, 0.8, 0.8}, 1, "no value"};
    if (line) keys[n++] = (ga_draw_key){GA_KEY_OUTLINE, {1, 1, 1}, 0, "study area"};
    if (l->ring) keys[n++] = (ga_draw_key){GA_KEY_BOX, {0.94, 0.94, 0.92}, 1, "neighbouring communes"};
    if (l->points) {
        keys[n] = (ga_draw_key){GA_KEY_DOT, {0.1, 0.3, 0.8}, 1, ""};
        g_strlcpy(keys[n].label, k->s->points_name ? k->s->points_name : "facility", sizeof keys[n].label);
        n++;
    }
    ga_draw_legend(cr, k->s->unit, keys, n);
}

ga_status ga_map_draw(ga_ctx *ctx, const ga_map_layer *l, const ga_map_style *s, const char *path,
                      ga_map_placement *placed) {
    GEOSContextHandle_t h = ctx->geos;
    const ga_communes *c = l->communes;
    if (!ga_communes_has_polygons(c))
        return ga_fail(ctx, GA_ERR_ARG, "%s: a map needs the commune polygons, %s has points only", path,
                       ga_communes_path(c));
    size_t n = ga_communes_count(c);
    double b[9], e[4];
    size_t nb = 0;
    ga_status st = make_breaks(ctx, s, l->values, l->values2, n, path, b, &nb);
    if (st) return st;
    if (!extent(h, c, e)) return ga_fail(ctx, GA_ERR_ARG, "%s: no commune to map", path);
    ga_draw_page page;
    if ((st = ga_draw_page_open(ctx, s->format, s->width_px, path, &page))) return st;
    cairo_t *cr = page.cr;
    ga_draw_box box = ga_draw_titles(cr, s->title, s->subtitle);
    classing k = {s, b, nb};
    GEOSGeometry *line = outline(h, c);
    bool any_nan = false;
    for (size_t i = 0; i < n; i++)
        if (isnan(l->values[i]) || (l->values2 && isnan(l->values2[i]))) any_nan = true;
    ga_draw_box b1 = box, b2 = box;
    if (l->values2) {
        b1.w = b2.w = (box.w - 12) / 2;
        b2.x = box.x + b1.w + 12;
    }
    double ox, oy, ox2, oy2;
    /* half a pixel: of the PNG, or at 150 dpi for SVG and PDF (in points) */
    double min_step = s->format == GA_MAP_PNG ? 0.5 / page.px_per_pt : 0.5 * 72 / 150;
    ga_draw_view v = draw_panel(h, cr, l, l->values, &k, line, &b1, e, l->values2 ? l->panel1 : NULL, min_step,
                                &ox, &oy);
    if (l->values2) draw_panel(h, cr, l, l->values2, &k, line, &b2, e, l->panel2, min_step, &ox2, &oy2);
    ga_draw_north_arrow(cr, box.x + box.w - 14, box.y + 4);
    legend(cr, l, &k, any_nan, line != NULL);
    ga_draw_sources(cr, s->sources);
    if (line) GEOSGeom_destroy_r(h, line);
    if (placed) {
        double f = page.px_per_pt;
        *placed = (ga_map_placement){ox * f, (oy + v.height) * f, v.x0, v.y0, v.scale * f, {0}, nb};
        memcpy(placed->breaks, b, nb * sizeof *b);
    }
    return ga_draw_page_close(ctx, &page, path);
}

ga_status ga_map_communes_png(ga_ctx *ctx, const ga_communes *c, const double *values, const ga_points *points,
                              const ga_map_style *style, const char *path) {
    ga_map_layer l = {c, values, NULL, NULL, NULL, NULL, NULL, points};
    return ga_map_draw(ctx, &l, style, path, NULL);
}
