#!/bin/sh
# Regenerates the reference images in tests/render/ on purpose. Look at every
# image it reports as changed before committing it.
# A case is NAME.args (a spec path and options) or NAME.yaml (a spec).
B=${1:-build}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for f in tests/render/*.args tests/render/*.yaml; do
	name=$(basename "${f%.*}")
	if [ "${f##*.}" = args ]; then set -- $(cat "$f"); else set -- "$f"; fi
	rm -f "$TMP"/*.png
	"$B/saltprint" render -f png "$@" -o "$TMP" || { echo "failed: $name"; continue; }
	ref="tests/render/$name.ref.png"
	# Same pixels, same reference: a change in how PNGs are compressed
	# does not rewrite every reference.
	if [ -f "$ref" ] && { cmp -s "$TMP"/*.png "$ref" ||
		"$B/imgdiff" "$TMP"/*.png "$ref" --tol 0 --max-fraction 0 > /dev/null 2>&1; }; then
		continue
	fi
	cp "$TMP"/*.png "$ref"
	echo "updated: $ref"
done
# The pictures in the docs (tests/run.sh checks them too).
sh tests/docs-pics.sh "$B/saltprint" "$TMP/docs" || echo "failed: the docs' pictures"
for pic in targets-2018.png typography/sample-after.png typography/sample-before.png; do
	new="$TMP/docs/$pic"
	[ -f "$new" ] || continue
	if cmp -s "$new" "docs/$pic" || "$B/imgdiff" "$new" "docs/$pic" --tol 0 --max-fraction 0 > /dev/null 2>&1; then
		continue
	fi
	cp "$new" "docs/$pic"
	echo "updated: docs/$pic"
done
