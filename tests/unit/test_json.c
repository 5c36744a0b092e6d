/* json.c: the writer behind --json, byte for byte (indentation, commas,
 * escapes), and the misuse it reports through json_finish (unbalanced
 * nesting, too deep). The machine suite validates whole reports against
 * docs/report.schema.json under Wine; this runs on every build. */
#include <stdint.h>
#include <string.h>

#include "json.h"
#include "t.h"

static void document(void)
{
	static const char want[] =
	    "{\n"
	    "  \"schema\": \"acskit-report/1\",\n"
	    "  \"n\": -9223372036854775808,\n"
	    "  \"big\": 9223372036854775807,\n"
	    "  \"yes\": true,\n"
	    "  \"no\": false,\n"
	    "  \"none\": null,\n"
	    "  \"nothing\": null,\n"
	    "  \"empty\": {},\n"
	    "  \"list\": [\n"
	    "    \"a\\\"b\\\\c\",\n"
	    "    \"tab\\u0009nl\\u000adel\\u007f\",\n"
	    "    \"caf\xc3\xa9\",\n"
	    "    \"bad\\u00ff\\u00feutf8\",\n"
	    "    {\n"
	    "      \"k\\u001b\": 1\n"
	    "    },\n"
	    "    []\n"
	    "  ]\n"
	    "}\n";
	struct json j;
	memset(&j, 0, sizeof j);
	json_object_begin(&j, NULL);
	json_string(&j, "schema", "acskit-report/1");
	json_int(&j, "n", INT64_MIN);
	json_int(&j, "big", INT64_MAX);
	json_bool(&j, "yes", 7);
	json_bool(&j, "no", 0);
	json_null(&j, "none");
	json_string(&j, "nothing", NULL);
	json_object_begin(&j, "empty");
	json_object_end(&j);
	json_array_begin(&j, "list");
	json_string(&j, NULL, "a\"b\\c");
	json_string(&j, NULL, "tab\tnl\ndel\x7f");
	json_string(&j, NULL, "caf\xc3\xa9");
	json_string(&j, NULL, "bad\xff\xfeutf8");
	json_object_begin(&j, NULL);
	json_int(&j, "k\x1b", 1);
	json_object_end(&j);
	json_array_begin(&j, NULL);
	json_array_end(&j);
	json_array_end(&j);
	json_object_end(&j);
	CHECK(json_finish(&j) == 0 && j.len == strlen(want) && !strcmp(j.buf, want),
	      "the document is written byte for byte:\n%s", j.buf ? j.buf : "(null)");
	json_free(&j);
	CHECK(j.buf == NULL && j.len == 0, "json_free leaves an empty writer");
}

static void misuse(void)
{
	struct json j;
	int i;
	memset(&j, 0, sizeof j);
	json_object_begin(&j, NULL);
	CHECK(json_finish(&j) == -1, "an object left open fails json_finish");
	json_free(&j);

	memset(&j, 0, sizeof j);
	json_object_end(&j);
	CHECK(json_finish(&j) == -1, "closing what was never opened fails json_finish");
	json_free(&j);

	memset(&j, 0, sizeof j);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_array_begin(&j, NULL);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_array_end(&j);
	CHECK(json_finish(&j) == 0, "%d levels of nesting are allowed", JSON_MAX_DEPTH);
	json_free(&j);

	memset(&j, 0, sizeof j);
	for (i = 0; i <= JSON_MAX_DEPTH; i++)
		json_array_begin(&j, NULL);
	CHECK(j.failed && json_finish(&j) == -1, "level %d fails", JSON_MAX_DEPTH + 1);
	json_free(&j);

	/* Past the first 4 KiB the buffer grows and keeps every byte. */
	memset(&j, 0, sizeof j);
	json_array_begin(&j, NULL);
	for (i = 0; i < 2000; i++)
		json_int(&j, NULL, i);
	json_array_end(&j);
	CHECK(json_finish(&j) == 0 && j.len > 4096 && strstr(j.buf, "\n  1999\n]\n") && j.len == strlen(j.buf),
	      "a 2000-member array (%lu bytes) is written whole", (unsigned long)j.len);
	json_free(&j);
}

int main(void)
{
	document();
	misuse();
	return t_done();
}
