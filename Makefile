# saltprint: build, demo, tests, benchmark.
# Overridable: PREFIX DESTDIR PKG_CONFIG CC CFLAGS LDFLAGS. User flags come last.

PREFIX     ?= /usr/local
DESTDIR    ?=
PKG_CONFIG ?= pkg-config
CC         ?= cc
VERSION    := 0.1.0

PKGS     := cairo cairo-ft cairo-png cairo-svg cairo-pdf pangocairo pangoft2 harfbuzz fontconfig libpng libfyaml glib-2.0 zlib icu-uc icu-i18n
# Debian packages that provide what PKGS and the tests need; `make deps`
# installs the missing ones (apt-get, as root or through sudo).
DEB_PKGS := build-essential pkg-config clang libclang-rt-dev libasan8 libubsan1 libcairo2-dev libpango1.0-dev libharfbuzz-dev \
            libfontconfig-dev libpng-dev libfyaml-dev zlib1g-dev libglib2.0-dev libicu-dev \
            fonts-noto-cjk python3-fonttools librsvg2-bin libxml2-utils poppler-utils

WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
ifeq ($(CI),true)
WARN     += -Werror
endif
OPT      ?= -O2 -g
BUILD    ?= build

DEPS_STAMP := $(BUILD)/.deps-ok

# The common-text subsets of Debian's Noto CJK faces, which make PDFs quick
# to write (fonts/subset.py says why). Debian's Python has fontTools.
PYTHON       ?= /usr/bin/python3
NOTO_DIR     := /usr/share/fonts/opentype/noto
SUBSET_STAMP := fonts/subset/.made

PKG_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

ALL_CFLAGS  = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -MMD -MP \
              -DSALTPRINT_VERSION='"$(VERSION)"' \
              -DSALTPRINT_DATADIR='"$(PREFIX)/share/saltprint"' \
              $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(LDFLAGS)
LIBS        = $(PKG_LIBS) -lm

LIB_SRC  := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/main.o
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_OBJ := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/obj/unit/%.o)
TOOL_SRC := $(wildcard tests/tools/*.c)
TOOLS    := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/%)

SPECS    := $(shell find data -name '*.json' -o -name '*.yaml' 2>/dev/null | grep -v '^data/themes/' | sort)

.PHONY: fonts soak all deps demo test unit-test update-refs bench install uninstall clean format asan fuzz fuzz-build

all: $(BUILD)/saltprint fonts

fonts: $(SUBSET_STAMP)
# Remade when the script, the fonts or fontTools change (a Debian update).
FONTTOOLS    := $(wildcard /usr/lib/python3/dist-packages/fontTools/subset/__init__.py)
$(SUBSET_STAMP): fonts/subset.py $(wildcard $(NOTO_DIR)/Noto*CJK-*.ttc) $(FONTTOOLS) | $(DEPS_STAMP)
	$(PYTHON) fonts/subset.py $(NOTO_DIR) fonts/subset
	@# fontconfig's cache of them now, not in the first render (0.3 s)
	-FONTCONFIG_FILE=$(CURDIR)/fonts/fonts.conf fc-cache $(CURDIR)/fonts/subset
	@touch $@

# Installs missing Debian packages; does nothing when everything is present.
deps: $(DEPS_STAMP)
$(DEPS_STAMP): Makefile
	@sh tests/install-deps.sh $(DEB_PKGS)
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/saltprint: $(DEPS_STAMP) $(LIB_OBJ) $(MAIN_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB_OBJ) $(LIBS)

$(BUILD)/obj/%.o: src/%.c $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/obj/unit/%.o: tests/unit/%.c $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc -Itests/unit -c -o $@ $<

$(BUILD)/unit-tests: $(UNIT_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJ) $(LIB_OBJ) $(LIBS)

$(BUILD)/%: tests/tools/%.c $(LIB_OBJ) $(DEPS_STAMP)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) $(LIBS)

# Posters (长图) are taller than the default 8192-px canvas limit: the demo
# lifts it, as a newsroom rendering posters would.
demo: $(BUILD)/saltprint $(SUBSET_STAMP)
	./$(BUILD)/saltprint render --max-side 32768 $(SPECS)
	./$(BUILD)/saltprint render --max-side 32768 --max-megapixels 64 --scale 2 --suffix @2x -f png $(SPECS)
	@echo "rendered $(words $(SPECS)) spec(s) into output/"

test: $(BUILD)/saltprint $(BUILD)/unit-tests $(TOOLS) $(SUBSET_STAMP)
	@sh tests/run.sh $(BUILD)

# Regenerates the reference images on purpose; look at every changed one.
update-refs: $(BUILD)/saltprint $(TOOLS) $(SUBSET_STAMP)
	@sh tests/update-refs.sh $(BUILD)

bench: $(BUILD)/saltprint $(TOOLS) $(SUBSET_STAMP)
	@sh tests/bench.sh $(BUILD)
	@sh tests/bench-batch.sh $(BUILD) 1000

# 10,000 renders of the shipped specs in one process: resident memory must
# stay flat (SOAK=N for another count).
SOAK ?= 10000
soak: $(BUILD)/soak $(SUBSET_STAMP)
	./$(BUILD)/soak $(SOAK) $(filter-out %poster.yaml,$(SPECS))

install: $(BUILD)/saltprint $(SUBSET_STAMP)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/saltprint/fonts/subset \
	           $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/saltprint $(DESTDIR)$(PREFIX)/bin/saltprint
	install -m 644 fonts/fonts.conf fonts/fonts.lock $(DESTDIR)$(PREFIX)/share/saltprint/fonts/
	install -m 644 fonts/subset/*.otf $(DESTDIR)$(PREFIX)/share/saltprint/fonts/subset/
	install -d $(DESTDIR)$(PREFIX)/share/saltprint/themes
	install -m 644 data/themes/*.yaml $(DESTDIR)$(PREFIX)/share/saltprint/themes/
	install -m 644 docs/saltprint.1 $(DESTDIR)$(PREFIX)/share/man/man1/saltprint.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/saltprint $(DESTDIR)$(PREFIX)/share/man/man1/saltprint.1
	rm -rf $(DESTDIR)$(PREFIX)/share/saltprint

format:
	clang-format -i src/*.c src/*.h tests/unit/*.c tests/unit/*.h tests/tools/*.c

# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
# Only third-party leaks are suppressed (tests/lsan.supp, a reason each).
asan: export ASAN_OPTIONS = detect_leaks=1:abort_on_error=0:allocator_may_return_null=1
asan: export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
asan: export UBSAN_OPTIONS = print_stacktrace=1:halt_on_error=1
asan:
	$(MAKE) BUILD=build-asan OPT='-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer' \
	        LDFLAGS='-fsanitize=address,undefined' test

# Fuzzing with clang's libFuzzer under ASan and UBSan. `make fuzz` runs each
# target FUZZ_SECONDS (default 60) on a corpus seeded from data/ and tests/;
# findings go to build-fuzz/artifacts/ and become regression tests in
# tests/fuzz/regressions/.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_TARGETS := fuzz_spec fuzz_csv fuzz_render fuzz_deflate
FUZZ_FLAGS    = -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
                -fno-omit-frame-pointer -DSALTPRINT_VERSION='"$(VERSION)"' \
                -DSALTPRINT_DATADIR='"$(PREFIX)/share/saltprint"' -Isrc $(PKG_CFLAGS)
fuzz-build: $(DEPS_STAMP) $(FUZZ_TARGETS:%=build-fuzz/%)
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRC) $(wildcard src/*.h)
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(LIB_SRC) $(LIBS)
fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf build build-asan build-fuzz fonts/subset

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/unit/*.d)
