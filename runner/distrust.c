/* Distrust is not absence: the root in a Disallowed store (docs/runbook.md,
 * "Distrusted") is reported with the store and a way out, and apply never
 * adds the root over it. */
#include "distrust.h"

#include <string.h>

#include "msg.h"
#include "print.h"

static const char *const dis_state_names[] = {"absent", "distrusted", "different", "unreadable"};

void distrust_assess(const struct plat_root_state *rs, const uint8_t *der, size_t len, struct distrust *d)
{
	int s;
	memset(d, 0, sizeof *d);
	for (s = 0; s < PLAT_NDIS; s++) {
		if (rs->dis_error[s])
			d->st[s] = DIS_UNREADABLE;
		else if (!rs->dis_der[s])
			d->st[s] = DIS_ABSENT;
		else if (rs->dis_len[s] != len || memcmp(rs->dis_der[s], der, len) != 0)
			d->st[s] = DIS_DIFFERENT;
		else
			d->st[s] = DIS_DISTRUSTED;
		if (d->st[s] == DIS_DISTRUSTED)
			d->distrusted = 1;
		if (d->st[s] == DIS_UNREADABLE || d->st[s] == DIS_DIFFERENT)
			d->unknown = 1;
	}
	if (d->distrusted)
		d->unknown = 0;
}

const char *distrust_set_by(enum plat_dstore s)
{
	static const char *const by[] = {"local", "group-policy", "enterprise"};
	return by[s];
}

const char *distrust_way_out_in(const struct distrust *d, enum msg_lang lang)
{
	enum msg_id id = M_WAY_OUT_LOCAL;
	const char *t;
	/* Policy first: a local removal under a policy would come back at the
	 * next Group Policy refresh. */
	if (d->st[PLAT_DIS_GROUP_POLICY] == DIS_DISTRUSTED)
		id = M_WAY_OUT_GPO;
	else if (d->st[PLAT_DIS_ENTERPRISE] == DIS_DISTRUSTED)
		id = M_WAY_OUT_ENTERPRISE;
	t = msg_in(lang, id);
	return t ? t : msg_in(MSG_EN, id);
}

const char *distrust_way_out(const struct distrust *d)
{
	return distrust_way_out_in(d, MSG_EN);
}

static const char *dis_state_text(enum dis_state s)
{
	static const enum msg_id id[] = {M_S_ABSENT, M_DIS_DISTRUSTED, M_S_DIFFERENT, M_S_UNREADABLE};
	return T(id[s]);
}

void distrust_say(const struct distrust *d, const struct plat_root_state *rs)
{
	int s;
	say(T(M_R_DISTRUST), T(d->distrusted ? M_R_DISTRUST_YES : d->unknown ? M_R_DISTRUST_UNKNOWN : M_R_DISTRUST_NONE));
	for (s = 0; s < PLAT_NDIS; s++) {
		say(T(M_R_DIS_LINE), plat_dstore_name((enum plat_dstore)s), dis_state_text(d->st[s]));
		if (d->st[s] == DIS_UNREADABLE)
			say(T(M_R_COLON_TEXT), msg_strerror(rs->dis_error[s]));
		if (d->st[s] == DIS_DISTRUSTED)
			say(T(M_R_DIS_SET_BY), distrust_set_by((enum plat_dstore)s));
		say("\n");
	}
	if (d->distrusted)
		say(T(M_R_WAY_OUT), distrust_way_out_in(d, msg_lang()));
}

void distrust_json(struct json *j, const struct distrust *d, const struct plat_root_state *rs, int have)
{
	int s;
	if (!have) {
		json_null(j, "distrusted");
		json_array_begin(j, "disallowed");
		json_array_end(j);
		json_null(j, "way_out");
		return;
	}
	if (d->unknown)
		json_null(j, "distrusted");
	else
		json_bool(j, "distrusted", d->distrusted);
	json_array_begin(j, "disallowed");
	for (s = 0; s < PLAT_NDIS; s++) {
		json_object_begin(j, NULL);
		json_string(j, "store", plat_dstore_name((enum plat_dstore)s));
		json_string(j, "registry", plat_dstore_key((enum plat_dstore)s));
		json_string(j, "state", dis_state_names[d->st[s]]);
		json_string(j, "set_by", distrust_set_by((enum plat_dstore)s));
		json_string(j, "error", d->st[s] == DIS_UNREADABLE ? plat_strerror(rs->dis_error[s]) : NULL);
		json_object_end(j);
	}
	json_array_end(j);
	json_string(j, "way_out", d->distrusted ? distrust_way_out(d) : NULL);
}
