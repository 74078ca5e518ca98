#!/usr/bin/env bash
# Reel's export against ffmpeg doing the encoder's part alone (issue 23's figure), side by side:
#   scripts/export-vs-ffmpeg.sh [BUILD_DIR] [OUT_DIR] [PAIRS]     (PAIRS: default 3)
# Each round runs, one after the other:
#   (c) reel export transformer -q h --cfr        one picture per frame
#   (b) ffmpeg re-encoding (c)'s file              -c:v libx264 -preset medium -crf 18
#                                                  -profile:v high -pix_fmt yuv420p
#   (a) reel export transformer -q h              held pictures are one sample (the default)
# and prints each run's wall time, CPU time (user + system) and peak RSS (/usr/bin/time -v),
# then the medians and the ratios a/b and c/b of the medians (goals: a <= 0.70 x b,
# c <= 0.95 x b). Wall time means something only on a quiet machine: the load average is
# printed at the start and at the end; CPU time is the steadier figure under load.
# Leaves promo.mp4 (a), promo_cfr.mp4 (c) and reencoded.mp4 (b) in OUT_DIR (default:
# export-vs-ffmpeg). Needs ffmpeg and python3.
set -euo pipefail
build=${1:-build}
out=${2:-export-vs-ffmpeg}
pairs=${3:-3}
reel=$(realpath "$build/reel")
mkdir -p "$out"
cd "$out"
rm -f ./*.time ./*.figures

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== $(nproc) cores, $(uname -sr); load average at start: $(load)"
echo "== reel: $reel; $pairs rounds of (c) --cfr, (b) ffmpeg re-encoding (c), (a) default"

# timed NAME ROUND CMD...: runs CMD under /usr/bin/time -v, prints and keeps its figures.
timed() {
  local name=$1 round=$2
  shift 2
  /usr/bin/time -v -o "$name.$round.time" "$@" >"$name.log" 2>&1 || { cat "$name.log" >&2; exit 1; }
  python3 - "$name" "$round" <<'PY'
import re, sys
name, round_ = sys.argv[1], sys.argv[2]
text = open(f"{name}.{round_}.time").read()
def field(label):
    return re.search(re.escape(label) + r":\s*(.+)", text).group(1).strip()
wall = sum(float(p) * 60 ** i for i, p in enumerate(reversed(field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"))))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
print(f"  {round_} {name:<9} wall {wall:7.2f} s   cpu {cpu:7.2f} s   peak RSS {rss:7.1f} MB")
open(f"{name}.figures", "a").write(f"{wall} {cpu} {rss}\n")
PY
}

for ((i = 1; i <= pairs; ++i)); do
  timed c_cfr "$i" "$reel" export transformer -q h --cfr --quiet -o promo_cfr.mp4
  timed b_ffmpeg "$i" ffmpeg -v error -y -i promo_cfr.mp4 -c:v libx264 -preset medium -crf 18 -profile:v high \
    -pix_fmt yuv420p reencoded.mp4
  timed a_default "$i" "$reel" export transformer -q h --quiet -o promo.mp4
done

python3 - <<'PY'
import statistics
def medians(name):
    rows = [[float(x) for x in line.split()] for line in open(name + ".figures")]
    return [statistics.median(col) for col in zip(*rows)]
a, b, c = medians("a_default"), medians("b_ffmpeg"), medians("c_cfr")
print("== medians")
for name, m in (("(a) reel export -q h", a), ("(b) ffmpeg re-encode", b), ("(c) reel export --cfr", c)):
    print(f"  {name:<22} wall {m[0]:7.2f} s   cpu {m[1]:7.2f} s   peak RSS {m[2]:7.1f} MB")
print("== ratios of the medians")
for name, m, goal in (("a / b", a, 0.70), ("c / b", c, 0.95)):
    print(f"  {name}: wall {m[0] / b[0]:.3f}x (goal <= {goal:.2f}x), cpu {m[1] / b[1]:.3f}x, peak RSS {m[2] / b[2]:.2f}x")
PY
echo "== load average at the end: $(load)"
