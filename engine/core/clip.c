/* Values quoted in messages, cut when long: see ga_clip() in internal.h. */
#include <stdio.h>
#include <string.h>
#include "core/internal.h"

#define CLIP_CHARS 60
#define CLIP_SLOTS 8

const char *ga_clip(const char *s) {
    /* one message quotes a few values: slots used in turn, per thread */
    static _Thread_local char slots[CLIP_SLOTS][CLIP_CHARS * 4 + 48];
    static _Thread_local unsigned next;
    if (!s) return "(null)";
    size_t len = strlen(s);
    if (len <= CLIP_CHARS) return s;
    /* the first 60 characters: UTF-8 characters when the text is UTF-8
     * (never half a character), bytes otherwise */
    const char *cut = s;
    bool utf8 = g_utf8_validate(s, (gssize)len, NULL);
    for (size_t k = 0; k < CLIP_CHARS && *cut; k++) cut = utf8 ? g_utf8_next_char(cut) : cut + 1;
    if (!*cut) return s;
    char *buf = slots[next++ % CLIP_SLOTS];
    size_t head = (size_t)(cut - s);
    memcpy(buf, s, head);
    snprintf(buf + head, sizeof slots[0] - head, "\xE2\x80\xA6(%zu bytes)", len);
    return buf;
}
