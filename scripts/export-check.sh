#!/usr/bin/env bash
# Checks and times `reel export` against ffmpeg on this machine (issue 6's figures).
#   scripts/export-check.sh [BUILD_DIR] [OUT_DIR]
# Writes the promo as MP4 (-q h and -q l), its heatmap section, WebM and GIF, prints what
# ffprobe sees (codec, profile, pixel format, size, rate, decoded frames, duration, MP4 box
# order), then times (a) `reel export -q h` and (b) ffmpeg re-encoding (a) with the same
# codec, preset and CRF, with /usr/bin/time -v (wall, CPU, peak RSS). Quote the load too:
# the machine is shared.
set -euo pipefail
build=${1:-build}
out=${2:-export-check}
reel=$(realpath "$build/reel")
mkdir -p "$out"
cd "$out"

probe() {
  echo "== $1"
  ffprobe -v error -count_frames -select_streams v:0 \
    -show_entries stream=codec_name,profile,pix_fmt,width,height,r_frame_rate,nb_read_frames,color_space,color_transfer,color_primaries \
    -show_entries format=format_name,duration -of compact=p=0 "$1"
  case "$1" in
    *.mp4) python3 - "$1" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
pos, boxes = 0, []
while pos + 8 <= len(data):
    size, kind = struct.unpack('>I4s', data[pos:pos + 8])
    if size == 1:
        size = struct.unpack('>Q', data[pos + 8:pos + 16])[0]
    boxes.append(kind.decode())
    if size < 8:
        break
    pos += size
print('boxes:', ' '.join(boxes))
PY
    ;;
  esac
}

timed() { # timed NAME COMMAND...: runs with /usr/bin/time -v, prints the figures
  local name=$1; shift
  echo "== $name: $* (load $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -v "$@" 2> "$name.time" > /dev/null
  grep -E "Elapsed|Maximum resident|User time|System time|Percent of CPU" "$name.time"
}

timed a "$reel" export -q h --quiet -o promo.mp4
timed b ffmpeg -v error -y -i promo.mp4 -c:v libx264 -preset medium -crf 18 -pix_fmt yuv420p reencoded.mp4
timed l "$reel" export -q l --quiet -o promo_l.mp4
"$reel" export --section heatmap --quiet -o heatmap.mp4 > /dev/null
"$reel" export -q l --quiet -o promo_l.webm > /dev/null
"$reel" export --quiet -o promo.gif > /dev/null
for f in promo.mp4 promo_l.mp4 heatmap.mp4 promo_l.webm promo.gif; do probe "$f"; done
