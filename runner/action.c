/* The actions a report lists (what apply and remove did, runner/report.h):
 * each detail in English for the JSON report and in the text's language
 * (runner/msg.h), and the refusal or error line that repeats one. Shared by
 * runner/machine.c (the root, the receipt) and runner/install.c (update
 * packages). */
#include <stdarg.h>
#include <stdio.h>

#include "msg.h"
#include "plat.h"
#include "report.h"

struct action *report_action_slot(struct report *r, const char *name, const char *result)
{
	struct action *a;
	if (r->nactions == sizeof r->actions / sizeof r->actions[0])
		return NULL;
	a = &r->actions[r->nactions++];
	a->action = name;
	a->result = result;
	return a;
}

void report_action(struct report *r, const char *name, const char *result, enum msg_id id, ...)
{
	struct action *a = report_action_slot(r, name, result);
	va_list ap;
	if (!a)
		return;
	va_start(ap, id);
	(void)vsnprintf(a->detail, sizeof a->detail, msg_in(MSG_EN, id), ap);
	va_end(ap);
	va_start(ap, id);
	(void)vsnprintf(a->detail_text, sizeof a->detail_text, T(id), ap);
	va_end(ap);
}

void report_action_err(struct report *r, const char *name, enum msg_id id, int e)
{
	struct action *a = report_action_slot(r, name, "failed");
	if (!a)
		return;
	(void)snprintf(a->detail, sizeof a->detail, msg_in(MSG_EN, id), plat_strerror(e));
	(void)snprintf(a->detail_text, sizeof a->detail_text, T(id), msg_strerror(e));
}

void report_refuse_last(const struct report *r)
{
	const struct action *a = &r->actions[r->nactions - 1];
	char en[700], local[1400];
	msg_format2(en, sizeof en, NULL, 0, M_REFUSED, a->detail);
	msg_format2(NULL, 0, local, sizeof local, M_REFUSED, a->detail_text);
	msg_complain_texts(en, local);
}

void report_complain_last(const struct report *r, enum msg_id suffix)
{
	const struct action *a = &r->actions[r->nactions - 1];
	char en[700], local[1400];
	(void)snprintf(en, sizeof en, "%s%s", a->detail, suffix == M_COUNT ? "" : msg_in(MSG_EN, suffix));
	(void)snprintf(local, sizeof local, "%s%s", a->detail_text, suffix == M_COUNT ? "" : T(suffix));
	msg_complain_texts(en, local);
}
