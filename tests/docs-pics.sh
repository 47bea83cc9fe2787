#!/bin/sh
# Draws the pictures the docs show (README's chart, the typography
# before/after pair) into DIR, named as in docs/. tests/run.sh compares them
# with docs/; tests/update-refs.sh copies the changed ones there.
# Usage: tests/docs-pics.sh SALTPRINT DIR
SP=$1
D=$2
mkdir -p "$D/typography" &&
	"$SP" render -f png data/ziliujing-2017/targets-2018.json -o "$D" &&
	"$SP" render -f png docs/typography/sample.yaml -o "$D/typography" --suffix -after &&
	"$SP" render -f png docs/typography/sample.yaml --theme docs/typography/plain.yaml -o "$D/typography" --suffix -before
