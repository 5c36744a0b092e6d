/* The package signature rule of docs/kit-format.md ("Packages"): a package
 * is packed when osslsigncode verifies its Authenticode signature, the chain
 * included, and the primary signer's subject has O=Microsoft Corporation;
 * otherwise only with --allow-package, and the index records why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pkgcheck.h"
#include "print.h"

/* Copies src (up to the end of its line) into out as printable ASCII: any
 * other byte becomes '?', so nothing from a signer's name reaches a terminal
 * or the index as it is. */
static void copy_printable(const char *src, size_t len, char *out, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < len && src[i] && src[i] != '\n' && src[i] != '\r' && k + 1 < n; i++)
		out[k++] = (unsigned char)src[i] >= 0x20 && (unsigned char)src[i] < 0x7F ? src[i] : '?';
	while (k > 0 && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
}

/* One attribute of an OpenSSL one-line subject, "/C=US/O=Microsoft
 * Corporation/CN=Microsoft Windows": the value after "/key=" up to the next
 * "/" or the end. "" if absent. */
static void rdn(const char *subject, const char *key, char *out, size_t n)
{
	char pat[16];
	const char *p, *end;
	out[0] = '\0';
	(void)snprintf(pat, sizeof pat, "/%s=", key);
	if (!(p = strstr(subject, pat)))
		return;
	p += strlen(pat);
	end = strchr(p, '/');
	copy_printable(p, end ? (size_t)(end - p) : strlen(p), out, n);
}

enum pkgsig_verdict pkgsig_classify(const char *out, int status, char cn[128], char org[128])
{
	const char *p = strstr(out, "Signer's certificate:"), *q;
	char subject[512];
	cn[0] = org[0] = '\0';
	/* osslsigncode 2.9 prints "Signature Index: 0  (Primary Signature)" for
	 * each signature it finds ("No signature found" and no index if none,
	 * or a file type it cannot read). */
	if (!strstr(out, "Signature Index:"))
		return PKGSIG_UNSIGNED;
	/* The first Subject: after "Signer's certificate:" is the primary
	 * signature's signer (the signer's certificate, then the chain it
	 * verified). A digest mismatch stops it before it prints any. */
	if (p && (q = strstr(p, "Subject:")) != NULL) {
		q += 8;
		while (*q == ' ' || *q == '\t')
			q++;
		copy_printable(q, strlen(q), subject, sizeof subject);
		rdn(subject, "CN", cn, 128);
		rdn(subject, "O", org, 128);
	}
	if (status != 0 || !strstr(out, "Signature verification: ok") || strstr(out, "Signature verification: failed"))
		return PKGSIG_UNVERIFIED;
	return !strcmp(org, "Microsoft Corporation") ? PKGSIG_MICROSOFT : PKGSIG_OTHER;
}

static void add_line(struct pkgcheck *pc, const char *fmt, const char *a, const char *b)
{
	char line[600], **nl;
	(void)snprintf(line, sizeof line, fmt, a, b);
	nl = realloc(pc->lines, (pc->nlines + 1) * sizeof *nl);
	if (!nl)
		return; /* a summary line lost to memory is not worth failing the build */
	pc->lines = nl;
	if ((nl[pc->nlines] = malloc(strlen(line) + 1)) != NULL)
		memcpy(nl[pc->nlines++], line, strlen(line) + 1);
}

int pkgcheck_package(void *ctx, const char *entry, const char *path, char note[KIT_ALLOWED_WHY_MAX + 1],
                     struct kit_error *err)
{
	struct pkgcheck *pc = ctx;
	const char *argv[7];
	char *out = NULL, cn[128], org[128], why[KIT_ALLOWED_WHY_MAX + 1];
	size_t i;
	int allowed = 0, status = 0, rc = 0;
	enum pkgsig_verdict v;

	if (!entry) {
		/* The last call: an --allow-package that named no package is a
		 * typo, and a typo must not pass silently. */
		for (i = 0; i < pc->nallow; i++)
			if (!pc->seen[i]) {
				pc->bad_allow = 1;
				return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT,
				                "--allow-package %s: no manifest's package line names this file", pc->allow[i]);
			}
		return 0;
	}
	for (i = 0; i < pc->nallow; i++)
		if (!strcmp(pc->allow[i], entry)) {
			pc->seen[i] = 1;
			allowed = 1;
		}
	if (!pc->tool_missing) {
		argv[0] = "osslsigncode";
		argv[1] = "verify";
		argv[2] = "-in";
		argv[3] = path;
		argv[4] = pc->cafile ? "-CAfile" : NULL;
		argv[5] = pc->cafile;
		argv[6] = NULL;
		rc = pkgrun_capture("osslsigncode", argv, &out, &status);
		pc->tool_missing = rc == PKGRUN_NOT_FOUND;
	}
	if (pc->tool_missing) {
		add_line(pc, "%s: signature not checked: osslsigncode not found%s", entry, "");
		return 0;
	}
	if (rc != 0)
		return kit_fail(err, KIT_E_INTERNAL, KIT_R_NONE, "cannot run osslsigncode on %s", path);
	v = pkgsig_classify(out, status, cn, org);
	if (v == PKGSIG_MICROSOFT) {
		free(out);
		add_line(pc, "%s: signed by %s (O=Microsoft Corporation), verified by osslsigncode", entry, cn);
		return 0;
	}
	if (v == PKGSIG_UNSIGNED)
		(void)snprintf(why, sizeof why, "unsigned");
	else if (v == PKGSIG_UNVERIFIED && !cn[0] && !org[0])
		(void)snprintf(why, sizeof why, "signature does not verify: %s",
		               strstr(out, "MISMATCH") ? "the file's digest is not the signed one (changed after signing)"
		                                       : "osslsigncode names no signer");
	else
		(void)snprintf(why, sizeof why, "%s CN=%.60s, O=%.60s%s",
		               v == PKGSIG_OTHER ? "signed by" : "signature does not verify: signer", cn[0] ? cn : "?",
		               org[0] ? org : "?", v == PKGSIG_OTHER ? ", not Microsoft Corporation" : "");
	free(out);
	if (!allowed)
		return kit_fail(err, KIT_E_REFUSED, KIT_R_BAD_INPUT,
		                "bad input: package %s (%s): %s; to pack it anyway, --allow-package %s (the kit records it)",
		                entry, path, why, entry);
	memcpy(note, why, strlen(why) + 1);
	add_line(pc, "%s: %s; packed because of --allow-package (recorded in the index)", entry, why);
	return 0;
}

void pkgcheck_print(const struct pkgcheck *pc)
{
	size_t i;
	for (i = 0; i < pc->nlines; i++)
		say("package:      %s\n", pc->lines[i]);
}

void pkgcheck_free(struct pkgcheck *pc)
{
	size_t i;
	for (i = 0; i < pc->nlines; i++)
		free(pc->lines[i]);
	free(pc->lines);
	pc->lines = NULL;
	pc->nlines = 0;
}
