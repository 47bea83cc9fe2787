#!/bin/sh
# make bench: see tests/tools/bench.c. The chart is the seed gauges at 1200x800.
B=${1:-build}
exec "$B/bench" "$PWD/$B/saltprint" tests/render/gauges-1200x800.yaml ${BENCH_ARGS:-}
