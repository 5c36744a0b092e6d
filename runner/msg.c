/* The catalog's tables and the language choice (runner/msg.h). */
#include "msg.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "plat.h"
#include "print.h"

/* A translation left to do: the unit test names every entry that has it. */
#define JA_MISSING NULL

static const char *const table[MSG_NLANG][M_COUNT] = {
	{
#define MSG(id, en, ja) en,
#include "messages.h"
#undef MSG
	},
	{
#define MSG(id, en, ja) ja,
#include "messages.h"
#undef MSG
	},
};

static const char *const names[M_COUNT] = {
#define MSG(id, en, ja) #id,
#include "messages.h"
#undef MSG
};

static enum msg_lang current = MSG_EN;

const char *msg_in(enum msg_lang lang, enum msg_id id)
{
	if ((unsigned)lang >= MSG_NLANG || (unsigned)id >= M_COUNT)
		return NULL;
	return table[lang][id];
}

const char *msg_text(enum msg_id id)
{
	const char *s = msg_in(current, id);
	return s ? s : (unsigned)id < M_COUNT ? table[MSG_EN][id] : "";
}

const char *msg_name(enum msg_id id)
{
	return (unsigned)id < M_COUNT ? names[id] : "?";
}

const char *msg_by_english(const char *prefix, const char *english)
{
	size_t i, n = strlen(prefix);
	if (current == MSG_EN)
		return english;
	for (i = 0; i < M_COUNT; i++)
		if (!strncmp(names[i], prefix, n) && !strcmp(table[MSG_EN][i], english))
			return table[current][i] ? table[current][i] : english;
	return english;
}

const char *msg_assess_text(const char *english)
{
	return msg_by_english("M_AS_", english);
}

void msg_set_lang(enum msg_lang lang)
{
	current = (unsigned)lang < MSG_NLANG ? lang : MSG_EN;
}

enum msg_lang msg_lang(void)
{
	return current;
}

int msg_parse_lang(const char *s, enum msg_lang *out)
{
	if (!strcmp(s, "ja"))
		*out = MSG_JA;
	else if (!strcmp(s, "en"))
		*out = MSG_EN;
	else
		return -1;
	return 0;
}

enum msg_lang msg_default_lang(void)
{
	return plat_ui_language_japanese() ? MSG_JA : MSG_EN;
}

void msg_complain_texts(const char *english, const char *local)
{
	complain("%s", local);
	print_set_last_complaint(english);
}

void msg_complain(enum msg_id id, ...)
{
	char en[512], local[2048];
	va_list ap;
	va_start(ap, id);
	(void)vsnprintf(en, sizeof en, table[MSG_EN][id], ap);
	va_end(ap);
	va_start(ap, id);
	(void)vsnprintf(local, sizeof local, msg_text(id), ap);
	va_end(ap);
	msg_complain_texts(en, local);
}

void msg_format2(char *en, size_t en_n, char *local, size_t local_n, enum msg_id id, ...)
{
	va_list ap;
	if (en) {
		va_start(ap, id);
		(void)vsnprintf(en, en_n, table[MSG_EN][id], ap);
		va_end(ap);
	}
	if (local) {
		va_start(ap, id);
		(void)vsnprintf(local, local_n, msg_text(id), ap);
		va_end(ap);
	}
}

const char *msg_strerror(int code)
{
	enum msg_id id;
	if (current == MSG_EN)
		return plat_strerror(code);
	switch (code) {
	case PLAT_E_NOT_REGULAR: id = M_E_NOT_REGULAR; break;
	case PLAT_E_ROLLBACK: id = M_E_ROLLBACK; break;
	case ENOENT: id = M_E_NOENT; break;
	case EACCES: id = M_E_ACCES; break;
	case EEXIST: id = M_E_EXIST; break;
	case ENOMEM: id = M_E_NOMEM; break;
	case ENOSPC: id = M_E_NOSPC; break;
	case ENOTDIR: id = M_E_NOTDIR; break;
	case EISDIR: id = M_E_ISDIR; break;
	default: return plat_strerror(code);
	}
	return msg_text(id);
}

void msg_complain_err(enum msg_id id, int code)
{
	char en[512], local[2048];
	(void)snprintf(en, sizeof en, table[MSG_EN][id], plat_strerror(code));
	(void)snprintf(local, sizeof local, msg_text(id), msg_strerror(code));
	msg_complain_texts(en, local);
}
