/* The one Application event each check, apply and remove leaves (Windows),
 * so a SIEM or Windows Event Forwarding sees the fleet without collecting
 * files. Event IDs and insertion strings: docs/runbook.md, "Event Log"; the
 * text Event Viewer shows: platform/win32res/events.mc. The strings stay in
 * English like the JSON report: fleet tools match them the same everywhere. */
#include <stdio.h>
#include <string.h>

#include "plat.h"
#include "msg.h"
#include "print.h"
#include "runner.h"
#include "version.h"

/* By outcome: the event ID (events.mc) and its level. */
static const struct {
	const char *outcome;
	unsigned id;
	enum plat_event_type type;
} events[] = {
	{"ready", 1000, PLAT_EVENT_INFORMATION},     {"action-needed", 1001, PLAT_EVENT_WARNING},
	{"pending-reboot", 1002, PLAT_EVENT_WARNING}, {"undetermined", 1003, PLAT_EVENT_WARNING},
	{"not-fixable", 1004, PLAT_EVENT_ERROR},      {"not-covered", 1005, PLAT_EVENT_ERROR},
	{"done", 1006, PLAT_EVENT_INFORMATION},      {"error", 1007, PLAT_EVENT_ERROR},
	{"install-failed", 1009, PLAT_EVENT_ERROR},   {"installer-busy", 1010, PLAT_EVENT_WARNING},
	{"distrusted", 1008, PLAT_EVENT_ERROR},
};

void runner_event(const char *verb, const char *outcome, int exit_code, const char *text, const char *kit_identity,
                  int register_source, int off)
{
	char code[16], runner[64], file[600];
	const char *s[6];
	size_t i;
	int e;
	if (off || !plat_machine_supported() || !outcome)
		return;
	for (i = 0; i < sizeof events / sizeof events[0] && strcmp(events[i].outcome, outcome) != 0; i++)
		;
	/* An outcome this table lacks (a newer verb's) is logged as an error
	 * event, never as some other outcome's. */
	if (i == sizeof events / sizeof events[0])
		for (i = 0; strcmp(events[i].outcome, "error") != 0; i++)
			;
	/* apply registers the source (it runs elevated and got past the kit's
	 * checks); remove leaves it, so the history stays readable. */
	if (register_source && (e = plat_event_register(file, sizeof file)) != 0)
		complain(T(M_EV_REGISTER_FAILED), msg_strerror(e));
	(void)snprintf(code, sizeof code, "%d", exit_code);
	(void)snprintf(runner, sizeof runner, "acskit-run %s", ACSKIT_VERSION);
	s[0] = verb;
	s[1] = outcome;
	s[2] = code;
	s[3] = text && text[0] ? text : "-";
	s[4] = kit_identity ? kit_identity : "none";
	s[5] = runner;
	if ((e = plat_event_write(events[i].id, events[i].type, s, 6)) != 0)
		complain(T(M_EV_WRITE_FAILED), msg_strerror(e));
}
