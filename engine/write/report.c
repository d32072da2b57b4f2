/* report.html: see report.h. Everything it shows comes from the study
 * result (study/pipeline.h) and its digest (study/digest.h); this file
 * formats: classes of colour, words in two languages, HTML. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "write/report.h"
#include "core/atomic.h"
#include "layer/communes.h"
#include "study/digest.h"
#include "study/ring.h"
#include "write/ga_version.h"
#include "write/report_fmt.h"
#include "write/report_svg.h"

#define MAP_WIDTH 1000.0 /* SVG units across a map: 0.15 km each on Hérault, under a pixel on screen */

typedef struct {
    GString *h;
    ga_lang lang;
    const ga_study_result *r;
    const ga_study_digest *d;
    ga_svg_frame frame;
    GString *ring_paths; /* the ring's <g>, the same in every map */
} report;

/* The report's words: French or English. */
static const char *L(const report *rp, const char *fr, const char *en) { return rp->lang == GA_LANG_FR ? fr : en; }

static void esc(report *rp, const char *text) { ga_html_escape(rp->h, text); }
static void num(report *rp, double v, int decimals) { ga_fmt_number(rp->h, v, decimals, rp->lang); }
static void pct(report *rp, double share, int decimals) { ga_fmt_percent(rp->h, share, decimals, rp->lang); }
static void put(report *rp, const char *html) { g_string_append(rp->h, html); }

/* The names of the embedded default's types in French; others keep the
 * library's label (English) or their own name. */
static const char *type_label(const report *rp, const char *type) {
    static const char *const fr[][2] = {{"gp", "médecin généraliste"}, {"pharm", "pharmacie"},
                                        {"msp", "maison de santé (MSP)"}, {"urg", "service d'urgences"},
                                        {"mat", "maternité"}, {"hosp", "établissement de santé (FINESS)"},
                                        {"cds", "centre de santé"}};
    if (rp->lang == GA_LANG_FR)
        for (size_t k = 0; k < G_N_ELEMENTS(fr); k++)
            if (!strcmp(fr[k][0], type)) return fr[k][1];
    return ga_plan_type_label(type);
}

/* ---- the page around ---- */

static const char css[] =
    ":root{--ink:#1d1d1f;--muted:#5f6368;--rule:#d0d4d9;--bg:#fff}\n"
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:var(--ink);"
    "background:var(--bg);margin:0 auto;max-width:1100px;padding:1.5em 2em}\n"
    "h1{font-size:1.7em;margin:0 0 .2em}h2{font-size:1.3em;border-bottom:2px solid var(--rule);padding-bottom:.2em;"
    "margin-top:1.8em}h3{font-size:1.05em;margin:1.2em 0 .4em}\n"
    ".meta,.note,figcaption span{color:var(--muted);font-size:.9em}\n"
    "nav ol{margin:.4em 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.2em 1.2em;font-size:.95em}\n"
    ".figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(10em,1fr));gap:.6em;margin:1em 0}\n"
    ".figures div{border:1px solid var(--rule);border-radius:6px;padding:.5em .8em}\n"
    ".figures b{display:block;font-size:1.45em}.figures div{font-size:.88em}\n"
    "table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}\n"
    "th,td{border-bottom:1px solid var(--rule);padding:.25em .6em;text-align:left;vertical-align:top}\n"
    "td.file{word-break:break-all;min-width:12em}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    ".scroll{max-height:28em;overflow:auto;border:1px solid var(--rule)}\n"
    ".maps{display:grid;grid-template-columns:repeat(auto-fill,minmax(400px,1fr));gap:1.2em}\n"
    "figure.map{margin:0;break-inside:avoid;page-break-inside:avoid}\n"
    "figure.map svg.ga-map{width:100%;height:auto;display:block;border:1px solid var(--rule);background:#eef3f7}\n"
    "svg .study path{stroke:#fff;stroke-width:.6;fill-rule:evenodd}\n"
    "svg .study path:hover{stroke:#000;stroke-width:1.6}\n"
    "svg .ring path{fill:#e2e4e7;stroke:#fff;stroke-width:.5;fill-rule:evenodd}\n"
    "svg .deco{font:26px sans-serif;fill:#333}svg .deco path{stroke:#333;fill:none;stroke-width:2.5}\n"
    ".k0{fill:#fde725}.k1{fill:#5ec962}.k2{fill:#21918c}.k3{fill:#3b528b}.k4{fill:#440154}\n"
    ".up .k0{fill:#440154}.up .k1{fill:#3b528b}.up .k2{fill:#21918c}.up .k3{fill:#5ec962}.up .k4{fill:#fde725}\n"
    ".dv .k0{fill:#e66101}.dv .k1{fill:#fdb863}.dv .k2{fill:#f7f7f7}.dv .k3{fill:#b2abd2}.dv .k4{fill:#5e3c99}\n"
    ".kn{fill:#bdbdbd}.ki{fill:#000}.kr{fill:#e2e4e7}\n"
    ".legend{display:flex;flex-wrap:wrap;gap:.2em .9em;font-size:.85em;margin:.3em 0}\n"
    ".legend i{display:inline-block;width:1.1em;height:.8em;vertical-align:middle;margin-right:.3em;"
    "border:1px solid #999}\n"
    ".legend svg{width:1.1em;height:.8em;vertical-align:middle;margin-right:.3em}\n"
    "#ga-tip{position:fixed;pointer-events:none;background:#222;color:#fff;padding:.35em .6em;border-radius:4px;"
    "font-size:.85em;max-width:22em;z-index:10}\n"
    "pre{background:#f6f8fa;border:1px solid var(--rule);padding:.8em;overflow:auto;font-size:.82em}\n"
    "footer{margin-top:2em;color:var(--muted);font-size:.85em}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:10.5pt}nav,#ga-tip{display:none}"
    ".maps{grid-template-columns:1fr 1fr;gap:6mm}.scroll{max-height:none;overflow:visible;border:0}"
    "h2{break-before:auto;break-after:avoid}table,figure{break-inside:avoid}"
    "pre{white-space:pre-wrap;font-size:7.5pt}a{color:inherit;text-decoration:none}}\n";

/* Errors of the page's scripts are written into the page (#ga-errors),
 * where a test reads them; the first script, so that it sees the others'. */
static const char error_hook[] =
    "window.gaErrors=[];window.addEventListener('error',function(e){window.gaErrors.push(String(e.message));"
    "var p=document.getElementById('ga-errors');if(p)p.textContent=window.gaErrors.join('\\n');});\n";

/* The tooltip: name, code, the map's measure and the population of the
 * commune under the pointer. With #selftest=CODE in the URL, hovers that
 * commune on every map and writes what the tooltip showed into
 * #ga-selftest (the browser test reads it with --dump-dom). */
static const char tooltip_script[] =
    "(function(){var tip=document.getElementById('ga-tip');\n"
    "function text(p){var m=p.closest('svg');var t=p.getAttribute('data-name')+' ('+p.getAttribute('data-code')+')';\n"
    " if(p.hasAttribute('data-value'))t+='\\n'+m.getAttribute('data-label')+': '+p.getAttribute('data-value');\n"
    " if(p.hasAttribute('data-pop'))t+='\\n'+m.getAttribute('data-pop-label')+': '+p.getAttribute('data-pop');\n"
    " return t;}\n"
    "function show(e){var p=e.target;if(!p.hasAttribute||!p.hasAttribute('data-name')){tip.hidden=true;return;}\n"
    " tip.textContent=text(p);tip.style.whiteSpace='pre-line';tip.hidden=false;\n"
    " tip.style.left=(e.clientX+14)+'px';tip.style.top=(e.clientY+14)+'px';}\n"
    "var maps=document.querySelectorAll('svg.ga-map');\n"
    "for(var i=0;i<maps.length;i++){maps[i].addEventListener('mouseover',show);maps[i].addEventListener('mousemove',show);\n"
    " maps[i].addEventListener('mouseleave',function(){tip.hidden=true;});}\n"
    "var m=/^#selftest=(.*)$/.exec(location.hash);if(!m)return;\n"
    "var out=[];for(var j=0;j<maps.length;j++){var s=maps[j];\n"
    " var n=s.querySelectorAll('g.study > path').length;\n"
    " var p=s.querySelector('g.study > path[data-code=\"'+decodeURIComponent(m[1])+'\"]');tip.textContent='';tip.hidden=true;\n"
    " if(p){var r=p.getBoundingClientRect();var ev=new MouseEvent('mouseover',{bubbles:true,clientX:r.left+1,clientY:r.top+1});\n"
    "  p.dispatchEvent(ev);p.dispatchEvent(new MouseEvent('mousemove',{bubbles:true,clientX:r.left+1,clientY:r.top+1}));}\n"
    " out.push('map '+s.id+' paths='+n+' tip='+(tip.hidden?'':tip.textContent.replace(/\\n/g,' | ')));}\n"
    "tip.hidden=true;document.getElementById('ga-selftest').textContent=out.join('\\n');})();\n";

static ga_status report_date(ga_ctx *ctx, gint64 epoch, char **out) {
    if (epoch < 0) {
        const char *env = g_getenv("SOURCE_DATE_EPOCH");
        if (env) {
            char *end = NULL;
            gint64 v = g_ascii_strtoll(env, &end, 10);
            if (!*env || *end || v < 0)
                return ga_fail(ctx, GA_ERR_VALUE, "SOURCE_DATE_EPOCH: '%s' is not a whole number of seconds",
                               ga_clip(env));
            epoch = v;
        } else {
            epoch = g_get_real_time() / G_USEC_PER_SEC;
        }
    }
    GDateTime *dt = g_date_time_new_from_unix_utc(epoch);
    if (!dt) return ga_fail(ctx, GA_ERR_VALUE, "SOURCE_DATE_EPOCH: %" G_GINT64_FORMAT " is out of range", epoch);
    *out = g_date_time_format(dt, "%Y-%m-%d %H:%M UTC");
    g_date_time_unref(dt);
    return GA_OK;
}

static void head(report *rp, const char *title) {
    put(rp, "<!DOCTYPE html>\n<html lang=\"");
    put(rp, L(rp, "fr", "en"));
    put(rp, "\">\n<head>\n<meta charset=\"utf-8\">\n"
            /* no request leaves the page: it works offline and says so */
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; img-src data:\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(rp, title);
    put(rp, "</title>\n<script>");
    put(rp, error_hook);
    put(rp, "</script>\n<style>\n");
    put(rp, css);
    put(rp, "</style>\n</head>\n<body>\n");
}

static void figure_box(report *rp) { put(rp, "<div><b>"); }

static void figure_end(report *rp, const char *label) {
    put(rp, "</b>");
    esc(rp, label);
    put(rp, "</div>\n");
}

/* "ligne droite × 1,3 à 60 km/h" from the study's keys; the library's words otherwise. */
static void cost_words(report *rp) {
    const ga_study *s = rp->r->study;
    g_autofree char *model = ga_study_get(s, "cost", "model");
    if (strcmp(model, "straight")) {
        esc(rp, rp->r->model_text);
        return;
    }
    put(rp, L(rp, "distance à vol d'oiseau × ", "straight-line distance × "));
    num(rp, ga_study_get_number(s, "cost", "detour"), 2);
    put(rp, L(rp, " (détour) à ", " (detour) at "));
    num(rp, ga_study_get_number(s, "cost", "speed"), 0);
    put(rp, " km/h");
}

/* ---- the summary ---- */

static void summary_figures(report *rp) {
    const ga_study_result *r = rp->r;
    const ga_study_digest *d = rp->d;
    put(rp, "<div class=\"figures\">\n");
    figure_box(rp);
    num(rp, (double)r->n, 0);
    figure_end(rp, L(rp, "communes", "communes"));
    figure_box(rp);
    num(rp, r->total_pop, 0);
    figure_end(rp, L(rp, "habitants (DREES 2021)", "people (DREES 2021)"));
    if (r->has_apl) {
        figure_box(rp);
        num(rp, r->apl.summary.mean_apl, 2);
        figure_end(rp, L(rp, "APL moyenne (consultations par habitant standardisé et par an)",
                         "mean APL (consultations a year per standardised inhabitant)"));
        if (r->has_official) {
            figure_box(rp);
            num(rp, r->apl.official_mean, 2);
            figure_end(rp, L(rp, "APL officielle DREES 2023", "official DREES APL 2023"));
        }
        figure_box(rp);
        num(rp, (double)r->apl.summary.communes_under, 0);
        GString *lab = g_string_new(L(rp, "communes sous une APL de ", "communes with an APL under "));
        ga_fmt_number(lab, r->apl.summary.threshold, 1, rp->lang);
        figure_end(rp, lab->str);
        g_string_free(lab, TRUE);
    }
    if (r->zone_rule) {
        figure_box(rp);
        num(rp, (double)r->n_zone_rows, 0);
        figure_end(rp, L(rp, "communes en zone blanche", "communes in zones blanches"));
    }
    if (r->data.ring) {
        figure_box(rp);
        num(rp, (double)ga_communes_count(r->data.ring->communes), 0);
        GString *lab = g_string_new(L(rp, "communes voisines comptées (", "neighbouring communes counted ("));
        ga_fmt_number(lab, d->ring_people, 0, rp->lang);
        g_string_append(lab, L(rp, " hab.)", " people)"));
        figure_end(rp, lab->str);
        g_string_free(lab, TRUE);
    }
    put(rp, "</div>\n<p>");
    put(rp, L(rp, "Temps de trajet : ", "Travel times: "));
    cost_words(rp);
    put(rp, ".</p>\n");
}

static void nearest_table(report *rp) {
    const ga_study_result *r = rp->r;
    if (!r->n_nearest) return;
    put(rp, "<h3>");
    put(rp, L(rp, "Habitants loin de l'équipement le plus proche", "People far from the nearest facility"));
    put(rp, "</h3>\n<table>\n<tr><th>");
    put(rp, L(rp, "équipement", "facility"));
    put(rp, "</th><th class=\"n\">");
    put(rp, L(rp, "équipements (dont couronne)", "facilities (ring)"));
    put(rp, "</th>");
    for (size_t t = 0; t < r->n_thresholds; t++) {
        put(rp, "<th class=\"n\">&gt; ");
        num(rp, r->thresholds[t], 0);
        put(rp, " min</th>");
    }
    put(rp, "</tr>\n");
    for (size_t k = 0; k < r->n_nearest; k++) {
        const ga_study_nearest *ne = &r->nearest[k];
        put(rp, "<tr><td>");
        esc(rp, type_label(rp, ne->type));
        put(rp, "</td><td class=\"n\">");
        num(rp, (double)ne->n_fac, 0);
        put(rp, " (");
        num(rp, (double)ne->n_ring_fac, 0);
        put(rp, ")</td>");
        for (size_t t = 0; t < r->n_thresholds; t++) {
            double people = rp->d->beyond[k * r->n_thresholds + t], base = rp->d->routed[k];
            put(rp, "<td class=\"n\">");
            num(rp, people, 0);
            put(rp, " (");
            pct(rp, base > 0 ? people / base : 0, 1);
            put(rp, ")</td>");
        }
        put(rp, "</tr>\n");
    }
    put(rp, "</table>\n");
}

static void apl_and_coverage(report *rp) {
    const ga_study_result *r = rp->r;
    if (r->has_apl) {
        const ga_study_apl *a = &r->apl;
        put(rp, "<h3>");
        put(rp, L(rp, "APL aux médecins généralistes (méthode DREES)", "APL to general practitioners (DREES method)"));
        put(rp, "</h3>\n<table>\n<tr><th></th><th class=\"n\">");
        put(rp, L(rp, "calculée ici", "computed here"));
        put(rp, "</th>");
        if (r->has_official) {
            put(rp, "<th class=\"n\">");
            put(rp, L(rp, "officielle (DREES 2023)", "official (DREES 2023)"));
            put(rp, "</th>");
        }
        put(rp, "</tr>\n<tr><td>");
        put(rp, L(rp, "moyenne pondérée par la population standardisée", "mean weighted by standardised population"));
        put(rp, "</td><td class=\"n\">");
        num(rp, a->summary.mean_apl, 3);
        if (r->has_official) {
            put(rp, "</td><td class=\"n\">");
            num(rp, a->official_mean, 3);
        }
        put(rp, "</td></tr>\n<tr><td>");
        put(rp, L(rp, "communes sous ", "communes under "));
        num(rp, a->summary.threshold, 1);
        put(rp, L(rp, " (habitants)", " (people)"));
        put(rp, "</td><td class=\"n\">");
        num(rp, (double)a->summary.communes_under, 0);
        put(rp, " (");
        num(rp, a->summary.population_under, 0);
        put(rp, ")");
        if (r->has_official) {
            put(rp, "</td><td class=\"n\">");
            num(rp, (double)a->official_communes_under, 0);
            put(rp, " (");
            num(rp, a->official_people_under, 0);
            put(rp, ")");
        }
        put(rp, "</td></tr>\n");
        if (r->data.ring) {
            put(rp, "<tr><td>");
            put(rp, L(rp, "moyenne sans la couronne", "mean without the ring"));
            put(rp, "</td><td class=\"n\">");
            num(rp, a->summary_alone.mean_apl, 3);
            put(rp, r->has_official ? "</td><td></td></tr>\n" : "</td></tr>\n");
        }
        if (r->has_official) {
            put(rp, "<tr><td>");
            put(rp, L(rp, "corrélation (Pearson) entre communes", "correlation (Pearson) over communes"));
            put(rp, "</td><td class=\"n\" colspan=\"2\">");
            num(rp, a->correlation, 3);
            put(rp, "</td></tr>\n");
        }
        put(rp, "</table>\n");
    }
    if (r->n_cov) {
        put(rp, "<h3>");
        put(rp, L(rp, "Couverture : ", "Coverage: "));
        esc(rp, type_label(rp, r->cov_type));
        put(rp, "</h3>\n<table>\n<tr><th>");
        put(rp, L(rp, "à moins de", "within"));
        put(rp, "</th><th class=\"n\">");
        put(rp, L(rp, "habitants", "people"));
        put(rp, "</th><th class=\"n\">");
        put(rp, L(rp, "part", "share"));
        put(rp, "</th><th class=\"n\">communes</th></tr>\n");
        for (size_t q = 0; q < r->n_cov; q++) {
            const ga_coverage *c = r->cov[q];
            put(rp, "<tr><td>");
            num(rp, c->threshold, 0);
            put(rp, " min</td><td class=\"n\">");
            num(rp, c->total_covered, 0);
            put(rp, "</td><td class=\"n\">");
            pct(rp, c->total_population > 0 ? c->total_covered / c->total_population : 0, 1);
            put(rp, "</td><td class=\"n\">");
            num(rp, (double)c->total_communes_covered, 0);
            put(rp, " / ");
            num(rp, (double)c->total_communes, 0);
            put(rp, "</td></tr>\n");
        }
        put(rp, "</table>\n");
    }
}

/* ---- the maps ---- */

typedef struct {
    const char *id, *title, *label, *unit; /* unit: "" none */
    const double *values;                  /* per study commune; NAN unknown, INFINITY none within reach */
    int decimals;
    const double *breaks;                  /* 4 ascending: 5 classes */
    const char *palette;                   /* "": low is good (times), "up": high is good, "dv": diverging */
} map_spec;

static int class_of(double v, const double *breaks) {
    int k = 0;
    while (k < 4 && v >= breaks[k]) k++;
    return k;
}

static void value_text(GString *s, const map_spec *m, double v, ga_lang lang) {
    if (isinf(v) && v > 0 && *m->unit) {
        g_string_append(s, lang == GA_LANG_FR ? "aucun à portée" : "none within reach");
        return;
    }
    ga_fmt_number(s, v, m->decimals, lang);
    if (*m->unit && !isnan(v)) g_string_append_printf(s, " %s", m->unit);
}

static void bounds(const ga_communes *c, double *b) {
    b[0] = b[1] = INFINITY;
    b[2] = b[3] = -INFINITY;
    for (size_t i = 0; i < c->n; i++) {
        const GEOSGeometry *g = ga_communes_geometry(c, i);
        double x0, y0, x1, y1;
        if (!g || !GEOSGeom_getXMin_r(c->geos, g, &x0) || !GEOSGeom_getYMin_r(c->geos, g, &y0) ||
            !GEOSGeom_getXMax_r(c->geos, g, &x1) || !GEOSGeom_getYMax_r(c->geos, g, &y1))
            continue;
        b[0] = MIN(b[0], x0);
        b[1] = MIN(b[1], y0);
        b[2] = MAX(b[2], x1);
        b[3] = MAX(b[3], y1);
    }
}

/* The path data of a commune, simplified first by GEOS to half an SVG unit
 * (what rounding to whole units loses anyway): the file is about half as
 * large, the same to the eye. */
static void commune_d(GString *out, const ga_communes *c, size_t i, const ga_svg_frame *f) {
    const GEOSGeometry *g = ga_communes_geometry(c, i);
    if (!g) return;
    GEOSGeometry *s = GEOSTopologyPreserveSimplify_r(c->geos, g, 0.5 / f->scale);
    ga_svg_path_d(out, c->geos, s ? s : g, f);
    if (s) GEOSGeom_destroy_r(c->geos, s);
}

/* The ring's communes that show in the frame, once for every map. */
static void ring_group(report *rp) {
    rp->ring_paths = g_string_new("<g class=\"ring\">\n");
    const ga_ring *ring = rp->r->data.ring;
    const ga_svg_frame *f = &rp->frame;
    double fx1 = f->x0 + f->width / f->scale, fy0 = f->y0 - f->height / f->scale;
    for (size_t i = 0; ring && i < ring->communes->n; i++) {
        const ga_communes *c = ring->communes;
        const GEOSGeometry *g = ga_communes_geometry(c, i);
        double x0, y0, x1, y1;
        if (!g || !GEOSGeom_getXMin_r(c->geos, g, &x0) || !GEOSGeom_getYMin_r(c->geos, g, &y0) ||
            !GEOSGeom_getXMax_r(c->geos, g, &x1) || !GEOSGeom_getYMax_r(c->geos, g, &y1))
            continue;
        if (x1 < f->x0 || x0 > fx1 || y1 < fy0 || y0 > f->y0) continue; /* out of the frame */
        g_string_append(rp->ring_paths, "<path data-code=\"");
        ga_html_escape(rp->ring_paths, ga_communes_id(c, i));
        g_string_append(rp->ring_paths, "\" data-name=\"");
        ga_html_escape(rp->ring_paths, ga_communes_name(c, i));
        g_string_append(rp->ring_paths, "\" data-pop=\"");
        ga_fmt_number(rp->ring_paths, ring->pop[i], 0, rp->lang);
        g_string_append(rp->ring_paths, "\" d=\"");
        commune_d(rp->ring_paths, c, i, f);
        g_string_append(rp->ring_paths, "\"><title>");
        ga_html_escape(rp->ring_paths, ga_communes_name(c, i));
        g_string_append(rp->ring_paths, " (");
        ga_html_escape(rp->ring_paths, ga_communes_id(c, i));
        g_string_append(rp->ring_paths, rp->lang == GA_LANG_FR ? ") : commune voisine</title></path>\n"
                                                               : "): neighbouring commune</title></path>\n");
    }
    g_string_append(rp->ring_paths, "</g>\n");
}

/* A scale bar of a round length at the bottom left, a north arrow at the
 * top right (the layer's CRS is projected, north up). */
static void decorations(report *rp) {
    const ga_svg_frame *f = &rp->frame;
    static const double lengths[] = {1, 2, 5, 10, 20, 50, 100, 200, 500};
    double km = lengths[0];
    for (size_t k = 0; k < G_N_ELEMENTS(lengths); k++)
        if (lengths[k] * 1000 * f->scale <= f->width / 4) km = lengths[k];
    long len = lround(km * 1000 * f->scale), x = 20, y = lround(f->height) - 20;
    g_string_append_printf(rp->h,
                           "<g class=\"deco\"><path d=\"M%ld %ldv8h%ldv-8\"/><text x=\"%ld\" y=\"%ld\">", x,
                           y - 8, len, x, y - 16);
    num(rp, km, 0);
    g_string_append_printf(rp->h,
                           " km</text><path d=\"M%ld 84l16 -48 16 48 -16 -13z\" style=\"fill:#333\"/>"
                           "<text x=\"%ld\" y=\"30\">N</text></g>\n",
                           lround(f->width) - 56, lround(f->width) - 49);
}

static void swatch(report *rp, const char *cls) {
    g_string_append_printf(rp->h, "<span><svg viewBox=\"0 0 11 8\"><rect class=\"%s\" width=\"11\" height=\"8\" "
                                  "stroke=\"#999\" stroke-width=\".6\"/></svg>",
                           cls);
}

static void legend(report *rp, const map_spec *m, bool any_inf, bool any_nan) {
    g_string_append_printf(rp->h, "<div class=\"legend %s\">", m->palette);
    for (int k = 0; k < 5; k++) {
        char cls[4] = {'k', (char)('0' + k), 0};
        swatch(rp, cls);
        if (k == 0) put(rp, "&lt; ");
        else if (k == 4) put(rp, "&#8805; ");
        num(rp, m->breaks[k == 0 ? 0 : k - 1], m->decimals > 1 ? 1 : m->decimals);
        if (k > 0 && k < 4) {
            put(rp, " &#8211; ");
            num(rp, m->breaks[k], m->decimals > 1 ? 1 : m->decimals);
        }
        if (*m->unit) g_string_append_printf(rp->h, " %s", m->unit);
        put(rp, "</span>");
    }
    if (any_inf) {
        swatch(rp, "ki");
        put(rp, L(rp, "aucun à portée</span>", "none within reach</span>"));
    }
    if (any_nan) {
        swatch(rp, "kn");
        put(rp, L(rp, "inconnu</span>", "unknown</span>"));
    }
    swatch(rp, "kr");
    put(rp, L(rp, "communes voisines (non décrites)</span>", "neighbouring communes (not reported)</span>"));
    put(rp, "</div>\n");
}

static void map(report *rp, const map_spec *m, char *const *paths) {
    const ga_study_result *r = rp->r;
    const ga_communes *c = r->data.communes;
    const ga_svg_frame *f = &rp->frame;
    g_string_append_printf(rp->h, "<figure class=\"map\"><figcaption><b>");
    esc(rp, m->title);
    put(rp, "</b><br><span>");
    if (*r->name) {
        esc(rp, r->name);
        put(rp, ", ");
    }
    num(rp, (double)r->n, 0);
    put(rp, " communes; ");
    cost_words(rp);
    put(rp, L(rp, ". Sources : voir « Données ».", ". Sources: see “Inputs”."));
    g_string_append_printf(rp->h, "</span></figcaption>\n<svg class=\"ga-map %s\" id=\"", m->palette);
    esc(rp, m->id);
    g_string_append_printf(rp->h, "\" viewBox=\"0 0 %ld %ld\" role=\"img\" data-label=\"", lround(f->width),
                           lround(f->height));
    esc(rp, m->label);
    put(rp, "\" data-pop-label=\"");
    put(rp, L(rp, "habitants", "people"));
    put(rp, "\" aria-label=\"");
    esc(rp, m->title);
    put(rp, "\">\n");
    g_string_append_len(rp->h, rp->ring_paths->str, (gssize)rp->ring_paths->len);
    put(rp, "<g class=\"study\">\n");
    bool any_inf = false, any_nan = false;
    GString *value = g_string_new(NULL);
    for (size_t i = 0; i < r->n; i++) {
        double v = m->values[i];
        any_nan |= isnan(v);
        any_inf |= isinf(v);
        g_string_truncate(value, 0);
        value_text(value, m, v, rp->lang);
        if (isnan(v)) put(rp, "<path class=\"kn\"");
        else if (isinf(v)) put(rp, "<path class=\"ki\"");
        else g_string_append_printf(rp->h, "<path class=\"k%d\"", class_of(v, m->breaks));
        put(rp, " data-code=\"");
        esc(rp, ga_communes_id(c, i));
        put(rp, "\" data-name=\"");
        esc(rp, ga_communes_name(c, i));
        put(rp, "\" data-value=\"");
        esc(rp, value->str);
        put(rp, "\" data-pop=\"");
        num(rp, r->data.pop[i], 0);
        put(rp, "\" d=\"");
        put(rp, paths[i]);
        put(rp, "\"><title>");
        esc(rp, ga_communes_name(c, i));
        put(rp, " (");
        esc(rp, ga_communes_id(c, i));
        put(rp, L(rp, ") : ", "): "));
        esc(rp, value->str);
        put(rp, "</title></path>\n");
    }
    g_string_free(value, TRUE);
    put(rp, "</g>\n");
    decorations(rp);
    put(rp, "</svg>\n");
    legend(rp, m, any_inf, any_nan);
    put(rp, "</figure>\n");
}

static void maps(report *rp) {
    const ga_study_result *r = rp->r;
    const ga_communes *c = r->data.communes;
    if (!ga_communes_has_polygons(c)) { /* points only (a national study): no map, as the PNG maps */
        put(rp, "<section id=\"maps\"><h2>");
        put(rp, L(rp, "Cartes", "Maps"));
        put(rp, "</h2>\n<p class=\"note\">");
        put(rp, L(rp, "Pas de carte : les communes de cette étude sont des points. Donnez des polygones à "
                      "communes.path pour les cartes.",
                  "No map: the communes of this study are points. Give communes.path polygons for the maps."));
        put(rp, "</p>\n</section>\n");
        return;
    }
    double b[4];
    bounds(c, b);
    rp->frame = ga_svg_frame_fit(b[0], b[1], b[2], b[3], 0.03, MAP_WIDTH);
    ring_group(rp);
    char **paths = g_new0(char *, r->n + 1);
    for (size_t i = 0; i < r->n; i++) {
        GString *d = g_string_new(NULL);
        commune_d(d, c, i, &rp->frame);
        paths[i] = g_string_free(d, FALSE);
    }
    static const double apl_breaks[] = {2.5, 3.5, 4.5, 5.5}, diff_breaks[] = {-2, -0.5, 0.5, 2},
                        minute_breaks[] = {10, 20, 30, 45};
    put(rp, "<section id=\"maps\"><h2>");
    put(rp, L(rp, "Cartes", "Maps"));
    put(rp, "</h2>\n<p class=\"note\">");
    put(rp, L(rp, "Survolez une commune pour lire son nom et sa valeur. Les communes voisines (en gris clair) "
                  "comptent dans les calculs mais ne sont pas décrites.",
              "Hover over a commune to read its name and value. The neighbouring communes (light grey) count in "
              "the measures but are not reported."));
    put(rp, "</p>\n<div class=\"maps\">\n");
    if (r->has_apl) {
        map_spec m = {"map-apl", L(rp, "APL aux médecins généralistes (calculée ici)",
                                   "APL to general practitioners (computed here)"),
                      "APL", "", r->apl.apl, 2, apl_breaks, "up"};
        map(rp, &m, paths);
        if (r->has_official) {
            map_spec o = {"map-apl-official", L(rp, "APL officielle (DREES 2023)", "Official APL (DREES 2023)"),
                          L(rp, "APL officielle", "official APL"), "", r->apl.official, 2, apl_breaks, "up"};
            map(rp, &o, paths);
            map_spec dm = {"map-apl-difference", L(rp, "APL calculée ici moins l'APL officielle",
                                                   "APL computed here minus the official APL"),
                           L(rp, "écart", "difference"), "", rp->d->apl_diff, 2, diff_breaks, "dv"};
            map(rp, &dm, paths);
        }
    }
    for (size_t k = 0; k < r->n_nearest; k++) {
        const ga_study_nearest *ne = &r->nearest[k];
        g_autofree char *id = g_strdup_printf("map-%s-minutes", ne->type);
        g_autofree char *title = g_strconcat(L(rp, "Temps jusqu'à l'équipement le plus proche : ", "Estimated time to the nearest "),
                                             type_label(rp, ne->type), NULL);
        map_spec m = {id, title, L(rp, "temps", "time"), "min", ne->time, 1, minute_breaks, ""};
        map(rp, &m, paths);
    }
    put(rp, "</div>\n</section>\n");
    g_strfreev(paths);
    g_string_free(rp->ring_paths, TRUE);
    rp->ring_paths = NULL;
}

/* ---- tables ---- */

static void commune_cells(report *rp, size_t i) {
    const ga_communes *c = rp->r->data.communes;
    put(rp, "<td>");
    esc(rp, ga_communes_id(c, i));
    put(rp, "</td><td>");
    esc(rp, ga_communes_name(c, i));
    put(rp, "</td><td class=\"n\">");
    num(rp, rp->r->data.pop[i], 0);
    put(rp, "</td>");
}

static void commune_head(report *rp) {
    put(rp, "<tr><th>");
    put(rp, L(rp, "code INSEE", "INSEE code"));
    put(rp, "</th><th>");
    put(rp, L(rp, "commune", "commune"));
    put(rp, "</th><th class=\"n\">");
    put(rp, L(rp, "habitants", "people"));
    put(rp, "</th>");
}

static void zones(report *rp) {
    const ga_study_result *r = rp->r;
    if (!r->zone_rule) return;
    const ga_study_nearest *ne = ga_study_result_nearest(r, r->zone_type);
    put(rp, "<section id=\"zones\"><h2>");
    put(rp, L(rp, "Zones blanches", "Zones blanches"));
    put(rp, "</h2>\n<p>");
    put(rp, L(rp, "Règle : ", "Rule: "));
    put(rp, "<code>");
    esc(rp, r->zone_rule);
    put(rp, "</code>. ");
    num(rp, (double)r->n_zone_rows, 0);
    put(rp, L(rp, " commune(s), ", " commune(s), "));
    num(rp, rp->d->zone_people, 0);
    put(rp, L(rp, " habitants.</p>\n", " people.</p>\n"));
    if (!r->n_zone_rows) {
        put(rp, "<p class=\"note\">");
        put(rp, L(rp, "Aucune commune ne satisfait la règle.", "No commune meets the rule."));
        put(rp, "</p>\n</section>\n");
        return;
    }
    put(rp, "<div class=\"scroll\"><table>\n");
    commune_head(rp);
    if (ne) {
        put(rp, "<th class=\"n\">");
        esc(rp, type_label(rp, ne->type));
        put(rp, " (min)</th>");
    }
    put(rp, "</tr>\n");
    for (size_t q = 0; q < r->n_zone_rows; q++) {
        size_t i = r->zone_rows[q];
        put(rp, "<tr>");
        commune_cells(rp, i);
        if (ne) {
            put(rp, "<td class=\"n\">");
            num(rp, ne->time[i], 1);
            put(rp, "</td>");
        }
        put(rp, "</tr>\n");
    }
    put(rp, "</table></div>\n</section>\n");
}

static void apl_table(report *rp) {
    const ga_study_result *r = rp->r;
    if (!r->has_apl) return;
    put(rp, "<section id=\"apl\"><h2>");
    put(rp, L(rp, "APL par commune", "APL per commune"));
    put(rp, "</h2>\n<p class=\"note\">");
    put(rp, L(rp, "Consultations et visites accessibles par habitant standardisé et par an. ",
              "Consultations and visits within reach a year per standardised inhabitant. "));
    if (r->has_official)
        put(rp, L(rp, "L'APL calculée ici compte chaque médecin de la BPE pour l'activité que la DREES impute "
                      "à un médecin sans activité connue ; l'APL officielle utilise l'activité réelle.",
                  "The APL computed here counts each GP of the BPE for the activity the DREES imputes to a GP "
                  "without a known activity; the official APL uses the real activity."));
    put(rp, "</p>\n<div class=\"scroll\"><table>\n");
    commune_head(rp);
    put(rp, "<th class=\"n\">");
    put(rp, L(rp, "APL calculée", "APL computed"));
    put(rp, "</th>");
    if (r->has_official) {
        put(rp, "<th class=\"n\">");
        put(rp, L(rp, "APL officielle", "official APL"));
        put(rp, "</th><th class=\"n\">");
        put(rp, L(rp, "écart", "difference"));
        put(rp, "</th>");
    }
    put(rp, "</tr>\n");
    for (size_t i = 0; i < r->n; i++) {
        put(rp, "<tr>");
        commune_cells(rp, i);
        put(rp, "<td class=\"n\">");
        num(rp, r->apl.apl[i], 2);
        put(rp, "</td>");
        if (r->has_official) {
            put(rp, "<td class=\"n\">");
            num(rp, r->apl.official[i], 2);
            put(rp, "</td><td class=\"n\">");
            num(rp, rp->d->apl_diff[i], 2);
            put(rp, "</td>");
        }
        put(rp, "</tr>\n");
    }
    put(rp, "</table></div>\n</section>\n");
}

static void change_value(report *rp, double v, bool apl) {
    if (isinf(v) && !apl) put(rp, L(rp, "aucun", "none"));
    else num(rp, v, apl ? 3 : 1);
}

static void scenario(report *rp, const ga_digest_scenario *s) {
    put(rp, "<h3>");
    esc(rp, s->name);
    put(rp, "</h3>\n");
    if (*s->description) {
        put(rp, "<p>");
        esc(rp, s->description);
        put(rp, "</p>\n");
    }
    put(rp, "<p>");
    put(rp, L(rp, "Équipements : ", "Facilities: "));
    num(rp, (double)s->added, 0);
    put(rp, L(rp, " ajouté(s), ", " added, "));
    num(rp, (double)s->removed, 0);
    put(rp, L(rp, " retiré(s), ", " removed, "));
    num(rp, (double)s->changed, 0);
    put(rp, L(rp, " capacité(s) modifiée(s), ", " capacities changed, "));
    num(rp, (double)s->retired, 0);
    put(rp, L(rp, " départ(s) en retraite.", " retired."));
    if (!isnan(s->apl_base)) {
        put(rp, L(rp, " APL moyenne : ", " Mean APL: "));
        num(rp, s->apl_base, 3);
        put(rp, " &#8594; ");
        num(rp, s->apl_scen, 3);
        put(rp, ".");
    }
    put(rp, "</p>\n");
    for (size_t q = 0; q < s->n_measures; q++) {
        const ga_digest_measure *m = &s->measures[q];
        bool apl = !m->type;
        put(rp, "<p><b>");
        if (apl) put(rp, L(rp, "APL aux médecins généralistes", "APL to general practitioners"));
        else esc(rp, type_label(rp, m->type));
        put(rp, "</b> : ");
        num(rp, (double)m->changed, 0);
        put(rp, L(rp, " commune(s) changent", " commune(s) change"));
        if (m->n_top < m->changed) {
            put(rp, L(rp, " ; les ", "; the "));
            num(rp, (double)m->n_top, 0);
            put(rp, L(rp, " plus grands changements :", " largest changes:"));
        }
        put(rp, "</p>\n");
        if (!m->n_top) continue;
        put(rp, "<table>\n");
        commune_head(rp);
        put(rp, "<th class=\"n\">");
        put(rp, L(rp, "avant", "before"));
        put(rp, "</th><th class=\"n\">");
        put(rp, L(rp, "après", "after"));
        put(rp, "</th><th class=\"n\">");
        put(rp, apl ? L(rp, "écart", "change") : L(rp, "écart (min)", "change (min)"));
        put(rp, "</th></tr>\n");
        for (size_t k = 0; k < m->n_top; k++) {
            const ga_digest_change *c = &m->top[k];
            put(rp, "<tr>");
            commune_cells(rp, c->commune);
            put(rp, "<td class=\"n\">");
            change_value(rp, c->base, apl);
            put(rp, "</td><td class=\"n\">");
            change_value(rp, c->scen, apl);
            put(rp, "</td><td class=\"n\">");
            if (!isinf(c->delta) && c->delta > 0) put(rp, "+");
            num(rp, c->delta, apl ? 3 : 1);
            put(rp, "</td></tr>\n");
        }
        put(rp, "</table>\n");
    }
}

static void scenarios(report *rp) {
    if (!rp->d->n_scen) return;
    put(rp, "<section id=\"scenarios\"><h2>");
    put(rp, L(rp, "Scénarios", "Scenarios"));
    put(rp, "</h2>\n<p class=\"note\">");
    put(rp, L(rp, "Hypothétiques : calculés sur le même modèle de temps que la situation de base ; les communes "
                  "qui changent le plus.",
              "Hypothetical: computed on the same travel-time model as the base; the communes that change most."));
    put(rp, "</p>\n");
    for (size_t k = 0; k < rp->d->n_scen; k++) scenario(rp, &rp->d->scen[k]);
    put(rp, "</section>\n");
}

static void inputs(report *rp) {
    put(rp, "<section id=\"inputs\"><h2>");
    put(rp, L(rp, "Données", "Inputs"));
    put(rp, "</h2>\n<table>\n<tr><th>");
    put(rp, L(rp, "clé", "key"));
    put(rp, "</th><th>");
    put(rp, L(rp, "fichier", "file"));
    put(rp, "</th><th>");
    put(rp, L(rp, "provenance", "provenance"));
    put(rp, "</th><th>");
    put(rp, L(rp, "licence", "licence"));
    put(rp, "</th></tr>\n");
    for (size_t k = 0; k < rp->d->n_inputs; k++) {
        const ga_digest_input *in = &rp->d->inputs[k];
        put(rp, "<tr><td><code>");
        esc(rp, in->key);
        put(rp, "</code></td><td class=\"file\">");
        esc(rp, in->shown);
        put(rp, "</td><td>");
        if (in->title) esc(rp, in->title);
        else put(rp, L(rp, "(pas de fichier PROVENANCE)", "(no PROVENANCE file)"));
        put(rp, "</td><td>");
        if (in->licence) esc(rp, in->licence);
        else put(rp, L(rp, "(non indiquée)", "(not stated)"));
        put(rp, "</td></tr>\n");
    }
    put(rp, "</table>\n</section>\n");
}

static void study_text(report *rp) {
    put(rp, "<section id=\"study\"><h2>");
    put(rp, L(rp, "Paramètres de l'étude", "Parameters of the study"));
    put(rp, "</h2>\n<p class=\"note\">");
    put(rp, L(rp, "Le fichier d'étude effectif (valeurs par défaut comprises) : <code>geoaccess run ce_fichier.ini</code> "
                  "refait ce calcul.",
              "The effective study file (defaults filled in): <code>geoaccess run this_file.ini</code> "
              "reproduces this run."));
    put(rp, "</p>\n<pre>");
    esc(rp, rp->d->study_text);
    put(rp, "</pre>\n</section>\n");
}

static void contents(report *rp) {
    const ga_study_result *r = rp->r;
    put(rp, "<nav><ol>\n<li><a href=\"#summary\">");
    put(rp, L(rp, "Résumé", "Summary"));
    put(rp, "</a></li>\n<li><a href=\"#maps\">");
    put(rp, L(rp, "Cartes", "Maps"));
    put(rp, "</a></li>\n<li><a href=\"#figures\">");
    put(rp, L(rp, "Chiffres détaillés", "Detailed figures"));
    put(rp, "</a></li>\n");
    if (r->zone_rule) put(rp, "<li><a href=\"#zones\">Zones blanches</a></li>\n");
    if (r->has_apl) {
        put(rp, "<li><a href=\"#apl\">");
        put(rp, L(rp, "APL par commune", "APL per commune"));
        put(rp, "</a></li>\n");
    }
    if (rp->d->n_scen) {
        put(rp, "<li><a href=\"#scenarios\">");
        put(rp, L(rp, "Scénarios", "Scenarios"));
        put(rp, "</a></li>\n");
    }
    put(rp, "<li><a href=\"#inputs\">");
    put(rp, L(rp, "Données", "Inputs"));
    put(rp, "</a></li>\n<li><a href=\"#study\">");
    put(rp, L(rp, "Paramètres de l'étude", "Parameters of the study"));
    put(rp, "</a></li>\n</ol></nav>\n");
}

ga_status ga_report_write(ga_ctx *ctx, const ga_study_result *r, const ga_report_options *o, const char *path) {
    g_autofree char *date = NULL;
    ga_status st = report_date(ctx, o ? o->epoch : -1, &date);
    if (st) return st;
    ga_study_digest *d = NULL;
    if ((st = ga_study_digest_make(ctx, r, o && o->top ? o->top : 10, &d))) return st;
    report rp = {g_string_sized_new(1 << 20), strcmp(r->lang ? r->lang : "fr", "en") ? GA_LANG_FR : GA_LANG_EN,
                 r, d, {0, 0, 0, 0, 0}, NULL};
    g_autofree char *title = g_strdup_printf("%s%s%s", L(&rp, "Accès aux soins", "Access to health care"),
                                             *r->name ? " — " : "", r->name);
    head(&rp, title);
    put(&rp, "<header><h1>");
    esc(&rp, title);
    put(&rp, "</h1>\n<p class=\"meta\">");
    put(&rp, L(&rp, "Rapport de geoaccess ", "Report by geoaccess "));
    esc(&rp, GA_ENGINE_VERSION);
    put(&rp, ", ");
    esc(&rp, date);
    put(&rp, "</p>\n</header>\n");
    contents(&rp);
    put(&rp, "<section id=\"summary\"><h2>");
    put(&rp, L(&rp, "Résumé", "Summary"));
    put(&rp, "</h2>\n");
    summary_figures(&rp);
    put(&rp, "</section>\n");
    maps(&rp);
    put(&rp, "<section id=\"figures\"><h2>");
    put(&rp, L(&rp, "Chiffres détaillés", "Detailed figures"));
    put(&rp, "</h2>\n");
    nearest_table(&rp);
    apl_and_coverage(&rp);
    put(&rp, "</section>\n");
    zones(&rp);
    apl_table(&rp);
    scenarios(&rp);
    inputs(&rp);
    study_text(&rp);
    put(&rp, "<footer>geoaccess ");
    esc(&rp, GA_ENGINE_VERSION);
    put(&rp, " · ");
    esc(&rp, date);
    put(&rp, "</footer>\n<div id=\"ga-tip\" role=\"tooltip\" hidden></div>\n"
             "<pre id=\"ga-errors\" hidden></pre>\n<pre id=\"ga-selftest\" hidden></pre>\n<script>\n");
    put(&rp, tooltip_script);
    put(&rp, "</script>\n</body>\n</html>\n");
    st = ga_atomic_write_file(ctx, path, rp.h->str, rp.h->len);
    g_string_free(rp.h, TRUE);
    ga_study_digest_free(d);
    return st;
}
