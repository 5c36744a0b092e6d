/* The runner's message catalog (runner/messages.h) and its language.
 *
 * Every line a person reads from acskit-run is a catalog entry: call sites
 * write say(T(M_X), ...) or complain(T(M_Y), ...). English is the fallback
 * and the JSON report's language; Japanese is chosen by --lang ja, or by the
 * user's UI language (plat_ui_language_japanese). tests/unit/test_messages.c
 * fails when an entry has no Japanese or the languages' conversion
 * specifications differ (count, order, argument types). */
#ifndef ACSKIT_MSG_H
#define ACSKIT_MSG_H

#include <stddef.h>

enum msg_lang { MSG_EN, MSG_JA, MSG_NLANG };

enum msg_id {
#define MSG(id, en, ja) id,
#include "messages.h"
#undef MSG
	M_COUNT
};

/* The entry's text in the current language (English until msg_set_lang),
 * or English when it has no translation. Never NULL. */
const char *msg_text(enum msg_id id);
#define T(id) msg_text(id)
/* The entry's text in lang; NULL when that language has none (the unit
 * test lists those). */
const char *msg_in(enum msg_lang lang, enum msg_id id);
/* The entry's name ("M_USAGE"), for tests. */
const char *msg_name(enum msg_id id);

/* common/assess.c's English text (its TX()) in the current language: the
 * M_AS_ entry with that English, or english itself. For assess_update_in (assess_text_fn). */
const char *msg_assess_text(const char *english);
/* english in the current language: the entry whose name starts with prefix
 * ("M_FT_": common/filetrust.c's reasons) and whose English is english; or
 * english itself. */
const char *msg_by_english(const char *prefix, const char *english);

void msg_set_lang(enum msg_lang lang);
enum msg_lang msg_lang(void);
/* "ja" or "en" to a language; returns 0, or -1 for anything else. */
int msg_parse_lang(const char *s, enum msg_lang *out);
/* The language the user's environment asks for (platform layer). */
enum msg_lang msg_default_lang(void);

/* complain() in the current language, while the JSON report's "error"
 * (print_last_complaint) keeps the English text: fleet tools parse it the
 * same everywhere. */
void msg_complain(enum msg_id id, ...);
/* complain(T(id), text of code): the code's text in each language. */
void msg_complain_err(enum msg_id id, int code);
/* The same with both texts already made (args that differ by language). */
void msg_complain_texts(const char *english, const char *local);

/* plat_strerror(code) in the current language (English: exactly it). */
const char *msg_strerror(int code);

/* Formats id in English into en and in the current language into local
 * (same arguments). Either buffer may be NULL. */
void msg_format2(char *en, size_t en_n, char *local, size_t local_n, enum msg_id id, ...);

#endif
