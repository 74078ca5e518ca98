#!/usr/bin/env bash
# Regenerates the LaTeX conformance corpus of the math typesetter (tests/data/math-corpus):
# every line of formulas.txt is set by real LaTeX with Manim's MathTex template (standalone
# preview, babel english, amsmath, amssymb, align*), converted by dvisvgm as Manim does
# (dvisvgm -n: glyphs as paths), rasterised at 4x (5.31 px per TeX point, the density of
# tests/data/reference/math) and stored as a 1-bit PNG with a 4 px white margin; TeX's box of the formula in display
# style goes to metrics.txt. Tests never run TeX: they read the committed images.
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
    grep -o "^METRIC $name .*" "$work/$name.log" | sed 's/^METRIC //' >> "$out/metrics.txt"
    (cd "$work" && dvisvgm "$name.dvi" -n -v 0 -o "$name.svg")
    rsvg-convert -z 4 -b white "$work/$name.svg" -o "$work/$name-rgba.png"
    /usr/bin/python3 - "$work/$name-rgba.png" "$out/$name.png" <<'PY'
import sys
from PIL import Image
img = Image.open(sys.argv[1]).convert("L")
# A white margin: the preview crops to TeX's box, and a \boxed frame would touch the border.
padded = Image.new("L", (img.width + 8, img.height + 8), 255)
padded.paste(img, (4, 4))
padded.point(lambda v: 255 if v >= 155 else 0).convert("1").save(sys.argv[2], optimize=True)
PY
    n=$((n + 1))
done < "$corpus/formulas.txt"
rm -f "$corpus"/f[0-9][0-9][0-9].png
cp "$out"/*.png "$out/metrics.txt" "$corpus/"
echo "make-math-corpus: $n formulas into $corpus"
