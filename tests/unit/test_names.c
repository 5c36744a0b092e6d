/* names.c: the entry-name safety table of docs/kit-format.md section 1. */
#include <string.h>

#include "kit.h"
#include "t.h"

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
	return t_done();
}
