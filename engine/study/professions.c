/* The APL of every profession: see professions.h. */
#include <math.h>
#include <string.h>
#include "study/professions.h"
#include "study/ring.h"

/* BPE 2019 (geodata/herault/bpe2019/equipment_types.csv): health
 * professionals are counted one per practitioner and practice address,
 * pharmacies one per pharmacy. */
static const ga_profession professions[] = {
    {"gp", "D201", "general practitioners"}, {"dentist", "D221", "dentists"},
    {"midwife", "D231", "midwives"},          {"nurse", "D232", "nurses"},
    {"physio", "D233", "physiotherapists"},   {"pharm", "D301", "pharmacies"},
};

const ga_profession *ga_profession_find(const char *name) {
    for (size_t k = 0; k < G_N_ELEMENTS(professions); k++)
        if (!strcmp(professions[k].name, name)) return &professions[k];
    return NULL;
}

char *ga_profession_names(void) {
    GString *s = g_string_new(NULL);
    for (size_t k = 0; k < G_N_ELEMENTS(professions); k++)
        g_string_append_printf(s, "%s%s", k ? ", " : "", professions[k].name);
    return g_string_free(s, FALSE);
}

static bool is_gp(const ga_profession_apl *p) {
    return !strcmp(p->prof->name, "gp");
}

void ga_profession_apl_clear(ga_profession_apl *p) {
    if (p->prof && !is_gp(p)) g_free(p->apl);
    g_free(p->demand);
    g_free(p->demand_text);
    memset(p, 0, sizeof *p);
}

/* The headcount of one BPE type per commune: the study's, then the ring's
 * (indices n + k). */
static ga_status headcount(ga_ctx *ctx, const ga_table *bpe, const ga_profession_files *f,
                           const ga_communes *study, const ga_ring *ring, const ga_profession *prof,
                           double *count, ga_profession_apl *out) {
    size_t n = ga_communes_count(study);
    ga_points *p = NULL;
    ga_status st = ga_points_from_counts(ctx, bpe, f->bpe_commune, f->bpe_type, f->bpe_count, prof->bpe, study, &p);
    for (size_t j = 0; !st && j < ga_points_count(p); j++) {
        count[ga_points_commune(p, j)] += ga_points_capacity(p, j);
        out->headcount += ga_points_capacity(p, j);
    }
    ga_points_free(p);
    p = NULL;
    if (!st && ring) {
        ga_plan_type ty = {prof->name, prof->bpe, prof->label, false};
        st = ga_ring_facilities(ctx, ring, &ty, (long)n, &p);
        for (size_t j = 0; !st && j < ga_points_count(p); j++) {
            count[ga_points_commune(p, j)] += ga_points_capacity(p, j);
            out->headcount_ring += ga_points_capacity(p, j);
        }
        ga_points_free(p);
    }
    return st;
}

/* The age weights and the population by age band, read once. */
typedef struct {
    ga_table *weights, *people;
    double *by_band;  /* n_all x bands */
    size_t n_bands;
} age_data;

static void age_data_clear(age_data *a) {
    ga_table_free(a->weights);
    ga_table_free(a->people);
    g_free(a->by_band);
}

static ga_status read_ages(ga_ctx *ctx, const ga_profession_files *f, const char *const *ids, size_t n_all,
                           age_data *a) {
    size_t cb, ci;
    static const char *const id_names[] = {"insee_code", "insee", "codgeo", "code", "id", NULL};
    ga_status st = ga_table_read(ctx, f->age_weights, &a->weights);
    if (!st) st = ga_table_require(ctx, a->weights, "age_band", "age band names", &cb);
    if (!st) st = ga_table_require_rows(ctx, a->weights, "age weights");
    if (!st) st = ga_table_read(ctx, f->age_population, &a->people);
    if (st) return st;
    int c = ga_table_find_any(a->people, id_names);
    if (c < 0) return ga_table_require(ctx, a->people, "insee_code", "commune code", &ci);
    a->n_bands = ga_table_rows(a->weights);
    a->by_band = g_new0(double, n_all * a->n_bands + 1);
    double *col = g_new(double, n_all + 1);
    for (size_t b = 0; !st && b < a->n_bands; b++) {
        const char *band = ga_table_cell(a->weights, b, cb);
        size_t cp;
        if ((st = ga_table_require(ctx, a->people, band, "people of an age band of the age weights", &cp))) break;
        /* the study's and the ring's communes at once: no warning for the
         * rows of either (a missing commune is an error below) */
        st = ga_table_join_sum_codes(ctx, a->people, (size_t)c, cp, ids, n_all, "the communes", NULL, col);
        for (size_t k = 0; !st && k < n_all; k++) {
            if (isnan(col[k]))
                st = ga_fail(ctx, GA_ERR_VALUE, "%s: commune '%s' has no row: the age-weighted demand needs "
                             "every commune of the study and of its ring", f->age_population, ga_clip(ids[k]));
            else if (col[k] < 0)
                st = ga_fail(ctx, GA_ERR_VALUE, "%s: commune '%s': field '%s': negative people %g",
                             f->age_population, ga_clip(ids[k]), band, col[k]);
            else
                a->by_band[k * a->n_bands + b] = col[k];
        }
    }
    g_free(col);
    return st;
}

/* The demand of one profession over the n_all communes: its age-weighted
 * people when the weights have its column, else the total population. */
static ga_status demand_of(ga_ctx *ctx, const ga_profession_files *f, const age_data *a, const double *pop,
                           size_t n_all, ga_profession_apl *out, double *demand) {
    int cw = a->weights ? ga_table_find(a->weights, out->prof->name) : -1;
    if (cw < 0) {
        memcpy(demand, pop, n_all * sizeof *demand);
        out->demand_text = g_strdup("total population (no age weights)");
        return GA_OK;
    }
    double *w = g_new(double, a->n_bands + 1);
    ga_status st = GA_OK;
    for (size_t b = 0; !st && b < a->n_bands; b++) {
        if ((st = ga_table_get_double(ctx, a->weights, b, (size_t)cw, &w[b]))) break;
        if (!(w[b] >= 0) || !isfinite(w[b]))
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: field '%s': weight %g is not a number >= 0",
                         f->age_weights, ga_table_line(a->weights, b), out->prof->name, w[b]);
    }
    if (!st) st = ga_apl_standardise(ctx, a->by_band, n_all, w, a->n_bands, demand);
    if (!st)
        out->demand_text = g_strdup_printf("people weighted by age (%s, column %s; people by age: %s)",
                                           f->age_weights, out->prof->name, f->age_population);
    g_free(w);
    return st;
}

ga_status ga_professions_compute(ga_ctx *ctx, const ga_profession_files *f, const ga_communes *study,
                                 const double *pop, const ga_ring *ring, const ga_od *table,
                                 ga_profession_apl *out, size_t n_out) {
    size_t n = ga_communes_count(study), nr = ring ? ga_communes_count(ring->communes) : 0, nt = n + nr;
    const char **ids = g_new(const char *, nt + 1);
    double *people = g_new(double, nt + 1), *count = g_new(double, nt + 1), *demand = g_new(double, nt + 1),
           *apl = g_new(double, nt + 1);
    for (size_t i = 0; i < nt; i++) {
        ids[i] = i < n ? ga_communes_id(study, i) : ga_communes_id(ring->communes, i - n);
        people[i] = i < n ? (isnan(pop[i]) ? 0 : pop[i]) : ring->pop[i - n];
    }
    ids[nt] = NULL;
    ga_table *bpe = NULL;
    age_data ages = {0};
    ga_status st = ga_table_read(ctx, f->bpe, &bpe);
    if (!st && f->age_weights && *f->age_weights) st = read_ages(ctx, f, ids, nt, &ages);
    for (size_t k = 0; !st && k < n_out; k++) {
        ga_profession_apl *p = &out[k];
        if (is_gp(p)) continue;
        memset(count, 0, nt * sizeof *count);
        st = headcount(ctx, bpe, f, study, ring, p->prof, count, p);
        if (!st) st = demand_of(ctx, f, &ages, people, nt, p, demand);
        if (!st) st = ga_apl_headcount(ctx, nt, ids, demand, count, table, apl);
        if (st) break;
        p->apl = g_new(double, n + 1);
        p->demand = g_new(double, n + 1);
        memcpy(p->apl, apl, n * sizeof *apl);
        memcpy(p->demand, demand, n * sizeof *demand);
        ga_apl_summarise_lowest(n, p->apl, p->demand, people, GA_PROFESSION_LOW_SHARE, &p->summary);
        p->summary.supply = p->headcount;
    }
    age_data_clear(&ages);
    ga_table_free(bpe);
    g_free(ids);
    g_free(people);
    g_free(count);
    g_free(demand);
    g_free(apl);
    return st;
}
