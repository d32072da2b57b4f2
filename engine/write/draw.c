/* Shared drawing helpers of the cairo maps: see draw.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include "write/draw.h"
#include "layer/communes.h"

/* A ring as a path. Vertices within min_step of the last one drawn are
 * skipped (radial-distance simplification, by hand: one pass over the
 * coordinates with no allocation, where GEOSTopologyPreserveSimplify_r
 * would copy and check every commune; at half a pixel nothing shows, and
 * the national layer's 34,803 communes draw several times faster, with an
 * SVG several times smaller). */
static void path_ring(GEOSContextHandle_t h, cairo_t *cr, const GEOSGeometry *ring, const ga_draw_view *v) {
    const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(h, seq, &n);
    double lx = 0, ly = 0, step2 = v->min_step * v->min_step;
    for (unsigned i = 0; i < n; i++) {
        double x, y, px, py;
        GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
        ga_draw_to_px(v, x, y, &px, &py);
        if (i == 0) {
            cairo_move_to(cr, px, py);
        } else if (i + 1 == n || (px - lx) * (px - lx) + (py - ly) * (py - ly) >= step2) {
            cairo_line_to(cr, px, py);
        } else {
            continue;
        }
        lx = px;
        ly = py;
    }
    cairo_close_path(cr);
}

void ga_draw_polygons(GEOSContextHandle_t h, cairo_t *cr, const GEOSGeometry *g, const ga_draw_view *v) {
    int parts = GEOSGetNumGeometries_r(h, g);
    for (int p = 0; p < parts; p++) {
        const GEOSGeometry *poly = GEOSGetGeometryN_r(h, g, p);
        if (GEOSGeomTypeId_r(h, poly) != GEOS_POLYGON || GEOSisEmpty_r(h, poly)) continue;
        path_ring(h, cr, GEOSGetExteriorRing_r(h, poly), v);
        for (int r = 0; r < GEOSGetNumInteriorRings_r(h, poly); r++)
            path_ring(h, cr, GEOSGetInteriorRingN_r(h, poly, r), v);
    }
}

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len) {
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

ga_status ga_draw_write_png(ga_ctx *ctx, cairo_surface_t *surf, const char *path) {
    ga_atomic *a = NULL;
    ga_status st = ga_atomic_open(ctx, path, &a);
    if (st) return st;
    cairo_status_t cs = cairo_surface_write_to_png_stream(surf, write_stream, ga_atomic_stream(a));
    if (cs != CAIRO_STATUS_SUCCESS) {
        ga_atomic_abort(a);
        return ga_fail(ctx, GA_ERR_IO, "%s: cannot write the PNG: %s", path, cairo_status_to_string(cs));
    }
    return ga_atomic_commit(ctx, a);
}

/* ---- the page ---- */

ga_status ga_draw_page_open(ga_ctx *ctx, ga_map_format f, int width_px, const char *path, ga_draw_page *p) {
    memset(p, 0, sizeof *p);
    p->format = f;
    p->px_per_pt = 1;
    if (f == GA_MAP_PNG) {
        int w = width_px > 0 ? width_px : 1754; /* 297 mm at 150 dpi */
        p->px_per_pt = w / GA_PAGE_W;
        p->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, (int)lround(GA_PAGE_H * p->px_per_pt));
    } else {
        ga_status st = ga_atomic_open(ctx, path, &p->a);
        if (st) return st;
        FILE *out = ga_atomic_stream(p->a);
        if (f == GA_MAP_SVG) {
            p->surf = cairo_svg_surface_create_for_stream(write_stream, out, GA_PAGE_W, GA_PAGE_H);
        } else {
            p->surf = cairo_pdf_surface_create_for_stream(write_stream, out, GA_PAGE_W, GA_PAGE_H);
            /* cairo stamps the time of the run; SOURCE_DATE_EPOCH makes the
             * file reproducible (https://reproducible-builds.org/specs/source-date-epoch/) */
            const char *sde = getenv("SOURCE_DATE_EPOCH");
            if (sde && *sde) {
                GDateTime *dt = g_date_time_new_from_unix_utc(g_ascii_strtoll(sde, NULL, 10));
                if (dt) {
                    g_autofree char *iso = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
                    cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATE_DATE, iso);
                    g_date_time_unref(dt);
                }
            }
            cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATOR, "geoaccess");
        }
    }
    p->cr = cairo_create(p->surf);
    cairo_status_t cs = cairo_status(p->cr);
    if (cs != CAIRO_STATUS_SUCCESS) {
        cairo_destroy(p->cr);
        cairo_surface_destroy(p->surf);
        if (p->a) ga_atomic_abort(p->a);
        memset(p, 0, sizeof *p);
        return ga_fail(ctx, GA_ERR_IO, "%s: cannot draw the map: %s", path, cairo_status_to_string(cs));
    }
    cairo_scale(p->cr, p->px_per_pt, p->px_per_pt);
    cairo_set_source_rgb(p->cr, 1, 1, 1);
    cairo_paint(p->cr);
    return GA_OK;
}

ga_status ga_draw_page_close(ga_ctx *ctx, ga_draw_page *p, const char *path) {
    cairo_status_t cs = cairo_status(p->cr);
    cairo_destroy(p->cr);
    ga_status st = GA_OK;
    if (p->format == GA_MAP_PNG) {
        st = cs == CAIRO_STATUS_SUCCESS ? ga_draw_write_png(ctx, p->surf, path)
                                        : ga_fail(ctx, GA_ERR_IO, "%s: cannot draw the map: %s", path,
                                                  cairo_status_to_string(cs));
        cairo_surface_destroy(p->surf);
    } else {
        cairo_surface_finish(p->surf); /* streams the rest of the file */
        if (cs == CAIRO_STATUS_SUCCESS) cs = cairo_surface_status(p->surf);
        cairo_surface_destroy(p->surf);
        if (cs != CAIRO_STATUS_SUCCESS) {
            ga_atomic_abort(p->a);
            st = ga_fail(ctx, GA_ERR_IO, "%s: cannot write the map: %s", path, cairo_status_to_string(cs));
        } else {
            st = ga_atomic_commit(ctx, p->a);
        }
    }
    memset(p, 0, sizeof *p);
    return st;
}

/* ---- the furniture ---- */

#define MARGIN 22.0
#define LEGEND_W 175.0
#define TOP 62.0
#define BOTTOM 30.0

static void font(cairo_t *cr, double size, bool bold) {
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

/* Shows text shrunk to fit max_w points. */
static void fitted_text(cairo_t *cr, double x, double y, const char *text, double size, double max_w) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, text, &e);
    if (e.x_advance > max_w) cairo_set_font_size(cr, size * max_w / e.x_advance);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text);
    cairo_set_font_size(cr, size);
}

ga_draw_box ga_draw_titles(cairo_t *cr, const char *title, const char *subtitle) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    font(cr, 15, true);
    fitted_text(cr, MARGIN, MARGIN + 12, title ? title : "", 15, GA_PAGE_W - 2 * MARGIN);
    if (subtitle) {
        font(cr, 9, false);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        fitted_text(cr, MARGIN, MARGIN + 28, subtitle, 9, GA_PAGE_W - 2 * MARGIN);
    }
    ga_draw_box b = {MARGIN, TOP, GA_PAGE_W - 2 * MARGIN - LEGEND_W - 10, GA_PAGE_H - TOP - BOTTOM};
    return b;
}

ga_draw_view ga_draw_fit(const ga_draw_box *box, double minx, double miny, double maxx, double maxy, double *ox,
                         double *oy) {
    double dx = maxx > minx ? maxx - minx : 1, dy = maxy > miny ? maxy - miny : 1;
    double scale = MIN(box->w / dx, box->h / dy);
    *ox = box->x + (box->w - dx * scale) / 2;
    *oy = box->y + (box->h - dy * scale) / 2;
    ga_draw_view v = {minx, miny, scale, dy * scale, 0};
    return v;
}

void ga_draw_legend(cairo_t *cr, const char *heading, const ga_draw_key *keys, size_t n) {
    double x = GA_PAGE_W - MARGIN - LEGEND_W, y = TOP + 4;
    cairo_set_source_rgb(cr, 0, 0, 0);
    font(cr, 10, true);
    fitted_text(cr, x, y + 8, heading ? heading : "", 10, LEGEND_W);
    font(cr, 8.5, false);
    y += 18;
    for (size_t k = 0; k < n; k++, y += 17) {
        const ga_draw_key *e = &keys[k];
        cairo_new_path(cr);
        switch (e->kind) {
        case GA_KEY_BOX:
        case GA_KEY_OUTLINE:
            cairo_rectangle(cr, x, y, 22, 12);
            cairo_set_source_rgba(cr, e->rgb[0], e->rgb[1], e->rgb[2], e->alpha);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, e->kind == GA_KEY_OUTLINE ? 0 : 0.45, e->kind == GA_KEY_OUTLINE ? 0 : 0.45,
                                 e->kind == GA_KEY_OUTLINE ? 0 : 0.45);
            cairo_set_line_width(cr, e->kind == GA_KEY_OUTLINE ? 1.6 : 0.5);
            cairo_stroke(cr);
            break;
        case GA_KEY_DOT:
            cairo_arc(cr, x + 11, y + 6, 3, 0, 2 * G_PI);
            cairo_set_source_rgba(cr, e->rgb[0], e->rgb[1], e->rgb[2], e->alpha);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_set_line_width(cr, 0.8);
            cairo_stroke(cr);
            break;
        case GA_KEY_LINE:
            cairo_move_to(cr, x, y + 6);
            cairo_line_to(cr, x + 22, y + 6);
            cairo_set_source_rgba(cr, e->rgb[0], e->rgb[1], e->rgb[2], e->alpha);
            cairo_set_line_width(cr, 1.2);
            cairo_stroke(cr);
            break;
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        fitted_text(cr, x + 28, y + 9.5, e->label, 8.5, LEGEND_W - 28);
    }
}

void ga_draw_scale_bar(cairo_t *cr, double x, double y, double pt_per_m, double max_len) {
    /* the longest 1-2-5 length that fits */
    double len_m = 1;
    for (double p = 1; p <= 1e7; p *= 10)
        for (int k = 0; k < 3; k++) {
            double m = p * (k == 0 ? 1 : k == 1 ? 2 : 5);
            if (m * pt_per_m <= max_len) len_m = m;
        }
    double len = len_m * pt_per_m;
    /* two halves, black and white, outlined: readable over any colour */
    cairo_new_path(cr);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, x, y, len / 2, 4);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill_preserve(cr);
    cairo_stroke(cr);
    cairo_rectangle(cr, x + len / 2, y, len / 2, 4);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_stroke(cr);
    char label[32];
    if (len_m >= 1000) g_snprintf(label, sizeof label, "%g km", len_m / 1000);
    else g_snprintf(label, sizeof label, "%g m", len_m);
    font(cr, 8.5, false);
    ga_draw_halo_text(cr, x, y - 3, "0");
    cairo_text_extents_t e;
    cairo_text_extents(cr, label, &e);
    ga_draw_halo_text(cr, x + len - e.x_advance / 2, y - 3, label);
}

void ga_draw_north_arrow(cairo_t *cr, double x, double y) {
    cairo_new_path(cr);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + 7, y + 22);
    cairo_line_to(cr, x, y + 17);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill(cr);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x - 7, y + 22);
    cairo_line_to(cr, x, y + 17);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    font(cr, 10, true);
    cairo_text_extents_t e;
    cairo_text_extents(cr, "N", &e);
    ga_draw_halo_text(cr, x - e.x_advance / 2, y + 34, "N");
}

void ga_draw_sources(cairo_t *cr, const char *sources) {
    if (!sources || !*sources) return;
    font(cr, 7.5, false);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    fitted_text(cr, MARGIN, GA_PAGE_H - 12, sources, 7.5, GA_PAGE_W - 2 * MARGIN);
}

void ga_draw_halo_text(cairo_t *cr, double x, double y, const char *text) {
    cairo_new_path(cr);
    cairo_move_to(cr, x, y);
    cairo_text_path(cr, text);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 2.2);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke_preserve(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill(cr);
}

typedef struct {
    size_t i;
    double pop;
} town;

static int by_pop_desc(const void *a, const void *b) {
    const town *x = a, *y = b;
    if (x->pop != y->pop) return x->pop < y->pop ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i); /* ties: layer order, deterministic */
}

static bool overlaps(const double *boxes, size_t n, const double b[4]) {
    for (size_t k = 0; k < n; k++) {
        const double *o = boxes + 4 * k;
        if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return true;
    }
    return false;
}

void ga_draw_town_names(cairo_t *cr, const ga_communes *c, const double *pop, int n_max, const ga_draw_view *v,
                        double box_w, double box_h) {
    size_t n = ga_communes_count(c);
    if (n_max <= 0 || !n) return;
    town *t = g_new(town, n);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double p = pop ? pop[i] : ga_communes_population(c, i);
        const char *name = ga_communes_name(c, i);
        if (!isnan(p) && p > 0 && name && *name) t[m++] = (town){i, p};
    }
    qsort(t, m, sizeof *t, by_pop_desc);
    double *boxes = g_new(double, 4 * (size_t)n_max + 4);
    size_t placed = 0;
    font(cr, 8, true);
    /* greedy: the most populous first, at the right of its point, else left,
     * above or below; a name that fits nowhere is left out (why: overlapping
     * labels are unreadable, and the small towns matter less) */
    for (size_t k = 0; k < m && placed < (size_t)n_max && k < 8 * (size_t)n_max; k++) {
        double x, y, px, py;
        ga_communes_point(c, t[k].i, &x, &y);
        ga_draw_to_px(v, x, y, &px, &py);
        const char *name = ga_communes_name(c, t[k].i);
        cairo_text_extents_t e;
        cairo_text_extents(cr, name, &e);
        double w = e.x_advance, hgt = 8;
        double cand[4][2] = {{px + 4, py + 3}, {px - 4 - w, py + 3}, {px - w / 2, py - 4}, {px - w / 2, py + 11}};
        for (int q = 0; q < 4; q++) {
            double b[4] = {cand[q][0] - 1, cand[q][1] - hgt - 1, cand[q][0] + w + 1, cand[q][1] + 2};
            if (b[0] < 0 || b[1] < 0 || b[2] > box_w || b[3] > box_h || overlaps(boxes, placed, b)) continue;
            memcpy(boxes + 4 * placed++, b, sizeof b);
            cairo_new_path(cr);
            cairo_arc(cr, px, py, 1.8, 0, 2 * G_PI);
            cairo_set_source_rgb(cr, 0, 0, 0);
            cairo_fill(cr);
            ga_draw_halo_text(cr, cand[q][0], cand[q][1], name);
            break;
        }
    }
    g_free(boxes);
    g_free(t);
}
