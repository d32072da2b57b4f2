/* The one CSV writer: see csv_out.h. */
#include <locale.h>
#include <math.h>
#include <string.h>
#include "write/csv_out.h"

static ga_csv_writer writer(FILE *f, GString *s) {
    ga_csv_writer w = {.f = f, .s = s};
    g_strlcpy(w.dp, localeconv()->decimal_point, sizeof w.dp);
    return w;
}

ga_csv_writer ga_csv_to_stream(FILE *f) { return writer(f, NULL); }
ga_csv_writer ga_csv_to_string(GString *s) { return writer(NULL, s); }

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

/* The hot path of large tables (an OD table has millions of cells): plain
 * snprintf, the locale's decimal point (read once per writer) turned into a
 * dot, rather than g_ascii_formatd's locale switch per cell. */
void ga_csv_number(ga_csv_writer *w, double v, int decimals) {
    sep(w);
    if (isnan(v)) return;
    if (isinf(v)) {
        put_cell(w, v > 0 ? "inf" : "-inf");
        return;
    }
    char buf[512];
    int len = decimals >= 0 ? snprintf(buf, sizeof buf, "%.*f", decimals > 17 ? 17 : decimals, v)
                            : snprintf(buf, sizeof buf, "%.17g", v);
    if (len < 0 || (size_t)len >= sizeof buf) len = snprintf(buf, sizeof buf, "%.17g", v);
    if (strcmp(w->dp, ".") != 0) {
        char *p = strstr(buf, w->dp);
        if (p) {
            size_t dl = strlen(w->dp);
            *p = '.';
            memmove(p + 1, p + dl, strlen(p + dl) + 1);
        }
    }
    put_cell(w, buf);
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
