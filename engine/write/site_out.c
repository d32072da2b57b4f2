/* The files of a siting run: see site_out.h. */
#include <math.h>
#include <string.h>
#include "write/site_out.h"
#include "core/atomic.h"
#include "write/csv_out.h"
#include "layer/communes.h"
#include "study/ring.h"
#include "write/plan_maps.h"

void ga_site_label(const ga_plan_data *d, const ga_site_result *r, const ga_site_candidates *c, size_t k,
                   const char **insee, const char **nom) {
    const ga_site_candidate *cd = &c->cand[r->chosen[k].candidate];
    if (cd->commune) {
        size_t i = (size_t)r->chosen[k].commune;
        *insee = ga_communes_id(d->communes, i);
        *nom = ga_communes_name(d->communes, i);
    } else {
        *insee = "";
        *nom = cd->name ? cd->name : "";
    }
}

static void sites_csv(const ga_plan_data *d, const ga_site_result *r, const ga_site_candidates *c, GString *s) {
    static const char *const head[] = {"rank", "insee", "nom", "x", "y", "gain", "cumulative_gain", NULL};
    ga_csv_writer w = ga_csv_to_string(s);
    ga_csv_header(&w, head);
    for (size_t k = 0; k < r->n_chosen; k++) {
        const char *insee, *nom;
        ga_site_label(d, r, c, k, &insee, &nom);
        ga_csv_size(&w, k + 1);
        ga_csv_text(&w, insee);
        ga_csv_text(&w, nom);
        ga_csv_number(&w, r->chosen[k].x, 1);
        ga_csv_number(&w, r->chosen[k].y, 1);
        /* round trip: `scenario` on the written file gives the same digits */
        ga_csv_number(&w, r->chosen[k].gain, -1);
        ga_csv_number(&w, r->chosen[k].cumulative, -1);
        ga_csv_end_row(&w);
    }
}

static char *scenario_text(const ga_site_result *r, const ga_site_write_info *w) {
    const ga_site_options *o = w->options;
    GKeyFile *kf = g_key_file_new();
    g_autofree char *name = g_strdup_printf("site_%s_%s", o->type, ga_site_objective_name(o->objective));
    g_autofree char *desc = g_strdup_printf("%zu new %s sites of capacity %g chosen by geoaccess site (objective %s%s%s)",
                                            r->n_chosen, o->type, o->capacity, ga_site_objective_name(o->objective),
                                            w->rule_text ? ": " : "", w->rule_text ? w->rule_text : "");
    g_key_file_set_string(kf, "scenario", "name", name);
    g_key_file_set_string(kf, "scenario", "description", desc);
    for (size_t k = 0; k < r->n_chosen; k++) {
        const ga_site_candidate *cd = &w->candidates->cand[r->chosen[k].candidate];
        g_autofree char *grp = g_strdup_printf("add site-%zu", k + 1);
        char num[G_ASCII_DTOSTR_BUF_SIZE];
        g_key_file_set_string(kf, grp, "type", o->type);
        if (cd->commune) {
            g_key_file_set_string(kf, grp, "commune", cd->commune);
        } else {
            g_key_file_set_string(kf, grp, "x", g_ascii_dtostr(num, sizeof num, r->chosen[k].x));
            g_key_file_set_string(kf, grp, "y", g_ascii_dtostr(num, sizeof num, r->chosen[k].y));
        }
        g_key_file_set_string(kf, grp, "capacity", g_ascii_dtostr(num, sizeof num, o->capacity));
    }
    char *text = g_key_file_to_data(kf, NULL, NULL);
    g_key_file_free(kf);
    return text;
}

static ga_status site_map(ga_ctx *ctx, const ga_plan_data *d, const ga_site_result *r, const ga_site_write_info *w,
                          const char *path) {
    const ga_site_options *o = w->options;
    ga_points *pts = ga_points_new();
    for (size_t k = 0; k < r->n_chosen; k++) {
        char id[32];
        g_snprintf(id, sizeof id, "site-%zu", k + 1);
        ga_points_add(pts, id, r->chosen[k].x, r->chosen[k].y, o->type, o->capacity);
    }
    double t = o->threshold;
    double cov[] = {t / 2, t, 1.5 * t, 2 * t}, apl[] = {1.5, 2.5, 3.5, 4.5, 6}, zone[] = {1};
    g_autofree char *title = NULL, *sub = NULL;
    ga_map_style st = {.width_px = 1200};
    if (o->objective == GA_SITE_COVERAGE) {
        title = g_strdup_printf("Time to the nearest %s with %zu new sites (blue)", o->type, r->n_chosen);
        sub = g_strdup_printf("maximal covering within %g minutes; times beyond it unchanged by the sites", t);
        st.unit = "minutes";
        st.breaks = cov;
        st.n_breaks = G_N_ELEMENTS(cov);
    } else if (o->objective == GA_SITE_APL) {
        title = g_strdup_printf("APL to GPs with %zu new sites (blue)", r->n_chosen);
        sub = g_strdup_printf("objective: APL gained below %g, weighted by population", o->apl_floor);
        st.unit = "consultations / std. inhabitant";
        st.breaks = apl;
        st.n_breaks = G_N_ELEMENTS(apl);
        st.high_is_good = true;
    } else {
        title = g_strdup_printf("Zone blanche with %zu new sites (blue)", r->n_chosen);
        sub = g_strdup_printf("rule: %s", w->rule_text ? w->rule_text : "");
        st.unit = "1: in the zone";
        st.breaks = zone;
        st.n_breaks = 1;
    }
    st.title = title;
    st.subtitle = sub;
    g_autofree char *sources = ga_plan_maps_sources(d);
    st.sources = sources;
    /* the ring drawn paler around, as the other maps of a study */
    ga_map_layer l = {.communes = d->communes, .values = r->after, .pop = d->pop,
                      .ring = d->ring ? d->ring->communes : NULL, .points = pts};
    ga_status s = ga_map_draw(ctx, &l, &st, path, NULL);
    ga_points_free(pts);
    return s;
}

ga_status ga_site_write(ga_ctx *ctx, const ga_plan_data *d, const ga_site_result *r, const ga_site_write_info *w,
                        const char *out_dir, GString *written) {
    GString *csv = g_string_new(NULL);
    sites_csv(d, r, w->candidates, csv);
    g_autofree char *ini = scenario_text(r, w);
    g_autofree char *p_csv = g_build_filename(out_dir, "sites.csv", NULL);
    g_autofree char *p_ini = g_build_filename(out_dir, "sites_scenario.ini", NULL);
    g_autofree char *png = g_strdup_printf("sites_%s.png", ga_site_objective_name(w->options->objective));
    g_autofree char *p_png = g_build_filename(out_dir, png, NULL);
    ga_status st = ga_atomic_write_file(ctx, p_csv, csv->str, csv->len);
    if (!st) st = ga_atomic_write_file(ctx, p_ini, ini, strlen(ini));
    if (!st) st = site_map(ctx, d, r, w, p_png);
    if (!st && written) g_string_append_printf(written, "%s%s, %s, %s", written->len ? ", " : "", p_csv, p_ini, p_png);
    g_string_free(csv, TRUE);
    return st;
}
