# libFuzzer targets of the shared core (clang, with ASan and UBSan):
#   make fuzz               build and run each for FUZZ_RUNS executions
#   make fuzz FUZZ_RUNS=0   run until stopped
# New inputs go to $(builddir)/tests/fuzz/corpus-<target>; the seeds in
# tests/fuzz/corpus/ stay as they are.

FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -I$(top_srcdir)/common/include
FUZZ_RUNS = 2000000
vs3_fuzz_targets = xs-parsers freeze-fsm common-cfg handshake
vs3_fuzz_core = $(addprefix $(top_srcdir)/common/, \
	freeze-abi.c freeze-fsm.c sleep-fsm.c xs-proto.c s3-handshake.c)

EXTRA_DIST += tests/fuzz

tests/fuzz/fuzz-%: $(top_srcdir)/tests/fuzz/fuzz-%.c $(vs3_fuzz_core)
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^

.PHONY: fuzz
fuzz: $(addprefix tests/fuzz/fuzz-,$(vs3_fuzz_targets))
	@for t in $(vs3_fuzz_targets); do \
		mkdir -p tests/fuzz/corpus-$$t; \
		echo "fuzz: $$t ($(FUZZ_RUNS) runs)"; \
		tests/fuzz/fuzz-$$t -runs=$(FUZZ_RUNS) -print_final_stats=1 \
			tests/fuzz/corpus-$$t $(top_srcdir)/tests/fuzz/corpus/$$t \
			2> tests/fuzz/fuzz-$$t.log || \
			{ tail -40 tests/fuzz/fuzz-$$t.log; exit 1; }; \
		grep -E '^stat::number_of_executed_units|^Done' \
			tests/fuzz/fuzz-$$t.log | sed 's/^/  /'; \
	done

CLEANFILES += $(addprefix tests/fuzz/fuzz-,$(vs3_fuzz_targets))
