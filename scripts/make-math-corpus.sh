#!/usr/bin/env bash
# Regenerates the LaTeX conformance corpus of the math typesetter (tests/data/math-corpus):
# every line of formulas.txt is set by real LaTeX with Manim's MathTex template (standalone
# preview, babel english, amsmath, amssymb, align*), converted by dvisvgm as Manim does
# (dvisvgm -n: glyphs as paths), rasterised at 4x (5.31 px per TeX point, the density of
# tests/data/reference/math) with a 4 px white margin around dvisvgm's box (the ink beyond it
# kept) and stored as a 1-bit PNG; TeX's box of the formula in display style goes to
# metrics.txt. Tests never run TeX: they read the committed images.
#
# Usage: scripts/make-math-corpus.sh [--install]   (--install: apt-get the TeX packages)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$here/tests/data/math-corpus"
packages=(texlive-latex-base texlive-latex-recommended texlive-latex-extra
          texlive-fonts-recommended dvisvgm librsvg2-bin python3-pil)
if [[ "${1:-}" == "--install" ]]; then
    apt-get install -y --no-install-recommends "${packages[@]}"
fi
for tool in latex dvisvgm rsvg-convert /usr/bin/python3; do
    command -v "$tool" >/dev/null || { echo "make-math-corpus: '$tool' is missing (run with --install)" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$work/out"
mkdir -p "$out"
: > "$out/metrics.txt"
n=0
while IFS= read -r formula || [[ -n "$formula" ]]; do
    [[ -z "$formula" ]] && continue
    name=$(printf 'f%03d' "$n")
    # Manim's template (tex_templates.py, TexTemplate default), plus a box measurement that
    # ships nothing: TeX's width, height and depth of the formula in display style.
    cat > "$work/$name.tex" <<TEX
\\documentclass[preview]{standalone}
\\usepackage[english]{babel}
\\usepackage{amsmath}
\\usepackage{amssymb}
\\begin{document}
\\setbox0=\\hbox{\$\\displaystyle $formula\$}%
\\typeout{METRIC $name wd=\\the\\wd0{} ht=\\the\\ht0{} dp=\\the\\dp0}%
\\begin{align*}
$formula
\\end{align*}
\\end{document}
TEX
    if ! (cd "$work" && latex -interaction=nonstopmode -halt-on-error "$name.tex" > "$name.out" 2>&1); then
        echo "make-math-corpus: LaTeX failed on line $((n + 1)): $formula" >&2
        grep -m3 '^!' "$work/$name.log" >&2 || true
        exit 1
    fi
    grep -o "^METRIC $name .*" "$work/$name.log" | sed 's/^METRIC //; s/{}//g' >> "$out/metrics.txt"
    (cd "$work" && dvisvgm "$name.dvi" -n -v 0 -o "$name.svg")
    # The SVG's viewBox is dvisvgm's box of the glyphs' TFM boxes: ink beyond them (round
    # letters' overshoots, a \lambda's or a \boxed frame's top) would be cut off. Widen it by
    # 4 px at the raster's density (0.75 bp) on every side before rasterising, as Manim, which
    # reads the paths, never clips them.
    /usr/bin/python3 - "$work/$name.svg" <<'PY'
import re, sys
path = sys.argv[1]
svg = open(path).read()
m = re.search(r"width='([\d.]+)pt' height='([\d.]+)pt' viewBox='([-\d. ]+)'", svg)
if not m:
    raise SystemExit(f"make-math-corpus: no viewBox in {path}")
w, h = float(m.group(1)), float(m.group(2))
x, y, vw, vh = map(float, m.group(3).split())
p = 0.75
svg = svg.replace(m.group(0), f"width='{w + 2 * p:.6f}pt' height='{h + 2 * p:.6f}pt' "
                              f"viewBox='{x - p:.6f} {y - p:.6f} {vw + 2 * p:.6f} {vh + 2 * p:.6f}'")
open(path, "w").write(svg)
PY
    rsvg-convert -z 4 -b white "$work/$name.svg" -o "$work/$name-rgba.png"
    /usr/bin/python3 - "$work/$name-rgba.png" "$out/$name.png" <<'PY'
import sys
from PIL import Image
img = Image.open(sys.argv[1]).convert("L")
img.point(lambda v: 255 if v >= 155 else 0).convert("1").save(sys.argv[2], optimize=True)
PY
    n=$((n + 1))
done < "$corpus/formulas.txt"
rm -f "$corpus"/f[0-9][0-9][0-9].png
cp "$out"/*.png "$out/metrics.txt" "$corpus/"
echo "make-math-corpus: $n formulas into $corpus"
