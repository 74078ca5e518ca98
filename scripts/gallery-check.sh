#!/usr/bin/env bash
# Compares Reel's ports of Manim's gallery examples with Manim's own frames.
#
#   scripts/gallery-check.sh REFERENCE_DIR FRAMECMP [ClassName ...]
#
# REFERENCE_DIR holds one folder per example (ClassName/frames/tNNNNNN.png and INDEX.tsv, the
# scene time in ms), FRAMECMP is the comparison tool (ink F1, colour error, SSIM; one JSON line
# per frame with --json). For each example with frames (all of them unless named) it renders
# Reel's scene (the class name in snake_case) at every reference time at 1920x1080 and prints
# the mean and the worst ink F1, colour error and SSIM, then one line per frame. Frames go to
# ${GALLERY_OUT:-build/gallery-check}/ClassName/.
set -euo pipefail

if (($# < 2)); then
  echo "usage: $0 REFERENCE_DIR FRAMECMP [ClassName ...]" >&2
  exit 2
fi
ref=$1
framecmp=$2
shift 2
reel=${REEL:-build/reel}
out=${GALLERY_OUT:-build/gallery-check}
[[ -d $ref ]] || { echo "$0: reference folder '$ref' does not exist" >&2; exit 2; }
[[ -f $framecmp ]] || { echo "$0: comparison tool '$framecmp' does not exist" >&2; exit 2; }
[[ -x $reel ]] || { echo "$0: '$reel' is not built (cmake --build --preset release --target reel)" >&2; exit 2; }

classes=("$@")
if ((${#classes[@]} == 0)); then
  for d in "$ref"/*/; do [[ -f $d/frames/INDEX.tsv ]] && classes+=("$(basename "$d")"); done
fi

# (FixedInFrameMObjectTest's "MObject" is one word: fixed_in_frame_mobject_test.)
snake() { sed -E 's/MObject/Mobject/g; s/([a-z0-9])([A-Z])/\1_\2/g; s/([A-Z]+)([A-Z][a-z])/\1_\2/g' <<<"$1" | tr '[:upper:]' '[:lower:]'; }

# Listed once, whole: `reel scenes | grep -q` would stop reading early, and under pipefail
# reel's broken pipe would count as a missing scene.
scenes=$("$reel" scenes)

status=0
for cls in "${classes[@]}"; do
  scene=$(snake "$cls")
  index=$ref/$cls/frames/INDEX.tsv
  if [[ ! -f $index ]]; then
    echo "$cls: no reference frames"
    continue
  fi
  if ! grep -q "^$scene\b" <<<"$scenes"; then
    echo "$cls: no scene '$scene'"
    status=1
    continue
  fi
  times=$(awk -F'\t' 'NR > 1 && $1 != "" { printf "%s%.3f", (n++ ? "," : ""), $1 / 1000 }' "$index")
  mkdir -p "$out/$cls"
  rm -f "$out/$cls"/t*.png
  target=$out/$cls
  # One time: reel frame writes that one file (named as the reference names it).
  [[ $times == *,* ]] || target=$out/$cls/$(awk -F'\t' 'NR == 2 { printf "t%06d.png", $1 }' "$index")
  "$reel" frame "$scene" --at "$times" -o "$target" --resolution 1920x1080 >/dev/null
  /usr/bin/python3 "$framecmp" --json --dirs "$ref/$cls/frames" "$out/$cls" |
    /usr/bin/python3 -c '
import json, sys
cls = sys.argv[1]
rows = [json.loads(l) for l in sys.stdin if l.strip().startswith("{")]
rows = [r for r in rows if "ink_f1" in r]
if not rows:
    print(f"{cls}: no frames compared"); sys.exit(0)
def agg(k, worst):
    v = [r[k] for r in rows]
    return sum(v) / len(v), worst(v)
f1, c, s = agg("ink_f1", min), agg("color", max), agg("ssim", min)
print(f"{cls}: {len(rows)} frames  ink F1 mean {f1[0]:.3f} worst {f1[1]:.3f}  "
      f"colour mean {c[0]:.1f} worst {c[1]:.1f}  SSIM mean {s[0]:.3f} worst {s[1]:.3f}")
for r in rows:
    name = r["frame"]
    f1, col, ss = r["ink_f1"], r["color"], r["ssim"]
    print(f"  {name}  ink F1 {f1:.3f}  colour {col:.1f}  SSIM {ss:.3f}")
' "$cls"
done
exit $status
