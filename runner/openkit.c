/* Opening a kit for any verb: the kit's own checks (common/kit.c), then who
 * may sign it (--trust-key files, the machine's policy), its expiry and its
 * sequence against the receipt. runner/main.c sets the trust from the command
 * line; every verb that reads a kit calls open_kit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "kit.h"
#include "pem.h"
#include "plat.h"
#include "policy.h"
#include "msg.h"
#include "print.h"
#include "runner.h"
#include "timeutil.h"

/* Who may sign kits, from --trust-key files and the machine's policy. */
struct trust {
	int require;            /* --require-signature or policy RequireSignature */
	int refuse_expired;     /* --refuse-expired or policy RefuseExpired */
	int allow_older;        /* --allow-older: accept a kit older than the receipt's */
	size_t n;
	uint8_t *key[64];       /* DER SubjectPublicKeyInfo */
	size_t len[64];
	char source[64][300];   /* the file, or "policy TrustedKeys #N" */
};
static struct trust trust;

/* What the signature check found, for the report. */
char signature_line[400];
char signature_line_text[800];
int signature_trusted;

/* Applies the trust settings to a verified kit: a signature by a trusted key
 * is reported with the key; a signature no trusted key made is refused; an
 * unsigned kit, or one with no key to check it against, is refused only where
 * a signature is required. Returns EXIT_OK or EXIT_KIT_INVALID (printed). */
static int check_signature(const char *path, const struct kit *k)
{
	struct kit_error err;
	char fp[65];
	size_t i;
	if (!k->signature) {
		if (trust.require) {
			msg_complain(M_K_UNSIGNED_REQUIRED, path);
			return EXIT_KIT_INVALID;
		}
		msg_format2(signature_line, sizeof signature_line, signature_line_text, sizeof signature_line_text, M_K_SIG_NONE);
		return EXIT_OK;
	}
	if (trust.n == 0) {
		if (trust.require) {
			msg_complain(M_K_NO_TRUSTED_KEY, path);
			return EXIT_KIT_INVALID;
		}
		msg_format2(signature_line, sizeof signature_line, signature_line_text, sizeof signature_line_text, M_K_SIG_UNCHECKED);
		return EXIT_OK;
	}
	for (i = 0; i < trust.n; i++) {
		if (kit_signature_check(k, trust.key[i], trust.len[i], &err) != 0) {
			if (err.code == KIT_E_INTERNAL) {
				complain("%s", err.msg);
				return EXIT_INTERNAL;
			}
			/* A malformed signature is malformed for every key: say that,
			 * not that no trusted key made it. */
			if (strcmp(err.msg, KIT_SIG_MALFORMED) == 0) {
				msg_complain(M_REFUSED_PATH, path, err.msg);
				return EXIT_KIT_INVALID;
			}
			continue;
		}
			(void)kit_key_fingerprint(trust.key[i], trust.len[i], fp);
		msg_format2(signature_line, sizeof signature_line, signature_line_text, sizeof signature_line_text, M_K_SIG_VALID, fp,
		            trust.source[i]);
		signature_trusted = 1;
		return EXIT_OK;
	}
	msg_complain(trust.n == 1 ? M_K_NOT_BY_KEY : M_K_NOT_BY_KEYS, path, (unsigned long)trust.n);
	return EXIT_KIT_INVALID;
}

/* What the expiry check found, for the report. */
char expiry_line[200];

/* An expired kit is reported, and refused only where --refuse-expired or the
 * policy says so: an air-gapped machine's clock may be wrong, and the operator
 * can see both dates. */
static int check_expiry(const char *path, const struct kit *k)
{
	char now_text[21];
	int64_t now = plat_now();
	expiry_line[0] = '\0';
	if (!k->index.expires)
		return EXIT_OK;
	time_format_iso(now, now_text);
	if (now <= k->index.expires) {
		(void)snprintf(expiry_line, sizeof expiry_line, "%s", k->index.expires_text);
		return EXIT_OK;
	}
	if (trust.refuse_expired) {
		msg_complain(M_K_EXPIRED_REFUSED, path, k->index.expires_text, now_text);
		return EXIT_KIT_INVALID;
	}
	(void)snprintf(expiry_line, sizeof expiry_line, T(M_K_EXPIRED), k->index.expires_text, now_text);
	return EXIT_OK;
}

/* What the sequence check found, for the report. */
char sequence_line[200];

/* A kit older than the last one applied on this machine (by the receipt's
 * sequence number) is refused unless --allow-older: a replayed old kit could
 * carry withdrawn manifests. A kit without a number cannot be compared and is
 * reported as such. */
static int check_sequence(const char *path, const struct kit *k)
{
	struct plat_receipt rec;
	int e = plat_receipt_read(&rec);
	sequence_line[0] = '\0';
	if (e) {
		msg_complain_err(M_K_RECEIPT_UNREADABLE, e);
		return EXIT_IO;
	}
	if (!rec.has_sequence) {
		if (k->index.has_sequence)
			(void)snprintf(sequence_line, sizeof sequence_line, "%llu", (unsigned long long)k->index.sequence);
		return EXIT_OK;
	}
	if (!k->index.has_sequence) {
		(void)snprintf(sequence_line, sizeof sequence_line, T(M_K_SEQ_NONE), (unsigned long long)rec.sequence);
		return EXIT_OK;
	}
	if (k->index.sequence < rec.sequence && !trust.allow_older) {
		char en[512], local[1024];
		(void)snprintf(en, sizeof en, msg_in(MSG_EN, M_K_OLDER), path, (unsigned long long)k->index.sequence,
		               (unsigned long long)rec.sequence, rec.identity[0] ? msg_in(MSG_EN, M_K_OLDER_KIT) : "",
		               rec.identity);
		(void)snprintf(local, sizeof local, T(M_K_OLDER), path, (unsigned long long)k->index.sequence,
		               (unsigned long long)rec.sequence, rec.identity[0] ? T(M_K_OLDER_KIT) : "", rec.identity);
		msg_complain_texts(en, local);
		return EXIT_KIT_INVALID;
	}
	(void)snprintf(sequence_line, sizeof sequence_line, T(M_K_SEQ), (unsigned long long)k->index.sequence,
	               (unsigned long long)rec.sequence, k->index.sequence < rec.sequence ? T(M_K_SEQ_OLDER) : "");
	return EXIT_OK;
}

/* Adds a trusted key (DER) with where it came from. Returns an exit code. */
static int trust_add(uint8_t *der, size_t len, const char *source)
{
	if (!kit_key_is_p256(der, len)) {
		free(der);
		complain(T(M_K_NOT_P256), source);
		return EXIT_USAGE;
	}
	if (trust.n == sizeof trust.key / sizeof trust.key[0]) {
		free(der);
		complain(T(M_K_TOO_MANY_KEYS), source);
		return EXIT_USAGE;
	}
	trust.key[trust.n] = der;
	trust.len[trust.n] = len;
	(void)snprintf(trust.source[trust.n], sizeof trust.source[0], "%s", source);
	trust.n++;
	return EXIT_OK;
}

int trust_add_file(const char *path)
{
	uint8_t *der;
	size_t len;
	int e;
	if (pem_read_file(path, "PUBLIC KEY", &der, &len, &e) == 0) {
		if (!kit_key_is_p256(der, len)) {
			free(der);
			complain(T(M_K_TRUST_KEY_NOT_P256), path);
			return EXIT_USAGE;
		}
		return trust_add(der, len, path);
	}
	if (e) {
		complain(T(M_K_TRUST_KEY_ERR), path, msg_strerror(e));
		return EXIT_IO;
	}
	complain(T(M_K_TRUST_KEY_NOT_PEM), path);
	return EXIT_USAGE;
}

/* The machine's policy: on Windows, what Group Policy set. A value that is
 * present but malformed refuses, with its own exit code: it is never read as
 * "not set" (a REG_SZ "1" for RequireSignature would let unsigned kits in). */
int trust_add_policy(void)
{
	struct policy_raw raw;
	struct policy pol;
	char why[300];
	size_t i;
	int rc = EXIT_OK, e = plat_policy_read(&raw);
	if (e) {
		msg_complain_err(M_K_POLICY_UNREADABLE, e);
		return EXIT_IO;
	}
	if (policy_parse(&raw, &pol, why, sizeof why) != 0) {
		policy_raw_free(&raw);
		msg_complain(M_K_POLICY_MALFORMED, why);
		return EXIT_BAD_POLICY;
	}
	policy_raw_free(&raw);
	if (pol.require_signature)
		trust.require = 1;
	if (pol.refuse_expired)
		trust.refuse_expired = 1;
	for (i = 0; i < pol.nkeys && rc == EXIT_OK; i++) {
		char source[64];
		(void)snprintf(source, sizeof source, "policy TrustedKeys #%lu", (unsigned long)i + 1);
		rc = trust_add(pol.key[i], pol.key_len[i], source);
		pol.key[i] = NULL; /* trust_add owns it now, or freed it */
	}
	policy_free(&pol);
	return rc;
}

/* Verifies the kit and the expected identity; prints the refusal. Returns an
 * exit code; *out is set only on EXIT_OK. */
int open_kit(const char *path, const char *expect, int full, struct kit_reader **reader, struct kit **out)
{
	struct kit_error err;
	struct kit_reader *r;
	uint8_t want[32];

	*out = NULL;
	if (reader)
		*reader = NULL;
	if (expect && kit_unhex(expect, want, 32) != 0) {
		msg_complain(M_K_EXPECT_BAD, expect);
		return EXIT_USAGE;
	}
	if (kit_open(path, full, &r, out, &err) != 0) {
		if (err.code == KIT_E_REFUSED)
			msg_complain(M_REFUSED_PATH, path, err.msg);
		else
			complain("%s", err.msg);
		return acskit_exit_for(err.code);
	}
	if (expect && memcmp(want, (*out)->identity, 32) != 0) {
		msg_complain(M_K_ID_MISMATCH, path, (*out)->identity_hex, expect);
		kit_free(*out);
		*out = NULL;
		kit_close(r);
		return EXIT_ID_MISMATCH;
	}
	{
		/* Each check prints its own refusal and gives its own code: a receipt
		 * that cannot be read is an I/O error, not a refused kit. */
		int rc = check_signature(path, *out);
		if (rc == EXIT_OK)
			rc = check_expiry(path, *out);
		if (rc == EXIT_OK)
			rc = check_sequence(path, *out);
		if (rc != EXIT_OK) {
			kit_free(*out);
			*out = NULL;
			kit_close(r);
			return rc;
		}
	}
	if (reader)
		*reader = r;
	else
		kit_close(r);
	return EXIT_OK;
}

void trust_require_signature(void)
{
	trust.require = 1;
}

void trust_refuse_expired(void)
{
	trust.refuse_expired = 1;
}

void trust_allow_older(void)
{
	trust.allow_older = 1;
}
