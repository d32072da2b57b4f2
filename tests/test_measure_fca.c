/* Floating catchment measures, gravity, cumulative, closest, spatial
 * availability: hand-computed cases, published cases (PySAL access, IPEA
 * accessibility) and properties. */
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "test_util.h"
#include <sys/wait.h>
#include "geoaccess.h"

static ga_decay *parse(ga_ctx *ctx, const char *spec) {
    ga_decay *d = NULL;
    assert_ok(ctx, ga_decay_parse(ctx, spec, &d));
    return d;
}

/* The small case used throughout (minutes):
 *   demand A = 100, B = 200, C = 50; supply X = 10, Y = 5
 *   A->X 5, A->Y 15, B->X 12, B->Y 3, C->X 8   (C has no pair to Y)
 * `with_c` false leaves C out of the table (n_from = 2). */
static ga_od *small_od(ga_ctx *ctx, bool with_c) {
    ga_od_builder *b = ga_od_builder_new(with_c ? 3 : 2, 2);
    ga_od_builder_add(b, 0, 0, 5);
    ga_od_builder_add(b, 0, 1, 15);
    ga_od_builder_add(b, 1, 0, 12);
    ga_od_builder_add(b, 1, 1, 3);
    if (with_c) ga_od_builder_add(b, 2, 0, 8);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    return od;
}
static const double DEM[] = {100, 200, 50}, SUP[] = {10, 5};

static void fca(ga_ctx *ctx, ga_fca_method m, const ga_od *od, const double *dem,
                const double *sup, const char *spec, double *out) {
    ga_decay *d = parse(ctx, spec);
    assert_ok(ctx, ga_fca(ctx, m, od, dem, sup, d, out));
    ga_decay_free(d);
}

/* 2SFCA, binary:10: catchment of X = {A} -> R_X = 10/100 = 0.1; of Y = {B}
 * -> R_Y = 5/200 = 0.025; A reaches X only: 0.1; B reaches Y only: 0.025. */
static void test_2sfca_hand(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = small_od(ctx, false);
    double a[2];
    fca(ctx, GA_FCA_2SFCA, od, DEM, SUP, "binary:10", a);
    assert_near(a[0], 0.1, 1e-15);
    assert_near(a[1], 0.025, 1e-15);
    /* binary:20 covers every pair: R_X = 10/300, R_Y = 5/300, and each zone
     * gets 15/300 = total supply / total demand */
    fca(ctx, GA_FCA_2SFCA, od, DEM, SUP, "binary:20", a);
    assert_near(a[0], 0.05, 1e-15);
    assert_near(a[1], 0.05, 1e-15);
    ga_od_free(od);
}

/* E2SFCA, steps:10=1,20=0.5: W(A,X)=1, W(A,Y)=0.5, W(B,X)=0.5, W(B,Y)=1.
 * den_X = 100*1 + 200*0.5 = 200 -> R_X = 0.05; den_Y = 100*0.5 + 200*1 = 250
 * -> R_Y = 0.02. A = 1*0.05 + 0.5*0.02 = 0.06; B = 0.5*0.05 + 1*0.02 = 0.045.
 * Check: 100*0.06 + 200*0.045 = 15 = total supply. */
static void test_e2sfca_hand(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = small_od(ctx, false);
    double a[2];
    fca(ctx, GA_FCA_E2SFCA, od, DEM, SUP, "steps:10=1,20=0.5", a);
    assert_near(a[0], 0.06, 1e-15);
    assert_near(a[1], 0.045, 1e-15);
    ga_od_free(od);
}

/* 3SFCA, same weights. Selection weights G = W / row sum (1.5 for both):
 * G(A,X)=2/3, G(A,Y)=1/3, G(B,X)=1/3, G(B,Y)=2/3.
 * den_X = 100*1*(2/3) + 200*0.5*(1/3) = 100 -> R_X = 0.1
 * den_Y = 100*0.5*(1/3) + 200*1*(2/3) = 150 -> R_Y = 1/30
 * A = (2/3)*1*0.1 + (1/3)*0.5/30 = 13/180; B = (1/3)*0.5*0.1 + (2/3)/30 = 7/180 */
static void test_3sfca_hand(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = small_od(ctx, false);
    double a[2];
    fca(ctx, GA_FCA_3SFCA, od, DEM, SUP, "steps:10=1,20=0.5", a);
    assert_near(a[0], 13.0 / 180, 1e-15);
    assert_near(a[1], 7.0 / 180, 1e-15);
    ga_od_free(od);
}

/* BFCA with C (50, reaches X at 8 min, W = 1). Row sums A 1.5, B 1.5, C 1;
 * column sums X 2.5, Y 1.5.
 * den_X = 100*(1/1.5) + 200*(0.5/1.5) + 50*1 = 550/3 -> R_X = 30/550 = 3/55
 * den_Y = 100*(0.5/1.5) + 200*(1/1.5) = 500/3 -> R_Y = 0.03
 * A = (3/55)(1/2.5) + 0.03(0.5/1.5) = 6/275 + 0.01
 * B = (3/55)(0.5/2.5) + 0.03(1/1.5) = 3/275 + 0.02
 * C = (3/55)(1/2.5) = 6/275 */
static void test_bfca_hand(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = small_od(ctx, true);
    double a[3];
    fca(ctx, GA_FCA_BFCA, od, DEM, SUP, "steps:10=1,20=0.5", a);
    assert_near(a[0], 6.0 / 275 + 0.01, 1e-15);
    assert_near(a[1], 3.0 / 275 + 0.02, 1e-15);
    assert_near(a[2], 6.0 / 275, 1e-15);
    /* the level of service is counted once: sum of access = R_X + R_Y */
    assert_near(a[0] + a[1] + a[2], 3.0 / 55 + 0.03, 1e-15);
    /* and the supply once: the balanced demands 550/3 and 500/3 add up to
     * the 350 people, each supply is shared by them in full
     * (R_X 550/3 + R_Y 500/3 = 10 + 5 = 15). Note that sum P_i A_i =
     * 100 A + 200 B + 50 C = 1500/275 + 5 = 115/11 = 10.45, not 15: BFCA's A_i is the level of
     * service split over origins (column balancing), not supply per head. */
    assert_near(100 * a[0] + 200 * a[1] + 50 * a[2], 115.0 / 11, 1e-12);
    ga_od_free(od);
}

/* Gravity (Hansen), power:1: A = 10/5 + 5/15 = 7/3; B = 10/12 + 5/3 = 2.5;
 * C = 10/8 = 1.25. Cumulative within 10: A 10, B 5, C 10; within 20: 15,
 * 15, 10. */
static void test_gravity_cumulative_hand(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = small_od(ctx, true);
    ga_decay *d = parse(ctx, "power:1");
    double a[3];
    assert_ok(ctx, ga_gravity(ctx, od, SUP, d, a));
    assert_near(a[0], 7.0 / 3, 1e-15);
    assert_near(a[1], 2.5, 1e-15);
    assert_near(a[2], 1.25, 1e-15);
    assert_ok(ctx, ga_cumulative(ctx, od, SUP, 10, a));
    assert_near(a[0], 10, 0);
    assert_near(a[1], 5, 0);
    assert_near(a[2], 10, 0);
    assert_ok(ctx, ga_cumulative(ctx, od, SUP, 20, a));
    assert_near(a[0], 15, 0);
    assert_near(a[1], 15, 0);
    assert_near(a[2], 10, 0);
    ga_decay_free(d);
    ga_od_free(od);
}

/* Closest: A 5, B 3, C 8. Second closest place (supply 1 each): A 15, B 12,
 * C none (INFINITY). 12 units with X = 10, Y = 5: A needs X (10) then Y: 15;
 * B: Y (5) then X: 12; C reaches 10 only: INFINITY. */
static void test_closest_hand(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = small_od(ctx, true);
    const double ones[] = {1, 1};
    double c[3];
    assert_ok(ctx, ga_cost_to_closest(ctx, od, ones, 1, NULL, c));
    assert_near(c[0], 5, 0);
    assert_near(c[1], 3, 0);
    assert_near(c[2], 8, 0);
    assert_ok(ctx, ga_cost_to_closest(ctx, od, ones, 2, NULL, c));
    assert_near(c[0], 15, 0);
    assert_near(c[1], 12, 0);
    assert_true(isinf(c[2]));
    assert_ok(ctx, ga_cost_to_closest(ctx, od, SUP, 12, NULL, c));
    assert_near(c[0], 15, 0);
    assert_near(c[1], 12, 0);
    assert_true(isinf(c[2]));
    /* a place with no supply is no destination; max cost drops pairs */
    const double only_y[] = {0, 5};
    ga_decay *d = parse(ctx, "binary:10");
    assert_ok(ctx, ga_cost_to_closest(ctx, od, only_y, 1, d, c));
    assert_true(isinf(c[0]));
    assert_near(c[1], 3, 0);
    assert_true(isinf(c[2]));
    ga_decay_free(d);
    /* n counts units of supply: half a doctor at X is not one */
    const double half[] = {0.5, 1};
    assert_ok(ctx, ga_cost_to_closest(ctx, od, half, 1, NULL, c));
    assert_near(c[0], 15, 0); /* 0.5 at 5 min, 1.5 at 15 */
    assert_near(c[1], 3, 0);
    assert_true(isinf(c[2]));
    assert_status(ctx, ga_cost_to_closest(ctx, od, ones, 0.5, NULL, c), GA_ERR_ARG);
    ga_od_free(od);
}

/* Luo & Wang (2003), "Measures of spatial accessibility to health care in a
 * GIS environment", Environment and Planning B 30(6), Figure 3: eleven
 * population locations of one person each, physicians a and b (one each),
 * catchment 30. Costs as in the figure: a is at 20 from locations 1-4, 6, 7,
 * 9, 10 and 40 from 5, 8, 11; b at 20 from 4, 5, 8, 11 and 40 from the
 * others. The paper's ratios: R_a = 1/8, R_b = 1/4; location 4 reaches both
 * (0.375), 5, 8 and 11 reach b only (0.25), the rest a only (0.125). (The
 * same figure is the test case of the R package twostepr.) */
static void test_luo_wang_2003_figure3(void **state) {
    ga_ctx *ctx = *state;
    const int near_a[11] = {1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0};
    const int near_b[11] = {0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1};
    ga_od_builder *b = ga_od_builder_new(11, 2);
    for (uint32_t i = 0; i < 11; i++) {
        ga_od_builder_add(b, i, 0, near_a[i] ? 20 : 40);
        ga_od_builder_add(b, i, 1, near_b[i] ? 20 : 40);
    }
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    double dem[11], a[11];
    const double sup[2] = {1, 1};
    for (int i = 0; i < 11; i++) dem[i] = 1;
    fca(ctx, GA_FCA_2SFCA, od, dem, sup, "binary:30", a);
    const double want[11] = {0.125, 0.125, 0.125, 0.375, 0.25, 0.125, 0.125, 0.25, 0.125, 0.125, 0.25};
    for (int i = 0; i < 11; i++) assert_near(a[i], want[i], 1e-12);
    ga_od_free(od);
}

/* The gravity-based 2SFCA of Luo & Wang (2003, equation 3; Joseph & Bantock
 * 1982): A_i = sum_j S_j d_ij^-beta / V_j with V_j = sum_k P_k d_kj^-beta,
 * i.e. E2SFCA with a power decay. Three people, physicians A (at 1 from all)
 * and B (at 1 from people 1 and 2, at 2 from person 3), one of everything.
 * beta 1: V_A = 3, V_B = 2.5; A_1 = A_2 = 1/3 + 1/2.5 = 0.7333,
 * A_3 = 1/3 + 0.5/2.5 = 0.5333. beta 2: V_B = 2.25; A_1 = 1/3 + 1/2.25 =
 * 0.7778, A_3 = 1/3 + 0.25/2.25 = 0.4444. (The twostepr package's gravity
 * test, same figures.) */
static void test_gravity_2sfca_power(void **state) {
    ga_ctx *ctx = *state;
    ga_od_builder *b = ga_od_builder_new(3, 2);
    for (uint32_t i = 0; i < 3; i++) {
        ga_od_builder_add(b, i, 0, 1);
        ga_od_builder_add(b, i, 1, i == 2 ? 2 : 1);
    }
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    const double dem[3] = {1, 1, 1}, sup[2] = {1, 1};
    double a[3];
    fca(ctx, GA_FCA_E2SFCA, od, dem, sup, "power:1", a);
    assert_near(a[0], 1.0 / 3 + 1 / 2.5, 1e-12);
    assert_near(a[1], 1.0 / 3 + 1 / 2.5, 1e-12);
    assert_near(a[2], 1.0 / 3 + 0.5 / 2.5, 1e-12);
    assert_near(a[0], 0.7333, 5e-5);
    assert_near(a[2], 0.5333, 5e-5);
    fca(ctx, GA_FCA_E2SFCA, od, dem, sup, "power:2", a);
    assert_near(a[0], 0.7778, 5e-5);
    assert_near(a[2], 0.4444, 5e-5);
    ga_od_free(od);
}

/* A 5 x 5 grid of points (x, y) in 0..4, id = 5x + y + 1, Euclidean costs,
 * as PySAL access's tests/util.py create_nxn_grid / create_cost_matrix. */
static ga_od *pysal_grid(ga_ctx *ctx, size_t n_from, const size_t *from_cells, double scale) {
    ga_od_builder *b = ga_od_builder_new(n_from, 25);
    for (size_t k = 0; k < n_from; k++)
        for (size_t j = 0; j < 25; j++) {
            double dx = (double)(from_cells[k] / 5) - (double)(j / 5);
            double dy = (double)(from_cells[k] % 5) - (double)(j % 5);
            ga_od_builder_add(b, (uint32_t)k, (uint32_t)j, sqrt(dx * dx + dy * dy) / scale);
        }
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    return od;
}

/* PySAL access, access/tests/test_floating_catchment_area.py: supply 1 at
 * every cell of the 5x5 grid, demand 1 at one sampled cell. Large catchment:
 * 2SFCA = E2SFCA = 3SFCA = 25; catchment 0.9 (the cell alone): 1. The cell
 * is random there, so every cell is tried here. */
static void test_pysal_grid_fca(void **state) {
    ga_ctx *ctx = *state;
    double sup[25];
    for (int j = 0; j < 25; j++) sup[j] = 1;
    const double dem[] = {1};
    for (size_t cell = 0; cell < 25; cell++) {
        ga_od *od = pysal_grid(ctx, 1, &cell, 1.0);
        double a;
        const ga_fca_method ms[] = {GA_FCA_2SFCA, GA_FCA_E2SFCA, GA_FCA_3SFCA};
        for (size_t m = 0; m < 3; m++) {
            fca(ctx, ms[m], od, dem, sup, "binary:100", &a);
            assert_near(a, 25, 1e-12);
            fca(ctx, ms[m], od, dem, sup, "binary:0.9", &a);
            assert_near(a, 1, 1e-12);
        }
        /* test_three_stage_..._large_catchment: weights.step_fn({10: 25}) */
        fca(ctx, GA_FCA_3SFCA, od, dem, sup, "steps:10=1", &a);
        assert_near(a, 25, 1e-12);
        ga_od_free(od);
    }
}

/* PySAL access, access/tests/test_weighted_catchment.py
 * (test_weighted_catchment_with_gravity_weights): demand and supply on every
 * cell, weights.gravity(scale=60, alpha=1), i.e. weight (d/60)^1, summed
 * over supply 1: ids 1, 5, 13, 19, 24 -> 1.322340210, 1.322340210,
 * 0.780985109, 0.925540119, 1.133733026. Here: costs d/60 and power:-1
 * (weight cost^1). */
static void test_pysal_gravity_weights(void **state) {
    ga_ctx *ctx = *state;
    size_t cells[25];
    double sup[25];
    for (size_t j = 0; j < 25; j++) cells[j] = j, sup[j] = 1;
    ga_od *od = pysal_grid(ctx, 25, cells, 60.0);
    ga_decay *d = parse(ctx, "power:-1");
    double a[25];
    assert_ok(ctx, ga_gravity(ctx, od, sup, d, a));
    const int ids[] = {1, 5, 13, 19, 24};
    const double expected[] = {1.322340210, 1.322340210, 0.780985109, 0.925540119, 1.133733026};
    for (size_t k = 0; k < 5; k++) assert_near(a[ids[k] - 1], expected[k], 5e-9);
    ga_decay_free(d);
    ga_od_free(od);
}

/* IPEA accessibility, tests/testthat/test-spatial_availability.R
 * ("calculates spatial availability correctly", data of Soukhov et al. 2023,
 * slightly modified): origins A, B, C (population 50000, 150000, 10000),
 * destinations 1, 2, 3 (jobs 100000, 100000, 10000), times
 * A: 15 30 100, B: 30 15 100, C: 100 100 15, decay_exponential(0.1),
 * alpha 1 -> 66833, 133203, 9963 (rounded to units). */
static void test_ipea_spatial_availability(void **state) {
    ga_ctx *ctx = *state;
    const double t[3][3] = {{15, 30, 100}, {30, 15, 100}, {100, 100, 15}};
    ga_od_builder *b = ga_od_builder_new(3, 3);
    for (uint32_t i = 0; i < 3; i++)
        for (uint32_t j = 0; j < 3; j++) ga_od_builder_add(b, i, j, t[i][j]);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    const double pop[] = {50000, 150000, 10000}, jobs[] = {100000, 100000, 10000};
    ga_decay *d = parse(ctx, "exponential:0.1");
    double sa[3];
    assert_ok(ctx, ga_spatial_availability(ctx, od, pop, jobs, d, 1.0, sa));
    assert_near(sa[0], 66833, 0.5);
    assert_near(sa[1], 133203, 0.5);
    assert_near(sa[2], 9963, 0.5);
    /* every job is allocated once */
    assert_near(sa[0] + sa[1] + sa[2], 210000, 1e-6);
    ga_decay_free(d);
    ga_od_free(od);
}

/* A pseudo-random table (fixed LCG), some zones without demand or supply. */
static uint64_t lcg(uint64_t *s) {
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}
static ga_od *random_od(ga_ctx *ctx, size_t nf, size_t nt, double density, uint64_t seed,
                        double *dem, double *sup) {
    uint64_t s = seed;
    ga_od_builder *b = ga_od_builder_new(nf, nt);
    for (size_t i = 0; i < nf; i++) {
        dem[i] = (lcg(&s) % 5 == 0) ? 0 : (double)(lcg(&s) % 1000);
        for (size_t j = 0; j < nt; j++)
            if ((double)(lcg(&s) % 1000) < density * 1000)
                ga_od_builder_add(b, (uint32_t)i, (uint32_t)j, (double)(lcg(&s) % 4000) / 100.0);
    }
    for (size_t j = 0; j < nt; j++) sup[j] = (lcg(&s) % 4 == 0) ? 0 : (double)(lcg(&s) % 50);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    return od;
}

/* Properties over random tables:
 * - no NaN, never negative;
 * - a binary decay covering everything on a full table gives every zone
 *   total supply / total demand;
 * - 2SFCA, E2SFCA and 3SFCA: sum of demand x access = the supply reached by
 *   some demand;
 * - BFCA: each person counted once (sum over supplies of the balanced
 *   demand = population reaching some supply) and each level of service
 *   once (sum of access = sum of the ratios); checked through
 *   sum_i A_i = sum_j R_j with R_j recovered independently;
 * - cumulative access never drops when the cutoff widens. */
static void test_properties(void **state) {
    ga_ctx *ctx = *state;
    enum { NF = 60, NT = 40 };
    double dem[NF], sup[NT], a[NF], prev[NF];
    for (uint64_t seed = 1; seed <= 5; seed++) {
        ga_od *od = random_od(ctx, NF, NT, 0.3, seed, dem, sup);
        const char *specs[] = {"binary:20", "steps:10=1,20=0.6,30=0.2", "exponential:0.1", "gaussian:25"};
        for (size_t s = 0; s < 4; s++) {
            ga_decay *d = parse(ctx, specs[s]);
            /* supply reached by some demand (with positive weight) */
            double reached = 0;
            for (size_t j = 0; j < NT; j++) {
                bool r = false;
                for (size_t i = 0; i < NF; i++) {
                    double c;
                    if (dem[i] > 0 && ga_od_lookup(od, i, j, &c) && ga_decay_weight(d, c) > 0) r = true;
                }
                if (r) reached += sup[j];
            }
            for (int m = GA_FCA_2SFCA; m <= GA_FCA_BFCA; m++) {
                assert_ok(ctx, ga_fca(ctx, (ga_fca_method)m, od, dem, sup, d, a));
                double sum = 0;
                for (size_t i = 0; i < NF; i++) {
                    assert_false(isnan(a[i]));
                    assert_true(a[i] >= 0);
                    sum += dem[i] * a[i];
                }
                if (m != GA_FCA_BFCA) assert_near(sum, reached, 1e-9 * reached);
            }
            ga_decay_free(d);
        }
        /* cumulative: monotone in the cutoff */
        for (double cut = 0; cut <= 45; cut += 2.5) {
            assert_ok(ctx, ga_cumulative(ctx, od, sup, cut, a));
            if (cut > 0)
                for (size_t i = 0; i < NF; i++) assert_true(a[i] >= prev[i]);
            memcpy(prev, a, sizeof a);
        }
        ga_od_free(od);

        /* full table, binary covering everything */
        od = random_od(ctx, NF, NT, 1.0, seed + 100, dem, sup);
        double td = 0, ts = 0;
        for (size_t i = 0; i < NF; i++) td += dem[i];
        for (size_t j = 0; j < NT; j++) ts += sup[j];
        ga_decay *d = parse(ctx, "binary:1000");
        assert_ok(ctx, ga_fca(ctx, GA_FCA_2SFCA, od, dem, sup, d, a));
        for (size_t i = 0; i < NF; i++) assert_near(a[i], ts / td, 1e-12);
        ga_decay_free(d);
        ga_od_free(od);
    }
}

/* BFCA balances: population once, level of service once. Checked against
 * the definitions on a random table with an independent computation of
 * R_j from the row-balanced demand. */
static void test_bfca_balance(void **state) {
    ga_ctx *ctx = *state;
    enum { NF = 50, NT = 30 };
    double dem[NF], sup[NT], a[NF];
    ga_od *od = random_od(ctx, NF, NT, 0.4, 7, dem, sup);
    ga_decay *d = parse(ctx, "exponential:0.05");
    assert_ok(ctx, ga_fca(ctx, GA_FCA_BFCA, od, dem, sup, d, a));
    double balanced[NT] = {0}, rowsum[NF] = {0}, pop_reaching = 0;
    for (size_t i = 0; i < NF; i++)
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++)
            if (sup[od->to[p]] > 0) rowsum[i] += ga_decay_weight(d, od->cost[p]);
    for (size_t i = 0; i < NF; i++) {
        if (rowsum[i] > 0) pop_reaching += dem[i];
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++)
            if (sup[od->to[p]] > 0 && rowsum[i] > 0)
                balanced[od->to[p]] += dem[i] * ga_decay_weight(d, od->cost[p]) / rowsum[i];
    }
    double total_balanced = 0, sum_r = 0, sum_a = 0;
    for (size_t j = 0; j < NT; j++) {
        total_balanced += balanced[j];
        if (balanced[j] > 0) {
            sum_r += sup[j] / balanced[j];
        }
    }
    for (size_t i = 0; i < NF; i++) sum_a += a[i];
    assert_near(total_balanced, pop_reaching, 1e-9 * pop_reaching);
    assert_near(sum_a, sum_r, 1e-12 * sum_r);
    ga_decay_free(d);
    ga_od_free(od);
}

/* Zones with no demand and no supply get 0, not NaN; a supply nobody
 * reaches adds nothing; a full commune-to-commune table with empty places. */
static void test_empty_zones(void **state) {
    ga_ctx *ctx = *state;
    ga_od_builder *b = ga_od_builder_new(3, 3);
    for (uint32_t i = 0; i < 3; i++)
        for (uint32_t j = 0; j < 3; j++) ga_od_builder_add(b, i, j, i == j ? 0 : 5);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    const double dem[] = {0, 100, 0}, sup[] = {0, 0, 0};
    double a[3];
    for (int m = GA_FCA_2SFCA; m <= GA_FCA_BFCA; m++) {
        fca(ctx, (ga_fca_method)m, od, dem, sup, "binary:10", a);
        for (int i = 0; i < 3; i++) assert_near(a[i], 0, 0);
    }
    const double sup2[] = {0, 0, 30};
    for (int m = GA_FCA_2SFCA; m <= GA_FCA_BFCA; m++) {
        fca(ctx, (ga_fca_method)m, od, dem, sup2, "binary:10", a);
        /* only B has demand: R = 30 / 100 */
        for (int i = 0; i < 3; i++) assert_false(isnan(a[i]));
        if (m != GA_FCA_BFCA) assert_near(a[1], 0.3, 1e-15);
    }
    ga_od_free(od);
}

static void test_bad_input(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = small_od(ctx, false);
    ga_decay *d = parse(ctx, "binary:10");
    double a[2];
    const double neg[] = {100, -1};
    assert_status(ctx, ga_fca(ctx, GA_FCA_2SFCA, od, neg, SUP, d, a), GA_ERR_VALUE);
    assert_error_mentions(ctx, "demand: value -1 at index 1 is negative");
    const double nan_sup[] = {NAN, 1};
    assert_status(ctx, ga_gravity(ctx, od, nan_sup, d, a), GA_ERR_VALUE);
    assert_error_mentions(ctx, "not finite");
    assert_status(ctx, ga_fca(ctx, GA_FCA_2SFCA, od, DEM, SUP, NULL, a), GA_ERR_ARG);
    ga_fca_method m;
    assert_true(ga_fca_method_parse("E2SFCA", &m));
    assert_int_equal(m, GA_FCA_E2SFCA);
    assert_false(ga_fca_method_parse("4sfca", &m));
    ga_decay_free(d);
    ga_od_free(od);
}


/* ---- the command line ---- */

/* geoaccess fca on fixtures/measure (the small case with C and an empty E):
 * E2SFCA, steps:10=1,20=0.5 with C: den_X = 100 + 200*0.5 + 50 = 250 ->
 * R_X = 0.04; den_Y = 100*0.5 + 200 = 250 -> R_Y = 0.02; A = 0.04 + 0.01 =
 * 0.05, B = 0.02 + 0.02 = 0.04, C = 0.04, E (no pair) 0. The matrix names Q
 * and W, in neither table: one warning. */
static void test_cli_fca(void **state) {
    (void)state;
    g_autofree char *m = g_strdup(test_path("fixtures/measure/matrix.csv"));
    g_autofree char *d = g_strdup(test_path("fixtures/measure/demand.csv"));
    g_autofree char *s = g_strdup(test_path("fixtures/measure/supply.csv"));
    char *out = NULL, *err = NULL;
    const char *args[] = {"fca", "--matrix", m, "--demand", d, "--supply", s, "--method", "e2sfca",
                          "--decay", "steps:10=1,20=0.5", NULL};
    assert_int_equal(run_cli(args, &out, &err), 0);
    assert_string_equal(out, "id,access\nA,0.050000000000000003\nB,0.040000000000000001\n"
                             "C,0.040000000000000001\nE,0\n");
    assert_non_null(strstr(err, "2 of 7 pairs name an id found in neither list"));
    g_free(out);
    g_free(err);
    /* --out: atomic file, same content */
    g_autofree char *dir = test_tmpdir("fca");
    g_autofree char *file = g_build_filename(dir, "a.csv", NULL);
    const char *args2[] = {"fca", "--matrix", m, "--demand", d, "--supply", s, "--method", "closest",
                           "--n", "12", "--out", file, NULL};
    assert_int_equal(run_cli(args2, &out, &err), 0);
    g_free(out);
    g_free(err);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(file, &text, NULL, NULL));
    assert_string_equal(text, "id,access\nA,15\nB,12\nC,inf\nE,inf\n");
    g_unlink(file);
    /* --max-cost alone: closest within 4 minutes is only B -> Y (3) */
    const char *args3[] = {"fca", "--matrix", m, "--demand", d, "--supply", s, "--method", "closest",
                           "--max-cost", "4", NULL};
    assert_int_equal(run_cli(args3, &out, &err), 0);
    assert_string_equal(out, "id,access\nA,inf\nB,3\nC,inf\nE,inf\n");
    g_free(out);
    g_free(err);
    /* bad usage: 2; bad input: 1, and no output file */
    const char *bad_decay[] = {"fca", "--matrix", m, "--demand", d, "--supply", s, "--method", "2sfca",
                               "--decay", "bin:3", "--out", file, NULL};
    assert_int_equal(run_cli(bad_decay, &out, &err), 2);
    assert_non_null(strstr(err, "unknown function 'bin'"));
    g_free(out);
    g_free(err);
    const char *bad_method[] = {"fca", "--matrix", m, "--demand", d, "--supply", s, "--method", "4sfca",
                                "--decay", "binary:3", NULL};
    assert_int_equal(run_cli(bad_method, &out, &err), 2);
    g_free(out);
    g_free(err);
    const char *bad_input[] = {"fca", "--matrix", m, "--demand", s, "--supply", s, "--method", "2sfca",
                               "--decay", "binary:3", "--out", file, NULL};
    assert_int_equal(run_cli(bad_input, &out, &err), 1);
    assert_non_null(strstr(err, "no column 'population'"));
    assert_false(g_file_test(file, G_FILE_TEST_EXISTS));
    g_free(out);
    g_free(err);
    const char *help[] = {"fca", "--help", NULL};
    assert_int_equal(run_cli(help, &out, &err), 0);
    assert_non_null(strstr(out, "--method"));
    g_free(out);
    g_free(err);
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
        cmocka_unit_test(test_2sfca_hand),
        cmocka_unit_test(test_e2sfca_hand),
        cmocka_unit_test(test_3sfca_hand),
        cmocka_unit_test(test_bfca_hand),
        cmocka_unit_test(test_gravity_cumulative_hand),
        cmocka_unit_test(test_closest_hand),
        cmocka_unit_test(test_luo_wang_2003_figure3),
        cmocka_unit_test(test_gravity_2sfca_power),
        cmocka_unit_test(test_pysal_grid_fca),
        cmocka_unit_test(test_pysal_gravity_weights),
        cmocka_unit_test(test_ipea_spatial_availability),
        cmocka_unit_test(test_properties),
        cmocka_unit_test(test_bfca_balance),
        cmocka_unit_test(test_empty_zones),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_cli_fca),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
