#!/bin/sh
# The batch benchmark: 1000 generated specs of mixed kinds (gauges, KPI
# cards, the four breakdowns, timelines with CSV data) at 1200 px, rendered
# to PNG with -j 1 and -j 2. Prints specs per second and the speed-up.
# Usage: tests/bench-batch.sh BUILD_DIR [COUNT]
B=${1:-build}
N=${2:-1000}
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
mkdir -p "$D/specs"
i=0
while [ $i -lt "$N" ]; do
	v=$((i % 97))
	case $((i % 6)) in
	0) printf 'chart: gauges\nwidth: 1200\ntitle: 第%d组增长目标\nunit: "%%"\nmax: 25\ngauges:\n  - {label: 地区生产总值, value: %d.0, marks: [{value: 6, label: 上年 6%%}]}\n  - {label: 规模以上工业增加值, value: 3.%d}\n  - {label: 服务业增加值, value: 10.5}\n  - {label: 全社会固定资产投资, value: 20}\n  - {label: 社会消费品零售总额, value: 13.0}\nsource: 合成数据\n' $i $((v % 20)) $((v % 10)) ;;
	1) printf 'chart: kpis\nwidth: 1200\ntitle: 第%d组指标\ncards:\n  - {label: 到位资金, value: %d, unit: 亿元, icon: money}\n  - {label: 签约项目, value: %d, unit: 个, note: 其中10亿元以上9个}\n  - {label: 脱贫率, value: 100, unit: "%%", delta: "+%d个百分点"}\n  - {label: 志愿者, value: "1000+", unit: 名, icon: person}\nsource: 合成数据\n' $i $((100 + v)) $((v + 1)) $((v % 9)) ;;
	2) printf 'chart: breakdown\nwidth: 1200\nvariant: donut\ntitle: 第%d组资金构成\nunit: 亿元\ntotal_label: 合计\nparts:\n  - {label: 固定资产投资, value: %d}\n  - {label: 产业项目, value: 40}\n  - {label: 其他, value: 90}\nsource: 合成数据\n' $i $((v + 1)) ;;
	3) printf 'chart: breakdown\nwidth: 1200\nvariant: waffle\ntitle: 第%d组占比\nunit: 人\nparts:\n  - {label: 已脱贫, value: %d}\n  - {label: 未脱贫, value: 12}\nsource: 合成数据\n' $i $((v + 50)) ;;
	4) printf 'chart: breakdown\nwidth: 1200\nvariant: bar\ntitle: 第%d组项目\nunit: 个\nparts:\n  - {label: 10亿元以上项目, value: %d}\n  - {label: 其他签约项目, value: 26, other: true}\nsource: 合成数据\n' $i $((v % 20 + 1)) ;;
	5) printf 'date,event,place,amount\n2017-01-16,合作协议,自贡,\n2017-04-13,南宁推介会,广西南宁,%d\n2017-05-07,杭州促进会,浙江杭州,137\n2017-07-15,北京推介会,北京,135\n2017-12-07,盐博会,自贡,172.8\n' $((100 + v)) > "$D/specs/t$i.csv"
	   printf 'chart: timeline\nwidth: 1200\ntitle: 第%d组签约活动\ndata: t%d.csv\ncolumns: {label: event}\nunit: 亿元\nsource: 合成数据\n' $i $i ;;
	esac > "$D/specs/s$i.yaml"
	i=$((i + 1))
done
# Each run writes into a new directory, and nothing is deleted until the
# end: on ext4 without a journal (this machine's) a new file's inode is
# taken by stepping, one block lookup each, over every inode of the block
# group deleted in the last minute (six, until the deletions are written
# back), so creating files soon after thousands were deleted nearby costs
# far more kernel time, and more at -j 2, where both cores step over the
# same ones. Deletions before the bench count as much: `make test`'s, or
# the last bench's. So the runs' directories go into a directory marked as
# the top of a tree (chattr +T, where the file system has it), whose
# subdirectories ext4 spreads over block groups by a hash of their names,
# and the names carry this bench's own random part: each run creates its
# files in a block group no earlier run just emptied. (Measured right after
# deleting 6,000 files, -j 1 took 2.7-3.0 s of CPU for the 1,000 specs
# beside it, and 2.2 s in a spread directory.) One warm-up run (not
# counted; it also brings the specs and fonts into the page cache), then
# seven runs of each, alternating which goes first, and the median of
# each: the machine is noisy (runs of one kind spread by 10% or more
# within a minute).
mkdir -p "$D/out"
chattr +T "$D/out" 2> /dev/null
TAG=$(basename "$D")
OUT=$D/out
# run J NAME [OPTION]: one batch at -j J into a new directory; prints specs/s.
run() {
	c0=$(busy)
	start=$(date +%s.%N)
	"$B/saltprint" batch "$D/specs" -o "$OUT/j$1-$2-$TAG" -f png -j "$1" $3 > /dev/null 2> "$D/err" || { tail -5 "$D/err"; exit 1; }
	end=$(date +%s.%N)
	c1=$(busy)
	echo "$start $end" | awk -v n="$N" '{ printf "%.1f\n", n / ($2 - $1) }'
	[ -z "$CPU_LOG" ] || echo "$start $end $c0 $c1" >> "$CPU_LOG$3-$1"
	[ "$OUT" = "$D/out" ] || rm -rf "$OUT/j$1-$2-$TAG" # tmpfs: nothing to wait for
}
# The machine's busy CPU time so far, in ticks of 1/100 s (/proc/stat's
# first line: user, nice, system, irq and softirq, every process and the
# kernel's own threads): a run's share is its work wherever it ran, its
# writer threads, the parent and the kernel's writing included.
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat 2>/dev/null || echo 0; }
# cores N FILE: the median over FILE's runs of the cores kept busy (busy
# CPU time over wall time) and of the busy CPU time per spec in ms.
cores() {
	awk -v n="$1" '{ c[NR] = ($4 - $3) / 100 / ($2 - $1); m[NR] = ($4 - $3) * 10 / n }
		function med(a, k,  i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++)
			if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
			return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
		END { printf "%.2f %.2f", med(c, NR), med(m, NR) }' "$2"
}
# The middle of an odd number of rates.
median() { tr ' ' '\n' | sort -n | sed -n "$(( ($1 + 1) / 2 ))p"; }
ratio() { echo "$1 $2" | awk '{ printf "%.2f", $2 / $1 }'; }
# series SYNC ROUND...: one run of each width a round (the rounds name their
# output directories), and with SYNC=both a run of each with --sync in the
# same round, so that both settings see the same minutes. The order
# turns every round (d1 d2 n1 n2, then n2 n1 d2 d1): a machine that slows
# down over the minute, or a file system still busy with the run before,
# burdens neither setting more. j1 and j2 list the default's rates, r1 and
# r2 are their medians, pr lists each round's -j 2 / -j 1 (two runs seconds
# apart) and rp is their median; n1, n2, nr1, nr2, npr and nrp are the
# same with --sync.
series() {
	sync_too=$1
	shift
	j1= j2= pr= n1= n2= npr= k=0
	for r in "$@"; do
		k=$((k + 1))
		if [ $((k % 2)) = 1 ]; then
			a1=$(run 1 $r); a2=$(run 2 $r)
			[ "$sync_too" = both ] && { b1=$(run 1 n$r --sync); b2=$(run 2 n$r --sync); }
		else
			[ "$sync_too" = both ] && { b2=$(run 2 n$r --sync); b1=$(run 1 n$r --sync); }
			a2=$(run 2 $r); a1=$(run 1 $r)
		fi
		j1="$j1 $a1" j2="$j2 $a2" pr="$pr $(ratio $a1 $a2)"
		[ "$sync_too" = both ] && n1="$n1 $b1" n2="$n2 $b2" npr="$npr $(ratio $b1 $b2)"
	done
	r1=$(echo $j1 | median $k) r2=$(echo $j2 | median $k) rp=$(echo $pr | median $k)
	if [ "$sync_too" = both ]; then
		nr1=$(echo $n1 | median $k) nr2=$(echo $n2 | median $k) nrp=$(echo $npr | median $k)
	fi
}
run 2 warm > /dev/null
# The default (into a new directory: no file replaces one, so none is
# flushed, and the kernel writes them after the timed run) and, in the same
# rounds, --sync (every file flushed to disk before it is put in place).
CPU_LOG=$D/cpu
series both a b c d e f g
CPU_LOG=
# The speed-up is the median of the rounds' ratios: a round's two runs are
# seconds apart, so a machine that slows down over the minute moves their
# ratio less than it moves the ratio of the two medians (runs minutes
# apart), which is printed too.
echo "  batch of $N mixed specs to PNG, 7 rounds: -j 1 $r1 specs/s, -j 2 $r2 specs/s (medians); -j 2 / -j 1 ${rp}x (the rounds' median)"
b1=$(echo $j1 | tr ' ' '\n' | sort -n | tail -1)
b2=$(echo $j2 | tr ' ' '\n' | sort -n | tail -1)
echo "    (each round's -j 2 / -j 1:$pr; the ratio of the medians $(ratio $r1 $r2)x)"
echo "    (runs: -j 1$j1; -j 2$j2; best of each: $b1, $b2: $(ratio $b1 $b2)x)"
# What the speed-up is made of: how many cores each width kept busy (the
# machine's busy time over the wall time: saltprint's own scaling), and the
# CPU time each spec took (the same work at either width, so more at -j 2
# is the two cores getting in each other's way: caches, memory, the host).
if [ -r /proc/stat ]; then
	set -- $(cores "$N" "$D/cpu-1") $(cores "$N" "$D/cpu-2")
	echo "    (busy cores, median: -j 1 $1, -j 2 $3 of 2; CPU time a spec: -j 1 $2 ms, -j 2 $4 ms," \
		"$(echo "$2 $4" | awk '{ printf "%.2f", $2 / $1 }')x)"
fi
echo "  the same with --sync (every file flushed), in the same rounds: -j 1 $nr1 specs/s, -j 2 $nr2 specs/s; ${nrp}x"
echo "    (each round's -j 2 / -j 1:$npr; the ratio of the medians $(ratio $nr1 $nr2)x)"

# The same into memory (tmpfs), where no disk takes its share of the cores:
# saltprint's own scaling, beside what this machine's disk leaves of it.
if [ -d /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -z "$BENCH_NO_TMPFS" ]; then
	OUT=$(mktemp -d /dev/shm/saltprint-bench-XXXXXX)
	trap 'rm -rf "$D" "$OUT"' EXIT
	series default a b c d e f g
	echo "  the same into tmpfs (no disk): -j 1 $r1 specs/s, -j 2 $r2 specs/s; ${rp}x (the ratio of the medians $(ratio $r1 $r2)x)"
	rm -rf "$OUT"
	OUT=$D/out
fi

# Peak memory of the largest process (the parent or a worker) for the first
# 10 specs and for all of them: it must not grow with the batch.
if [ -x /usr/bin/time ]; then
	mkdir -p "$D/ten"
	for i in 0 1 2 3 4 5 6 7 8 9; do cp "$D/specs/s$i.yaml" "$D/ten/"; done
	cp "$D"/specs/*.csv "$D/ten/"
	peak() {
		/usr/bin/time -f %M "$B/saltprint" batch "$1" -o "$D/out-peak-$2" -f png -j 2 \
			> /dev/null 2> "$D/time" || { tail -5 "$D/time"; exit 1; }
		tail -1 "$D/time" | awk '{ printf "%.1f", $1 / 1024 }'
	}
	echo "  peak memory of one process, -j 2: 10 specs $(peak "$D/ten" 10) MiB, $N specs $(peak "$D/specs" "$N") MiB"
fi
