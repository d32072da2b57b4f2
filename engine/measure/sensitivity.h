/* The robustness of zones blanches: the grid of the model's assumptions a
 * zone rule is rerun over (speed and detour factor of the straight-line
 * model, acts per GP and decay bands of the APL), and what each run can
 * reuse: a straight-line time is distance x detour / speed, so a run's
 * times are the reference run's times scaled by (detour / speed) /
 * (detour0 / speed0), with no routing. Private to the engine. */
#ifndef GA_MEASURE_SENSITIVITY_H
#define GA_MEASURE_SENSITIVITY_H

#include "core/internal.h"

/* One run's assumptions. */
typedef struct {
    double speed, detour;  /* straight-line model, km/h and factor */
    double acts;           /* APL: consultations a year per unit of capacity */
    const char *decay;     /* APL bands: "drees", "wide", or a decay specification */
    bool apl_only;         /* differs from the central run only by the APL's assumptions */
} ga_sensitivity_run;

/* The grid: lists of values and the central assumptions (the model's own). */
typedef struct {
    const double *speeds, *detours, *acts;
    size_t n_speeds, n_detours, n_acts;
    const char *const *decays;
    size_t n_decays;
    double speed0, detour0, acts0;
    const char *decay0;
} ga_sensitivity_grid;

/* The default grid's lists (docs: README, zones --sensitivity). */
extern const double ga_sensitivity_default_speeds[3], ga_sensitivity_default_detours[3],
    ga_sensitivity_default_acts[2];
extern const char *const ga_sensitivity_default_decays[2];
/* The widened bands "wide": the DREES bands stretched by 1.5 (1 to 15
 * minutes, 2/3 to 22.5, 1/3 to 30). */
#define GA_SENSITIVITY_WIDE_DECAY "steps:15=1,22.5=0.66666666666666663,30=0.33333333333333331"

/* The runs (transfer full, g_free): every speed x detour at the central
 * acts and decay; then, when with_apl, every acts x decay other than the
 * central pair at the central speed and detour (apl_only). */
ga_sensitivity_run *ga_sensitivity_runs(const ga_sensitivity_grid *g, bool with_apl, size_t *n);

/* The decay of a run: "drees", "wide" or a specification (ga_decay_parse).
 * Caller frees *out with ga_decay_free. */
ga_status ga_sensitivity_decay(ga_ctx *ctx, const char *name, ga_decay **out);

/* A copy of od with every cost multiplied by k, without the pairs then
 * above max_cost (<= 0: keep all); the unknown flags kept. Caller frees
 * *out with ga_od_free. */
ga_status ga_od_scaled(ga_ctx *ctx, const ga_od *od, double k, double max_cost, ga_od **out);

#endif
