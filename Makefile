# acskit: one Makefile for the native (Linux) tools, the Windows cross builds,
# the demo and the tests. Overridable: CC, CFLAGS, LDFLAGS, WERROR, PREFIX,
# DESTDIR, CROSS64, CROSS32, RUN.
#
# `make` (or `make -jN`) builds everything: both native tools and the four
# Windows exes. The first build runs scripts/deps.sh once (Debian packages and
# the pinned minizip source); every object that includes a minizip header waits
# for it (order-only), so parallel builds cannot race the fetch.

.DEFAULT_GOAL := all

CC      ?= cc
CFLAGS  ?= -O2 -g
WERROR  ?=
PREFIX  ?= /usr/local
DESTDIR ?=
CROSS64 ?= x86_64-w64-mingw32-
CROSS32 ?= i686-w64-mingw32-
PYTHON  ?= python3

B := build
WARN := -std=c11 -Wall -Wextra -pedantic -Wmissing-prototypes -Wstrict-prototypes -Wshadow \
        -Wformat=2 -Wno-format-nonliteral -Wvla
INC := -Icommon -Iplatform

# The kit format: portable, no printing. kitwrite.c (packing) is the builder's only.
COMMON   := common/assess.c common/json.c common/jsonread.c common/kit.c common/kitcert.c common/kitzip.c common/index.c common/names.c \
            common/manifest.c common/manifest_lint.c common/text.c common/pem.c common/timeutil.c common/util.c common/kitio.c \
            common/filetrust.c common/policy.c
PACK     := common/kitwrite.c
# The runner's files besides main.c and machine.c.
RUNNER_SRC := runner/action.c runner/install.c runner/msg.c runner/openkit.c runner/outfile.c runner/report_json.c runner/report_text.c runner/distrust.c runner/checkfile.c runner/identity.c runner/summary.c runner/summary_out.c runner/event.c
PORTABLE := platform/print.c platform/plat_list.c
POSIX    := platform/plat_posix.c platform/entry_posix.c common/crypto_openssl.c
WIN32_PLAT := $(addprefix platform/plat_win32_,util.c file.c reg.c servicing.c token.c store.c chain.c trust.c identity.c event.c install.c)
WIN32    := $(WIN32_PLAT) platform/entry_win32.c common/crypto_cng.c

# ---- minizip: compiled into every build from Debian's zlib source ----------------
# (scripts/deps.sh says why not Debian 12's libminizip: it cannot read ZIP64 on
# 64-bit Linux.)
TP ?= build/third_party
MZ_SRC := $(TP)/minizip-zlib-1.2.13.dfsg-1
# scripts/deps.sh runs once per build: this stamp is made by its one run, and
# made again only when the script itself changes (a new package or pin).
DEPS := $(TP)/.deps-ok
MZ_CFLAGS := -I$(MZ_SRC)
MZ_DEFS := -DNOCRYPT -DNOUNCRYPT

# ---- native build: system zlib and libcrypto -------------------------------------
NATIVE_LIBS := -lz -lcrypto
N := $(B)/native
MZ_NATIVE := $(N)/mz/ioapi.o $(N)/mz/unzip.o
MZ_NATIVE_ZIP := $(MZ_NATIVE) $(N)/mz/zip.o

$(N)/mz/%.o: | $(DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(MZ_DEFS) -I$(MZ_SRC) -w -c $(MZ_SRC)/$*.c -o $@

n_obj = $(patsubst %.c,$(N)/%.o,$(1))

$(N)/%.o: %.c | $(DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(WERROR) $(CFLAGS) $(OBJ_DEFS) $(INC) $(MZ_CFLAGS) -MMD -MP -c $< -o $@

# Where an installed builder finds the bundled payload and manifests when the
# current directory has none (a checkout has both). The header is rewritten
# only when PREFIX changes, so `make install PREFIX=...` rebuilds what names it.
DATADIR = $(PREFIX)/share/acskit
$(N)/datadir.h: FORCE
	@mkdir -p $(dir $@)
	@printf '#define ACSKIT_DATADIR "%s"\n' '$(DATADIR)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(N)/kit-builder/main.o: $(N)/datadir.h
$(N)/kit-builder/main.o: OBJ_DEFS = -include $(N)/datadir.h
FORCE:

$(B)/acskit-run: $(call n_obj,runner/main.c runner/machine.c $(RUNNER_SRC) $(COMMON) $(PORTABLE) $(POSIX)) $(MZ_NATIVE)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(NATIVE_LIBS)

$(B)/acskit-build: $(call n_obj,kit-builder/main.c kit-builder/facts.c kit-builder/pkgcheck.c kit-builder/pkgrun_posix.c $(PACK) $(COMMON) $(PORTABLE) $(POSIX)) $(MZ_NATIVE_ZIP)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(NATIVE_LIBS)

# ---- unit tests (native) --------------------------------------------------------
UNIT := test_assess test_filetrust test_policy test_text test_names test_index test_manifest test_hash test_zip test_json test_oom \
        test_jsonread test_messages
UNIT_BINS := $(addprefix $(B)/tests/,$(UNIT))
# test_oom fails each allocation in turn: the library's allocator calls are wrapped,
# and its calls into minizip's writer marked (tests/unit/test_oom.c says why).
$(B)/tests/test_oom: NATIVE_LIBS += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc \
	-Wl,--wrap=zipOpen2_64,--wrap=zipOpenNewFileInZip4_64,--wrap=zipWriteInFileInZip,--wrap=zipCloseFileInZip,--wrap=zipClose \
	-Wl,--wrap=EVP_PKEY_CTX_new
# The message catalog's test links the catalog, and finds runner/msg.h.
$(B)/tests/test_messages: $(call n_obj,runner/msg.c)
$(B)/tests/test_messages: INC += -Irunner
$(B)/tests/%: tests/unit/%.c $(call n_obj,$(PACK) $(COMMON) $(PORTABLE) platform/plat_posix.c common/crypto_openssl.c) $(MZ_NATIVE_ZIP) | $(DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(WERROR) $(CFLAGS) $(INC) -Itests/unit $(MZ_CFLAGS) -o $@ $^ $(NATIVE_LIBS)

# ---- fuzzing: libFuzzer targets over the in-memory entry points --------------------
# The replay programs (plain main, any compiler) run every seed and every crash
# ever found in make check; make fuzz runs the real fuzzers with ASan+UBSan.
FUZZ_TARGETS := kit index manifest sig servicing json policy
FUZZ_SECONDS ?= 600
CLANG ?= clang
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
REPLAY_BINS := $(addprefix $(B)/fuzz/replay-,$(FUZZ_TARGETS))

$(B)/fuzz/replay-%: fuzz/fuzz_%.c fuzz/replay.c $(call n_obj,$(COMMON) $(PORTABLE) platform/plat_posix.c common/crypto_openssl.c) $(MZ_NATIVE) | $(DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(WERROR) $(CFLAGS) $(LDFLAGS) $(INC) $(MZ_CFLAGS) -o $@ $^ $(NATIVE_LIBS)

$(B)/fuzz/fuzz-%: fuzz/fuzz_%.c $(COMMON) $(PORTABLE) platform/plat_posix.c common/crypto_openssl.c \
                  $(MZ_SRC)/ioapi.c $(MZ_SRC)/unzip.c | $(DEPS)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_FLAGS) $(MZ_DEFS) $(INC) $(MZ_CFLAGS) -o $@ $^ $(NATIVE_LIBS)

# ---- Windows cross builds: mingw-w64, static zlib, the same minizip ---------------
# Windows 7 / Server 2008 R2 is the API floor; the import check (tests/imports.sh)
# proves the exe asks for nothing newer, since mingw's headers are not fully guarded.
WIN_CFLAGS := -Os -D_WIN32_WINNT=0x0601 -DWINVER=0x0601 -DUNICODE -D_UNICODE \
              -Werror=implicit-function-declaration -ffunction-sections -fdata-sections \
              -fno-asynchronous-unwind-tables
WIN_LDFLAGS := -static -s -municode -Wl,--gc-sections
WIN_LIBS := -lz -lbcrypt -lcrypt32 -lwintrust -lnetapi32
# The tools load bcrypt.dll, crypt32.dll, wintrust.dll and netapi32.dll (not
# KnownDLLs) late, from System32 only: delay-load import libraries
# (scripts/delaylib.sh) and mingw's helper.
WIN_TOOL_LIBS := -lz -ldelayimp
WIN_DELAY = $(foreach d,bcrypt crypt32 wintrust netapi32,$(B)/$(1)/lib$(d)-delay.a)
MZ_WIN := ioapi.c unzip.c zip.c

define win_arch
# $(1) = directory name, $(2) = compiler prefix
$(B)/$(1)/mz/%.o: | $(DEPS)
	@mkdir -p $$(dir $$@)
	$(2)gcc $(WIN_CFLAGS) $(MZ_DEFS) -I$(MZ_SRC) -w -c $(MZ_SRC)/$$*.c -o $$@

$(B)/$(1)/%.o: %.c | $(DEPS)
	@mkdir -p $$(dir $$@)
	$(2)gcc $(WARN) $(WERROR) $(WIN_CFLAGS) $(INC) -I$(MZ_SRC) -MMD -MP -c $$< -o $$@

$(B)/$(1)/res/acskit-run.o: platform/win32res/version.rc platform/win32res/app.manifest common/version.h
	@mkdir -p $$(dir $$@)
	$(2)windres -Icommon -DTOOL_NAME='\"acskit-run\"' \
		-DTOOL_DESC='\"acskit runner: verifies a kit, installs the ACS root, reports readiness\"' -i $$< -o $$@

$(B)/$(1)/res/acskit-build.o: platform/win32res/version.rc platform/win32res/app.manifest common/version.h
	@mkdir -p $$(dir $$@)
	$(2)windres -Icommon -DTOOL_NAME='\"acskit-build\"' \
		-DTOOL_DESC='\"acskit kit builder: packs the ACS root and manifests into a verifiable kit\"' -i $$< -o $$@

$(B)/$(1)/res/events.o: $(B)/events/events.rc
	@mkdir -p $$(dir $$@)
	$(2)windres -I$(B)/events -i $$< -o $$@

$(B)/$(1)/lib%-delay.a: scripts/delaylib.sh tests/win-imports.allow
	@mkdir -p $$(dir $$@)
	scripts/delaylib.sh $(2) $$* $$@

$(B)/$(1)/acskit-run.exe: $(patsubst %.c,$(B)/$(1)/%.o,runner/main.c runner/machine.c $(RUNNER_SRC) $(COMMON) $(PORTABLE) $(WIN32)) \
                          $(patsubst %.c,$(B)/$(1)/mz/%.o,ioapi.c unzip.c) \
                          $(B)/$(1)/res/acskit-run.o $(B)/$(1)/res/events.o $(call WIN_DELAY,$(1))
	$(2)gcc $(WIN_LDFLAGS) -o $$@ $$^ $(WIN_TOOL_LIBS)

$(B)/$(1)/tests/test_hash.exe: tests/unit/test_hash.c $(patsubst %.c,$(B)/$(1)/%.o,$(COMMON) $(PORTABLE) $(WIN32_PLAT) common/crypto_cng.c) \
                               $(patsubst %.c,$(B)/$(1)/mz/%.o,ioapi.c unzip.c) | $(DEPS)
	@mkdir -p $$(dir $$@)
	$(2)gcc $(WARN) $(WERROR) $(WIN_CFLAGS) $(INC) -Itests/unit -I$(MZ_SRC) -static -s -o $$@ $$^ $(WIN_LIBS)

$(B)/$(1)/tests/unelevated.exe: tests/win/unelevated.c
	@mkdir -p $$(dir $$@)
	$(2)gcc $(WARN) $(WERROR) $(WIN_CFLAGS) -municode -static -s -o $$@ $$<

$(B)/$(1)/tests/wusa-standin.exe: tests/win/wusa-standin.c
	@mkdir -p $$(dir $$@)
	$(2)gcc $(WARN) $(WERROR) $(WIN_CFLAGS) -municode -static -s -o $$@ $$< -lbcrypt

$(B)/$(1)/acskit-build.exe: $(patsubst %.c,$(B)/$(1)/%.o,kit-builder/main.c kit-builder/facts.c kit-builder/pkgcheck.c kit-builder/pkgrun_win32.c $(PACK) $(COMMON) $(PORTABLE) $(WIN32)) \
                            $(patsubst %.c,$(B)/$(1)/mz/%.o,$(MZ_WIN)) \
                            $(B)/$(1)/res/acskit-build.o $(call WIN_DELAY,$(1))
	$(2)gcc $(WIN_LDFLAGS) -o $$@ $$^ $(WIN_TOOL_LIBS)
endef
# The event log's message table (platform/win32res/events.mc): one binary
# for both architectures, compiled into acskit-run.exe by each windres.
$(B)/events/events.rc: platform/win32res/events.mc
	@mkdir -p $(dir $@)
	$(CROSS64)windmc -U -r $(B)/events -h $(B)/events $<

$(eval $(call win_arch,win64,$(CROSS64)))
$(eval $(call win_arch,win32,$(CROSS32)))

# The minizip sources exist once deps.sh has run; rules that name them as
# files (the fuzzers) find them through this.
$(MZ_SRC)/ioapi.c $(MZ_SRC)/unzip.c $(MZ_SRC)/zip.c: | $(DEPS)

$(DEPS): scripts/deps.sh
	scripts/deps.sh $(TP) >/dev/null
	@touch $@

# ---- standard targets -------------------------------------------------------------
.PHONY: all native win deps demo check facts unit replay fuzz check-sanitize bench clean distclean install uninstall FORCE coverage mutate mutate-check
all: native win
native: $(B)/acskit-run $(B)/acskit-build
win: $(B)/win64/acskit-run.exe $(B)/win64/acskit-build.exe $(B)/win32/acskit-run.exe $(B)/win32/acskit-build.exe \
     $(B)/win64/tests/test_hash.exe $(B)/win32/tests/test_hash.exe \
     $(B)/win64/tests/unelevated.exe $(B)/win32/tests/unelevated.exe \
     $(B)/win64/tests/wusa-standin.exe $(B)/win32/tests/wusa-standin.exe
unit: $(UNIT_BINS)
replay: $(REPLAY_BINS)

deps: $(DEPS)

# Builds the tools and a kit from the bundled payload/ and manifests/, verifies
# and shows it, then (with Wine) runs check, apply and check on a throwaway
# prefix emulating Windows 7 SP1 without the October 2021 update.
demo: deps native $(B)/win64/acskit-run.exe
	@mkdir -p $(B)/demo
	$(B)/acskit-build -o $(B)/demo/kit.zip
	$(B)/acskit-run verify $(B)/demo/kit.zip
	$(B)/acskit-run show $(B)/demo/kit.zip
	scripts/demo-windows.sh $(B) $(B)/demo/kit.zip

# Everything: unit, CLI, interop, import allow-list and Wine tests; ends with
# "N passed, N failed".
check: deps
	$(MAKE) native win unit replay
	tests/run.sh

# docs/facts.md is generated from the manifests; the facts suite of make check
# fails when it is stale.
facts: native
	$(B)/acskit-build facts -o docs/facts.md

# The native tools, unit tests and replays built with ASan and UBSan, and the
# suites that need no Windows build run against them: any report fails the run.
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
check-sanitize: deps
	$(MAKE) B=$(B)/sanitize CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" native unit replay
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	SUITES="assess filetrust policy text names index manifest facts hash zip json oom jsonread messages cli interop payload packages signing summary replay" tests/run.sh $(B)/sanitize

# Line and branch coverage of common/ (docs/testing.md): the native tools, unit
# tests and replays built with gcov into $(B)/coverage, the suites that need no
# Windows build run against them, then gcovr's per-file tables (lines, then
# branches) on stdout and in $(B)/coverage/*.txt, the annotated sources in
# $(B)/coverage/html/index.html. crypto_cng.c is Windows-only: the Wine suites
# cover it, gcov does not.
COV_FLAGS := -O0 -g --coverage
COV_SUITES := assess filetrust policy text names index manifest facts hash zip json oom jsonread cli interop payload packages signing summary replay
GCOVR := gcovr -r . --object-directory $(B)/coverage --filter 'common/' --exclude-unreachable-branches
coverage: deps
	@mkdir -p $(B)/coverage/html
	find $(B)/coverage -name '*.gcda' -delete
	$(MAKE) B=$(B)/coverage CFLAGS="$(COV_FLAGS)" LDFLAGS="--coverage" native unit replay
	SUITES="$(COV_SUITES)" tests/run.sh $(B)/coverage
	$(GCOVR) --json $(B)/coverage/coverage.json
	gcovr -a $(B)/coverage/coverage.json --html-details $(B)/coverage/html/index.html --txt $(B)/coverage/lines.txt
	gcovr -a $(B)/coverage/coverage.json -b --txt $(B)/coverage/branches.txt
	@cat $(B)/coverage/lines.txt $(B)/coverage/branches.txt
	@echo "coverage: $(B)/coverage/html/index.html"

# The mutation run (docs/testing.md): each mutant of tests/mutants.txt applied
# in turn to a copy of the tree in $(B)/mutate/src, rebuilt, and only the
# suites it names run; prints killed/survived and the score, fails below 95 %
# (MUTATE_MIN) or when a pattern no longer matches exactly once. Slow (the
# Windows-side mutants run the Wine suites): not part of make check.
# MUTANTS="id ..." runs only those; make mutate-check only checks the list.
MUTANTS ?=
mutate: deps
	$(PYTHON) tests/mutate.py --work $(B)/mutate $(MUTANTS)
mutate-check:
	$(PYTHON) tests/mutate.py --check

# Speed and size, side by side with the standard tools, into docs/benchmarks.md.
BENCH_SIZES ?= 1024 4608
bench: deps native win
	scripts/bench.sh $(B) "$(BENCH_SIZES)"

# Runs each fuzzer for FUZZ_SECONDS on one core, from the seeds in fuzz/corpus/
# into $(B)/fuzz/corpus-*/ (kept between runs); crashes land in $(B)/fuzz/.
fuzz: deps $(addprefix $(B)/fuzz/fuzz-,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(B)/fuzz/corpus-$$t; \
		echo "fuzz-$$t: $(FUZZ_SECONDS) s"; \
		$(B)/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/$$t.dict \
			-artifact_prefix=$(B)/fuzz/crash-$$t- -print_final_stats=1 \
			$(B)/fuzz/corpus-$$t fuzz/corpus/$$t 2>&1 | tail -n 12 || exit 1; \
	done

# The native tools, their man pages, and the bundled payload (root, reference
# chain, provenance) and manifests under $(PREFIX)/share/acskit, where the
# installed builder looks for them by default. DESTDIR stages the tree.
PAYLOAD_FILES := $(shell find payload -type f 2>/dev/null | LC_ALL=C sort)
install: native
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(DATADIR)/manifests $(sort $(patsubst %/,%,$(addprefix $(DESTDIR)$(DATADIR)/,$(dir $(PAYLOAD_FILES)))))
	install -m 755 $(B)/acskit-run $(B)/acskit-build $(DESTDIR)$(PREFIX)/bin/
	install -m 644 docs/acskit-run.1 docs/acskit-build.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 manifests/*.manifest $(DESTDIR)$(DATADIR)/manifests/
	for f in $(PAYLOAD_FILES); do install -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/acskit-run $(DESTDIR)$(PREFIX)/bin/acskit-build \
		$(DESTDIR)$(PREFIX)/share/man/man1/acskit-run.1 $(DESTDIR)$(PREFIX)/share/man/man1/acskit-build.1
	rm -rf $(DESTDIR)$(DATADIR)

# clean keeps the fetched third-party source (build/third_party): it is pinned
# and slow to fetch again. distclean removes it too.
clean:
	find $(B) -mindepth 1 -maxdepth 1 ! -name third_party -exec rm -rf {} + 2>/dev/null || true

distclean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
