/* The one CSV writer: see csv_out.h. */
#include <math.h>
#include <string.h>
#include "write/csv_out.h"

ga_csv_writer ga_csv_to_stream(FILE *f) { return (ga_csv_writer){.f = f}; }
ga_csv_writer ga_csv_to_string(GString *s) { return (ga_csv_writer){.s = s}; }

static void put(ga_csv_writer *w, const char *s, size_t len) {
    if (w->f) fwrite(s, 1, len, w->f);
    else g_string_append_len(w->s, s, (gssize)len);
}

static void put_c(ga_csv_writer *w, char c) {
    if (w->f) fputc(c, w->f);
    else g_string_append_c(w->s, c);
}

static void sep(ga_csv_writer *w) {
    if (w->col++) put_c(w, ',');
}

static void put_cell_q(ga_csv_writer *w, const char *s, bool always) {
    if (!always && !strpbrk(s, ",\"\r\n")) {
        put(w, s, strlen(s));
        return;
    }
    put_c(w, '"');
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        put(w, s, (size_t)(q - s) + 1);
        put_c(w, '"');
    }
    put(w, s, strlen(s));
    put_c(w, '"');
}

static void put_cell(ga_csv_writer *w, const char *s) { put_cell_q(w, s, false); }

void ga_csv_quoted(ga_csv_writer *w, const char *s) {
    sep(w);
    put_cell_q(w, s ? s : "", true);
}

void ga_csv_text(ga_csv_writer *w, const char *s) {
    sep(w);
    put_cell(w, s ? s : "");
}

void ga_csv_number_fmt(ga_csv_writer *w, const char *fmt, double v) {
    sep(w);
    if (isnan(v)) return;
    if (isinf(v)) {
        put_cell(w, v > 0 ? "inf" : "-inf");
        return;
    }
    char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
    put_cell(w, g_ascii_formatd(buf, sizeof buf, fmt, v));
}

void ga_csv_number(ga_csv_writer *w, double v, int decimals) {
    char fmt[16];
    if (decimals >= 0) g_snprintf(fmt, sizeof fmt, "%%.%df", decimals > 17 ? 17 : decimals);
    else g_strlcpy(fmt, "%.17g", sizeof fmt);
    ga_csv_number_fmt(w, fmt, v);
}

void ga_csv_size(ga_csv_writer *w, size_t v) {
    char buf[32];
    g_snprintf(buf, sizeof buf, "%zu", v);
    sep(w);
    put_cell(w, buf);
}

void ga_csv_end_row(ga_csv_writer *w) {
    put_c(w, '\n');
    w->col = 0;
}

void ga_csv_header(ga_csv_writer *w, const char *const *names) {
    for (; *names; names++) ga_csv_text(w, *names);
    ga_csv_end_row(w);
}

void ga_csv_put_field(FILE *f, const char *s) {
    ga_csv_writer w = ga_csv_to_stream(f);
    put_cell(&w, s);
}
