/* names.c: the entry-name safety table of docs/kit-format.md section 1; and
 * util.c: the reason phrases the CLI tests match, kit_fail and hex. */
#include <string.h>

#include "kit.h"
#include "pem.h"
#include "t.h"

/* util.c: one distinct phrase per reason (the CLI tests and scripts match
 * them), kit_fail keeping messages to one line, and hex both ways. */
static void util(void)
{
	struct kit_error err;
	uint8_t b[2];
	char hex[5];
	int r, q, distinct = 1;
	for (r = KIT_R_NOT_ZIP; r <= KIT_R_BAD_CHAIN; r++) {
		if (!strcmp(kit_reason_text((enum kit_reason)r), "error"))
			distinct = 0;
		for (q = KIT_R_NOT_ZIP; q < r; q++)
			if (!strcmp(kit_reason_text((enum kit_reason)r), kit_reason_text((enum kit_reason)q)))
				distinct = 0;
	}
	CHECK(distinct, "every reason has its own phrase");
	CHECK(!strcmp(kit_reason_text(KIT_R_NONE), "error") && !strcmp(kit_reason_text((enum kit_reason)999), "error"),
	      "no reason, or an unknown one, reads \"error\"");
	CHECK(!strcmp(kit_reason_text(KIT_R_NOT_ZIP), "not a zip file") &&
	          !strcmp(kit_reason_text(KIT_R_BAD_CHAIN), "bad reference chain"),
	      "the first and last phrases");
	CHECK(kit_fail(&err, KIT_E_REFUSED, KIT_R_SIZE, "a\nb\tc\x7f%d", 1) == -1 && err.code == KIT_E_REFUSED &&
	          err.reason == KIT_R_SIZE && !strcmp(err.msg, "a\\x0Ab\\x09c\\x7F1"),
	      "kit_fail sets code and reason and keeps the message to one printable line: %s", err.msg);
	CHECK(kit_unhex("aB09", b, 2) == 0 && b[0] == 0xab && b[1] == 0x09, "kit_unhex reads either case");
	CHECK(kit_unhex("ab0", b, 2) != 0 && kit_unhex("ab090", b, 2) != 0, "kit_unhex wants exactly 2n digits");
	CHECK(kit_unhex("abg9", b, 2) != 0 && kit_unhex("ab9G", b, 2) != 0 && kit_unhex("a 09", b, 2) != 0,
	      "kit_unhex refuses other characters");
	b[0] = 0xfe, b[1] = 0x01;
	kit_hex(b, 2, hex);
	CHECK(!strcmp(hex, "fe01"), "kit_hex writes lower case: %s", hex);
	CHECK(!kit_name_stored("ab"), "a name shorter than any stored extension is deflated");
	{
		/* PEM labels longer than the BEGIN/END lines hold are refused, not cut. */
		static const char label[] = "A LABEL FAR TOO LONG FOR THE BEGIN AND END LINES OF ANY PEM BLOCK, REALLY";
		uint8_t *der = NULL;
		size_t n = 0;
		char *text = NULL;
		CHECK(pem_decode("-----BEGIN X-----\n-----END X-----\n", 34, label, &der, &n) != 0 && der == NULL,
		      "pem_decode refuses a label too long for its lines");
		CHECK(pem_encode(b, 2, label, &text) == 0 && text && strstr(text, label), "pem_encode takes any label");
		free(text);
	}
}

int main(void)
{
	static const struct {
		const char *name;
		size_t len; /* 0: strlen */
		const char *why; /* NULL: safe */
	} cases[] = {
		{"payload/root.cer", 0, NULL},
		{"manifests/win11.manifest", 0, NULL},
		{"index.sha256", 0, NULL},
		{"payload/a_b-c.d.txt", 0, NULL},
		{"payload/a/b/c/d/e/f/g", 0, NULL},
		{"payload/con-notes.txt", 0, NULL},      /* CON only as the whole stem */
		{"payload/COM10", 0, NULL},              /* COM0-9 only */
		{"payload/..x", 0, NULL},                /* not a '..' segment */
		{"", 0, "empty name"},
		{"payload/a/b/c/d/e/f/g/h", 0, "more than 8 path segments"},
		{"/etc/passwd", 0, "absolute path"},
		{"payload\\x", 0, "backslash"},
		{"..\\x", 0, "backslash"},
		{"C:x", 0, "drive letter"},
		{"c:/x", 0, "drive letter"},
		{"payload/x:stream", 0, "colon (alternate data stream)"},
		{"payload/x::$DATA", 0, "colon (alternate data stream)"},
		{"../x", 0, "'..' segment"},
		{"payload/../x", 0, "'..' segment"},
		{"payload/..", 0, "'..' segment"},
		{"./x", 0, "'.' segment"},
		{"payload//x", 0, "empty path segment"},
		{"payload/x/", 0, "empty path segment"},
		{"payload/x.", 0, "segment ends in a dot or space"},
		{"payload/x ", 0, "segment ends in a dot or space"},
		{"payload./x", 0, "segment ends in a dot or space"},
		{"payload/CON", 0, "reserved device name"},
		{"payload/con.txt", 0, "reserved device name"},
		{"payload/Nul", 0, "reserved device name"},
		{"payload/aux.tar.gz", 0, "reserved device name"},
		{"payload/COM1", 0, "reserved device name"},
		{"payload/lpt9.log", 0, "reserved device name"},
		{"payload/CONIN$", 0, "reserved device name"},
		{"CON/x", 0, "reserved device name"},
		{"payload/x\x01", 0, "control character"},
		{"payload/x\x7f", 0, "control character"},
		{"payload/x\0y", 11, "control character"},
		{"payload/\xc3\xa9", 0, "non-ASCII byte"},
		{"payload/e\xcc\x81", 0, "non-ASCII byte"}, /* NFD form of é */
		{"payload/a*b", 0, "character outside A-Z a-z 0-9 . _ - /"},
		{"payload/a b", 0, "character outside A-Z a-z 0-9 . _ - /"},
		{"payload/a?b", 0, "character outside A-Z a-z 0-9 . _ - /"},
	};
	char longname[300];
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].name);
		const char *why = kit_name_unsafe(cases[i].name, len);
		CHECK((why == NULL && cases[i].why == NULL) || (why && cases[i].why && !strcmp(why, cases[i].why)),
		      "name %u \"%s\": %s", (unsigned)i, cases[i].name, why ? why : "safe");
	}
	memset(longname, 'a', sizeof longname);
	memcpy(longname, "payload/", 8);
	CHECK(kit_name_unsafe(longname, 255) == NULL, "255-byte name is safe");
	CHECK(kit_name_unsafe(longname, 256) != NULL, "256-byte name is refused");

	CHECK(kit_name_kind("index.sha256") == KIT_KIND_INDEX, "index kind");
	CHECK(kit_name_kind("payload/x.cer") == KIT_KIND_CERT, "cer kind");
	CHECK(kit_name_kind("payload/x.CRT") == KIT_KIND_CERT, "CRT kind, any case");
	CHECK(kit_name_kind("payload/x.der") == KIT_KIND_CERT, "der kind");
	CHECK(kit_name_kind("payload/README.md") == KIT_KIND_PAYLOAD, "payload kind");
	/* The reference chain: exactly one segment after payload/acs-chain/, and a
	 * certificate extension; tested before the root rule. */
	CHECK(kit_name_kind("payload/acs-chain/pca.cer") == KIT_KIND_CHAIN, "acs-chain .cer is chain");
	CHECK(kit_name_kind("payload/acs-chain/leaf.CRT") == KIT_KIND_CHAIN, "acs-chain .CRT is chain, any case");
	CHECK(kit_name_kind("payload/acs-chain/eoc.der") == KIT_KIND_CHAIN, "acs-chain .der is chain");
	CHECK(kit_name_kind("payload/acs-chain/sub/x.cer") == KIT_KIND_CERT,
	      "a certificate deeper in acs-chain is a root candidate (refused as a second one)");
	CHECK(kit_name_kind("payload/acs-chain/notes.txt") == KIT_KIND_PAYLOAD, "a non-certificate in acs-chain is payload");
	CHECK(kit_name_kind("payload/acs-chain/x.pem") == KIT_KIND_PAYLOAD, "a .pem in acs-chain is payload");
	CHECK(kit_name_kind("payload/ACS-CHAIN/x.cer") == KIT_KIND_CERT, "the directory name is exact (no case folding)");
	CHECK(kit_name_kind("payload/acs-chainx/x.cer") == KIT_KIND_CERT, "acs-chainx is not the chain");
	CHECK(kit_name_kind("payload/acs-chain.cer") == KIT_KIND_CERT, "payload/acs-chain.cer is a root candidate");
	CHECK(kit_name_kind("payload/x/acs-chain/y.cer") == KIT_KIND_CERT, "acs-chain only directly under payload/");
	CHECK(kit_name_kind("acs-chain/x.cer") == KIT_KIND_OTHER, "acs-chain outside payload/ is other");
	CHECK(kit_name_stored("payload/acs-chain/x.cer"), "chain certificates stored");
	CHECK(kit_name_kind("manifests/win11.manifest") == KIT_KIND_MANIFEST, "manifest kind");
	CHECK(kit_name_kind("manifests/sub/win11.manifest") == KIT_KIND_OTHER, "nested manifest is other");
	CHECK(kit_name_kind("manifests/.manifest") == KIT_KIND_OTHER, "manifest without id is other");
	CHECK(kit_name_kind("manifests/x.txt") == KIT_KIND_OTHER, "manifests/x.txt is other");
	CHECK(kit_name_kind("payload/") == KIT_KIND_OTHER, "payload/ alone is other");
	CHECK(kit_name_kind("Index.sha256") == KIT_KIND_OTHER, "index name is exact");
	CHECK(kit_name_stored("payload/x.cer") && kit_name_stored("payload/X.MSU"), "certificates and .msu stored");
	CHECK(!kit_name_stored("manifests/x.manifest"), "manifests deflated");
	util();
	return t_done();
}
