#!/usr/bin/env bash
# Presenting, checked the way an audience would see it (figures, not ctest):
#   1. every slide of the promo as `reel present` shows it in a real window under Xvfb
#      (number + Enter), tiled into a contact sheet;
#   2. the HTML export in Debian's headless Chromium: screenshots after → twice;
#   3. the PDF handout's pages and text, and the MP4 chapters and WebVTT cues.
#   scripts/present-check.sh [OUT_DIR]      (needs xvfb, ffmpeg, poppler-utils, chromium, node)
set -euo pipefail
cd "$(dirname "$0")/.."
reel=$PWD/build/reel
out=${1:-build/present-check}
mkdir -p "$out/holds"
out=$(cd "$out" && pwd)

echo "== slides (holds) of the promo"
"$reel" scenes --slides | sed -n '/^transformer/,$p'
n=$("$reel" scenes --slides | sed -n '/^transformer/,$p' | sed -n 's/^  \([0-9]*\) slides.*/\1/p')

echo "== every hold in reel present (Xvfb)"
for i in $(seq 1 "$n"); do
  keys="$(echo "$i" | sed 's/./& /g')Return"
  xvfb-run -a -s "-screen 0 1280x800x24" "$reel" present --windowed --keys "$keys" \
    --screenshot "$out/holds/hold_$(printf %02d "$i").png" --after-ms 1500 >/dev/null
done
ffmpeg -v error -y -framerate 1 -i "$out/holds/hold_%02d.png" \
  -vf "scale=320:180,tile=5x$(( (n + 4) / 5 )):padding=4:color=gray" -frames:v 1 "$out/holds_sheet.png"
echo "contact sheet: $out/holds_sheet.png"

echo "== PDF handout"
"$reel" export -o "$out/promo.pdf"
pdfinfo "$out/promo.pdf" | grep Pages
echo "size: $(stat -c %s "$out/promo.pdf") bytes"
pdftoppm -r 60 -png -f 1 -l 1 "$out/promo.pdf" "$out/page"
pdftoppm -r 60 -png -f 7 -l 7 "$out/promo.pdf" "$out/page"
pdftoppm -r 60 -png -f 15 -l 15 "$out/promo.pdf" "$out/page"
pdftotext "$out/promo.pdf" - | grep -c "Grouped-Query Attention" | sed 's/^/pdftotext finds "Grouped-Query Attention" on this many lines: /'

echo "== HTML in headless Chromium (→ twice)"
"$reel" export -q m --quiet -o "$out/promo.html"
echo "size: $(stat -c %s "$out/promo.html") bytes"
node scripts/html-keys.mjs "$out/promo.html" "$out/html" ArrowRight ArrowRight

echo "== MP4 chapters and WebVTT"
"$reel" export -q l --quiet --chapters "$out/promo.vtt" -o "$out/promo.mp4"
ffprobe -v error -show_chapters -of compact "$out/promo.mp4"
ffprobe -v error -show_entries packet=pts_time,duration_time -of compact "$out/promo.vtt" | grep -c packet \
  | sed 's/^/WebVTT cues read by ffmpeg: /'
