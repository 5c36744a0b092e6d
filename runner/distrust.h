/* The pinned root in the LocalMachine Disallowed stores: an explicit distrust
 * that no root store overrides. Used by check and apply (runner/machine.c)
 * and check-file (runner/checkfile.c). Portable: it reads what
 * plat_root_state found. */
#ifndef ACSKIT_DISTRUST_H
#define ACSKIT_DISTRUST_H

#include <stddef.h>
#include <stdint.h>

#include "json.h"
#include "msg.h"
#include "plat.h"

/* absent; distrusted: the pinned bytes are there; different: other bytes
 * under the root's thumbprint; unreadable: the store could not be read. */
enum dis_state { DIS_ABSENT, DIS_DISTRUSTED, DIS_DIFFERENT, DIS_UNREADABLE };

struct distrust {
	enum dis_state st[PLAT_NDIS];
	int distrusted; /* some store holds the pinned bytes */
	int unknown;    /* not distrusted, but some store could not be read or holds other bytes */
};

/* Sorts what rs holds in the Disallowed stores against the root's bytes. */
void distrust_assess(const struct plat_root_state *rs, const uint8_t *der, size_t len, struct distrust *d);
/* Who put it there, for the report: "local", "group-policy" or "enterprise". */
const char *distrust_set_by(enum plat_dstore s);
/* The way out for the first store that distrusts the root, one sentence
 * (static text). */
const char *distrust_way_out(const struct distrust *d);
/* The same in lang (runner/msg.h), for the text report. */
const char *distrust_way_out_in(const struct distrust *d, enum msg_lang lang);
/* The text report's "distrust:" lines. */
void distrust_say(const struct distrust *d, const struct plat_root_state *rs);
/* The JSON report's root.distrusted, root.disallowed and root.way_out (inside
 * the root object); have 0 writes null, an empty array and null. */
void distrust_json(struct json *j, const struct distrust *d, const struct plat_root_state *rs, int have);

#endif
