#!/usr/bin/env bash
# `reel dev` edit-to-picture latency: a project from `reel new`, the player under Xvfb paused at
# --at T, then N one-line colour changes to the scene source. Each latency is from the save (the
# file renamed into place, as editors do) to the player's own "on screen at" line, printed after
# the new version's first present to the real window; the script also checks the player kept its
# time, and screenshots the screen (ffmpeg x11grab) after the last edit to show the new colour is there.
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
python3 - "${latencies[@]}" <<'PY'
import statistics, sys
v = sorted(float(x) for x in sys.argv[1:])
print(f"reel dev edit-to-picture: {len(v)} edits, median {statistics.median(v):.3f} s, worst {v[-1]:.3f} s")
PY
