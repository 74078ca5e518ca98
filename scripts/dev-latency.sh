#!/usr/bin/env bash
# `reel dev` edit-to-picture latency: a project from `reel new`, the player under Xvfb paused at
# --at T, then N one-line colour changes to the scene source. Each latency is from the save (the
# file renamed into place, as editors do) to the player's own "on screen at" line, printed after
# the new version's first present to the real window; the script also checks the player kept its
# time, and screenshots the screen (ffmpeg x11grab) after the last edit to show the new colour is there.
# It prints the median and worst latency and the breakdown of each edit from reel dev's own lines
# and the project's .ninja_log (save -> build start -> compile -> link -> rest of the build ->
# load -> record -> first present), the CPU time of the build, load and record stages, and the
# CPU time of the compile and of the link run again on their own (5 times each, medians), with
# the machine's load (uptime) before and after: wall figures on a busy machine are noise.
#   scripts/dev-latency.sh [REEL_BINARY] [EDITS]     (default build/reel, 10)
set -euo pipefail
reel="$(realpath "${1:-build/reel}")"
edits="${2:-10}"
at=1.2
work="$(mktemp -d)"
player=""
cleanup() {
  # The whole job: xvfb-run, Xvfb and reel (its own process group, see set -m below).
  if [ -n "$player" ]; then kill -- "-$player" 2>/dev/null || true; wait "$player" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
echo "load before: $(uptime)"
"$reel" new lat >/dev/null
log="$work/player.log"
# The first build (configure + compile) is not part of the figure.
set -m
SDL_RENDER_DRIVER=software xvfb-run -a -s "-screen 0 1280x800x24" \
  "$reel" dev lat --at "$at" --paused >"$log" 2>&1 &
player=$!
set +m
for _ in $(seq 600); do
  grep -q "reel: watching" "$log" 2>/dev/null && break
  if ! kill -0 "$player" 2>/dev/null; then cat "$log"; echo "dev-latency: reel dev exited" >&2; exit 1; fi
  sleep 0.1
done
grep -q "reel: watching" "$log" || { cat "$log"; echo "dev-latency: reel dev did not start" >&2; exit 1; }
sleep 1

colors=(RED GREEN YELLOW PURPLE ORANGE TEAL GRAY DARK_BLUE RED BLUE)
latencies=()
current=BLUE
for i in $(seq "$edits"); do
  next="${colors[$(( (i - 1) % ${#colors[@]} ))]}"
  [ "$next" = "$current" ] && next=WHITE
  shown_before=$(grep -c "on screen at .*: new version" "$log" || true)
  lines_before=$(wc -l < "$log")
  # Write a new file and rename it over the old one, as editors save.
  sed "s/Square(2.5, {.color = $current/Square(2.5, {.color = $next/" lat/lat.cpp > lat/.lat.cpp.new
  saved=$(date +%H:%M:%S.%N)
  mv lat/.lat.cpp.new lat/lat.cpp
  current="$next"
  line=""
  for _ in $(seq 600); do
    n=$(grep -c "on screen at .*: new version" "$log" || true)
    if [ "$n" -gt "$shown_before" ]; then line=$(grep "on screen at .*: new version" "$log" | tail -1); break; fi
    sleep 0.02
  done
  [ -n "$line" ] || { cat "$log"; echo "dev-latency: edit $i never reached the screen" >&2; exit 1; }
  on_screen=$(sed -E 's/.*on screen at ([0-9:.]+):.*/\1/' <<<"$line")
  shown_t=$(sed -E 's/.*\(t = ([0-9.]+) s\).*/\1/' <<<"$line")
  # Both are local clock times (HH:MM:SS.fraction); a save just before midnight wraps.
  latency=$(python3 - "$on_screen" "$saved" <<'PY'
import sys
def secs(s):
    h, m, x = s.split(":")
    return int(h) * 3600 + int(m) * 60 + float(x)
d = secs(sys.argv[1]) - secs(sys.argv[2])
print(f"{d + 86400 if d < -43200 else d:.3f}")
PY
)
  latencies+=("$latency")
  # This edit's lines of reel dev and the build's .ninja_log entries, for the breakdown.
  { echo "saved at $saved"; tail -n +"$((lines_before + 1))" "$log"; } > "$work/edit-$i.log"
  tail -n 8 lat/build/.ninja_log > "$work/edit-$i.ninja"
  echo "edit $i: $current, on screen after $latency s, player at t = $shown_t s"
  [ "$shown_t" = "$(printf '%.3f' "$at")" ] || { echo "dev-latency: the player lost its time" >&2; exit 1; }
  sleep 0.5
done
# A screenshot of the real X screen (ffmpeg's x11grab) after the last edit.
shot="${DEV_LATENCY_SHOT:-/tmp/dev-latency.png}"
xvfb=$(pgrep -P "$player" -x Xvfb | head -1 || true)
if [ -n "$xvfb" ] && command -v ffmpeg >/dev/null; then
  args=$(tr '\0' ' ' < /proc/"$xvfb"/cmdline)
  display=$(grep -oE ' :[0-9]+' <<<"$args" | head -1 | tr -d ' ')
  auth=$(grep -oE -- '-auth [^ ]+' <<<"$args" | head -1 | cut -d' ' -f2)
  if XAUTHORITY="$auth" ffmpeg -loglevel error -y -f x11grab -video_size 1280x800 -i "$display" \
       -frames:v 1 "$shot"; then
    echo "screenshot after the last edit ($current): $shot"
  fi
fi
echo "load after:  $(uptime)"
python3 - "$work" "$edits" <<'PY'
import os, re, resource, shlex, statistics, subprocess, sys

work, edits = sys.argv[1], int(sys.argv[2])

def secs(stamp):
    h, m, x = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(x)

def since(a, b):  # b - a in seconds, across midnight
    d = secs(b) - secs(a)
    return d + 86400 if d < -43200 else d

stages = ["to build", "compile", "link", "build rest", "to load", "load", "record", "to screen"]
rows, cpu = [], {"build": [], "load": [], "record": []}
for i in range(1, edits + 1):
    text = open(f"{work}/edit-{i}.log").read()
    saved = re.search(r"saved at ([0-9:.]+)", text).group(1)
    built = re.findall(r"reel dev: built in ([0-9.]+) s \(CPU ([0-9.]+) s; started at ([0-9:.]+)\)", text)[-1]
    loaded = re.findall(r"reel: loaded in ([0-9.]+) s \(CPU ([0-9.]+) s\), recorded in ([0-9.]+) s "
                        r"\(CPU ([0-9.]+) s\); ready at ([0-9:.]+)", text)[-1]
    shown = re.findall(r"on screen at ([0-9:.]+): new version", text)[-1]
    # .ninja_log: start and end (ms since ninja started) of the last object and the plug-in.
    compile_ms = link_ms = None
    for line in open(f"{work}/edit-{i}.ninja"):
        f = line.split("\t")
        if len(f) < 4: continue
        if f[3].endswith("lat.cpp.o"): compile_ms = (int(f[0]), int(f[1]))
        if f[3] == "lat.so": link_ms = (int(f[0]), int(f[1]))
    build = float(built[0])
    compile_s = (compile_ms[1] - compile_ms[0]) / 1000
    link_s = (link_ms[1] - link_ms[0]) / 1000
    load, record = float(loaded[0]), float(loaded[2])
    load_start = secs(loaded[4]) - load - record
    row = {
        "to build": since(saved, built[2]),
        "compile": compile_s,
        "link": link_s,
        "build rest": build - compile_s - link_s,
        "to load": load_start - (secs(built[2]) + build),
        "load": load,
        "record": record,
        "to screen": since(loaded[4], shown),
        "total": since(saved, shown),
    }
    rows.append(row)
    cpu["build"].append(float(built[1]))
    cpu["load"].append(float(loaded[1]))
    cpu["record"].append(float(loaded[3]))

total = sorted(r["total"] for r in rows)
print(f"reel dev edit-to-picture: {len(total)} edits, median {statistics.median(total):.3f} s, worst {total[-1]:.3f} s")
print("breakdown, median (worst) of each stage in ms:")
print("  " + "  ".join(f"{k} {1000 * statistics.median(r[k] for r in rows):.0f} ({1000 * max(r[k] for r in rows):.0f})"
                       for k in stages))
print("  (build rest: the build command, ninja or cmake --build, around the compile and the link; to load: the player woken;"
      " to screen: the first frame drawn and presented)")
print("CPU, median in ms: " + "  ".join(f"{k} {1000 * statistics.median(v):.0f}" for k, v in cpu.items()))
print("  (build: what reel dev waited for; mold's forked child is not counted there)")

# The compile and the link on their own, as ninja runs them (5 times each).
os.chdir(f"{work}/lat/build")
commands = subprocess.run(["ninja", "-t", "commands", "lat.so"], capture_output=True, text=True, check=True).stdout
for name, marker in (("compile", "-o CMakeFiles/lat.dir/lat.cpp.o"), ("link", "-o lat.so")):
    command = next(l for l in commands.splitlines() if marker in l)
    # mold forks and leaves its work to a child nobody waits for: count it.
    command = command.replace("-fuse-ld=mold", "-fuse-ld=mold -Wl,--no-fork")
    runs = []
    for _ in range(5):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(["sh", "-c", command], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print(f"{name} alone: CPU median {1000 * statistics.median(runs):.0f} ms (5 runs)")
PY
