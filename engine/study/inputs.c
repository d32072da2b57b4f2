/* The inputs of a study and the measures over them shared by the planning
 * commands and the study pipeline: see inputs.h. */
#include <math.h>
#include <string.h>
#include "study/inputs.h"
#include "study/sources.h"
#include "study/ring.h"
#include "core/internal.h"
#include "geoaccess/nearest.h"
#include "load/load.h"

const ga_plan_type ga_plan_default_types[] = {
    {"gp", "D201", "general practitioner", false},
    {"pharm", "D301", "pharmacy", false},
    {"msp", "D113", "maison de santé (MSP)", false},
    {"urg", "D106", "emergency department", false},
    {"mat", "D107", "maternity unit", false},
    {"hosp", NULL, "health establishment (FINESS)", false},
    {"cds", "D108", "centre de santé", false}, /* last: `run` reports the six before it */
};
const size_t ga_plan_n_default_types = G_N_ELEMENTS(ga_plan_default_types);

const char *ga_plan_type_label(const char *prefix) {
    for (size_t k = 0; k < ga_plan_n_default_types; k++)
        if (!strcmp(ga_plan_default_types[k].prefix, prefix)) return ga_plan_default_types[k].label;
    return prefix;
}

void ga_plan_data_clear(ga_plan_data *d) {
    ga_communes_free(d->communes);
    g_free(d->pop);
    g_free(d->pop_std);
    ga_points_free(d->fac);
    g_free(d->ages);
    if (d->types) g_ptr_array_free(d->types, TRUE);
    g_free(d->what);
    if (d->sources) g_string_free(d->sources, TRUE);
    if (d->notes) g_string_free(d->notes, TRUE);
    ga_ring_free(d->ring);
    ga_points_free(d->ring_points);
    memset(d, 0, sizeof *d);
}

/* FINESS hospitals: real coordinates (Lambert-93). The three rows the
 * source geocoded in the Loire (the CH de Béziers and two of its services)
 * are corrected once in the embedded file (scripts/fix_finess_geocoding.py:
 * the coordinates of the row at the same address), so every command reads
 * the same facilities; here the corrected rows are noted, and a row still
 * flagged as geocoded outside the area (inside_herault = 0) is refused. */
ga_status ga_plan_load_hospitals(ga_ctx *ctx, const char *path, const ga_communes *c,
                                 ga_points **out, GString *notes) {
    ga_points_options po = {.id_col = "finess_et", .x_col = "x_l93", .y_col = "y_l93",
                            .crs = "EPSG:2154", .type_col = "facility_type"};
    ga_points *p = NULL;
    ga_table *t = NULL;
    ga_status st = ga_points_read_csv(ctx, path, &po, &p);
    if (!st) st = ga_table_read(ctx, path, &t);
    int flag_col = st ? -1 : ga_table_find(t, "inside_herault");
    int fix_col = st ? -1 : ga_table_find(t, "geo_fix");
    int name_col = st ? -1 : ga_table_find(t, "name");
    for (size_t r = 0; !st && r < ga_table_rows(t); r++) {
        if (flag_col >= 0 && !strcmp(ga_table_cell(t, r, (size_t)flag_col), "0")) {
            st = ga_fail(ctx, GA_ERR_OUTSIDE, "%s: line %zu: FINESS %s is flagged as geocoded outside the area "
                         "(inside_herault = 0): correct the file with scripts/fix_finess_geocoding.py",
                         path, ga_table_line(t, r), ga_points_id(p, r));
            break;
        }
        if (fix_col >= 0 && *ga_table_cell(t, r, (size_t)fix_col) && notes)
            g_string_append_printf(notes, "  note: FINESS %s (%s): %s\n", ga_points_id(p, r),
                                   name_col >= 0 ? ga_table_cell(t, r, (size_t)name_col) : "",
                                   ga_table_cell(t, r, (size_t)fix_col));
    }
    if (!st) st = ga_points_assign_communes(ctx, p, c, false);
    ga_table_free(t);
    if (st) {
        ga_points_free(p);
        return st;
    }
    *out = p;
    return GA_OK;
}

ga_status ga_points_read_any(ga_ctx *ctx, const char *path, const ga_points_options *opts, ga_points **out) {
    if (g_str_has_suffix(path, ".shp") || g_str_has_suffix(path, ".SHP")) {
        ga_layer_kind kind;
        ga_status st = ga_shapefile_kind(ctx, path, &kind);
        if (st) return st;
        if (kind == GA_LAYER_POLYGONS) {
            ga_communes *c = NULL;
            if ((st = ga_communes_read(ctx, path, NULL, &c))) return st;
            st = ga_points_from_communes(ctx, c, out);
            ga_communes_free(c);
            return st;
        }
        return ga_points_read_shp(ctx, path, opts, out);
    }
    return ga_points_read_csv(ctx, path, opts, out);
}

static void append_layer(ga_points *all, const ga_points *p, const char *type) {
    for (size_t j = 0; j < ga_points_count(p); j++) {
        double x, y;
        ga_points_xy(p, j, &x, &y);
        ga_points_add(all, ga_points_id(p, j), x, y, type ? type : ga_points_type(p, j),
                      ga_points_capacity(p, j));
        ga_points_set_commune(all, ga_points_count(all) - 1, ga_points_commune(p, j));
    }
}

/* The facilities file: its points, each at its commune (-1 outside every
 * commune). */
static ga_status read_facilities_file(ga_ctx *ctx, const ga_study_inputs_files *f, const ga_communes *c,
                                      ga_points **out) {
    ga_points_options po = {.id_col = f->fac_id, .type_col = f->fac_type,
                            .capacity_col = f->fac_capacity && *f->fac_capacity ? f->fac_capacity : NULL,
                            .crs = f->fac_crs && *f->fac_crs ? f->fac_crs : NULL};
    ga_points *p = NULL;
    ga_status st = ga_points_read_any(ctx, f->facilities, &po, &p);
    if (!st) st = ga_points_assign_communes(ctx, p, c, true);
    if (st) {
        ga_points_free(p);
        return st;
    }
    *out = p;
    return GA_OK;
}

static void append_of_type(ga_points *all, const ga_points *p, const char *type) {
    for (size_t j = 0; j < ga_points_count(p); j++) {
        if (strcmp(ga_points_type(p, j), type)) continue;
        double x, y;
        ga_points_xy(p, j, &x, &y);
        ga_points_add(all, ga_points_id(p, j), x, y, type, ga_points_capacity(p, j));
        ga_points_set_commune(all, ga_points_count(all) - 1, ga_points_commune(p, j));
    }
}

ga_status ga_study_inputs_load_files(ga_ctx *ctx, const ga_study_inputs_files *f, ga_plan_data *d) {
    ga_communes_options co = {.id_field = f->communes_id && *f->communes_id ? f->communes_id : NULL};
    ga_table *pt = NULL, *bpe = NULL;
    ga_status st = ga_communes_read(ctx, f->communes, co.id_field ? &co : NULL, &d->communes);
    bool demand = f->demand && *f->demand;
    if (!st && demand) st = ga_table_read(ctx, f->demand, &pt);
    size_t n = st ? 0 : ga_communes_count(d->communes);
    if (!st && demand) {
        d->pop = g_new(double, n);
        d->pop_std = g_new(double, n);
        st = ga_communes_join_sum(ctx, d->communes, pt, f->demand_id, f->population, d->pop);
        if (!st) st = ga_communes_join_sum(ctx, d->communes, pt, f->demand_id, f->std_population, d->pop_std);
        /* a commune without a row (warned by the join: the 6 unpeopled
         * communes of the Meuse in the DREES file) has no people, as in
         * `geoaccess apl` */
        for (size_t i = 0; !st && i < n; i++) {
            if (isnan(d->pop[i])) d->pop[i] = 0;
            if (isnan(d->pop_std[i])) d->pop_std[i] = 0;
        }
    } else if (!st) {
        /* no demand table: the communes' own population field */
        d->pop = g_new(double, n ? n : 1);
        for (size_t i = 0; i < n; i++) d->pop[i] = ga_communes_population(d->communes, i);
    }
    bool any_bpe = false;
    for (size_t k = 0; k < f->n_types; k++) any_bpe |= f->types[k].bpe != NULL && !f->types[k].file;
    ga_points *file = NULL; /* the facilities file, read at its first type */
    if (!st && any_bpe) st = ga_table_read(ctx, f->bpe, &bpe);
    if (!st && f->n_types) {
        d->fac = ga_points_new();
        for (size_t k = 0; k < f->n_types && !st; k++) {
            const ga_plan_type *ty = &f->types[k];
            ga_points *p = NULL;
            if (ty->file) {
                if (!file) st = read_facilities_file(ctx, f, d->communes, &file);
                if (!st) append_of_type(d->fac, file, ty->prefix);
                continue;
            }
            st = ty->bpe ? ga_points_from_counts(ctx, bpe, f->bpe_commune, f->bpe_type, f->bpe_count, ty->bpe,
                                                 d->communes, &p)
                         : ga_plan_load_hospitals(ctx, f->finess, d->communes, &p, d->notes);
            if (!st) append_layer(d->fac, p, ty->prefix);
            ga_points_free(p);
        }
        ga_points_free(file);
        /* the ring of neighbouring communes (issue 9) */
        if (!st && f->ring && *f->ring) {
            g_autofree char *ini = g_build_filename(f->ring, "ring.ini", NULL);
            if (!f->ring_if_present || g_file_test(ini, G_FILE_TEST_EXISTS))
                st = ga_ring_open(ctx, f->ring, &d->ring);
        }
        for (size_t k = 0; !st && d->ring && k < f->n_types; k++) {
            ga_points *p = NULL;
            if (f->types[k].file) continue; /* the ring has BPE counts and FINESS only */
            st = ga_ring_facilities(ctx, d->ring, &f->types[k], (long)n, &p);
            if (!st) append_layer(d->fac, p, f->types[k].prefix);
            ga_points_free(p);
        }
    }
    ga_table_free(pt);
    ga_table_free(bpe);
    if (!d->sources) d->sources = g_string_new(NULL);
    ga_sources_add(d->sources, f->communes);
    if (demand) ga_sources_add(d->sources, f->demand);
    if (any_bpe) ga_sources_add(d->sources, f->bpe);
    for (size_t k = 0; k < f->n_types; k++)
        if (!f->types[k].bpe && !f->types[k].file) ga_sources_add(d->sources, f->finess);
        else if (f->types[k].file) ga_sources_add(d->sources, f->facilities);
    return st;
}

static ga_status load_embedded(ga_ctx *ctx, const char *data, ga_plan_data *d, bool want_fac) {
    g_autofree char *communes_path = g_build_filename(data, "herault", "communes_cog2023", "communes_34_cog2023.shp", NULL);
    g_autofree char *pop_path = g_build_filename(data, "herault", "population", "population_34_cog2023_from_drees_apl.csv", NULL);
    g_autofree char *bpe_path = g_build_filename(data, "herault", "bpe2019", "bpe2019_health_34_by_iris.csv", NULL);
    g_autofree char *finess_path = g_build_filename(data, "herault", "hospitals_finess2020", "hospitals_34_eurostat_finess2020.csv", NULL);
    g_autofree char *ring = g_build_filename(data, "ring", NULL);
    ga_study_inputs_files f = {
        .communes = communes_path, .demand = pop_path, .demand_id = "insee_code",
        .population = "population_totale_2021", .std_population = "pop_standardisee_mg_2021",
        .bpe = bpe_path, .bpe_commune = "DEPCOM", .bpe_type = "TYPEQU", .bpe_count = "NB_EQUIP",
        .finess = finess_path, .types = ga_plan_default_types, .n_types = want_fac ? ga_plan_n_default_types : 0,
        .ring = ring, .ring_if_present = true};
    ga_status st = ga_study_inputs_load_files(ctx, &f, d);
    size_t n = d->communes ? ga_communes_count(d->communes) : 0;
    d->embedded = true;
    d->what = g_strdup_printf("Hérault (%s): %zu communes (IGN ADMIN EXPRESS, COG 2023), population DREES 2021, "
                              "INSEE BPE 2019 equipment at their commune, FINESS 2020 establishments%s", data, n,
                              d->ring ? "; with the facilities, people and GPs of the neighbouring communes" : "");
    return st;
}

char *ga_plan_known_types(const ga_plan_data *d) {
    GString *s = g_string_new(NULL);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t j = 0; d->fac && j < ga_points_count(d->fac); j++) {
        const char *ty = ga_points_type(d->fac, j);
        if (!g_hash_table_add(seen, (gpointer)ty)) continue;
        g_string_append_printf(s, "%s'%s'", s->len ? ", " : "", ty);
    }
    g_hash_table_destroy(seen);
    if (!s->len) g_string_append(s, "none");
    return g_string_free(s, FALSE);
}

ga_status ga_study_inputs_load(ga_ctx *ctx, const ga_plan_input_options *o, ga_plan_data *d) {
    memset(d, 0, sizeof *d);
    d->notes = g_string_new(NULL);
    d->types = g_ptr_array_new_with_free_func(g_free);
    const char *data = o->data;
    ga_status st = GA_OK;
    if (!o->communes) {
        st = load_embedded(ctx, data, d, !o->facilities);
    } else {
        st = ga_communes_read(ctx, o->communes, NULL, &d->communes);
        if (!st) {
            size_t n = ga_communes_count(d->communes);
            d->pop = g_new(double, n ? n : 1);
            size_t missing = 0;
            for (size_t i = 0; i < n; i++) {
                d->pop[i] = ga_communes_population(d->communes, i);
                if (isnan(d->pop[i])) missing++;
            }
            if (missing)
                ga_warn(ctx, "%s: %zu communes without a population (no POPULATION field?): counted as 0",
                        o->communes, missing);
            d->what = g_strdup_printf("%s: %zu communes", o->communes, n);
        }
    }
    if (!st && o->facilities) {
        ga_points_options po = {.id_col = o->id_col, .crs = o->crs, .capacity_col = o->capacity_col};
        ga_points *p = NULL;
        bool has_type = true;
        po.type_col = o->type_col ? o->type_col : "type";
        /* --type-col none: one kind of facility, type 'facility' (as without a type column) */
        if (o->type_col && !strcmp(o->type_col, "none")) po.type_col = NULL;
        else if (!o->type_col && !g_str_has_suffix(o->facilities, ".shp")) {
            ga_table *t = NULL;
            if (!ga_table_read(ctx, o->facilities, &t)) has_type = ga_table_find(t, "type") >= 0;
            ga_ctx_clear_error(ctx);
            ga_table_free(t);
            if (!has_type) po.type_col = NULL;
        }
        st = ga_points_read_any(ctx, o->facilities, &po, &p);
        if (!st) st = ga_points_assign_communes(ctx, p, d->communes, true);
        if (!st) {
            ga_points_free(d->fac);
            d->fac = ga_points_new();
            for (size_t j = 0; j < ga_points_count(p); j++) {
                const char *ty = ga_points_type(p, j);
                double x, y;
                ga_points_xy(p, j, &x, &y);
                ga_points_add(d->fac, ga_points_id(p, j), x, y, *ty ? ty : "facility", ga_points_capacity(p, j));
                ga_points_set_commune(d->fac, j, ga_points_commune(p, j));
            }
        }
        ga_points_free(p);
        if (!st && o->age_col) {
            ga_table *t = NULL;
            size_t col = 0;
            st = ga_table_read(ctx, o->facilities, &t);
            if (!st) st = ga_table_require(ctx, t, o->age_col, "practitioner age", &col);
            if (!st) {
                d->ages = g_new(double, ga_table_rows(t) + 1);
                for (size_t r = 0; r < ga_table_rows(t) && !st; r++) {
                    if (!*ga_table_cell(t, r, col)) d->ages[r] = NAN;
                    else st = ga_table_get_double(ctx, t, r, col, &d->ages[r]);
                }
            }
            ga_table_free(t);
        }
        if (!st) {
            char *w = g_strdup_printf("%s; facilities %s (%zu)", d->what ? d->what : "", o->facilities,
                                      ga_points_count(d->fac));
            g_free(d->what);
            d->what = w;
        }
    }
    if (!st && !d->fac) st = ga_fail(ctx, GA_ERR_ARG, "no facilities: give --facilities with --communes");
    if (!st) {
        if (o->types) {
            g_auto(GStrv) parts = g_strsplit(o->types, ",", -1);
            for (char **p = parts; *p; p++) {
                g_strstrip(*p);
                if (!**p) continue;
                bool found = false;
                for (size_t j = 0; j < ga_points_count(d->fac) && !found; j++)
                    found = !strcmp(ga_points_type(d->fac, j), *p);
                if (!found) {
                    g_autofree char *known = ga_plan_known_types(d);
                    st = ga_fail(ctx, GA_ERR_ARG, "--types: no facility of type '%s' (types present: %s)",
                                 ga_clip(*p), known);
                    break;
                }
                g_ptr_array_add(d->types, g_strdup(*p));
            }
        } else {
            for (size_t j = 0; j < ga_points_count(d->fac); j++) {
                const char *ty = ga_points_type(d->fac, j);
                bool seen = false;
                for (guint k = 0; k < d->types->len && !seen; k++) seen = !strcmp(d->types->pdata[k], ty);
                if (!seen) g_ptr_array_add(d->types, g_strdup(ty));
            }
        }
    }
    if (st) {
        GString *keep = d->notes;
        d->notes = NULL;
        ga_plan_data_clear(d);
        d->notes = keep;
    }
    return st;
}

static ga_points *facilities_of(const ga_plan_data *d, const char *type, bool study_only) {
    ga_points *p = ga_points_new();
    long n = (long)ga_communes_count(d->communes);
    for (size_t j = 0; j < ga_points_count(d->fac); j++) {
        if (strcmp(ga_points_type(d->fac, j), type)) continue;
        if (study_only && ga_points_commune(d->fac, j) >= n) continue;
        double x, y;
        ga_points_xy(d->fac, j, &x, &y);
        ga_points_add(p, ga_points_id(d->fac, j), x, y, type, ga_points_capacity(d->fac, j));
        ga_points_set_commune(p, ga_points_count(p) - 1, ga_points_commune(d->fac, j));
    }
    return p;
}

ga_points *ga_plan_facilities_of(const ga_plan_data *d, const char *type) {
    return facilities_of(d, type, false);
}

ga_points *ga_plan_study_facilities_of(const ga_plan_data *d, const char *type) {
    return facilities_of(d, type, true);
}

void ga_plan_scenario_ring(ga_plan_data *d, ga_scenario_inputs *in) {
    if (!d->ring) return;
    if (!d->ring_points) {
        const ga_communes *c = d->ring->communes;
        d->ring_points = ga_points_new();
        for (size_t k = 0; k < ga_communes_count(c); k++) {
            double x, y;
            ga_communes_point(c, k, &x, &y);
            ga_points_add(d->ring_points, ga_communes_id(c, k), x, y, "", 1);
        }
    }
    in->n_extra = ga_points_count(d->ring_points);
    in->extra_points = d->ring_points;
    in->extra_std_population = d->ring->pop_std;
    in->extra_population = d->ring->pop;
}

void ga_plan_check_reach(ga_ctx *ctx, const ga_plan_data *d, ga_cost_model *model, double longest) {
    if (d->ring) ga_ring_reach(ctx, d->ring, model, longest);
}

ga_status ga_plan_nearest(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d,
                          const ga_points *fac, double *time, long *first, double *time2,
                          long *second) {
    ga_points *origins = NULL;
    ga_od *od = NULL;
    ga_status st = ga_points_from_communes(ctx, d->communes, &origins);
    if (!st) st = ga_cost_model_table(model, ctx, origins, fac, GA_METRIC_TIME, 0, &od);
    if (!st) ga_nearest(od, NULL, first, time, second, time2);
    ga_od_free(od);
    ga_points_free(origins);
    return st;
}

ga_status ga_plan_apl(ga_ctx *ctx, ga_cost_model *model, const ga_plan_data *d, const char *gp_type,
                      double acts, double *apl, ga_apl_summary *summary) {
    size_t n = ga_communes_count(d->communes), nr = d->ring ? ga_communes_count(d->ring->communes) : 0;
    double *supply = g_new0(double, n + nr + 1);
    for (size_t j = 0; j < ga_points_count(d->fac); j++) {
        long c = ga_points_commune(d->fac, j);
        if (c >= 0 && (size_t)c < n + nr && !strcmp(ga_points_type(d->fac, j), gp_type))
            supply[c] += ga_points_capacity(d->fac, j) * acts;
    }
    if (d->ring) {
        /* the ring's people compete for Hérault's GPs, its GPs serve Hérault */
        ga_status st = ga_ring_apl(ctx, model, d->communes, d->pop_std ? d->pop_std : d->pop, d->pop, d->ring,
                                   supply, apl, NULL);
        if (!st && summary) {
            ga_apl_summarise(n, apl, d->pop_std ? d->pop_std : d->pop, d->pop, supply, GA_APL_DEFAULT_THRESHOLD,
                             summary);
        }
        g_free(supply);
        return st;
    }
    ga_points *origins = NULL;
    ga_od *od = NULL;
    ga_status st = ga_points_from_communes(ctx, d->communes, &origins);
    if (!st) st = ga_cost_model_table(model, ctx, origins, origins, GA_METRIC_TIME, GA_APL_HORIZON_MINUTES, &od);
    if (!st)
        st = ga_apl_communes(ctx, n, ga_points_ids(origins), d->pop_std ? d->pop_std : d->pop, d->pop, supply,
                             od, NULL, apl, summary);
    ga_od_free(od);
    ga_points_free(origins);
    g_free(supply);
    return st;
}
