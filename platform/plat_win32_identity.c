/* Win32 side of plat.h: who this machine is (computer name, domain or
 * workgroup, MachineGuid) and where the running exe is, for the report. */
#include "plat.h"
#include "plat_win32.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <lm.h>

/* One GetComputerNameExW form as report text; "" if it cannot be read. */
static void computer_name(COMPUTER_NAME_FORMAT form, char *out, size_t n)
{
	wchar_t w[256];
	DWORD len = sizeof w / sizeof w[0];
	out[0] = '\0';
	if (GetComputerNameExW(form, w, &len) && len < sizeof w / sizeof w[0]) {
		w[len] = L'\0';
		(void)w32_report_text(w, out, n);
	}
}

int plat_identity_read(struct plat_identity *id)
{
	HKEY key;
	LPWSTR join = NULL;
	NETSETUP_JOIN_STATUS status = NetSetupUnknownStatus;

	memset(id, 0, sizeof *id);
	computer_name(ComputerNameNetBIOS, id->computer_name, sizeof id->computer_name);
	computer_name(ComputerNameDnsHostname, id->dns_hostname, sizeof id->dns_hostname);
	/* A domain member has a DNS domain (ComputerNameDnsDomain); a workgroup
	 * machine has none, and NetGetJoinInformation names its workgroup. An
	 * NT4-style domain without DNS falls back to the NetBIOS domain name. */
	if (NetGetJoinInformation(NULL, &join, &status) == NERR_Success && join) {
		if (status == NetSetupDomainName) {
			id->domain_kind = "domain";
			computer_name(ComputerNameDnsDomain, id->domain, sizeof id->domain);
			if (!id->domain[0])
				(void)w32_report_text(join, id->domain, sizeof id->domain);
		} else if (status == NetSetupWorkgroupName) {
			id->domain_kind = "workgroup";
			(void)w32_report_text(join, id->domain, sizeof id->domain);
		}
	}
	if (join)
		NetApiBufferFree(join);
	if (!id->domain_kind) {
		computer_name(ComputerNameDnsDomain, id->domain, sizeof id->domain);
		if (id->domain[0])
			id->domain_kind = "domain";
	}
	/* Written once at setup; Sysprep generalisation makes a new one, so
	 * cloned machines that were not generalised share it (docs/report.md). */
	if (w32_open_hklm64(L"SOFTWARE\\Microsoft\\Cryptography", &key) == 0) {
		(void)w32_reg_text(key, L"MachineGuid", id->machine_id, sizeof id->machine_id);
		RegCloseKey(key);
	}
	id->machine_id_source = "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MachineGuid";
	return 0;
}

int plat_self_path(char *out, size_t n)
{
	/* GetModuleFileNameW truncates silently: a full buffer means too long. */
	wchar_t w[32768];
	DWORD len = GetModuleFileNameW(NULL, w, sizeof w / sizeof w[0]);
	char *s;
	int e = 0;
	out[0] = '\0';
	if (len == 0 || len >= sizeof w / sizeof w[0])
		return len ? ENAMETOOLONG : w32_map_error(GetLastError());
	w[len] = L'\0';
	s = w32_narrow(w);
	if (!s)
		return ENOMEM;
	if (strlen(s) >= n)
		e = ENAMETOOLONG;
	else
		memcpy(out, s, strlen(s) + 1);
	free(s);
	return e;
}
