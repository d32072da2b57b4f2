/* The study pipeline (study.h): files checked, one cost source, the
 * inputs, nearest facilities, the APL and its comparison with the official
 * APL, coverage, zones blanches and scenarios, all on that cost source. */
#include <math.h>
#include <string.h>
#include "core/internal.h"
#include "geoaccess/nearest.h"
#include "load/load.h"
#include "study/pipeline.h"
#include "study/sources.h"
#include "study/ring.h"

bool ga_study_wants(GStrv list, const char *word) {
    return list && g_strv_contains((const char *const *)list, word);
}

const ga_study_nearest *ga_study_result_nearest(const ga_study_result *r, const char *type) {
    for (size_t k = 0; k < r->n_nearest; k++)
        if (!strcmp(r->nearest[k].type, type)) return &r->nearest[k];
    return NULL;
}

/* ---- checks before any work ---- */

static ga_status need_file(ga_ctx *ctx, const ga_study *s, const char *section, const char *key,
                           const char *path, bool folder) {
    if (g_file_test(path, folder ? G_FILE_TEST_IS_DIR : G_FILE_TEST_IS_REGULAR)) return GA_OK;
    g_autofree char *where = ga_study_where(s, section, key);
    return ga_fail(ctx, GA_ERR_IO, "%s: %s '%s' not found", where, folder ? "folder" : "file", path);
}

static ga_status check_files(ga_ctx *ctx, const ga_study *s) {
    static const struct { const char *section, *key; bool required; } files[] = {
        {"communes", "path", true}, {"demand", "path", false}, {"facilities", "bpe", false},
        {"facilities", "finess", false}, {"facilities", "file", false}, {"apl", "official", false},
        {"apl", "age_weights", false}, {"apl", "age_population", false}, {"cost", "roads", false},
        {"cost", "graph", false}};
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *p = ga_study_get_path(s, files[i].section, files[i].key);
        if (!*p && files[i].required) {
            g_autofree char *where = ga_study_where(s, files[i].section, files[i].key);
            return ga_fail(ctx, GA_ERR_VALUE, "%s: missing (required)", where);
        }
        ga_status st = *p ? need_file(ctx, s, files[i].section, files[i].key, p, false) : GA_OK;
        if (st) return st;
    }
    g_autofree char *ring = ga_study_get_path(s, "study_area", "ring");
    if (*ring && !ga_study_get_bool(s, "study_area", "ring_if_present")) {
        g_autofree char *ini = g_build_filename(ring, "ring.ini", NULL);
        ga_status st = need_file(ctx, s, "study_area", "ring", ini, false);
        if (st) return st;
    }
    g_auto(GStrv) scen = ga_study_get_list(s, "scenarios", "files");
    for (char **p = scen; *p; p++) {
        g_autofree char *path = ga_study_resolve(s, *p);
        ga_status st = need_file(ctx, s, "scenarios", "files", path, false);
        if (st) return st;
    }
    return GA_OK;
}

/* ---- cost source ---- */

static ga_status cost_options(ga_ctx *ctx, const ga_study *s, ga_cost_source_options *o, GPtrArray *keep) {
    ga_cost_source_options_init(o);
    g_autofree char *model = ga_study_get(s, "cost", "model");
    bool straight = !strcmp(model, "straight"), roads = !strcmp(model, "roads"), graph = !strcmp(model, "graph");
    if (!straight && !roads && !graph) {
        g_autofree char *where = ga_study_where(s, "cost", "model");
        return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' is not a cost model (straight, roads, graph)", where,
                       ga_clip(model));
    }
    static const char *const line_keys[] = {"speed", "detour"};
    static const char *const road_keys[] = {"roads", "graph", "profile", "table_method"};
    for (size_t i = 0; i < G_N_ELEMENTS(line_keys) && !straight; i++)
        if (ga_study_has(s, "cost", line_keys[i])) {
            g_autofree char *where = ga_study_where(s, "cost", line_keys[i]);
            return ga_fail(ctx, GA_ERR_VALUE, "%s: sets the straight-line model, not the '%s' model", where, model);
        }
    for (size_t i = 0; i < G_N_ELEMENTS(road_keys) && straight; i++)
        if (ga_study_has(s, "cost", road_keys[i])) {
            g_autofree char *where = ga_study_where(s, "cost", road_keys[i]);
            return ga_fail(ctx, GA_ERR_VALUE, "%s: needs model = roads or graph", where);
        }
    if (straight) {
        o->speed = ga_study_get_number(s, "cost", "speed");
        o->detour = ga_study_get_number(s, "cost", "detour");
    } else {
        const char *key = roads ? "roads" : "graph";
        char *path = ga_study_get_path(s, "cost", key);
        g_ptr_array_add(keep, path);
        if (!*path) {
            g_autofree char *where = ga_study_where(s, "cost", key);
            return ga_fail(ctx, GA_ERR_VALUE, "%s: missing (model = %s needs it)", where, model);
        }
        if (roads) {
            o->roads = path;
            if (ga_study_has(s, "cost", "profile")) {
                o->profile = ga_study_get(s, "cost", "profile");
                g_ptr_array_add(keep, o->profile);
            }
        } else {
            o->graph = path;
        }
        if (ga_study_has(s, "cost", "table_method")) {
            o->table_method = ga_study_get(s, "cost", "table_method");
            g_ptr_array_add(keep, o->table_method);
        }
    }
    o->snap_distance = ga_study_get_number(s, "cost", "snap_distance");
    o->access_speed = ga_study_get_number(s, "cost", "access_speed");
    o->skip_unsnapped = ga_study_get_bool(s, "cost", "skip_unsnapped");
    o->threads = (int)ga_study_get_number(s, "cost", "threads");
    return GA_OK;
}

/* ---- inputs ---- */

/* facilities.types: "name=CODE" (a BPE TYPEQU), "name=finess", or "name"
 * (the rows of facilities.file whose type is name). */
static ga_status parse_types(ga_ctx *ctx, const ga_study *s, GArray *types, GPtrArray *keep) {
    g_auto(GStrv) list = ga_study_get_list(s, "facilities", "types");
    for (char **p = list; *p; p++) {
        char *eq = strchr(*p, '=');
        if (!eq) {
            char *name = g_strdup(*p);
            g_ptr_array_add(keep, name);
            ga_plan_type t = {name, NULL, ga_plan_type_label(name), true};
            g_array_append_val(types, t);
            continue;
        }
        if (eq == *p || !eq[1]) {
            g_autofree char *where = ga_study_where(s, "facilities", "types");
            return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' is not name, name=BPE_CODE or name=finess", where,
                           ga_clip(*p));
        }
        *eq = '\0';
        char *name = g_strdup(g_strstrip(*p)), *code = g_strdup(g_strstrip(eq + 1));
        g_ptr_array_add(keep, name);
        g_ptr_array_add(keep, code);
        ga_plan_type t = {name, strcmp(code, "finess") ? code : NULL, ga_plan_type_label(name), false};
        g_array_append_val(types, t);
    }
    return GA_OK;
}

static ga_status load_inputs(ga_ctx *ctx, const ga_study *s, ga_plan_data *d) {
    GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
    GArray *types = g_array_new(FALSE, FALSE, sizeof(ga_plan_type));
    memset(d, 0, sizeof *d);
    d->notes = g_string_new(NULL);
    d->types = g_ptr_array_new_with_free_func(g_free);
    ga_status st = parse_types(ctx, s, types, keep);
    char *v[17];
    const char *const want[][2] = {{"communes", "path"}, {"communes", "id"}, {"demand", "path"},
                                   {"demand", "id"}, {"demand", "population"}, {"demand", "std_population"},
                                   {"facilities", "bpe"}, {"facilities", "bpe_commune"}, {"facilities", "bpe_type"},
                                   {"facilities", "bpe_count"}, {"facilities", "finess"}, {"study_area", "ring"},
                                   {"facilities", "file"}, {"facilities", "id"}, {"facilities", "type_column"},
                                   {"facilities", "capacity_column"}, {"facilities", "crs"}};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        const ga_study_key *k = NULL;
        size_t nk;
        const ga_study_key *all = ga_study_keys(&nk);
        for (size_t j = 0; j < nk; j++)
            if (!strcmp(all[j].section, want[i][0]) && !strcmp(all[j].key, want[i][1])) k = &all[j];
        v[i] = k->type == GA_KEY_PATH ? ga_study_get_path(s, want[i][0], want[i][1])
                                      : ga_study_get(s, want[i][0], want[i][1]);
        g_ptr_array_add(keep, v[i]);
    }
    ga_study_inputs_files f = {.communes = v[0], .communes_id = v[1], .demand = v[2], .demand_id = v[3],
                               .population = v[4], .std_population = v[5], .bpe = v[6], .bpe_commune = v[7],
                               .bpe_type = v[8], .bpe_count = v[9], .finess = v[10],
                               .types = (const ga_plan_type *)(void *)types->data, .n_types = types->len,
                               .facilities = v[12], .fac_id = v[13], .fac_type = v[14], .fac_capacity = v[15],
                               .fac_crs = v[16], .ring = v[11], .ring_if_present = ga_study_get_bool(s, "study_area", "ring_if_present")};
    for (size_t k = 0; !st && k < f.n_types; k++) {
        const char *key = f.types[k].file ? "file" : f.types[k].bpe ? "bpe" : "finess";
        const char *need = f.types[k].file ? f.facilities : f.types[k].bpe ? f.bpe : f.finess;
        if (!*need) {
            g_autofree char *where = ga_study_where(s, "facilities", key);
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: missing (facilities.types '%s' needs it)", where, f.types[k].prefix);
        }
    }
    if (!st) st = ga_study_inputs_load_files(ctx, &f, d);
    if (!st && !d->fac) d->fac = ga_points_new();
    /* the types present, in order of first appearance (the scenarios') */
    for (size_t j = 0; !st && j < ga_points_count(d->fac); j++) {
        const char *ty = ga_points_type(d->fac, j);
        bool seen = false;
        for (guint k = 0; k < d->types->len && !seen; k++) seen = !strcmp(d->types->pdata[k], ty);
        if (!seen) g_ptr_array_add(d->types, g_strdup(ty));
    }
    g_array_free(types, TRUE);
    g_ptr_array_free(keep, TRUE);
    return st;
}

/* ---- measures ---- */

/* The nearest facility of every commune (and, with the ring, the nearest
 * of the study's own) from tables bounded by study_area.reach_minutes, the
 * communes with none within the bound again at 4 times the bound, then
 * unbounded: the nearest within a bound is the nearest, so the result is
 * the unbounded table's, without its communes x facilities pairs (the
 * national study: 34,803 communes x 9,300 GP communes, 5 GB; issue 14). */
static ga_status nearest_widening(ga_ctx *ctx, ga_study_result *r, ga_study_nearest *ne, long *first) {
    size_t n = r->n, nt = n, nf = ga_points_count(ne->fac);
    size_t *todo = g_new(size_t, n ? n : 1);
    for (size_t i = 0; i < n; i++) todo[i] = i;
    long *f1 = g_new(long, n ? n : 1), *f2 = g_new(long, n ? n : 1);
    double *t1 = g_new(double, n ? n : 1), *t2 = g_new(double, n ? n : 1);
    unsigned char *mask = g_new0(unsigned char, nf + 1); /* the study's own, for the summary */
    memset(mask, 1, ne->n_fac);
    double bound = r->reach_minutes > 0 && isfinite(r->reach_minutes) ? r->reach_minutes : 0;
    ga_status st = GA_OK;
    while (nt && !st) {
        ga_points *o = r->origins;
        if (nt < n) {
            o = ga_points_new();
            for (size_t q = 0; q < nt; q++) {
                double x, y;
                ga_points_xy(r->origins, todo[q], &x, &y);
                ga_points_add(o, ga_points_id(r->origins, todo[q]), x, y, "commune", 1);
            }
        }
        ga_od *od = NULL;
        st = ga_cost_model_table(r->cost.model, ctx, o, ne->fac, GA_METRIC_TIME, bound, &od);
        if (!st) {
            ga_nearest(od, NULL, f1, t1, NULL, NULL);
            if (r->data.ring) ga_nearest(od, mask, f2, t2, NULL, NULL);
        }
        size_t left = 0;
        for (size_t q = 0; q < nt && !st; q++) {
            size_t i = todo[q];
            bool none = isinf(t1[q]) || (r->data.ring && isinf(t2[q]));
            if (bound > 0 && none) {
                todo[left++] = i;
                continue;
            }
            first[i] = f1[q];
            ne->time[i] = t1[q];
            ne->time_alone[i] = r->data.ring ? t2[q] : t1[q];
        }
        ga_od_free(od);
        if (o != r->origins) ga_points_free(o);
        nt = left;
        bound = bound * 4 > 1e5 ? 0 : bound * 4; /* then unbounded */
    }
    g_free(todo);
    g_free(f1);
    g_free(f2);
    g_free(t1);
    g_free(t2);
    g_free(mask);
    return st;
}

static ga_status nearest_of(ga_ctx *ctx, ga_study_result *r, ga_study_nearest *ne) {
    size_t n = r->n;
    ne->fac = ga_plan_facilities_of(&r->data, ne->type);
    ga_points *study = ga_plan_study_facilities_of(&r->data, ne->type);
    ne->n_fac = ga_points_count(study);
    ne->n_ring_fac = ga_points_count(ne->fac) - ne->n_fac;
    ga_points_free(study);
    long *first = g_new(long, n ? n : 1);
    ne->time = g_new(double, n ? n : 1);
    ne->dist = g_new(double, n ? n : 1);
    ne->near_id = g_new0(const char *, n ? n : 1);
    ne->time_alone = g_new(double, n ? n : 1);
    ga_status st = nearest_widening(ctx, r, ne, first);
    if (st) {
        g_free(first);
        return st;
    }
    for (size_t i = 0; i < n; i++) {
        if (first[i] < 0) { /* NAN: not routed (unknown); INFINITY: none within reach */
            ne->dist[i] = ne->time[i];
            continue;
        }
        double ox, oy, fx, fy;
        ga_points_xy(r->origins, i, &ox, &oy);
        ga_points_xy(ne->fac, (size_t)first[i], &fx, &fy);
        ne->dist[i] = hypot(fx - ox, fy - oy) / 1000.0;
        ne->near_id[i] = ga_points_id(ne->fac, (size_t)first[i]);
    }
    g_free(first);
    return GA_OK;
}

/* The APL per commune: capacity x acts of the supply type as supply, the
 * standardised population as demand, commune-to-commune times within
 * GA_APL_HORIZON_MINUTES, the DREES bands; with the ring and without. */
static ga_status compute_apl(ga_ctx *ctx, ga_study_result *r, double threshold) {
    ga_study_apl *a = &r->apl;
    const ga_plan_data *d = &r->data;
    size_t n = r->n, nr = d->ring ? ga_communes_count(d->ring->communes) : 0;
    const double *pop_std = d->pop_std ? d->pop_std : d->pop;
    double *supply = g_new0(double, n + nr + 1);
    for (size_t j = 0; j < ga_points_count(d->fac); j++) {
        long k = ga_points_commune(d->fac, j);
        if (k >= 0 && (size_t)k < n + nr && !strcmp(ga_points_type(d->fac, j), a->type))
            supply[k] += ga_points_capacity(d->fac, j) * a->acts;
    }
    ga_od *od = NULL;
    a->apl = g_new(double, n ? n : 1);
    a->apl_alone = g_new(double, n ? n : 1);
    ga_status st = ga_cost_model_table(r->cost.model, ctx, r->origins, r->origins, GA_METRIC_TIME,
                                       GA_APL_HORIZON_MINUTES, &od);
    if (!st) {
        ga_apl_options ao;
        ga_apl_options_init(&ao);
        ao.threshold = threshold;
        st = ga_apl_communes(ctx, n, (const char *const *)ga_points_ids(r->origins), pop_std, d->pop, supply, od,
                             &ao, a->apl_alone, &a->summary_alone);
    }
    if (!st && d->ring) {
        /* with the ring: its GPs serve the study, its people compete for them */
        st = ga_ring_apl(ctx, r->cost.model, d->communes, pop_std, d->pop, d->ring, supply, a->apl, &r->apl_table);
        if (!st) {
            ga_apl_summarise(n, a->apl, pop_std, d->pop, NULL, a->summary_alone.threshold, &a->summary);
            a->summary.supply = a->summary_alone.supply;
        }
    } else if (!st) {
        memcpy(a->apl, a->apl_alone, n * sizeof *a->apl);
        a->summary = a->summary_alone;
        r->apl_table = od; /* without a ring the scenarios' APL table is this one */
        od = NULL;
    }
    ga_od_free(od);
    g_free(supply);
    return st;
}

/* The APL of every other profession of apl.professions on the GP APL's
 * commune table (routed here when the study has no GP APL). */
static ga_status compute_professions(ga_ctx *ctx, const ga_study *s, ga_study_result *r) {
    bool any = false;
    for (size_t k = 0; k < r->n_prof; k++) {
        if (strcmp(r->prof[k].prof->name, "gp")) {
            any = true;
            continue;
        }
        r->prof[k].apl = r->apl.apl; /* borrowed */
        r->prof[k].summary = r->apl.summary;
        for (size_t j = 0; j < ga_points_count(r->data.fac); j++) /* the GPs (capacity), the study's and the ring's */
            if (!strcmp(ga_points_type(r->data.fac, j), r->apl.type))
                *(ga_points_commune(r->data.fac, j) < (long)r->n ? &r->prof[k].headcount : &r->prof[k].headcount_ring) +=
                    ga_points_capacity(r->data.fac, j);
        r->prof[k].demand_text = g_strdup(r->data.pop_std ? "population standardised by age (demand.std_population)"
                                                          : "total population (no standardised population)");
    }
    if (!any) return GA_OK;
    const ga_plan_data *d = &r->data;
    ga_status st = GA_OK;
    if (!r->apl_table) {
        ga_points *pts = d->ring ? ga_ring_apl_points(d->communes, d->ring) : NULL;
        st = ga_cost_model_table(r->cost.model, ctx, pts ? pts : r->origins, pts ? pts : r->origins,
                                 GA_METRIC_TIME, GA_APL_HORIZON_MINUTES, &r->apl_table);
        ga_points_free(pts);
    }
    char *v[7];
    static const char *const want[][2] = {{"facilities", "bpe"}, {"facilities", "bpe_commune"},
                                          {"facilities", "bpe_type"}, {"facilities", "bpe_count"},
                                          {"apl", "age_weights"}, {"apl", "age_population"}};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        v[i] = (i == 0 || i >= 4) ? ga_study_get_path(s, want[i][0], want[i][1]) : ga_study_get(s, want[i][0], want[i][1]);
    ga_profession_files f = {v[0], v[1], v[2], v[3], v[4], v[5]};
    if (!st) st = ga_professions_compute(ctx, &f, d->communes, d->pop, d->ring, r->apl_table, r->prof, r->n_prof);
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) g_free(v[i]);
    return st;
}

/* The official APL of the communes, its weighted mean and Pearson's r with
 * ours. */
static ga_status compare_official(ga_ctx *ctx, ga_study_result *r, const char *id_col, const char *col) {
    ga_study_apl *a = &r->apl;
    const ga_plan_data *d = &r->data;
    const double *pop_std = d->pop_std ? d->pop_std : d->pop;
    size_t n = r->n;
    ga_table *t = NULL;
    a->official = g_new(double, n ? n : 1);
    ga_status st = ga_table_read(ctx, a->official_path, &t);
    if (!st) st = ga_communes_join(ctx, d->communes, t, id_col, col, a->official);
    ga_table_free(t);
    if (st) return st;
    if (r->data.sources) ga_sources_add(r->data.sources, a->official_path);
    double sw = 0, so = 0, sa = 0, saa = 0, soo = 0, sao = 0, mo = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(a->official[i])) continue;
        sw += pop_std[i];
        so += pop_std[i] * a->official[i];
        /* the DREES counts people under the threshold in total population */
        if (a->official[i] < a->summary.threshold) {
            a->official_communes_under++;
            a->official_people_under += d->pop[i];
        }
        double x = a->apl[i], o = a->official[i];
        if (isnan(x)) continue; /* not routed: our APL is unknown */
        sa += x; saa += x * x; soo += o * o; sao += x * o; mo += o;
        m++;
    }
    double ma = sa / (double)m;
    mo /= (double)m;
    a->official_mean = so / sw;
    a->correlation = (sao / (double)m - ma * mo) / sqrt((saa / (double)m - ma * ma) * (soo / (double)m - mo * mo));
    return GA_OK;
}

typedef struct {
    const ga_study_result *r;
    size_t i;
} zone_at;

static double zone_value(ga_zone_value what, const char *type, void *user) {
    const zone_at *z = user;
    if (what == GA_ZONE_APL) return z->r->has_apl ? z->r->apl.apl[z->i] : NAN;
    const ga_study_nearest *ne = type ? ga_study_result_nearest(z->r, type) : NULL;
    if (!ne) return NAN;
    return what == GA_ZONE_TIME ? ne->time[z->i] : ne->dist[z->i];
}

/* zones.sensitivity: the rule over the default grid (measure/sensitivity.h),
 * centred on the study's straight-line model and acts per GP. */
static ga_status zone_sensitivity(ga_ctx *ctx, const ga_study *s, ga_study_result *r, const ga_zone_rule *rule) {
    g_autofree char *model = ga_study_get(s, "cost", "model");
    if (strcmp(model, "straight")) {
        g_autofree char *where = ga_study_where(s, "zones", "sensitivity");
        return ga_fail(ctx, GA_ERR_VALUE, "%s: varies the straight-line model's speed and detour factor: needs "
                       "cost.model = straight", where);
    }
    ga_sensitivity_grid g = {.speeds = ga_sensitivity_default_speeds, .n_speeds = 3,
                             .detours = ga_sensitivity_default_detours, .n_detours = 3,
                             .acts = ga_sensitivity_default_acts, .n_acts = 2,
                             .decays = ga_sensitivity_default_decays, .n_decays = 2,
                             .speed0 = ga_study_get_number(s, "cost", "speed"),
                             .detour0 = ga_study_get_number(s, "cost", "detour"),
                             .acts0 = r->apl.acts, .decay0 = "drees"};
    const char *name = r->zone_name;
    r->zone_sens = g_new0(ga_plan_sensitivity, 1);
    return ga_plan_zone_sensitivity(ctx, &r->data, &rule, &name, 1, r->has_apl ? r->apl.type : "gp", &g,
                                    r->zone_sens);
}

static ga_status compute_zones(ga_ctx *ctx, const ga_study *s, ga_study_result *r) {
    ga_zone_rule *rule = NULL;
    ga_status st = ga_zone_rule_parse(ctx, r->zone_rule, &rule);
    for (size_t k = 0; !st && k < ga_zone_rule_type_count(rule); k++)
        if (!ga_study_result_nearest(r, ga_zone_rule_type(rule, k))) {
            g_autofree char *where = ga_study_where(s, "zones", "rule");
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: type '%s' is not one of nearest.types", where,
                         ga_clip(ga_zone_rule_type(rule, k)));
        }
    if (!st && ga_zone_rule_uses(rule, GA_ZONE_APL) && !r->has_apl) {
        g_autofree char *where = ga_study_where(s, "zones", "rule");
        st = ga_fail(ctx, GA_ERR_VALUE, "%s: uses the APL but apl.type is not set", where);
    }
    if (!st) {
        r->zone_type = g_strdup(ga_zone_rule_type_count(rule) ? ga_zone_rule_type(rule, 0) : "");
        r->zone_rows = g_new(size_t, r->n + 1);
        for (size_t i = 0; i < r->n; i++) {
            zone_at z = {r, i}; /* NAN: not routed, never a zone; INFINITY: none within reach */
            if (ga_zone_rule_eval(rule, zone_value, &z)) r->zone_rows[r->n_zone_rows++] = i;
        }
    }
    if (!st && ga_study_get_bool(s, "zones", "sensitivity")) st = zone_sensitivity(ctx, s, r, rule);
    ga_zone_rule_free(rule);
    return st;
}

static ga_status run_scenarios(ga_ctx *ctx, const ga_study *s, ga_study_result *r) {
    g_auto(GStrv) files = ga_study_get_list(s, "scenarios", "files");
    r->n_scen = g_strv_length(files);
    if (!r->n_scen) return GA_OK;
    r->scen = g_new0(ga_scenario *, r->n_scen);
    r->scen_paths = g_new0(char *, r->n_scen + 1);
    for (size_t k = 0; k < r->n_scen; k++) {
        r->scen_paths[k] = ga_study_resolve(s, files[k]);
        ga_status st = ga_scenario_read(ctx, r->scen_paths[k], &r->scen[k]);
        if (st) return st;
    }
    ga_plan_data *d = &r->data;
    ga_scenario_inputs in = {.communes = d->communes, .population = d->pop, .facilities = d->fac,
                             .types = (const char *const *)d->types->pdata, .n_types = d->types->len,
                             .threshold = r->scen_threshold, .apl_type = r->has_apl ? r->apl.type : NULL,
                             .acts_per_unit = r->apl.acts, .std_population = d->pop_std,
                             .apl_threshold = r->apl_threshold};
    ga_plan_scenario_ring(d, &in); /* the ring's people and GPs in the APL, as above */
    in.apl_table = r->has_apl ? r->apl_table : NULL; /* routed once, in compute_apl */
    return ga_scenarios_run(ctx, r->cost.model, &in, r->scen, r->n_scen, &r->srun);
}

/* The sites of site.type on the base of the scenarios, the APL's table reused. */
static ga_status run_site(ga_ctx *ctx, const ga_study *s, ga_study_result *r) {
    if (!r->site_type) return GA_OK;
    ga_site_options *o = &r->site_opts;
    ga_site_options_init(o);
    o->type = r->site_type;
    o->k = (size_t)ga_study_get_number(s, "site", "k");
    o->threshold = ga_study_get_number(s, "site", "threshold");
    o->capacity = ga_study_get_number(s, "site", "capacity");
    o->apl_floor = ga_study_get_number(s, "site", "apl_floor");
    o->min_distance_km = ga_study_get_number(s, "site", "min_distance_km");
    o->exact = ga_study_get_bool(s, "site", "exact");
    r->site_exclude = ga_study_get_list(s, "site", "exclude");
    o->exclude = (const char *const *)r->site_exclude;
    if (!ga_site_objective_parse(r->site_objective, &o->objective)) {
        g_autofree char *where = ga_study_where(s, "site", "objective");
        return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' is not coverage, apl or zones", where, ga_clip(r->site_objective));
    }
    ga_status st = GA_OK;
    if (o->objective == GA_SITE_ZONES) {
        if (!*r->site_rule_text) {
            g_autofree char *where = ga_study_where(s, "site", "rule");
            return ga_fail(ctx, GA_ERR_VALUE, "%s: missing (site.objective = zones needs it)", where);
        }
        if ((st = ga_zone_rule_parse(ctx, r->site_rule_text, &r->site_rule))) return st;
        o->rule = r->site_rule;
    }
    st = ga_site_candidates_read(ctx, *r->site_candidates ? r->site_candidates : NULL, NULL, &r->data, &r->site_cand);
    if (st) return st;
    ga_plan_data *d = &r->data;
    ga_scenario_inputs in;
    ga_site_base_inputs(d, r->apl.acts, &in);
    in.apl_type = r->has_apl ? r->apl.type : NULL;
    in.apl_table = r->has_apl ? r->apl_table : NULL; /* routed once, in compute_apl */
    return ga_site_run(ctx, r->cost.model, &in, r->site_cand.cand, r->site_cand.n, o, &r->site);
}

/* ---- the run ---- */

static ga_status check_types(ga_ctx *ctx, const ga_study *s, const ga_study_result *r) {
    /* every type a measure names is one of facilities.types */
    g_auto(GStrv) known = ga_study_get_list(s, "facilities", "types");
    for (char **p = known; *p; p++) {
        char *eq = strchr(*p, '=');
        if (eq) *eq = '\0';
        g_strstrip(*p);
    }
    for (size_t k = 0; k < r->n_nearest; k++)
        if (!g_strv_contains((const char *const *)known, r->nearest[k].type)) {
            g_autofree char *where = ga_study_where(s, "nearest", "types");
            return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' is not one of facilities.types", where,
                           ga_clip(r->nearest[k].type));
        }
    if (r->has_apl && !g_strv_contains((const char *const *)known, r->apl.type)) {
        g_autofree char *where = ga_study_where(s, "apl", "type");
        return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' is not one of facilities.types", where, ga_clip(r->apl.type));
    }
    if (r->cov_type && !ga_study_result_nearest(r, r->cov_type)) {
        g_autofree char *where = ga_study_where(s, "coverage", "type");
        return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' is not one of nearest.types", where, ga_clip(r->cov_type));
    }
    static const char *const kinds[] = {"tables", "shapefiles", "maps"};
    static const char *const allowed[][7] = {{"communes_access", "facilities", "coverage", "zones",
                                              "apl_professions", NULL},
                                             {"communes_access", "facilities", "zones", NULL, NULL},
                                             {"apl", "apl_official", "apl_difference", "coverage", "zones", "scenarios", NULL}};
    GStrv lists[] = {r->tables, r->shapefiles, r->maps};
    for (size_t q = 0; q < 3; q++)
        for (char **p = lists[q]; *p; p++) {
            bool ok = g_strv_contains(allowed[q], *p) || (q == 2 && ga_study_result_nearest(r, *p));
            if (!ok) {
                g_autofree char *where = ga_study_where(s, "outputs", kinds[q]);
                return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' is not an output of this study (see docs/study.md)",
                               where, ga_clip(*p));
            }
        }
    return GA_OK;
}

/* Communes read from points (no polygons): maps are refused before any
 * work, naming the key (the shapefiles are point ones). */
static ga_status check_polygons(ga_ctx *ctx, const ga_study *s, const ga_study_result *r) {
    const ga_communes *c = r->data.communes;
    if (ga_communes_has_polygons(c) || !r->maps[0]) return GA_OK;
    g_autofree char *where = ga_study_where(s, "outputs", "maps");
    return ga_fail(ctx, GA_ERR_VALUE, "%s: a map needs the commune polygons, %s has points only (communes.path)",
                   where, ga_communes_path(c));
}

static double *numbers(const ga_study *s, const char *section, const char *key, size_t *n) {
    g_auto(GStrv) l = ga_study_get_list(s, section, key);
    *n = g_strv_length(l);
    double *v = g_new(double, *n + 1);
    for (size_t i = 0; i < *n; i++) ga_parse_decimal(l[i], strlen(l[i]), false, &v[i]); /* checked at load */
    return v;
}

/* apl.professions: each known, the GPs' needing apl.type, the others the
 * BPE; age weights with their people. */
static ga_status professions_settings(ga_ctx *ctx, const ga_study *s, ga_study_result *r) {
    g_auto(GStrv) list = ga_study_get_list(s, "apl", "professions");
    r->n_prof = g_strv_length(list);
    r->prof = g_new0(ga_profession_apl, r->n_prof + 1);
    g_autofree char *bpe = ga_study_get_path(s, "facilities", "bpe");
    for (size_t k = 0; k < r->n_prof; k++) {
        const ga_profession *p = ga_profession_find(list[k]);
        g_autofree char *where = ga_study_where(s, "apl", "professions");
        if (!p) {
            g_autofree char *known = ga_profession_names();
            return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' is not a profession (known: %s)", where,
                           ga_clip(list[k]), known);
        }
        for (size_t j = 0; j < k; j++)
            if (r->prof[j].prof == p)
                return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' is given twice", where, p->name);
        if (!strcmp(p->name, "gp") && !r->has_apl)
            return ga_fail(ctx, GA_ERR_VALUE, "%s: 'gp' is the APL of apl.type, which is not set", where);
        if (strcmp(p->name, "gp") && !*bpe)
            return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' counts the BPE's %s: facilities.bpe is not set", where,
                           p->name, p->bpe);
        r->prof[k].prof = p;
    }
    g_autofree char *weights = ga_study_get_path(s, "apl", "age_weights");
    g_autofree char *people = ga_study_get_path(s, "apl", "age_population");
    if (*weights && !*people) {
        g_autofree char *where = ga_study_where(s, "apl", "age_weights");
        return ga_fail(ctx, GA_ERR_VALUE, "%s: needs apl.age_population (the people of each commune by age band)",
                       where);
    }
    return GA_OK;
}

static ga_status settings(ga_ctx *ctx, const ga_study *s, ga_study_result *r) {
    r->name = ga_study_get(s, "study", "name");
    g_auto(GStrv) types = ga_study_get_list(s, "nearest", "types");
    r->n_nearest = g_strv_length(types);
    r->nearest = g_new0(ga_study_nearest, r->n_nearest + 1);
    for (size_t k = 0; k < r->n_nearest; k++) {
        r->nearest[k].type = g_strdup(types[k]);
        const char *label = ga_plan_type_label(types[k]); /* the name itself when not a default type */
        r->nearest[k].label = label == types[k] ? r->nearest[k].type : label;
    }
    r->thresholds = numbers(s, "nearest", "thresholds", &r->n_thresholds);
    r->reach_minutes = ga_study_get_number(s, "study_area", "reach_minutes");
    g_autofree char *apl_type = ga_study_get(s, "apl", "type");
    r->has_apl = *apl_type;
    r->apl.type = g_strdup(apl_type);
    r->apl.acts = ga_study_get_number(s, "apl", "acts_per_gp");
    r->apl_threshold = ga_study_get_number(s, "apl", "threshold");
    r->apl.official_path = ga_study_get_path(s, "apl", "official");
    r->has_official = r->has_apl && *r->apl.official_path;
    if (!(r->apl.acts > 0) || !(r->apl_threshold > 0)) {
        const char *key = !(r->apl.acts > 0) ? "acts_per_gp" : "threshold";
        g_autofree char *where = ga_study_where(s, "apl", key);
        return ga_fail(ctx, GA_ERR_VALUE, "%s: must be positive", where);
    }
    ga_status st = professions_settings(ctx, s, r);
    if (st) return st;
    g_autofree char *cov = ga_study_get(s, "coverage", "type");
    if (*cov) r->cov_type = g_strdup(cov);
    g_autofree char *rule = ga_study_get(s, "zones", "rule");
    if (*rule) {
        r->zone_rule = g_strdup(rule);
        r->zone_name = ga_study_get(s, "zones", "name");
    }
    r->scen_threshold = ga_study_get_number(s, "scenarios", "threshold");
    g_autofree char *site_type = ga_study_get(s, "site", "type");
    if (*site_type) {
        r->site_type = g_strdup(site_type);
        r->site_objective = ga_study_get(s, "site", "objective");
        r->site_rule_text = ga_study_get(s, "site", "rule");
        r->site_candidates = ga_study_get_path(s, "site", "candidates");
    }
    r->tables = ga_study_get_list(s, "outputs", "tables");
    r->shapefiles = ga_study_get_list(s, "outputs", "shapefiles");
    r->maps = ga_study_get_list(s, "outputs", "maps");
    r->report = ga_study_get_bool(s, "outputs", "report");
    r->lang = ga_study_get(s, "outputs", "lang");
    if (strcmp(r->lang, "fr") && strcmp(r->lang, "en")) {
        g_autofree char *where = ga_study_where(s, "outputs", "lang");
        return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' is not a language of the report (fr, en)", where,
                       ga_clip(r->lang));
    }
    r->map_sources = ga_study_get(s, "outputs", "map_sources");
    r->map_width = (int)ga_study_get_number(s, "outputs", "map_width");
    r->data_date = ga_study_get(s, "study", "data_date");
    g_autofree char *format = ga_study_get(s, "outputs", "map_format");
    if (!ga_map_format_parse(format, &r->map_format)) {
        g_autofree char *where = ga_study_where(s, "outputs", "map_format");
        return ga_fail(ctx, GA_ERR_VALUE, "%s: '%s' is not a map format (png, svg or pdf)", where, ga_clip(format));
    }
    return check_types(ctx, s, r);
}

ga_status ga_study_run(ga_ctx *ctx, ga_study *s, ga_study_result **out) {
    ga_study_result *r = g_new0(ga_study_result, 1);
    r->study = s;
    ga_cost_source_options co;
    GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
    /* the cost source first: a road graph's CRS becomes the working CRS the
     * layers are read into */
    ga_status st = settings(ctx, s, r);
    if (!st) st = check_files(ctx, s);
    if (!st) st = cost_options(ctx, s, &co, keep);
    if (!st) st = ga_cost_source_open(ctx, &co, &r->cost);
    g_ptr_array_free(keep, TRUE);
    if (!st) st = load_inputs(ctx, s, &r->data);
    if (!st) st = check_polygons(ctx, s, r);
    if (st) goto fail;
    r->n = ga_communes_count(r->data.communes);
    for (size_t i = 0; i < r->n; i++) r->total_pop += isnan(r->data.pop[i]) ? 0 : r->data.pop[i];
    if ((st = ga_points_from_communes(ctx, r->data.communes, &r->origins))) goto fail;
    r->model_text = ga_cost_model_describe(r->cost.model);
    r->ring_reach = r->data.ring ? ga_ring_reach(ctx, r->data.ring, r->cost.model, r->reach_minutes) : NAN;
    for (size_t k = 0; k < r->n_nearest; k++)
        if ((st = nearest_of(ctx, r, &r->nearest[k]))) goto fail;
    if (r->has_apl && (st = compute_apl(ctx, r, r->apl_threshold))) goto fail;
    if (r->n_prof && (st = compute_professions(ctx, s, r))) goto fail;
    if (r->has_official) {
        g_autofree char *id = ga_study_get(s, "apl", "official_id");
        g_autofree char *col = ga_study_get(s, "apl", "official_column");
        if ((st = compare_official(ctx, r, id, col))) goto fail;
    }
    if (r->cov_type) {
        const ga_study_nearest *ne = ga_study_result_nearest(r, r->cov_type);
        size_t nt = 0;
        double *thr = numbers(s, "coverage", "thresholds", &nt);
        r->cov = g_new0(ga_coverage *, nt + 1);
        for (size_t q = 0; q < nt && !st; q++) {
            st = ga_coverage_compute(ctx, r->n, ne->time, r->data.pop, NULL, thr[q], &r->cov[q]);
            if (!st) r->n_cov++;
        }
        g_free(thr);
        if (st) goto fail;
    }
    if (r->zone_rule && (st = compute_zones(ctx, s, r))) goto fail;
    if ((st = run_scenarios(ctx, s, r))) goto fail;
    if ((st = run_site(ctx, s, r))) goto fail;
    *out = r;
    return GA_OK;
fail:
    ga_study_result_free(r);
    return st;
}

void ga_study_result_free(ga_study_result *r) {
    if (!r) return;
    for (size_t k = 0; k < r->n_nearest; k++) {
        ga_study_nearest *ne = &r->nearest[k];
        g_free(ne->type);
        ga_points_free(ne->fac);
        g_free(ne->time);
        g_free(ne->time_alone);
        g_free(ne->dist);
        g_free(ne->near_id);
    }
    g_free(r->nearest);
    g_free(r->thresholds);
    g_free(r->apl.type);
    g_free(r->apl.apl);
    g_free(r->apl.apl_alone);
    ga_od_free(r->apl_table);
    g_free(r->apl.official);
    g_free(r->apl.official_path);
    for (size_t k = 0; k < r->n_prof; k++) ga_profession_apl_clear(&r->prof[k]);
    g_free(r->prof);
    for (size_t q = 0; q < r->n_cov; q++) ga_coverage_free(r->cov[q]);
    g_free(r->cov);
    g_free(r->cov_type);
    g_free(r->zone_rule);
    g_free(r->zone_name);
    g_free(r->zone_type);
    g_free(r->zone_rows);
    if (r->zone_sens) ga_plan_sensitivity_clear(r->zone_sens);
    g_free(r->zone_sens);
    ga_scenario_run_free(r->srun);
    ga_site_result_free(r->site);
    ga_site_candidates_clear(&r->site_cand);
    ga_zone_rule_free(r->site_rule);
    g_strfreev(r->site_exclude);
    g_free(r->site_type);
    g_free(r->site_objective);
    g_free(r->site_rule_text);
    g_free(r->site_candidates);
    for (size_t k = 0; k < r->n_scen; k++) ga_scenario_free(r->scen[k]);
    g_free(r->scen);
    g_strfreev(r->scen_paths);
    g_strfreev(r->tables);
    g_strfreev(r->shapefiles);
    g_strfreev(r->maps);
    g_free(r->lang);
    g_free(r->map_sources);
    g_free(r->data_date);
    ga_points_free(r->origins);
    g_free(r->model_text);
    g_free(r->name);
    ga_plan_data_clear(&r->data);
    ga_cost_source_close(&r->cost);
    g_free(r);
}
