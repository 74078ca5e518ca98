#!/usr/bin/env bash
# Renders a scene every STEP seconds and tiles the frames into one PNG (ImageMagick montage).
#   scripts/contact-sheet.sh OUT.png [SCENE] [STEP]
set -euo pipefail
out=${1:?usage: scripts/contact-sheet.sh OUT.png [SCENE] [STEP]}
scene=${2:-transformer}
step=${3:-2}
reel=${REEL:-"$(dirname "$0")/../build/reel"}
command -v montage >/dev/null || { echo "contact-sheet: needs ImageMagick (apt-get install imagemagick)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
duration=$("$reel" scenes | awk -v s="$scene" '$1 == s {print $3}')
times=$(awk -v d="$duration" -v s="$step" 'BEGIN { for (t = 0; t <= d + 1e-9; t += s) printf "%s%g", (t ? "," : ""), t }')
"$reel" frame "$scene" --at "$times" -o "$dir" --resolution 480x270 >/dev/null
args=()
for f in "$dir"/t*.png; do
  ms=$(basename "$f" .png); ms=$((10#${ms#t}))
  args+=(-label "$(awk -v m="$ms" 'BEGIN { printf "%.1f s", m / 1000 }')" "$f")
done
montage "${args[@]}" -tile 9x -geometry +3+3 -background '#222' -fill '#ddd' -pointsize 14 "$out"
echo "$out"
