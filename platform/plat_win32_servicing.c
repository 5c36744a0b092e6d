/* Win32 side of plat.h: what the machine runs and what servicing (CBS) says
 * is installed or pending: the facts common/assess.c judges. */
#include "plat.h"
#include "plat_win32.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <wincrypt.h>

int plat_machine_supported(void)
{
	return 1;
}

typedef LONG(WINAPI *rtl_get_version_fn)(PRTL_OSVERSIONINFOW);

static void read_version(struct machine_facts *m)
{
	RTL_OSVERSIONINFOEXW vi;
	HMODULE nt = GetModuleHandleW(L"ntdll.dll");
	/* Through void(*)(void): GetProcAddress's type is a generic function pointer. */
	rtl_get_version_fn fn = nt ? (rtl_get_version_fn)(void (*)(void))GetProcAddress(nt, "RtlGetVersion") : NULL;
	memset(&vi, 0, sizeof vi);
	vi.dwOSVersionInfoSize = sizeof vi;
	if (fn && fn((PRTL_OSVERSIONINFOW)&vi) == 0) {
		m->have_version = 1;
		m->major = vi.dwMajorVersion;
		m->minor = vi.dwMinorVersion;
		m->build = vi.dwBuildNumber;
		m->product_type = vi.wProductType;
		m->sp_major = vi.wServicePackMajor;
	}
}

static const char *arch_name(WORD a)
{
	return a == PROCESSOR_ARCHITECTURE_AMD64 ? "x64" : a == PROCESSOR_ARCHITECTURE_INTEL ? "x86"
	       : a == 12 /* PROCESSOR_ARCHITECTURE_ARM64 */ ? "arm64" : "unknown";
}

/* The KB of a rollup from %windir%\servicing\Packages\<identity>.mum. */
static void read_mum(struct cbs_package *p)
{
	wchar_t dir[MAX_PATH], path[MAX_PATH + 300];
	wchar_t *wid = w32_widen(p->identity);
	HANDLE h;
	char *buf;
	DWORD got = 0, size;
	UINT n = GetSystemWindowsDirectoryW(dir, MAX_PATH);
	(void)snprintf(p->kb_source, sizeof p->kb_source, "unreadable .mum");
	if (!wid || n == 0 || n >= MAX_PATH || wcslen(wid) > 250) {
		free(wid);
		return;
	}
	wcscpy(path, dir);
	wcscat(path, L"\\servicing\\Packages\\");
	wcscat(path, wid);
	wcscat(path, L".mum");
	free(wid);
	h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		if (GetLastError() == ERROR_FILE_NOT_FOUND || GetLastError() == ERROR_PATH_NOT_FOUND)
			(void)snprintf(p->kb_source, sizeof p->kb_source, "no .mum");
		return;
	}
	size = GetFileSize(h, NULL);
	if (size == INVALID_FILE_SIZE || size > (1u << 20) || !(buf = malloc(size + 2))) {
		CloseHandle(h);
		return;
	}
	if (!ReadFile(h, buf, size, &got, NULL) || got != size) {
		free(buf);
		CloseHandle(h);
		return;
	}
	CloseHandle(h);
	buf[size] = buf[size + 1] = 0;
	if (size >= 2 && (unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) {
		/* UTF-16: the identifier is ASCII, so drop every high byte. */
		DWORD i, j = 0;
		for (i = 2; i + 1 < size; i += 2)
			buf[j++] = buf[i + 1] ? '?' : buf[i];
		size = j;
	}
	if (mum_find_kb(buf, size, p->kb) == 0)
		(void)snprintf(p->kb_source, sizeof p->kb_source, ".mum");
	else
		(void)snprintf(p->kb_source, sizeof p->kb_source, "no KB in its .mum");
	free(buf);
}

#define CBS_KEY L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing"

static int read_cbs(struct machine_facts *m)
{
	HKEY key;
	DWORD i;
	int e = w32_open_hklm64(CBS_KEY L"\\Packages", &key);
	if (e) {
		m->cbs_error = e < 0 ? ENOENT : e;
		(void)snprintf(m->cbs_error_text, sizeof m->cbs_error_text, "HKLM\\%s\\Packages: %s",
		               "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing",
		               e < 0 ? "the key does not exist" : plat_strerror(e));
		return 0;
	}
	for (i = 0;; i++) {
		wchar_t name[256];
		char ascii[256];
		DWORD n = 256, state, j;
		struct cbs_package p;
		HKEY sub;
		LONG r = RegEnumKeyExW(key, i, name, &n, NULL, NULL, NULL, NULL);
		if (r == ERROR_NO_MORE_ITEMS)
			break;
		if (r == ERROR_MORE_DATA)
			continue; /* longer than any identity acskit reads */
		if (r != ERROR_SUCCESS) {
			m->cbs_error = w32_map_error((DWORD)r);
			(void)snprintf(m->cbs_error_text, sizeof m->cbs_error_text, "listing the CBS packages: %s",
			               plat_strerror(m->cbs_error));
			break;
		}
		for (j = 0; j < n && name[j] < 0x80; j++)
			ascii[j] = (char)name[j];
		if (j < n)
			continue; /* not ASCII: not a package name acskit reads */
		ascii[n] = '\0';
		if (!cbs_classify(ascii, &p))
			continue;
		if (RegOpenKeyExW(key, name, 0, KEY_READ | KEY_WOW64_64KEY, &sub) == ERROR_SUCCESS) {
			if (w32_reg_dword(sub, L"CurrentState", &state)) {
				p.has_state = 1;
				p.state = state;
			}
			RegCloseKey(sub);
		}
		if (p.rollup)
			read_mum(&p);
		if (machine_add_package(m, &p)) {
			RegCloseKey(key);
			return ENOMEM;
		}
	}
	RegCloseKey(key);
	return 0;
}

int plat_machine_read(struct machine_facts *m)
{
	SYSTEM_INFO si;
	HKEY key;
	DWORD ubr;
	int e;
	memset(m, 0, sizeof *m);
	read_version(m);
	GetNativeSystemInfo(&si);
	(void)snprintf(m->arch, sizeof m->arch, "%s", arch_name(si.wProcessorArchitecture));
	GetSystemInfo(&si);
	(void)snprintf(m->process_arch, sizeof m->process_arch, "%s", arch_name(si.wProcessorArchitecture));
	if (w32_open_hklm64(L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", &key) == 0) {
		if (w32_reg_dword(key, L"UBR", &ubr)) {
			m->have_ubr = 1;
			m->ubr = ubr;
		}
		(void)w32_reg_text(key, L"ProductName", m->product_name, sizeof m->product_name);
		(void)w32_reg_text(key, L"EditionID", m->edition_id, sizeof m->edition_id);
		(void)w32_reg_text(key, L"InstallationType", m->installation_type, sizeof m->installation_type);
		(void)w32_reg_text(key, L"DisplayVersion", m->display_version, sizeof m->display_version);
		(void)w32_reg_text(key, L"CSDVersion", m->csd_version, sizeof m->csd_version);
		RegCloseKey(key);
	}
	if ((e = read_cbs(m)) != 0)
		return e;
	e = w32_key_exists(CBS_KEY L"\\RebootPending");
	if (e > 0)
		m->reboot |= REBOOT_CBS;
	if (e < 0)
		m->reboot_error = 1;
	e = w32_key_exists(L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired");
	if (e > 0)
		m->reboot |= REBOOT_WU;
	if (e < 0)
		m->reboot_error = 1;
	if (w32_open_hklm64(L"SYSTEM\\CurrentControlSet\\Control\\Session Manager", &key) == 0) {
		DWORD type, size = 0;
		if (RegQueryValueExW(key, L"PendingFileRenameOperations", NULL, &type, NULL, &size) == ERROR_SUCCESS &&
		    size > 2 * sizeof(wchar_t))
			m->reboot |= REBOOT_RENAMES;
		RegCloseKey(key);
	}
	return 0;
}
