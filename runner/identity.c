/* The report's host and runner objects (docs/report.md): which machine wrote
 * a report, and with which binary, so a fleet summary can tell machines apart
 * and an auditor can tell which acskit-run ran. */
#include <stdint.h>
#include <stdio.h>

#include "json.h"
#include "kit.h"
#include "plat.h"
#include "runner.h"

void report_identity_json(struct json *j)
{
	struct plat_identity id;
	char path[4096], hex[65];
	uint8_t sha[32];
	uint64_t size;
	int e;

	(void)plat_identity_read(&id);
	json_object_begin(j, "host");
	json_string(j, "computer_name", id.computer_name[0] ? id.computer_name : NULL);
	json_string(j, "dns_hostname", id.dns_hostname[0] ? id.dns_hostname : NULL);
	json_string(j, "domain", id.domain[0] ? id.domain : NULL);
	json_string(j, "domain_type", id.domain_kind);
	json_string(j, "machine_id", id.machine_id[0] ? id.machine_id : NULL);
	json_string(j, "machine_id_source", id.machine_id_source);
	json_object_end(j);

	/* The file on disk, hashed as it is now: what an auditor can compare
	 * with the release's published SHA-256. */
	json_object_begin(j, "runner");
	e = plat_self_path(path, sizeof path);
	json_string(j, "path", e ? NULL : path);
	if (!e)
		e = hash_file(path, sha, &size);
	if (!e)
		kit_hex(sha, 32, hex);
	json_string(j, "sha256", e ? NULL : hex);
	json_string(j, "error", e ? plat_strerror(e) : NULL);
	json_object_end(j);
}
