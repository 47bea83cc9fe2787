#!/bin/sh
# Runs every test: unit tests, error messages, reference images, SVG and PDF
# checks, determinism, atomic writes, the command line and the font lock.
# Usage: tests/run.sh BUILD_DIR. The last line reads "N passed, N failed".
B=${1:-build}
SP="$PWD/$B/saltprint"
IMGDIFF="$PWD/$B/imgdiff"
CHUNKS="$PWD/$B/pngchunks"
PIXEL="$PWD/$B/pngpixel"
OUT="$PWD/output/tests"
TMP=$(mktemp -d)
trap 'chattr -i "$TMP"/ro 2>/dev/null; chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
rm -rf "$OUT" && mkdir -p "$OUT"
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() {
	fail=$((fail + 1))
	echo "FAIL $1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/     /'
	return 0
}
check() { # check NAME COMMAND...: passes when the command succeeds
	name=$1
	shift
	if msg=$("$@" 2>&1); then ok "$name"; else bad "$name" "$msg"; fi
}
SEED=data/ziliujing-2017/targets-2018.json

# --- unit tests ---------------------------------------------------------
"$B/unit-tests" > "$TMP/unit.log" 2>&1
while IFS= read -r line; do
	case "$line" in
	"ok   "*) ok "${line#ok   }" ;;
	"FAIL "*) bad "${line#FAIL }" ;;
	"     "*) echo "$line" ;;
	esac
done < "$TMP/unit.log"
grep -q '^unit: ' "$TMP/unit.log" || bad "unit tests ran to the end" "$(tail -5 "$TMP/unit.log")"

# --- error messages: stderr byte for byte, exit code, no output file -----
for spec in tests/errors/*.json tests/errors/*.yaml; do
	name=${spec%.*}
	[ -f "$name.expect" ] || continue
	args=""
	[ -f "$name.args" ] && args=$(cat "$name.args")
	rm -rf "$TMP/err" && mkdir -p "$TMP/err"
	# shellcheck disable=SC2086
	"$SP" render $args "$spec" -o "$TMP/err" > /dev/null 2> "$TMP/stderr"
	code=$?
	want_code=$(head -n 1 "$name.expect" | sed 's/^exit //')
	tail -n +2 "$name.expect" > "$TMP/want"
	if [ "$code" != "$want_code" ]; then
		bad "error/$(basename "$name")" "exit $code, want $want_code: $(cat "$TMP/stderr")"
	elif ! cmp -s "$TMP/want" "$TMP/stderr"; then
		bad "error/$(basename "$name")" "$(diff "$TMP/want" "$TMP/stderr")"
	elif [ -n "$(ls -A "$TMP/err")" ]; then
		bad "error/$(basename "$name")" "left files: $(ls -A "$TMP/err")"
	else
		ok "error/$(basename "$name")"
	fi
done

# Usage errors and output failures, exact text.
expect() { # expect NAME CODE STDERR_WANT COMMAND...
	name=$1 code=$2 want=$3
	shift 3
	"$@" > /dev/null 2> "$TMP/stderr"
	got=$?
	if [ "$got" != "$code" ]; then
		bad "$name" "exit $got, want $code: $(cat "$TMP/stderr")"
	elif [ "$(cat "$TMP/stderr")" != "$want" ]; then
		bad "$name" "$(printf 'want: %s\ngot:  %s' "$want" "$(cat "$TMP/stderr")")"
	else
		ok "$name"
	fi
}
USAGE=$("$SP" 2>&1 | sed '1d;$d')
expect "usage/unknown command" 2 'saltprint: unknown command "rendr"; did you mean "render"?' "$SP" rendr "$SEED"
expect "check/a data table named as a spec" 3 'data/ziliujing-2017/investment-2017.csv: error: a data table, not a spec (a spec is .json, .yaml or .yml and names its table in "data")' "$SP" check data/ziliujing-2017/investment-2017.csv
expect "usage/no spec" 2 "saltprint: render needs at least one spec file
$USAGE
Try 'saltprint --help' for more." "$SP" render
expect "usage/bad scale 0" 2 "$(printf 'saltprint: --scale takes a number above 0 and at most 16, got "0"\n%s\nTry %s for more.' "$USAGE" "'saltprint --help'")" "$SP" render --scale 0 "$SEED"
expect "usage/bad width" 2 "$(printf 'saltprint: --width takes a whole number of px, 200 or more, got "-5"\n%s\nTry %s for more.' "$USAGE" "'saltprint --help'")" "$SP" render --width -5 "$SEED"
expect "output/unwritable directory" 5 "/sys/kernel/targets-2018.png: error: cannot write: Permission denied" "$SP" render "$SEED" -o /sys/kernel
mkdir -p "$TMP/isdir/targets-2018.png"
expect "output/path is a directory" 5 "$TMP/isdir/targets-2018.png: error: cannot write: Is a directory" "$SP" render -f png "$SEED" -o "$TMP/isdir"
expect "output/stdout is /dev/full" 5 "<stdout>: error: cannot write: No space left on device" sh -c "'$SP' render -f svg -o - '$SEED' > /dev/full"
expect "output/-o is a file" 5 "/dev/full: error: the output directory is not a directory" "$SP" render "$SEED" -o /dev/full
expect "fonts/missing fonts.conf" 4 "$TMP/nofonts/fonts.conf: error: cannot read the font configuration (--fonts DIR or \$SALTPRINT_FONTS names the directory that holds it)" sh -c "mkdir -p '$TMP/nofonts' && '$SP' check --fonts '$TMP/nofonts' '$SEED'"
expect "fonts/batch: missing fonts.conf is one error, before any spec or directory" 4 "$TMP/nofonts/fonts.conf: error: cannot read the font configuration (--fonts DIR or \$SALTPRINT_FONTS names the directory that holds it)" sh -c "'$SP' batch --fonts '$TMP/nofonts' data -o '$TMP/bnofonts' && exit 9; c=\$?; [ ! -e '$TMP/bnofonts' ] || exit 8; exit \$c"

# --- reference images ---------------------------------------------------
for ref in tests/render/*.ref.png; do
	name=$(basename "$ref" .ref.png)
	if [ -f "tests/render/$name.args" ]; then
		set -- $(cat "tests/render/$name.args")
	else
		set -- tests/render/$name.json
		[ -f "$1" ] || set -- tests/render/$name.yaml
	fi
	rm -rf "$TMP/ref" && mkdir -p "$TMP/ref"
	if ! "$SP" render -f png,svg "$@" -o "$TMP/ref" 2> "$TMP/stderr"; then
		bad "render/$name" "$(cat "$TMP/stderr")"
		continue
	fi
	out=$(ls "$TMP"/ref/*.png)
	# Renders here match their references pixel for pixel; the tolerance
	# (2 pixels in 10,000 off by more than 24) leaves room for another
	# processor's pixman paths, not for a changed drawing: slicing whole
	# icons in the pictograms moved 0.15% of the pixels.
	if msg=$("$IMGDIFF" "$out" "$ref" --max-fraction 0.0002 --diff "$OUT/$name.diff.png"); then
		ok "render/$name"
	else
		cp "$out" "$OUT/$name.out.png"
		bad "render/$name" "$msg (see output/tests/$name.out.png and .diff.png)"
	fi
	# The SVG is well-formed and draws (rsvg-convert) like our PNG. Only
	# the 1x renders compare: rsvg draws the SVG at its own size.
	svg=$(ls "$TMP"/ref/*.svg)
	if ! msg=$(xmllint --noout "$svg" 2>&1); then
		bad "svg/$name well-formed" "$msg"
	else
		ok "svg/$name well-formed"
	fi
	case " $* " in *" --scale "*) continue ;; esac
	rsvg-convert -b white "$svg" -o "$TMP/ref/rsvg.png" 2> "$TMP/stderr"
	if msg=$("$IMGDIFF" "$TMP/ref/rsvg.png" "$out" --block 4 --tol 56 --max-fraction 0.001 --diff "$OUT/$name.svg-diff.png"); then
		ok "svg/$name matches the PNG"
	else
		bad "svg/$name matches the PNG" "$msg"
	fi
done

# The pictures in the docs are what saltprint draws today (update-refs draws
# them again): README's chart and the typography before/after pair.
if sh tests/docs-pics.sh "$SP" "$TMP/docs" 2> "$TMP/stderr"; then
	for pic in targets-2018.png typography/sample-after.png typography/sample-before.png; do
		check "docs/$pic is drawn as today" "$IMGDIFF" "$TMP/docs/$pic" "docs/$pic" --max-fraction 0.0002
	done
else
	bad "docs/the pictures draw" "$(cat "$TMP/stderr")"
fi

# The specs we ship and test hold only keys and choices the schema lists,
# so an editor checking them against it sees no false alarm.
check "schema/every shipped spec is valid by its keys and choices" "$PWD/$B/schemakeys" docs/saltprint.schema.json \
	data/ziliujing-2017/*.json data/ziliujing-2017/*.yaml tests/render/*.json tests/render/*.yaml docs/typography/sample.yaml

# --- SVG, PNG and PDF contents -------------------------------------------
rm -rf "$TMP/m" && mkdir -p "$TMP/m"
"$SP" render "$SEED" -o "$TMP/m" 2> "$TMP/stderr" || bad "render the seed" "$(cat "$TMP/stderr")"
svg="$TMP/m/targets-2018.svg"
check "svg/root has role=img and px size" grep -q '^<svg [^>]*width="1200" [^>]*role="img"' "$svg"
check "svg/title and desc" sh -c "grep -q '^<title>2018年自流井区五项主要指标增长目标</title>' '$svg' && grep -q '^<desc>2018年自流井区五项主要指标增长目标。计划增速' '$svg'"
check "png/RGB, metadata, pHYs, no tIME" sh -c "'$CHUNKS' '$TMP/m/targets-2018.png' > '$TMP/chunks' &&
	grep -q '^IHDR 1200x[0-9]* depth 8 colour 2$' '$TMP/chunks' &&
	grep -q '^iTXt Title=2018年自流井区五项主要指标增长目标$' '$TMP/chunks' &&
	grep -q '^iTXt Description=2018年' '$TMP/chunks' &&
	grep -q '^iTXt Source=华西城市读本' '$TMP/chunks' &&
	grep -q '^iTXt Author=记者 刘恪生$' '$TMP/chunks' &&
	grep -q '^tEXt Software=saltprint ' '$TMP/chunks' &&
	grep -q '^pHYs 3780 3780 1$' '$TMP/chunks' && ! grep -q tIME '$TMP/chunks'"
"$SP" render -f png --scale 2 "$SEED" -o "$TMP/m2"
check "png/scale 2 doubles the pixels and the resolution" sh -c "'$CHUNKS' '$TMP/m2/targets-2018.png' | grep -q '^IHDR 2400x' && '$CHUNKS' '$TMP/m2/targets-2018.png' | grep -q '^pHYs 7559 7559 1$'"
check "pdf/metadata" sh -c "pdfinfo '$TMP/m/targets-2018.pdf' > '$TMP/pdfinfo' &&
	grep -q '^Title: *2018年自流井区五项主要指标增长目标$' '$TMP/pdfinfo' &&
	grep -q '^Author: *记者 刘恪生$' '$TMP/pdfinfo' &&
	grep -q '^Subject: *2018年自流井区' '$TMP/pdfinfo' &&
	grep -q '^CreationDate: *Mon Jan  1 00:00:00 2018 UTC$' '$TMP/pdfinfo' &&
	grep -q '^Pages: *1$' '$TMP/pdfinfo' && grep -q '^Page size: *900 x ' '$TMP/pdfinfo'"
SOURCE_DATE_EPOCH=1543622400 "$SP" render -f pdf "$SEED" -o "$TMP/m3"
check "pdf/SOURCE_DATE_EPOCH sets the date" sh -c "pdfinfo '$TMP/m3/targets-2018.pdf' | grep -q '^CreationDate: *Sat Dec  1 00:00:00 2018 UTC$'"
pdftoppm -r 96 -png -singlefile "$TMP/m/targets-2018.pdf" "$TMP/m/pdf" 2>/dev/null
check "pdf/draws like the PNG" "$IMGDIFF" "$TMP/m/pdf.png" "$TMP/m/targets-2018.png" --block 4 --tol 96 --max-fraction 0.001

"$SP" render -f svg,png tests/render/hostile-text.yaml -o "$TMP/h" 2> "$TMP/stderr"
check "svg/hostile text is escaped" sh -c "xmllint --noout '$TMP/h/hostile-text.svg' &&
	grep -q '<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;粗体&lt;/b&gt;' '$TMP/h/hostile-text.svg' &&
	! grep -q '<script' '$TMP/h/hostile-text.svg'"

"$SP" render -f png tests/render/timeline-yuan.yaml -o "$TMP/yuan" 2> "$TMP/stderr"
check "timeline/amounts in 元 print as 亿元" sh -c "'$CHUNKS' '$TMP/yuan/timeline-yuan.png' | grep -q '南宁推介会，152亿元；2017年5月7日，杭州投资促进会，137亿元；2017年9月15日，西博会，60.65亿元；2017年12月7日，盐博会，172.8亿元。合计 522.45亿元'"

# --- themes: switching restyles everything, the spec unchanged ------------
cp "$SEED" "$TMP/seed-before.json"
"$SP" render -f png,svg "$SEED" -o "$TMP/th-light" 2> "$TMP/stderr"
"$SP" render -f png,svg --theme dark "$SEED" -o "$TMP/th-dark" 2>> "$TMP/stderr"
check "theme/--theme dark restyles the chart" sh -c "[ \"\$('$PIXEL' '$TMP/th-light/targets-2018.png' 5 5)\" = '#FFFFFF' ] &&
	[ \"\$('$PIXEL' '$TMP/th-dark/targets-2018.png' 5 5)\" = '#121212' ] &&
	! cmp -s '$TMP/th-light/targets-2018.png' '$TMP/th-dark/targets-2018.png' &&
	grep -q 'fill:rgb(7.058824%,7.058824%,7.058824%)' '$TMP/th-dark/targets-2018.svg'"
check "theme/the spec is unchanged" cmp "$SEED" "$TMP/seed-before.json"
"$SP" render -f png --theme dark --max-side 32768 data/ziliujing-2017/report-card-poster.yaml -o "$TMP/th-dark" 2>> "$TMP/stderr"
check "theme/the poster and its charts follow the theme" sh -c "[ \"\$('$PIXEL' '$TMP/th-dark/report-card-poster.png' 5 5)\" = '#121212' ] &&
	[ \"\$('$PIXEL' '$TMP/th-dark/report-card-poster.png' 5 5000)\" = '#121212' ]"
mkdir -p "$TMP/td/data/themes" "$TMP/td/data/x"
printf 'name: house\ncolors: {bg: "#FAF3E0", primary: "#8E44AD"}\n' > "$TMP/td/data/themes/house.yaml"
sed 's/"chart": "gauges",/"chart": "gauges", "theme": "house",/' "$SEED" > "$TMP/td/data/x/t.json"
check "theme/a spec names a theme from its data root" sh -c "'$SP' render -f png '$TMP/td/data/x/t.json' -o '$TMP/td/out' && [ \"\$('$PIXEL' '$TMP/td/out/t.png' 5 5)\" = '#FAF3E0' ]"

# --- the poster ---------------------------------------------------------
POSTER=data/ziliujing-2017/report-card-poster.yaml
"$SP" render --max-side 32768 "$POSTER" -o "$TMP/po" 2> "$TMP/stderr" || bad "poster renders" "$(cat "$TMP/stderr")"
check "poster/alt text: headline, sections, key figures" sh -c "'$CHUNKS' '$TMP/po/report-card-poster.png' | grep '^iTXt Description=' > '$TMP/po/alt' &&
	grep -q '^iTXt Description=加快推动全域发展 2017年自流井区交出满意“成绩单”。招商引资为经济“输血”，招引质数取得历史性突破：60余次，657亿元' '$TMP/po/alt' &&
	grep -q '棚改脱贫改善民生，创新模式实现100%脱贫：862名，100%，1005户' '$TMP/po/alt' &&
	grep -q '2018年目标：以一连串数字表达愿景：6.0%，3.0%，10.5%，20%，13.0%' '$TMP/po/alt'"
check "poster/PDF is one tall page by default" sh -c "pdfinfo '$TMP/po/report-card-poster.pdf' | grep -q '^Pages: *1$'"
"$SP" render -f pdf --pdf a4 --max-side 32768 "$POSTER" -o "$TMP/po4" 2> "$TMP/stderr"
check "poster/--pdf a4 prints A4 pages" sh -c "pdfinfo '$TMP/po4/report-card-poster.pdf' > '$TMP/po4/info' && grep -q 'Page size: *595.276 x 841.89 pts (A4)' '$TMP/po4/info' && [ \$(sed -n 's/^Pages: *//p' '$TMP/po4/info') -ge 6 ]"
check "poster/each A4 page has text (no blank page)" sh -c "n=\$(sed -n 's/^Pages: *//p' '$TMP/po4/info'); i=1; while [ \$i -le \$n ]; do [ \$(pdftotext -f \$i -l \$i '$TMP/po4/report-card-poster.pdf' - | tr -d ' \\n\\f' | wc -c) -gt 10 ] || exit 1; i=\$((i+1)); done"
check "poster/the canvas limit names its flag" sh -c "'$SP' render -f png '$POSTER' -o '$TMP/po5' 2>&1 | grep -q 'over the limit of 8192 px a side (--max-side raises it)'"

# --- batch ----------------------------------------------------------------
JS="$PWD/$B/jsonspecs"
mkdir -p "$TMP/bin"
cp -r data "$TMP/bin/data"
cp tests/errors/wrong-type.json "$TMP/bin/data/ziliujing-2017/zz-broken.json"
"$SP" batch "$TMP/bin/data" -o "$TMP/bout" -j 2 --max-side 32768 > "$TMP/batch.out" 2> "$TMP/batch.err"
code=$?
"$JS" "$TMP/bout/saltprint-report.json" > "$TMP/batch.specs"
n_specs=$(find "$TMP/bin/data" -name '*.json' -o -name '*.yaml' | grep -v /themes/ | wc -l)
check "batch/a failing spec fails the run (exit 3), the others render" sh -c "[ $code = 3 ] &&
	[ \$(grep -c '^rendered ' '$TMP/batch.specs') = \$(($n_specs - 1)) ] &&
	grep -q '^failed .*zz-broken.json 0$' '$TMP/batch.specs'"
check "batch/outputs keep the relative paths" sh -c "[ -f '$TMP/bout/ziliujing-2017/targets-2018.png' ] && [ -f '$TMP/bout/ziliujing-2017/report-card-poster.pdf' ] && [ ! -e '$TMP/bout/themes' ]"
grep -q '"bytes": [0-9]*, "sha256": "[0-9a-f]\{64\}"' "$TMP/bout/saltprint-report.json" &&
	grep -q 'zz-broken.json:5:34: error: \\"value\\" must be a number' "$TMP/bout/saltprint-report.json"
check "batch/the report has outputs with sizes, hashes and errors" [ $? = 0 ]
check "batch/plain lines and a summary when not on a terminal" sh -c "grep -q '^rendered  *.*targets-2018.json ([0-9]* ms)$' '$TMP/batch.err' &&
	grep -q '^[0-9]* rendered, 0 skipped, 1 failed in ' '$TMP/batch.err'"
check "batch/the summary ends with the failed specs and their errors" sh -c "tail -3 '$TMP/batch.err' | head -1 | grep -q '^failed:\$' &&
	tail -2 '$TMP/batch.err' | head -1 | grep -q '^  .*/zz-broken.json\$' &&
	tail -1 '$TMP/batch.err' | grep -q '^    .*/zz-broken.json:5:34: error: \"value\" must be a number'"
rm "$TMP/bin/data/ziliujing-2017/zz-broken.json"
n_specs=$((n_specs - 1))
"$SP" batch "$TMP/bin/data" -o "$TMP/bout" --max-side 32768 2> "$TMP/batch.err"
check "batch/unchanged specs are skipped" sh -c "grep -q '^0 rendered, $n_specs skipped, 0 failed' '$TMP/batch.err'"
echo "2017-12-31,年末签约,自贡,签约1个,1" >> "$TMP/bin/data/ziliujing-2017/investment-2017.csv"
"$SP" batch "$TMP/bin/data" -o "$TMP/bout" --max-side 32768 2> "$TMP/batch.err"
check "batch/a changed data file re-renders its chart and the poster that names it" sh -c "grep -q '^2 rendered, $(($n_specs - 2)) skipped, 0 failed' '$TMP/batch.err' &&
	grep -q '^rendered .*investment-timeline.json' '$TMP/batch.err' && grep -q '^rendered .*report-card-poster.yaml' '$TMP/batch.err'"
"$SP" batch "$TMP/bin/data" -o "$TMP/bout" --max-side 32768 --theme dark 2> "$TMP/batch.err"
check "batch/another theme re-renders everything" sh -c "grep -q '^$n_specs rendered, 0 skipped' '$TMP/batch.err'"
"$SP" batch "$TMP/bin/data" -o "$TMP/bout" --max-side 32768 --theme dark --force 2> "$TMP/batch.err"
check "batch/--force renders everything" sh -c "grep -q '^$n_specs rendered, 0 skipped' '$TMP/batch.err'"
# A theme's logo is an input too: the same spec and theme, the logo swapped.
mkdir -p "$TMP/logo/specs"
cp "$SEED" "$TMP/logo/specs/"
cp tests/render/breakdown-12-bar-375.ref.png "$TMP/logo/logo.png"
printf 'logo:\n  file: logo.png\n' > "$TMP/logo/brand.yaml"
"$SP" batch "$TMP/logo/specs" -o "$TMP/logo/out" -f png --theme "$TMP/logo/brand.yaml" 2> /dev/null
"$SP" batch "$TMP/logo/specs" -o "$TMP/logo/out" -f png --theme "$TMP/logo/brand.yaml" 2> "$TMP/logo/err1"
cp tests/render/breakdown-12-bar.ref.png "$TMP/logo/logo.png"
"$SP" batch "$TMP/logo/specs" -o "$TMP/logo/out" -f png --theme "$TMP/logo/brand.yaml" 2> "$TMP/logo/err2"
check "batch/a theme's changed logo re-renders" sh -c "grep -q '^0 rendered, 1 skipped, 0 failed' '$TMP/logo/err1' &&
	grep -q '^1 rendered, 0 skipped, 0 failed' '$TMP/logo/err2'"
# A PDF's date is an input too (SOURCE_DATE_EPOCH); a PNG's is not.
mkdir -p "$TMP/sde/specs"
cp "$SEED" "$TMP/sde/specs/"
"$SP" batch "$TMP/sde/specs" -o "$TMP/sde/pdf" -f pdf 2> /dev/null
"$SP" batch "$TMP/sde/specs" -o "$TMP/sde/png" -f png 2> /dev/null
SOURCE_DATE_EPOCH=1546300800 "$SP" batch "$TMP/sde/specs" -o "$TMP/sde/pdf" -f pdf 2> "$TMP/sde/err1"
SOURCE_DATE_EPOCH=1546300800 "$SP" batch "$TMP/sde/specs" -o "$TMP/sde/png" -f png 2> "$TMP/sde/err2"
check "batch/another SOURCE_DATE_EPOCH re-renders PDFs, not PNGs" sh -c "grep -q '^1 rendered, 0 skipped, 0 failed' '$TMP/sde/err1' &&
	grep -q '^0 rendered, 1 skipped, 0 failed' '$TMP/sde/err2' &&
	pdfinfo '$TMP/sde/pdf/targets-2018.pdf' | grep -q '^CreationDate: *Tue Jan  1 00:00:00 2019 UTC$'"
# The font configuration is an input too: a copy of fonts/ (the subsets
# linked), then the same copy unchanged, then its fonts.conf edited.
mkdir -p "$TMP/fontsk"
cp fonts/fonts.conf fonts/fonts.lock "$TMP/fontsk/"
ln -s "$PWD/fonts/subset" "$TMP/fontsk/subset"
"$SP" batch "$TMP/bin/data" -o "$TMP/bout" --max-side 32768 --fonts "$TMP/fontsk" 2> /dev/null
"$SP" batch "$TMP/bin/data" -o "$TMP/bout" --max-side 32768 --fonts "$TMP/fontsk" 2> "$TMP/batch.err"
check "batch/unchanged fonts.conf and fonts.lock: specs are skipped" sh -c "grep -q '^0 rendered, $n_specs skipped, 0 failed' '$TMP/batch.err'"
echo "<!-- edited -->" >> "$TMP/fontsk/fonts.conf"
"$SP" batch "$TMP/bin/data" -o "$TMP/bout" --max-side 32768 --fonts "$TMP/fontsk" 2> "$TMP/batch.err"
check "batch/an edited fonts.conf re-renders everything" sh -c "grep -q '^$n_specs rendered, 0 skipped, 0 failed' '$TMP/batch.err'"
for i in 0 1 2; do
	"$SP" batch data tests/render -o "$TMP/shard$i" --shard $i/3 --max-side 32768 2>/dev/null
	"$JS" "$TMP/shard$i/saltprint-report.$i-of-3.json" >> "$TMP/shards.specs"
done
"$SP" batch data tests/render -o "$TMP/noshard" --max-side 32768 2>/dev/null
"$JS" "$TMP/noshard/saltprint-report.json" > "$TMP/all.specs"
cut -d' ' -f2 "$TMP/shards.specs" | sort > "$TMP/a"
cut -d' ' -f2 "$TMP/all.specs" | sort > "$TMP/b"
nonempty=0
for i in 0 1 2; do [ -n "$("$JS" "$TMP/shard$i/saltprint-report.$i-of-3.json")" ] && nonempty=$((nonempty + 1)); done
check "batch/3 shards together render every spec exactly once" sh -c "cmp '$TMP/a' '$TMP/b' && [ \$(sort -u '$TMP/a' | wc -l) = \$(wc -l < '$TMP/a') ] && [ \$(wc -l < '$TMP/a') -ge 20 ] && [ $nonempty = 3 ]"
check "batch/shards are the same on every run" sh -c "'$SP' batch data tests/render -o '$TMP/shard0b' --shard 0/3 --max-side 32768 2>/dev/null; '$JS' '$TMP/shard0b/saltprint-report.0-of-3.json' | cut -d' ' -f2 > '$TMP/s0b'; '$JS' '$TMP/shard0/saltprint-report.0-of-3.json' | cut -d' ' -f2 > '$TMP/s0'; cmp '$TMP/s0' '$TMP/s0b'"
printf '\357\273\277# the seed charts\r\nziliujing-2017/targets-2018.json\r\n\r\nziliujing-2017/investment-funds.yaml\r\n' > "$TMP/bin/data/list.txt"
"$SP" batch "$TMP/bin/data/list.txt" -o "$TMP/bman" 2> "$TMP/batch.err"
check "batch/a manifest lists the specs (a byte-order mark and CRLF lines, as from Windows)" sh -c "[ -f '$TMP/bman/ziliujing-2017/targets-2018.svg' ] && [ -f '$TMP/bman/ziliujing-2017/investment-funds.pdf' ] && grep -q '^2 rendered, 0 skipped, 0 failed' '$TMP/batch.err'"
check "batch/batch outputs match render outputs byte for byte" sh -c "for e in png svg pdf; do cmp '$TMP/bman/ziliujing-2017/targets-2018.'\$e '$TMP/m/targets-2018.'\$e || exit 1; done"
# --no-sync: the same bytes, whole, nothing left over; with a replaced
# (executed) worker after every spec too, which reads the option again.
SALTPRINT_WORKER_SPECS=1 "$SP" batch "$TMP/bin/data/list.txt" -o "$TMP/bnosync" -j 2 --no-sync 2> "$TMP/bnosync.err"
"$SP" render --no-sync "$SEED" -o "$TMP/rnosync" 2> "$TMP/rnosync.err"
SALTPRINT_WORKER_SPECS=1 "$SP" batch "$TMP/bin/data/list.txt" -o "$TMP/bsyncall" -j 2 --sync 2> "$TMP/bsyncall.err"
check "batch/--no-sync and --sync render the same bytes and leave no temporary files" sh -c "grep -q '^2 rendered, 0 skipped, 0 failed' '$TMP/bnosync.err' && grep -q '^2 rendered, 0 skipped, 0 failed' '$TMP/bsyncall.err' && [ ! -s '$TMP/rnosync.err' ] && for f in targets-2018.png targets-2018.svg targets-2018.pdf investment-funds.png investment-funds.svg investment-funds.pdf; do cmp '$TMP/bman/ziliujing-2017/'\$f '$TMP/bnosync/ziliujing-2017/'\$f && cmp '$TMP/bman/ziliujing-2017/'\$f '$TMP/bsyncall/ziliujing-2017/'\$f || exit 1; done && for e in png svg pdf; do cmp '$TMP/m/targets-2018.'\$e '$TMP/rnosync/targets-2018.'\$e || exit 1; done && [ -z \"\$(find '$TMP/bnosync' '$TMP/rnosync' '$TMP/bsyncall' -name '.*tmp*')\" ]"
# An output a machine crash emptied (after --no-sync) is drawn again, the
# other spec still skipped.
: > "$TMP/bnosync/ziliujing-2017/investment-funds.svg"
"$SP" batch "$TMP/bin/data/list.txt" -o "$TMP/bnosync" --no-sync 2> "$TMP/bnosync2.err"
check "batch/an emptied output is drawn again" sh -c "grep -q '^1 rendered, 1 skipped, 0 failed' '$TMP/bnosync2.err' && cmp '$TMP/bman/ziliujing-2017/investment-funds.svg' '$TMP/bnosync/ziliujing-2017/investment-funds.svg'"
SALTPRINT_WORKER_SPECS=1 "$SP" batch "$TMP/bin/data/list.txt" -o "$TMP/brecycle" -j 1 2> "$TMP/brecycle.err"
check "batch/a worker replaced after every spec renders the same bytes" sh -c "grep -q '^2 rendered, 0 skipped, 0 failed' '$TMP/brecycle.err' && for f in targets-2018.png targets-2018.pdf investment-funds.svg investment-funds.pdf; do cmp '$TMP/bman/ziliujing-2017/'\$f '$TMP/brecycle/ziliujing-2017/'\$f || exit 1; done"
# The writer takes drawn specs four at a time, or what there is once the
# worker has nothing left to draw: a group and a bit more on one worker, and
# a single spec, both finish (a hang would fail here, not stall the suite).
mkdir -p "$TMP/bgroup"
for f in construction-share investment-funds poverty-households poverty-kpis projects-size; do
	cp "data/ziliujing-2017/$f.yaml" "$TMP/bgroup/"
done
timeout 60 "$SP" batch "$TMP/bgroup" -o "$TMP/bgroupout" -j 1 -f png 2> "$TMP/bgroup.err"
code=$?
timeout 60 "$SP" batch "$TMP/bgroup/poverty-kpis.yaml" -o "$TMP/bgroupone" -j 1 -f png 2> "$TMP/bgroupone.err"
code1=$?
check "batch/a group of four and a spec more, and a single spec, all finish" sh -c "[ $code = 0 ] && [ $code1 = 0 ] &&
	grep -q '^5 rendered, 0 skipped, 0 failed' '$TMP/bgroup.err' && grep -q '^1 rendered, 0 skipped, 0 failed' '$TMP/bgroupone.err' &&
	[ \$(ls '$TMP/bgroupout' | grep -c '[.]png\$') = 5 ] && [ -f '$TMP/bgroupone/poverty-kpis.png' ]"
# Each spec once, each one's outputs its own: a spec named twice (its
# directory and itself) renders once; a spec whose outputs would overwrite
# an earlier one's fails, naming both; the earlier one renders.
mkdir -p "$TMP/bcoll/a" "$TMP/bcoll/b"
cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/bcoll/a/x.yaml"
cp data/ziliujing-2017/projects-size.yaml "$TMP/bcoll/b/x.yaml"
cp data/ziliujing-2017/targets-2018.json "$TMP/bcoll/b/x.json"
(cd "$TMP/bcoll" && "$SP" batch a b a/x.yaml -o out -f png -j 2 > /dev/null 2> err)
code=$?
cat > "$TMP/bcoll/want" << 'EOF2'
failed   b/x.json (0 ms)
b/x.json: error: its outputs would overwrite those of a/x.yaml (out/x.*), which is drawn instead; rename one of them, or batch them into separate output directories
failed   b/x.yaml (0 ms)
b/x.yaml: error: its outputs would overwrite those of a/x.yaml (out/x.*), which is drawn instead; rename one of them, or batch them into separate output directories
EOF2
"$SP" render "$TMP/bcoll/a/x.yaml" -o "$TMP/bcoll/direct" -f png 2> /dev/null
check "batch/a spec named twice renders once; one whose outputs would overwrite another's fails (exit 3)" sh -c "[ $code = 3 ] &&
	head -4 '$TMP/bcoll/err' | cmp - '$TMP/bcoll/want' && grep -q '^1 rendered, 0 skipped, 2 failed' '$TMP/bcoll/err' &&
	[ \$(grep -c '^rendered  *a/x.yaml' '$TMP/bcoll/err') = 1 ] && cmp '$TMP/bcoll/out/x.png' '$TMP/bcoll/direct/x.png' &&
	[ \$(grep -c 'x.yaml\$' '$TMP/bcoll/out/.saltprint-cache') = 1 ]"
# A manifest's lines are paths relative to it: "./" and "//" are the same
# spec, a directory is walked, and a path out of the manifest's directory
# (its outputs would leave the output directory) or to something that is
# not a spec fails with the manifest's line and column.
mkdir -p "$TMP/bman2/m/sub" "$TMP/bman2/elsewhere"
cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/bman2/m/sub/y.yaml"
cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/bman2/elsewhere/z.yaml"
printf 'sub/y.yaml\n./sub/y.yaml\n\n  ../elsewhere/z.yaml\nsub\nREADME\nsub//y.yaml\n' > "$TMP/bman2/m/list.txt"
(cd "$TMP/bman2" && "$SP" batch m/list.txt -o out -f png -j 2 > /dev/null 2> err)
code=$?
cat > "$TMP/bman2/want" << 'EOF2'
failed   m/../elsewhere/z.yaml (0 ms)
m/list.txt:4:3: error: ../elsewhere/z.yaml leads out of the manifest's directory, so its outputs would land outside the output directory; list it in a manifest further up, or name the spec itself
failed   m/README (0 ms)
m/list.txt:6:1: error: README is neither a spec (.json, .yaml or .yml) nor a directory
rendered m/sub/y.yaml (
EOF2
printf '../elsewhere/z.yaml\n' > "$TMP/bman2/m/bad.txt"
(cd "$TMP/bman2" && "$SP" batch m/bad.txt -o out3 -f png > /dev/null 2> err3)
code3=$?
check "batch/a manifest whose every line fails prints each failure" sh -c "[ $code3 = 3 ] &&
	head -2 '$TMP/bman2/err3' | tail -1 | grep -q '^m/bad.txt:1:1: error: ../elsewhere/z.yaml leads out of' &&
	grep -q '^0 rendered, 0 skipped, 1 failed' '$TMP/bman2/err3'"
check "batch/a manifest's paths: the same spec once, a directory walked, a path out of it fails with line and column" sh -c "[ $code = 3 ] &&
	head -5 '$TMP/bman2/err' | sed '/^rendered/s/ ([0-9]* ms)\$/ (/' | cmp - '$TMP/bman2/want' && grep -q '^1 rendered, 0 skipped, 2 failed' '$TMP/bman2/err' &&
	[ -f '$TMP/bman2/out/sub/y.png' ] && [ \$(find '$TMP/bman2' -name '*.png' | wc -l) = 1 ]"
# A symbolic link back to a directory the walk is in is not followed (two
# of them made 2^40 paths: a hang); a link to a directory elsewhere is.
mkdir -p "$TMP/bloop/d" "$TMP/bloop/other"
cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/bloop/d/"
cp data/ziliujing-2017/projects-size.yaml "$TMP/bloop/other/"
ln -s . "$TMP/bloop/d/loop"
ln -s "$TMP/bloop/d" "$TMP/bloop/d/up"
ln -s ../other "$TMP/bloop/d/other"
(cd "$TMP/bloop" && timeout 60 "$SP" batch d -o out -f png -j 2 > /dev/null 2> err)
code=$?
check "batch/a link back up the tree is not followed, a link elsewhere is" sh -c "[ $code = 0 ] && grep -q '^2 rendered, 0 skipped, 0 failed' '$TMP/bloop/err' &&
	[ -f '$TMP/bloop/out/poverty-kpis.png' ] && [ -f '$TMP/bloop/out/other/projects-size.png' ]"
# With -o naming the input directory, the batch's report lands among the
# specs: the next run does not take it for one.
mkdir -p "$TMP/bself"
cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/bself/"
"$SP" batch "$TMP/bself" -o "$TMP/bself" -f png 2> /dev/null
"$SP" batch "$TMP/bself" -o "$TMP/bself" -f png 2> "$TMP/bself.err"
code=$?
check "batch/the report is not taken for a spec when it lands among them" sh -c "[ $code = 0 ] && grep -q '^0 rendered, 1 skipped, 0 failed' '$TMP/bself.err'"
# SIGTERM (or Ctrl-C) stops handing out specs: the ones in hand finish,
# the cache and report are written, the exit is 128 + the signal, and the
# next run goes on from there.
mkdir -p "$TMP/bint/specs"
for i in $(seq 1 200); do cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/bint/specs/k$i.yaml"; done
"$SP" batch "$TMP/bint/specs" -o "$TMP/bint/out" -f png,pdf -j 1 > /dev/null 2> "$TMP/bint/err1" &
bpid=$!
for i in $(seq 1 200); do grep -q '^rendered' "$TMP/bint/err1" && break; sleep 0.05; done
kill -TERM $bpid
wait $bpid
code=$?
n1=$(grep -c '^rendered' "$TMP/bint/err1")
cp "$TMP/bint/out/saltprint-report.json" "$TMP/bint/report1.json"
"$SP" batch "$TMP/bint/specs" -o "$TMP/bint/out" -f png,pdf -j 2 > /dev/null 2> "$TMP/bint/err2"
check "batch/SIGTERM: the specs in hand finish, exit 143, and the next run goes on from there" sh -c "[ $code = 143 ] &&
	grep -q '^interrupted (SIGTERM): finishing the [0-9]* specs in hand; again to stop at once\$' '$TMP/bint/err1' &&
	grep -q '^$n1 rendered, 0 skipped, 0 failed, $((200 - n1)) not started (interrupted) in ' '$TMP/bint/err1' &&
	[ \$(grep -c 'yaml\$' '$TMP/bint/out/.saltprint-cache') = 200 ] && [ $n1 -lt 200 ] &&
	grep -q '^$((200 - n1)) rendered, $n1 skipped, 0 failed in ' '$TMP/bint/err2' &&
	[ \$(ls '$TMP/bint/out' | grep -c '[.]pdf\$') = 200 ] && [ -z \"\$(find '$TMP/bint/out' -name '.*tmp*')\" ] &&
	grep -q '^  \"interrupted\": null,\$' '$TMP/bint/out/saltprint-report.json'"
check "batch/the interrupted run's report says so" sh -c "grep -q '^  \"interrupted\": \"SIGTERM\",\$' '$TMP/bint/report1.json' &&
	grep -q '^  \"not_started\": $((200 - n1)),\$' '$TMP/bint/report1.json' && grep -c '\"status\": \"not started\"' '$TMP/bint/report1.json' | grep -q '^$((200 - n1))\$'"
# The cache keeps what a run did not include: one spec re-rendered by hand
# (a manifest, --force) into the directory, then the whole batch skips
# everything. Shards that share an output directory keep a cache each, so a
# second round of them skips everything too.
mkdir -p "$TMP/bkeep"
cp -r data/ziliujing-2017 "$TMP/bkeep/"
rm -f "$TMP/bkeep/ziliujing-2017/report-card-poster.yaml"
printf 'ziliujing-2017/targets-2018.json\n' > "$TMP/bkeep/one.txt"
n_keep=$(ls "$TMP/bkeep/ziliujing-2017" | grep -c '[.]json$\|[.]yaml$')
"$SP" batch "$TMP/bkeep" -o "$TMP/bkeep/out" -f png 2> "$TMP/bkeep/err1"
"$SP" batch "$TMP/bkeep/one.txt" -o "$TMP/bkeep/out" -f png --force 2> "$TMP/bkeep/err2"
"$SP" batch "$TMP/bkeep" -o "$TMP/bkeep/out" -f png 2> "$TMP/bkeep/err3"
check "batch/the cache keeps the entries of specs a run did not include" sh -c "grep -q '^$n_keep rendered, 0 skipped, 0 failed' '$TMP/bkeep/err1' &&
	grep -q '^1 rendered, 0 skipped, 0 failed' '$TMP/bkeep/err2' && grep -q '^0 rendered, $n_keep skipped, 0 failed' '$TMP/bkeep/err3'"
for round in 1 2; do
	for i in 0 1 2; do
		"$SP" batch "$TMP/bkeep" -o "$TMP/bkeep/sh" -f png --shard $i/3 2> "$TMP/bkeep/sh$round-$i.err"
	done
done
check "batch/shards sharing an output directory keep a cache and a report each: the second round skips everything" sh -c "for i in 0 1 2; do
	grep -q '^0 rendered, [0-9]* skipped, 0 failed' '$TMP/bkeep/sh2-'\$i.err && ! grep -q '^0 rendered' '$TMP/bkeep/sh1-'\$i.err || exit 1; done &&
	[ -f '$TMP/bkeep/sh/.saltprint-cache.0-of-3' ] && [ -f '$TMP/bkeep/sh/.saltprint-cache.2-of-3' ] &&
	[ -f '$TMP/bkeep/sh/saltprint-report.1-of-3.json' ] && [ ! -e '$TMP/bkeep/sh/saltprint-report.json' ]"
# A 1x and a 2x batch (--suffix @2x) in turn into one directory: each keeps
# its own cache and report, so each second round skips everything.
for round in 1 2; do
	"$SP" batch "$TMP/bkeep/ziliujing-2017" -o "$TMP/bkeep/var" -f png 2> "$TMP/bkeep/v1-$round.err"
	"$SP" batch "$TMP/bkeep/ziliujing-2017" -o "$TMP/bkeep/var" -f png --scale 2 --suffix @2x 2> "$TMP/bkeep/v2-$round.err"
done
check "batch/a 1x and a 2x batch in turn into one directory: each skips what is unchanged" sh -c "
	grep -q '^$n_keep rendered, 0 skipped, 0 failed' '$TMP/bkeep/v1-1.err' && grep -q '^$n_keep rendered, 0 skipped, 0 failed' '$TMP/bkeep/v2-1.err' &&
	grep -q '^0 rendered, $n_keep skipped, 0 failed' '$TMP/bkeep/v1-2.err' && grep -q '^0 rendered, $n_keep skipped, 0 failed' '$TMP/bkeep/v2-2.err' &&
	[ -f '$TMP/bkeep/var/saltprint-report@2x.json' ] && [ -f '$TMP/bkeep/var/.saltprint-cache@2x' ] && [ -f '$TMP/bkeep/var/targets-2018@2x.png' ]"
# A shell's star names the tables beside the specs too: passed over with a
# note, not read as manifests; a file that is not text is no manifest.
(cd "$TMP/bkeep" && "$SP" batch ziliujing-2017/* -o star -f png > /dev/null 2> star.err)
code=$?
"$SP" batch "$SP" -o "$TMP/bkeep/binout" > /dev/null 2> "$TMP/bkeep/bin.err"
codeb=$?
check "batch/tables named on the command line are passed over; a binary file is no manifest" sh -c "[ $code = 0 ] && [ $codeb = 3 ] &&
	grep -q '^ziliujing-2017/investment-2017.csv: note: passed over: a data table or a drawing, not a spec or a manifest\$' '$TMP/bkeep/star.err' &&
	grep -q '^$n_keep rendered, 0 skipped, 0 failed' '$TMP/bkeep/star.err' &&
	grep -q 'saltprint: error: cannot read the manifest (a text file, one spec or directory a line)\$' '$TMP/bkeep/bin.err' && [ ! -e '$TMP/bkeep/binout' ]"
# An input that gives no spec (the wrong folder, specs not checked out
# yet) is said, not an error: a folder may be empty for now.
mkdir -p "$TMP/bempty/none"
printf '# no specs yet\n' > "$TMP/bempty/list.txt"
(cd "$TMP/bempty" && "$SP" batch none list.txt -o out > /dev/null 2> err)
code=$?
check "batch/a folder or manifest that gives no spec is said, with exit 0" sh -c "[ $code = 0 ] &&
	sed -n 1,2p '$TMP/bempty/err' | tr '\n' '|' | grep -q '^none: note: no specs here (files ending .json, .yaml or .yml)|list.txt: note: no specs here (files ending .json, .yaml or .yml)|\$' &&
	grep -q '^0 rendered, 0 skipped, 0 failed' '$TMP/bempty/err'"
# --report - writes the report to standard output, for a pipe.
"$SP" batch "$TMP/bkeep/ziliujing-2017" -o "$TMP/bkeep/piped" -f png --report - 2> "$TMP/bkeep/piped.err" > "$TMP/bkeep/piped.json"
check "batch/--report - writes the report to standard output" sh -c "[ \$('$JS' '$TMP/bkeep/piped.json' | grep -c '^rendered ') = $n_keep ] &&
	[ ! -e '$TMP/bkeep/piped/saltprint-report.json' ] && grep -q '; report: standard output\$' '$TMP/bkeep/piped.err'"
# On a terminal a progress bar, drawn at most 20 times a second but always
# at the end (all specs done), and no per-spec lines.
if command -v script > /dev/null; then
	script -q -c "'$SP' batch '$TMP/bgroup' -o '$TMP/bbar' -j 2 -f png" /dev/null > "$TMP/bbar.out" 2>&1
	check "batch/on a terminal the bar ends full, then the summary" sh -c "tr '\\r' '\\n' < '$TMP/bbar.out' |
		grep -q '^.\\[K\\[########################\\] 5/5 ' &&
		tr '\\r' '\\n' < '$TMP/bbar.out' | grep -q '^.\\[K5 rendered, 0 skipped, 0 failed' &&
		! grep -q '^rendered' '$TMP/bbar.out'"
fi
# The workers start before the directories are read: with more workers
# than specs the spare ones end, with none at all every one does, and a
# missing input is one error; none of these waits on a worker (timeout).
mkdir -p "$TMP/bempty"
timeout 60 "$SP" batch "$TMP/bgroup/poverty-kpis.yaml" -o "$TMP/bspare" -j 4 -f png 2> "$TMP/bspare.err"
code=$?
timeout 60 "$SP" batch "$TMP/bempty" -o "$TMP/bemptyout" -j 3 -f png 2> "$TMP/bempty.err"
code0=$?
check "batch/spare workers end: four for one spec, three for none" sh -c "[ $code = 0 ] && [ $code0 = 0 ] &&
	grep -q '^1 rendered, 0 skipped, 0 failed' '$TMP/bspare.err' && [ -f '$TMP/bspare/poverty-kpis.png' ] &&
	grep -q '^0 rendered, 0 skipped, 0 failed' '$TMP/bempty.err'"
expect "batch/a missing input is one error, and nothing is made" 3 "$TMP/nodir: error: cannot read: No such file or directory" \
	sh -c "timeout 60 '$SP' batch '$TMP/nodir' -o '$TMP/bnodir' -j 2; c=\$?; [ ! -e '$TMP/bnodir' ] || exit 8; exit \$c"
# A worker killed from outside mid-batch: the specs in its hands are drawn
# again, one at a time, by its replacement, and every spec renders (every
# spec here is the same chart: one distinct PNG).
mkdir -p "$TMP/bkill"
i=0
while [ $i -lt 400 ]; do cp "$SEED" "$TMP/bkill/t$i.json"; i=$((i + 1)); done
"$SP" batch "$TMP/bkill" -o "$TMP/bkillout" -j 2 -f png 2> "$TMP/bkill.err" &
bp=$!
i=0
while [ $i -lt 200 ] && ! grep -q '^rendered' "$TMP/bkill.err" 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
wp=
for p in /proc/[0-9]*; do
	[ "$(cut -d' ' -f4 "$p/stat" 2>/dev/null)" = "$bp" ] && wp=${p#/proc/} && break
done
[ -n "$wp" ] && kill -9 "$wp"
wait $bp
code=$?
check "batch/a worker killed from outside: its specs are drawn again and all render" sh -c "[ -n '$wp' ] && [ $code = 0 ] &&
	grep -q '^400 rendered, 0 skipped, 0 failed' '$TMP/bkill.err' &&
	[ \$(ls '$TMP/bkillout' | grep -c '\.png\$') = 400 ] &&
	[ \$(sha256sum '$TMP/bkillout'/*.png | cut -d' ' -f1 | sort -u | wc -l) = 1 ]"
# A spec that crashes its worker, or never ends, third in the worker's
# hands (the two before it drawn, waiting to be written with a group):
# each of the worker's specs is tried again alone, so the culprit alone
# fails, with exit 1 for a crash and exit 3 for the time limit.
mkdir -p "$TMP/bfault"
for f in a1 a2 a3-culprit; do cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/bfault/$f.yaml"; done
i=0
while [ $i -lt 20 ]; do cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/bfault/k$i.yaml"; i=$((i + 1)); done
(cd "$TMP/bfault" && SALTPRINT_FAULT=crash:a3-culprit.yaml timeout 60 "$SP" batch . -o out1 -j 1 -f png > /dev/null 2> err1)
code1=$?
(cd "$TMP/bfault" && SALTPRINT_FAULT=hang:a3-culprit.yaml timeout 60 "$SP" batch . -o out2 -j 2 -f png --timeout 3 > /dev/null 2> err2)
code2=$?
check "batch/a spec that crashes its worker fails alone (exit 1); the worker is replaced" sh -c "[ $code1 = 1 ] &&
	grep -q '^22 rendered, 0 skipped, 1 failed' '$TMP/bfault/err1' &&
	grep -A1 '^failed  ' '$TMP/bfault/err1' | tr '\n' '|' | grep -q '^failed   ./a3-culprit.yaml (0 ms)|the worker rendering this spec ended unexpectedly (SIGSEGV)|\$' &&
	[ -f '$TMP/bfault/out1/a1.png' ] && [ -f '$TMP/bfault/out1/k19.png' ] && [ ! -e '$TMP/bfault/out1/a3-culprit.png' ]"
check "batch/a spec that never ends is stopped after --timeout and fails alone (exit 3)" sh -c "[ $code2 = 3 ] &&
	grep -q '^22 rendered, 0 skipped, 1 failed' '$TMP/bfault/err2' &&
	grep -A1 '^failed  ' '$TMP/bfault/err2' | tr '\n' '|' | grep -q '^failed   ./a3-culprit.yaml (0 ms)|drawing this spec took over 3 s, and was stopped (--timeout S sets the limit)|\$'"
# A worker killed by SIGKILL (as the kernel's out-of-memory killer does,
# in a container whose memory limit does not hold three workers) is not
# replaced while another takes work: the batch goes on with one worker
# fewer, and the dead one's specs are tried again, the culprit too, even
# once it was alone. It kills a second worker, alone, then the last one,
# and fails; the other 119 render. (With 40 specs, the two other workers
# once finished every spec before the first had died on its third: none
# took work, so it was replaced, as it should be.)
mkdir -p "$TMP/boom"
cp "$TMP"/bfault/*.yaml "$TMP/boom/"
i=20
while [ $i -lt 117 ]; do cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/boom/k$i.yaml"; i=$((i + 1)); done
(cd "$TMP/boom" && SALTPRINT_FAULT=oom:a3-culprit.yaml timeout 60 "$SP" batch . -o out -j 3 -f png --report report.json > /dev/null 2> err)
code5=$?
killed="note: a worker was killed (SIGKILL: the kernel.s out-of-memory killer, or a kill -9); going on with"
check "batch/a worker killed by SIGKILL (out of memory) is not replaced: one worker fewer, its specs tried again" sh -c "[ $code5 = 1 ] &&
	grep -q '^119 rendered, 0 skipped, 1 failed' '$TMP/boom/err' &&
	grep '^note: ' '$TMP/boom/err' | tr '\n' '|' | grep -q '^$killed 2 workers|$killed 1 worker|\$' &&
	grep -A1 '^failed  ' '$TMP/boom/err' | tr '\n' '|' | grep -q '^failed   ./a3-culprit.yaml (0 ms)|the worker rendering this spec ended unexpectedly (SIGKILL: the kernel.s out-of-memory killer, or a kill -9)|\$' &&
	[ \$(ls '$TMP/boom/out' | grep -c '\.png\$') = 119 ] &&
	grep -q '^  \"jobs\": 3,\$' '$TMP/boom/report.json' && grep -q '^  \"workers_shed\": 2,\$' '$TMP/boom/report.json' &&
	grep -q '^  \"workers_shed\": 0,\$' '$TMP/bfault/out1/saltprint-report.json' || { cat '$TMP/boom/err'; exit 1; }"
# The workers are the out-of-memory killer's first choice (oom_score_adj
# 1000), before the parent or a CI runner beside them: the batch draws a
# killed worker's specs again; nothing brings the others back.
mkdir -p "$TMP/badj"
cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/badj/a.yaml"
(cd "$TMP/badj" && SALTPRINT_FAULT=wait:a.yaml:"$TMP/badj/go" exec "$SP" batch . -o out -j 1 -f png > /dev/null 2> err) &
adj_parent=$!
n=0
while [ ! -e "$TMP/badj/go-waiting" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
adj_worker=$(cat /proc/[0-9]*/stat 2>/dev/null | awk -v p="$adj_parent" '$4 == p { print $1; exit }')
adj_w=$(cat "/proc/$adj_worker/oom_score_adj" 2>/dev/null) adj_p=$(cat "/proc/$adj_parent/oom_score_adj" 2>/dev/null)
touch "$TMP/badj/go"
wait $adj_parent
check "batch/the workers are the out-of-memory killer's first choice, not the parent" sh -c "[ '$adj_w' = 1000 ] &&
	[ '$adj_p' = '$(cat /proc/$$/oom_score_adj)' ] && grep -q '^1 rendered' '$TMP/badj/err'"
# An output disk that fills up (a 2 MiB tmpfs in a mount namespace of its
# own) fails the specs in hand and stops the handing out, as an
# interruption does, instead of failing each of the 400; the report (kept
# elsewhere) says what cut the batch short.
mkdir -p "$TMP/bfull"
if [ "$(id -u)" = 0 ]; then ns="unshare -m"; else ns="unshare -rm"; fi
$ns sh -c "mount -t tmpfs -o size=2m tmpfs '$TMP/bfull' && exec '$SP' batch '$TMP/bkill' -o '$TMP/bfull/out' -j 2 -f png --report '$TMP/bfull.json'" > /dev/null 2> "$TMP/bfull.err"
code=$?
full=$(awk '/^[0-9]+ rendered, 0 skipped, [0-9]+ failed, [0-9]+ not started \(No space left on device\) in / { print $1, $5, $7 }' "$TMP/bfull.err")
full=${full:-0 0 0}
full_done=${full%% *} full_left=${full##* } full_failed=$(echo "$full" | cut -d' ' -f2)
check "batch/a full disk stops the batch: the specs in hand fail, the rest are not started (exit 5)" sh -c "[ $code = 5 ] &&
	grep -q '^stopping: cannot write: No space left on device; finishing the [0-9]* specs in hand\$' '$TMP/bfull.err' &&
	[ $full_done -gt 0 ] && [ $full_failed -gt 0 ] && [ $full_failed -le 40 ] && [ $((full_done + full_failed + full_left)) = 400 ] &&
	grep -q '^  \"interrupted\": \"ENOSPC\",\$' '$TMP/bfull.json' &&
	grep -q '^  \"not_started\": $full_left,\$' '$TMP/bfull.json'"
# A slow disk is not a spec that never ends: the group holding a3-culprit
# takes 2.5 s to write, four times --timeout 1, while the drawing thread
# waits on the full queue (first run) or for the parent, the writer behind
# with the last spec (second); it says it is alive, and everything renders.
(cd "$TMP/bfault" && SALTPRINT_FAULT=slow-write:a3-culprit.yaml:2.5 timeout 60 "$SP" batch . -o out3 -j 1 -f png --timeout 1 > /dev/null 2> err3)
code3=$?
(cd "$TMP/bfault" && SALTPRINT_FAULT=slow-write:k9.yaml:2.5 timeout 60 "$SP" batch . -o out4 -j 2 -f png --timeout 1 > /dev/null 2> err4)
code4=$?
check "batch/a slow disk (writes 2.5 s, --timeout 1) is not taken for a spec that never ends" sh -c "[ $code3 = 0 ] && [ $code4 = 0 ] &&
	grep -q '^23 rendered, 0 skipped, 0 failed in [2-9]\.' '$TMP/bfault/err3' &&
	grep -q '^23 rendered, 0 skipped, 0 failed in [2-9]\.' '$TMP/bfault/err4'"
# A PDF alone is drawn in this process; with PNG and SVG (on a multi-core
# machine, outside ASan builds), in a child.
# Two batches at once into one directory (not shards): A has read the cache
# and waits on its spec while B renders another spec and writes its entry;
# A's cache, written last, keeps B's entry, so a third run skips both.
mkdir -p "$TMP/bconc/one" "$TMP/bconc/two"
cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/bconc/one/a.yaml"
cp data/ziliujing-2017/poverty-kpis.yaml "$TMP/bconc/two/b.yaml"
(cd "$TMP/bconc" && SALTPRINT_FAULT=wait:a.yaml:"$TMP/bconc/go" timeout 60 "$SP" batch one -o out -j 1 -f png > /dev/null 2> errA) &
conc_a=$!
n=0
while [ ! -e "$TMP/bconc/go-waiting" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
(cd "$TMP/bconc" && "$SP" batch two -o out -j 1 -f png > /dev/null 2> errB)
codeB=$?
touch "$TMP/bconc/go"
wait $conc_a
codeA=$?
(cd "$TMP/bconc" && "$SP" batch one two -o out -j 1 -f png > /dev/null 2> errC)
check "batch/two batches at once into one directory keep each other's cache entries" sh -c "[ $codeA = 0 ] && [ $codeB = 0 ] &&
	[ -e '$TMP/bconc/go-waiting' ] &&
	grep -q '	a.yaml\$' '$TMP/bconc/out/.saltprint-cache' && grep -q '	b.yaml\$' '$TMP/bconc/out/.saltprint-cache' &&
	grep -q '^0 rendered, 2 skipped, 0 failed' '$TMP/bconc/errC'"
# -j's default is the cores this process may use: all of them, or the one
# taskset leaves it (a container's cpuset or CPU quota counts the same way;
# the unit tests cover the quotas).
(cd "$TMP/bconc" && "$SP" batch two -o outj --report - -f png 2>/dev/null > jall)
(cd "$TMP/bconc" && taskset -c 0 "$SP" batch two -o outj1 --report - -f png 2>/dev/null > jone)
check "batch/-j defaults to the cores the process may use (taskset -c 0: one worker)" sh -c "
	grep -q '\"jobs\": $(nproc),' '$TMP/bconc/jall' && grep -q '\"jobs\": 1,' '$TMP/bconc/jone'"
"$SP" render -f pdf "$SEED" -o "$TMP/pdf1" 2>/dev/null
check "render/a PDF drawn in a child process has the same bytes" cmp "$TMP/pdf1/targets-2018.pdf" "$TMP/m/targets-2018.pdf"

# --- determinism ---------------------------------------------------------
SPECS=$(ls tests/render/*.json tests/render/*.yaml data/*/*.json data/*/*.yaml 2>/dev/null)
mkdir -p "$TMP/d1" "$TMP/d2"
for s in $SPECS; do "$SP" render --max-side 32768 "$s" -o "$TMP/d1" 2>/dev/null; done
# shellcheck disable=SC2086
"$SP" render --max-side 32768 $(printf '%s\n' $SPECS | sort -r) -o "$TMP/d2" 2>/dev/null
"$SP" render --max-side 32768 $SPECS -o "$TMP/d2b" 2>/dev/null
check "determinism/same bytes, separate runs vs one run in reverse order" diff -r "$TMP/d1" "$TMP/d2"
check "determinism/same bytes, one run in either order" diff -r "$TMP/d2" "$TMP/d2b"
check "determinism/every format was compared" sh -c "ls '$TMP/d1' | grep -q 'png$' && ls '$TMP/d1' | grep -q 'svg$' && ls '$TMP/d1' | grep -q 'pdf$'"

# --- the command line -----------------------------------------------------
check "cli/--help lists the exit codes" sh -c "'$SP' --help | grep -q '^  5  an output file could not be written'"
check "cli/--version" sh -c "'$SP' --version | grep -q '^saltprint [0-9]'"
check "cli/-o - writes one PNG to stdout" sh -c "'$SP' render -f png -o - '$SEED' | head -c 8 | od -An -c | grep -q 'P   N   G'"
check "cli/check draws nothing" sh -c "cd '$TMP' && mkdir -p chk && cd chk && '$SP' check '$PWD/$SEED' && [ ! -e output ]"
check "cli/--width 375 lays out a phone graphic" sh -c "'$SP' render -f png --width 375 -o '$TMP/w' '$SEED' && '$CHUNKS' '$TMP/w/targets-2018.png' | grep -q '^IHDR 375x'"
mkdir -p "$TMP/proj/data/a/b"
cp "$SEED" "$TMP/proj/data/a/b/spec.json"
check "cli/--suffix names the 2x file" sh -c "cd '$TMP/proj' && '$SP' render -f png --scale 2 --suffix @2x data/a/b/spec.json && [ -f output/a/b/spec@2x.png ]"
check "cli/data/ maps to output/" sh -c "cd '$TMP/proj' && '$SP' render data/a/b/spec.json && [ -f output/a/b/spec.png ] && [ -f output/a/b/spec.svg ] && [ -f output/a/b/spec.pdf ]"
check "cli/YAML and JSON specs render the same" sh -c "'$SP' render -f png tests/render/gauges-seed.yaml -o '$TMP/y' && '$SP' render -f png tests/render/gauges-seed-json.json -o '$TMP/y' && cmp '$TMP/y/gauges-seed.png' '$TMP/y/gauges-seed-json.png'"

# --- atomic writes: a failed render keeps the earlier good file ----------
mkdir -p "$TMP/at"
"$SP" render -f png "$SEED" -o "$TMP/at"
cp "$TMP/at/targets-2018.png" "$TMP/good.png"
cp tests/errors/wrong-type.json "$TMP/targets-2018.json"
"$SP" render -f png "$TMP/targets-2018.json" -o "$TMP/at" 2>/dev/null
check "atomic/bad input keeps the earlier file" cmp "$TMP/at/targets-2018.png" "$TMP/good.png"
check "atomic/no temporary file is left" sh -c "[ \$(ls -A '$TMP/at' | wc -l) = 1 ]"
mkdir -p "$TMP/ro"
"$SP" render -f png "$SEED" -o "$TMP/ro"
if [ "$(id -u)" = 0 ]; then chattr +i "$TMP/ro" 2>/dev/null; else chmod a-w "$TMP/ro"; fi
"$SP" render -f png tests/render/gauges-dense.yaml -o "$TMP/ro" 2>/dev/null
code=$?
cp tests/render/gauges-dense.yaml "$TMP/targets-2018.yaml"
"$SP" render -f png "$TMP/targets-2018.yaml" -o "$TMP/ro" 2>/dev/null
code2=$?
chattr -i "$TMP/ro" 2>/dev/null
chmod u+w "$TMP/ro"
check "atomic/read-only directory: exit 5, earlier file intact" sh -c "[ $code = 5 ] && [ $code2 = 5 ] && cmp '$TMP/ro/targets-2018.png' '$TMP/good.png' && [ \$(ls -A '$TMP/ro' | wc -l) = 1 ]"

# --- faults: kill -9 during a write, 16 writers to one path -------------
POSTER_ARGS="--max-side 32768 -f png,pdf"
mkdir -p "$TMP/kill"
"$SP" render $POSTER_ARGS data/ziliujing-2017/report-card-poster.yaml -o "$TMP/kill" 2>/dev/null
cp "$TMP/kill/report-card-poster.png" "$TMP/kill-good.png"
cp "$TMP/kill/report-card-poster.pdf" "$TMP/kill-good.pdf"
intact=0
for delay in 0.05 0.1 0.15 0.2 0.25 0.3 0.35 0.4; do
	"$SP" render $POSTER_ARGS data/ziliujing-2017/report-card-poster.yaml -o "$TMP/kill" 2>/dev/null &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	cmp -s "$TMP/kill/report-card-poster.png" "$TMP/kill-good.png" &&
		cmp -s "$TMP/kill/report-card-poster.pdf" "$TMP/kill-good.pdf" && intact=$((intact + 1))
done
check "faults/kill -9 mid-write leaves the earlier files whole (8 kills)" [ $intact = 8 ]
"$SP" render $POSTER_ARGS data/ziliujing-2017/report-card-poster.yaml -o "$TMP/kill" 2>"$TMP/stderr"
check "faults/a later run is not tripped by what a kill left" sh -c "cmp '$TMP/kill/report-card-poster.png' '$TMP/kill-good.png' && [ ! -s '$TMP/stderr' ]"
# Temporary files a killed run left: removed when ten minutes old, not before
# (someone may be writing them), by render and once per directory by batch.
mkdir -p "$TMP/stale" "$TMP/bstale/ziliujing-2017"
for d in "$TMP/stale" "$TMP/bstale/ziliujing-2017"; do
	printf x > "$d/.targets-2018.png.tmp-aB3dE6"
	printf x > "$d/.other.svg.tmp-Zz9yX8"
	touch -d '20 minutes ago' "$d/.targets-2018.png.tmp-aB3dE6"
done
"$SP" render "$SEED" -o "$TMP/stale" 2>/dev/null
"$SP" batch data/ziliujing-2017/targets-2018.json -o "$TMP/bstale/ziliujing-2017" 2>/dev/null
check "faults/stale temporary files are removed, fresh ones kept" sh -c "
	[ ! -e '$TMP/stale/.targets-2018.png.tmp-aB3dE6' ] && [ -e '$TMP/stale/.other.svg.tmp-Zz9yX8' ] &&
	[ ! -e '$TMP/bstale/ziliujing-2017/.targets-2018.png.tmp-aB3dE6' ] && [ -e '$TMP/bstale/ziliujing-2017/.other.svg.tmp-Zz9yX8' ] &&
	[ -f '$TMP/stale/targets-2018.png' ] && [ -f '$TMP/bstale/ziliujing-2017/targets-2018.png' ]"
mkdir -p "$TMP/race"
i=0
while [ $i -lt 16 ]; do
	"$SP" render "$SEED" -o "$TMP/race" 2>>"$TMP/race.err" &
	i=$((i + 1))
done
wait
check "faults/16 processes writing one path leave one valid file each" sh -c "[ ! -s '$TMP/race.err' ] &&
	cmp '$TMP/race/targets-2018.png' '$TMP/m/targets-2018.png' && cmp '$TMP/race/targets-2018.svg' '$TMP/m/targets-2018.svg' &&
	cmp '$TMP/race/targets-2018.pdf' '$TMP/m/targets-2018.pdf' && [ \$(ls -A '$TMP/race' | wc -l) = 3 ]"

# --- hostile input -------------------------------------------------------
mkdir -p "$TMP/h2"
printf 'chart: gauges\ntitle: "\342\200\256\345\217\215\345\220\221 abc \342\200\254 \342\200\217\345\217\263"\ngauges:\n  - {label: "e\314\201\314\202\314\203\314\204\314\205\314\206 combining", value: 1}\n' > "$TMP/h2/bidi.yaml"
"$SP" render -f png,svg "$TMP/h2/bidi.yaml" -o "$TMP/h2" > /dev/null 2> "$TMP/h2.err"
code=$?
check "hostile/bidi overrides and combining marks render or fail clearly" sh -c "{ [ $code = 0 ] && xmllint --noout '$TMP/h2/bidi.svg'; } || { [ $code = 4 ] && grep -q 'no configured font has U+' '$TMP/h2.err'; }"
head -c 100000 /dev/zero | tr '\0' 'x' > "$TMP/h2/long.txt"
{ printf 'chart: gauges\ntitle: "'; cat "$TMP/h2/long.txt"; printf '"\ngauges:\n  - {label: a, value: 1}\n'; } > "$TMP/h2/long.yaml"
expect "hostile/a 100 KB unbroken title hits the text limit" 3 "$TMP/h2/long.yaml:2:8: error: text is 100000 characters long, over the limit of 10000 (--max-text raises it)" "$SP" render "$TMP/h2/long.yaml" -o "$TMP/h2"
"$SP" render --max-text 200000 "$TMP/h2/long.yaml" -o "$TMP/h2" > /dev/null 2> "$TMP/h2.err"
code=$?
check "hostile/with --max-text raised it fails clearly, nothing clipped or written" sh -c "[ $code = 3 ] && grep -q 'cannot be laid out within 1104 px' '$TMP/h2.err' && [ ! -e '$TMP/h2/long.png' ]"
{ printf 'chart: gauges\ntitle: t\ngauges:\n'; i=0; while [ $i -lt 40000 ]; do printf '  - {label: 甲乙丙丁戊己庚辛, value: 1}\n'; i=$((i + 1)); done; } > "$TMP/h2/big.yaml"
expect "hostile/a spec over 1 MiB" 3 "$TMP/h2/big.yaml: error: the spec is larger than the limit of 1048576 bytes (--max-spec-bytes raises it)" "$SP" check "$TMP/h2/big.yaml"
printf 'date,event,amount\n2017-04-13,a,1e308\n2017-05-07,b,1e308\n' > "$TMP/h2/huge.csv"
printf 'chart: timeline\ntitle: t\ndata: huge.csv\ncolumns: {label: event}\n' > "$TMP/h2/huge.yaml"
"$SP" render -f png "$TMP/h2/huge.yaml" -o "$TMP/h2" > /dev/null 2> "$TMP/h2.err"
code=$?
check "hostile/1e308 amounts render or fail clearly" sh -c "[ $code = 0 ] || { [ $code = 3 ] && grep -q 'error:' '$TMP/h2.err'; }"
for w in 2147483648 nan -1 0 1e3; do
	"$SP" render --width $w "$SEED" -o "$TMP/h2" > /dev/null 2>&1
	[ $? = 2 ] || bad "sizes/--width $w is a usage error"
done
for sc in 0 100 nan -2; do
	"$SP" render --scale $sc "$SEED" -o "$TMP/h2" > /dev/null 2>&1
	[ $? = 2 ] || bad "sizes/--scale $sc is a usage error"
done
ok "sizes/absurd --width and --scale are usage errors"
expect "sizes/--width 32768 is over the canvas limit" 3 "$SEED: error: --width 32768 is over the limit of 8192 px a side (--max-side raises it)" "$SP" render --width 32768 "$SEED" -o "$TMP/h2"
printf 'name: x\nfonts: {sans: Helvetica Neue}\n' > "$TMP/h2/nofont.yaml"
expect "fonts/a theme's family that is not installed" 4 "$TMP/h2/nofont.yaml: error: font family \"Helvetica Neue\" is not installed; put its files in fonts/ and run \`saltprint fonts --update-lock\`" "$SP" render --theme "$TMP/h2/nofont.yaml" "$SEED" -o "$TMP/h2"

# --- fonts and the lock ---------------------------------------------------
check "fonts/every font matches the lock" sh -c "'$SP' fonts > '$TMP/fonts' && [ \$(grep -c '^ok ' '$TMP/fonts') -eq \$(grep -c '^[0-9a-f]' fonts/fonts.lock) ] && [ \$(grep -c ' subset/' fonts/fonts.lock) = 16 ]"
# Without the subsets `make fonts` writes, the lock names each one missing.
mkdir -p "$TMP/m"
cp fonts/fonts.conf fonts/fonts.lock "$TMP/m/"
expect "fonts/a locked font that is missing fails with exit 4" 4 "$(grep ' subset/' fonts/fonts.lock | sed "s|^[0-9a-f]*  \(.*\)|$TMP/m/fonts.lock: error: \1: missing|")" "$SP" fonts --fonts "$TMP/m"
mkdir -p "$TMP/f"
cp fonts/fonts.conf "$TMP/f/"
sed 's/^[0-9a-f]\{8\}/00000000/' fonts/fonts.lock > "$TMP/f/fonts.lock"
"$SP" fonts --fonts "$TMP/f" > /dev/null 2>&1
check "fonts/a changed font fails with exit 4" [ $? = 4 ]

# --- install --------------------------------------------------------------
rm -rf "$TMP/inst"
if make -s install DESTDIR="$TMP/inst" PREFIX=/usr BUILD="$B" > "$TMP/install.log" 2>&1; then
	check "install/the installed program renders" sh -c "SALTPRINT_FONTS= '$TMP/inst/usr/bin/saltprint' render -f svg '$SEED' -o '$TMP/inst/out' --fonts '$TMP/inst/usr/share/saltprint/fonts' && [ -f '$TMP/inst/usr/share/man/man1/saltprint.1' ]"
else
	bad "install" "$(cat "$TMP/install.log")"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
