#!/bin/sh
# Runs every fuzz target for $1 seconds (default 60) on a corpus seeded from
# data/ and tests/. Findings land in build-fuzz/artifacts/.
SECONDS_EACH=${1:-60}
F=build-fuzz
mkdir -p $F/artifacts $F/corpus/spec $F/corpus/csv $F/corpus/render $F/corpus/deflate
for s in data/*/*.json data/*/*.yaml tests/render/*.yaml tests/render/*.json tests/errors/*.json tests/errors/*.yaml; do
	cp "$s" "$F/corpus/spec/$(echo "$s" | tr / _)"
	cp "$s" "$F/corpus/render/$(echo "$s" | tr / _)"
done
for s in data/*/*.csv tests/render/*.csv tests/errors/*.csv; do
	cp "$s" "$F/corpus/csv/$(echo "$s" | tr / _)"
done
# Deflate: seeded with the specs (any bytes will do).
for s in tests/render/*.yaml; do
	cp "$s" "$F/corpus/deflate/$(echo "$s" | tr / _)"
done
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in spec csv render deflate; do
	echo "fuzz_$t: ${SECONDS_EACH}s"
	$F/fuzz_$t -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix=$F/artifacts/$t- -print_final_stats=1 $F/corpus/$t \
		> $F/fuzz_$t.log 2>&1 || status=1
	grep -E "stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY" $F/fuzz_$t.log | sed "s/^/  /"
done
exit $status
