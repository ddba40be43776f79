# dscope - one non-recursive Makefile.
#
#   make            build ./dscope (objects in build/)
#   make run        install what is missing, build, start dscope
#   make test       install, build (plain and ASan/UBSan), run every test
#   make bench      side-by-side overhead benchmark (not part of test)
#   make help       list targets
#
# V=1 shows the commands.

CC      ?= cc
PKGS_ENGINE := libbpf libelf zlib libzstd libunwind-generic
PKGS_TUI    := ncursesw readline

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wundef -Wwrite-strings -Wpointer-arith -Wno-format-nonliteral
BASE_CFLAGS := -std=gnu11 -g -D_GNU_SOURCE $(WARN) -Iengine -Iviews -MMD -MP \
	$(shell pkg-config --cflags $(PKGS_ENGINE) 2>/dev/null)
OPT_CFLAGS  := -O2
SAN_CFLAGS  := -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIBS_ENGINE := $(shell pkg-config --libs $(PKGS_ENGINE) 2>/dev/null || echo -lbpf -lelf -lz -lzstd -lunwind-generic -lunwind)
LIBS_TUI    := $(shell pkg-config --libs $(PKGS_TUI) 2>/dev/null || echo -lncursesw -lreadline)

ENGINE_SRC := $(sort $(wildcard engine/*.c))
TUI_SRC    := $(sort $(wildcard tui/*.c))
VIEW_SRC   := $(sort $(wildcard views/*.c))
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
PROG_SRC   := $(sort $(wildcard tests/progs/*.c))

ifeq ($(V),1)
Q :=
else
Q := @
endif

# $(call objs,BUILDDIR,SOURCES)
objs = $(patsubst %.c,$(1)/%.o,$(2))

.PHONY: all run test test-only deps bench format format-check lint clean help san fuzz

all: dscope

help:
	@echo "targets: all (./dscope), run, test, test-only, bench, san, format, format-check, lint, clean"

# ---- plain build -------------------------------------------------------
build/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) -c -o $@ $<

build/libdscope.a: $(call objs,build,$(ENGINE_SRC))
	$(if $(Q),@echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# views/: rendering only (no curses, no kernel), also linked into the unit tests
build/libviews.a: $(call objs,build,$(VIEW_SRC))
	$(if $(Q),@echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

build/dscope: $(call objs,build,$(TUI_SRC)) build/libviews.a build/libdscope.a
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(OPT_CFLAGS) -o $@ $(call objs,build,$(TUI_SRC)) build/libviews.a build/libdscope.a $(LIBS_ENGINE) $(LIBS_TUI)

dscope: build/dscope
	$(Q)cp -f build/dscope dscope

build/tests/%: tests/unit/%.c build/libviews.a build/libdscope.a
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CCLD    $@")
	$(Q)$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) -o $@ $< build/libviews.a build/libdscope.a $(LIBS_ENGINE) -lcmocka

# tui/complete.c is the interface's pure completion logic: its test links it
build/tests/test_complete: tests/unit/test_complete.c build/tui/complete.o build/libviews.a build/libdscope.a
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CCLD    $@")
	$(Q)$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) -o $@ $< build/tui/complete.o build/libviews.a build/libdscope.a $(LIBS_ENGINE) -lcmocka

build/progs/%: tests/progs/%.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) -O1 -g -Wall -Wextra -Werror -o $@ $< -lpthread

# chain: a known call chain only DWARF unwinds (no frame pointers), its
# stripped copy, its debug file, and a stripped copy with a debuglink to it
build/progs/chain: tests/progs/chain.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) -O2 -g -fomit-frame-pointer -fno-inline -fno-optimize-sibling-calls -Wall -Wextra -Werror -o $@ $<

# dlopener maps libdsplug.so after the probes are attached
build/progs/libdsplug.so: tests/progs/lib/plugin.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) -O2 -g -fPIC -shared -Wall -Wextra -Werror -o $@ $<

build/progs/dlopener: tests/progs/dlopener.c build/progs/libdsplug.so
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) -O1 -g -Wall -Wextra -Werror -o $@ $< -ldl

# frame pointers: chain built with them (glibc here has none), and a
# static program without the C library that keeps them everywhere
build/progs/chain-fp: tests/progs/chain.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) -O2 -g -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-inline -fno-optimize-sibling-calls -Wall -Wextra -Werror -o $@ $<

build/progs/bench_stack: tests/progs/bench_stack.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) -O2 -g -fno-omit-frame-pointer -fno-optimize-sibling-calls -Wall -Wextra -Werror -o $@ $<

# manystacks: 15 levels of calls, every one kept (frame pointers, no
# inlining, no sibling calls), for the interface's benchmark
build/progs/manystacks: tests/progs/manystacks.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) -O1 -g -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-inline -fno-optimize-sibling-calls -Wall -Wextra -Werror -o $@ $<

build/progs/fpstatic: tests/progs/fpstatic.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) -O2 -g -static -nostdlib -fno-stack-protector -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-inline \
		-fno-optimize-sibling-calls -Wl,--eh-frame-hdr -Wall -Wextra -Werror -o $@ $<

build/progs/chain-stripped: build/progs/chain
	$(Q)objcopy --strip-all $< $@

build/progs/chain.debug: build/progs/chain
	$(Q)objcopy --only-keep-debug $< $@

build/progs/chain-linked: build/progs/chain build/progs/chain.debug
	$(Q)cd build/progs && objcopy --strip-all --add-gnu-debuglink=chain.debug chain chain-linked

# ---- sanitizer build ---------------------------------------------------
build-san/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC-SAN  $<")
	$(Q)$(CC) $(BASE_CFLAGS) $(SAN_CFLAGS) -c -o $@ $<

build-san/libdscope.a: $(call objs,build-san,$(ENGINE_SRC))
	$(Q)rm -f $@ && ar rcs $@ $^

build-san/libviews.a: $(call objs,build-san,$(VIEW_SRC))
	$(Q)rm -f $@ && ar rcs $@ $^

build-san/dscope: $(call objs,build-san,$(TUI_SRC)) build-san/libviews.a build-san/libdscope.a
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(SAN_CFLAGS) -o $@ $(call objs,build-san,$(TUI_SRC)) build-san/libviews.a build-san/libdscope.a $(LIBS_ENGINE) $(LIBS_TUI)

build-san/tests/%: tests/unit/%.c build-san/libviews.a build-san/libdscope.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) $(SAN_CFLAGS) -o $@ $< build-san/libviews.a build-san/libdscope.a $(LIBS_ENGINE) -lcmocka

build-san/tests/test_complete: tests/unit/test_complete.c build-san/tui/complete.o build-san/libviews.a build-san/libdscope.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) $(SAN_CFLAGS) -o $@ $< build-san/tui/complete.o build-san/libviews.a build-san/libdscope.a $(LIBS_ENGINE) -lcmocka

UNITS     := $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRC))
UNITS_SAN := $(patsubst tests/unit/%.c,build-san/tests/%,$(UNIT_SRC))
PROGS     := $(patsubst tests/progs/%.c,build/progs/%,$(PROG_SRC)) \
	build/progs/chain-stripped build/progs/chain.debug build/progs/chain-linked \
	build/progs/libdsplug.so build/progs/chain-fp

san: build-san/dscope $(UNITS_SAN)

# ---- fuzzing (tests/fuzz) ----------------------------------------------
FUZZ_CFLAGS := -std=gnu11 -g -O1 -D_GNU_SOURCE -Iengine $(shell pkg-config --cflags $(PKGS_ENGINE) 2>/dev/null)
FUZZ_SECONDS ?= 60

# replay of the corpus (tests/d and tests/fuzz/corpus) under ASan/UBSan, in make test
build-san/fuzz/fuzz_compile: tests/fuzz/fuzz_compile.c build-san/libdscope.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(FUZZ_CFLAGS) $(SAN_CFLAGS) -DFUZZ_STANDALONE -o $@ $< build-san/libdscope.a $(LIBS_ENGINE)

build-san/fuzz/fuzz_session: tests/fuzz/fuzz_session.c build-san/libdscope.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(FUZZ_CFLAGS) $(SAN_CFLAGS) -DFUZZ_STANDALONE -o $@ $< build-san/libdscope.a $(LIBS_ENGINE)

build-san/fuzz/fuzz_fmt: tests/fuzz/fuzz_fmt.c build-san/libdscope.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(FUZZ_CFLAGS) $(SAN_CFLAGS) -DFUZZ_STANDALONE -o $@ $< build-san/libdscope.a $(LIBS_ENGINE)

# the libFuzzer build (clang)
build/fuzz/fuzz_session-lf: tests/fuzz/fuzz_session.c $(ENGINE_SRC)
	@mkdir -p $(dir $@)
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(ENGINE_SRC) $(LIBS_ENGINE)

build/fuzz/fuzz_compile-lf: tests/fuzz/fuzz_compile.c $(ENGINE_SRC)
	@mkdir -p $(dir $@)
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(ENGINE_SRC) $(LIBS_ENGINE)

build/fuzz/fuzz_fmt-lf: tests/fuzz/fuzz_fmt.c $(ENGINE_SRC)
	@mkdir -p $(dir $@)
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(ENGINE_SRC) $(LIBS_ENGINE)

fuzz: build/fuzz/fuzz_compile-lf build/fuzz/fuzz_session-lf build/fuzz/fuzz_fmt-lf
	@mkdir -p tests/fuzz/corpus build/fuzz/work build/fuzz/work-session build/fuzz/work-fmt
	build/fuzz/fuzz_compile-lf -max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/d.dict \
		-max_len=4096 build/fuzz/work tests/fuzz/corpus $(sort $(dir $(shell find tests/d -name '*.d')))
	build/fuzz/fuzz_session-lf -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		build/fuzz/work-session tests/fuzz/session-corpus
	build/fuzz/fuzz_fmt-lf -max_total_time=$(FUZZ_SECONDS) -max_len=1024 \
		build/fuzz/work-fmt tests/fuzz/fmt-corpus

# ---- top-level commands --------------------------------------------------
deps:
	$(Q)./tests/deps.sh

run: deps
	$(Q)$(MAKE) --no-print-directory dscope
	./dscope $(RUN_ARGS)

test: deps
	$(Q)$(MAKE) --no-print-directory test-only

test-only: dscope san $(UNITS) $(PROGS) build-san/fuzz/fuzz_compile build-san/fuzz/fuzz_session build-san/fuzz/fuzz_fmt
	$(Q)./tests/run.sh

bench: deps dscope $(PROGS) build/tests/test_unwind build/tests/test_session build/tests/test_views_large
	$(Q)./bench/bench.sh

FORMAT_SRC = $(wildcard engine/*.[ch] tui/*.[ch] views/*.[ch] tests/unit/*.[ch] tests/progs/*.c tests/fuzz/*.c)

format:
	clang-format -i $(FORMAT_SRC)

format-check:
	clang-format --dry-run --Werror $(FORMAT_SRC)

lint:
	cppcheck --quiet --enable=warning,portability --error-exitcode=1 '-DLIBBPF_OPTS(TYPE,NAME,...)=struct TYPE NAME = {0}' -Iengine -Iviews engine tui views

clean:
	rm -rf build build-san dscope

-include $(shell find build build-san -name '*.d' 2>/dev/null)
