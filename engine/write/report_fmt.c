/* Numbers and escaping for the report: see report_fmt.h. */
#include <math.h>
#include <stdbool.h>
#include <string.h>
#include "write/report_fmt.h"

#define NNBSP "\xe2\x80\xaf" /* U+202F NARROW NO-BREAK SPACE */

void ga_fmt_number(GString *out, double v, int decimals, ga_lang lang) {
    if (isnan(v)) {
        g_string_append(out, "\xe2\x80\x93"); /* en dash */
        return;
    }
    if (isinf(v)) {
        g_string_append(out, v < 0 ? "-\xe2\x88\x9e" : "\xe2\x88\x9e");
        return;
    }
    decimals = CLAMP(decimals, 0, 9);
    char fmt[8], buf[G_ASCII_DTOSTR_BUF_SIZE + 320];
    g_snprintf(fmt, sizeof fmt, "%%.%df", decimals);
    g_ascii_formatd(buf, sizeof buf, fmt, v); /* "C" locale whatever the process's */
    const char *digits = buf;
    bool negative = *digits == '-';
    if (negative) digits++;
    /* "-0.00": rounds to zero, no sign */
    if (negative && strspn(digits, "0.") == strlen(digits)) negative = false;
    const char *point = strchr(digits, '.');
    size_t int_len = point ? (size_t)(point - digits) : strlen(digits);
    if (negative) g_string_append_c(out, '-');
    for (size_t k = 0; k < int_len; k++) {
        if (k && (int_len - k) % 3 == 0) g_string_append(out, lang == GA_LANG_FR ? NNBSP : ",");
        g_string_append_c(out, digits[k]);
    }
    if (point) {
        g_string_append_c(out, lang == GA_LANG_FR ? ',' : '.');
        g_string_append(out, point + 1);
    }
}

void ga_fmt_percent(GString *out, double share, int decimals, ga_lang lang) {
    ga_fmt_number(out, share * 100, decimals, lang);
    g_string_append(out, lang == GA_LANG_FR ? NNBSP "%" : "%");
}

void ga_html_escape(GString *out, const char *text) {
    g_autofree char *valid = g_utf8_make_valid(text ? text : "", -1);
    for (const char *p = valid; *p; p++) {
        switch (*p) {
        case '&': g_string_append(out, "&amp;"); break;
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        case '\'': g_string_append(out, "&#39;"); break;
        default: g_string_append_c(out, *p);
        }
    }
}
