#!/usr/bin/env bash
# Issue 13's figures, in one run (about 5 minutes on a quiet 2-core machine):
#   scripts/perf-check.sh [BUILD_DIR] [OUT_DIR]
#  1. scripts/export-vs-ffmpeg.sh (ROUNDS rounds, default 1): (a) `reel export -q h` (held
#     pictures are one sample) and (c) `--cfr`, against (b) ffmpeg re-encoding Reel's own --cfr
#     export with the same codec, preset and CRF: wall, CPU (user + system), peak RSS, ratios.
#  2. The promo in 4 parts with GNU parallel, then `reel join`: ffprobe frame count and
#     duration against one export, and the PSNR of every decoded frame (ffmpeg's psnr filter)
#     against it; with --cfr (the same frames) and by default (the same pictures at the same
#     times: compared at a constant 60 fps).
#  3. `reel bench --scale`: draw p50/p99 and export fps at 1080p and 4K for the promo and the
#     stress scenes.
#  4. Where the time goes: a perf profile of a 5 s export (top symbols), or callgrind when perf
#     cannot run.
#  5. The player under Xvfb (software renderer, 1280x720 window): frames on time while playing,
#     scrub latency (skipped without xvfb-run).
# The load average is printed at the start and the end: the figures mean little on a busy
# machine. Needs ffmpeg, ffprobe, GNU parallel (scripts/setup.sh installs them), perf or
# valgrind for the profile, xvfb-run for the player.
set -euo pipefail
build=${1:-build}
out=${2:-perf-check}
reel=$(realpath "$build/reel")
build_dir=$(realpath "$build")
scripts=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
cd "$out"
rm -f ./*.mp4 ./*.log ./*.time perf.data* callgrind.out*

echo "== machine: $(nproc) cores, $(uname -sr); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== reel: $reel"

echo "== 1. export -q h and --cfr vs ffmpeg re-encoding (scripts/export-vs-ffmpeg.sh; ROUNDS=${ROUNDS:-1})"
"$scripts/export-vs-ffmpeg.sh" "$build_dir" . "${ROUNDS:-1}"
for f in promo.mp4 promo_cfr.mp4 reencoded.mp4; do
  printf '%-16s ' "$f"
  ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets,r_frame_rate \
    -show_entries format=duration,size -of compact=p=0 "$f"
done

# psnr_min A B [FILTER]: frames compared and the lowest per-frame PSNR (inf: identical).
psnr_min() {
  local graph="[0:v][1:v]psnr=stats_file=psnr.log"
  if [ "${3:-}" = cfr60 ]; then graph="[0:v]fps=60[a];[1:v]fps=60[b];[a][b]psnr=stats_file=psnr.log"; fi
  ffmpeg -v error -i "$1" -i "$2" -lavfi "$graph" -f null -
  awk '{ for (i = 1; i <= NF; ++i) if ($i ~ /^psnr_avg:/) { split($i, v, ":"); n++;
         if (v[2] == "inf") inf++; else if (min == "" || v[2] + 0 < min) min = v[2] + 0 } }
       END { printf "%d frames compared, %d identical, lowest PSNR %s dB\n", n, inf, (min == "" ? "inf" : min) }' psnr.log
}

echo "== 2. 4 parts with GNU parallel, then join"
for mode in cfr vfr; do
  flag=""
  single=promo.mp4
  if [ $mode = cfr ]; then flag="--cfr"; single=promo_cfr.mp4; fi
  start=$(date +%s.%N)
  parallel --will-cite --halt now,fail=1 -j 4 "$reel" export -q h $flag --quiet --part {}/4 -o part_${mode}_{}.mp4 ::: 0 1 2 3
  "$reel" join part_${mode}_2.mp4 part_${mode}_0.mp4 part_${mode}_3.mp4 part_${mode}_1.mp4 -o joined_$mode.mp4
  end=$(date +%s.%N)
  echo "$mode: 4 parts + join in $(python3 -c "print(f'{$end - $start:.2f}')") s wall"
  for f in $single joined_$mode.mp4; do
    printf '  %-18s ' "$f"
    ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames,duration \
      -show_entries format=duration -of compact=p=0 "$f"
  done
  if [ $mode = cfr ]; then
    printf '  every frame: '; psnr_min joined_$mode.mp4 $single
  else
    printf '  every frame at a constant 60 fps: '; psnr_min joined_$mode.mp4 $single cfr60
  fi
done

echo "== 3. reel bench --scale"
"$reel" bench --scale --max-frames 300 --export-frames 120

echo "== 4. profile: where the time goes (export of 5 s at 1080p, 20 s to 25 s)"
if perf record -F 499 -g -o perf.data -- "$reel" export -q h --from 20 --to 25 --quiet -o profile.mp4 >/dev/null 2>perf.log; then
  # (reports go to files first: `| head` would end perf with SIGPIPE, and the script with it)
  perf report -i perf.data --no-children --sort dso --stdio -g none >perf-dso.txt 2>/dev/null || true
  perf report -i perf.data --no-children --sort dso,symbol --stdio -g none >perf-symbols.txt 2>/dev/null || true
  echo "-- by library (self time)"
  grep -E '^ +[0-9]' perf-dso.txt | head -12 || true
  echo "-- by symbol (self time; libx264 and libswscale are stripped: their addresses map to the"
  echo "   nearest exported name, so read them per library above)"
  grep -E '^ +[0-9]' perf-symbols.txt | grep -v -E 'libx264|libswscale' | head -25 || true
elif command -v valgrind >/dev/null; then
  echo "(perf cannot run here: $(tail -1 perf.log); callgrind on 0.5 s with one worker instead)"
  valgrind --tool=callgrind --callgrind-out-file=callgrind.out "$reel" export -q h --from 20 --to 20.5 --workers 1 \
    --quiet -o profile.mp4 >/dev/null 2>callgrind.log
  callgrind_annotate callgrind.out >callgrind.txt 2>/dev/null || true
  head -45 callgrind.txt
else
  echo "(neither perf nor valgrind: no profile)"
fi

echo "== 5. player under Xvfb (software renderer, 1280x720)"
if command -v xvfb-run >/dev/null; then
  for m in playback scrub; do
    SDL_RENDER_DRIVER=software xvfb-run -a -s "-screen 0 1280x800x24" "$reel" play --measure $m \
      >player-$m.log 2>&1 || echo "(player $m failed: $(tail -1 player-$m.log))"
    tail -2 player-$m.log
  done
else
  echo "(no xvfb-run: skipped)"
fi

echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
