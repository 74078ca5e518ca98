#!/usr/bin/python3
"""A contact sheet of Manim's 2-D gallery examples: each example's frame beside Reel's.

    scripts/contact-sheet.py REFERENCE_DIR OUT.png [--reel build/reel] [--work DIR]

REFERENCE_DIR holds one folder per example (ClassName/frames/tNNNNNN.png and INDEX.tsv, the
scene time in ms), as Manim rendered them. For each of the 20 examples the sheet shows Manim's
last reference frame (a still's only one) and Reel's frame at the same time, rendered with
`reel frame` at 1920x1080; an example without reference frames shows Reel's last frame beside
an empty panel marked so. Needs Pillow (Debian's python3-pil).
"""
import argparse
import csv
import os
import re
import subprocess
import sys

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:
    # An optional tool, as contact-sheet.sh (ImageMagick): setup.sh installs what building and
    # the tests need, so say what is missing instead of a traceback.
    sys.exit("contact-sheet: needs Pillow (apt-get install python3-pil)")

# Manim's docs/source/examples.rst (v0.17.3), the 2-D examples, in the gallery's order.
EXAMPLES = [
    "ManimCELogo", "BraceAnnotation", "VectorArrow", "GradientImageFromArray", "BooleanOperations",
    "PointMovingOnShapes", "MovingAround", "MovingAngle", "MovingDots", "MovingGroupToDestination",
    "MovingFrameBox", "RotationUpdater", "PointWithTrace", "SinAndCosFunctionPlot", "ArgMinExample",
    "GraphAreaPlot", "PolygonOnAxes", "HeatDiagramPlot", "OpeningManim", "SineCurveUnitCircle",
]
PANEL_W, PANEL_H, LABEL_H, COLUMNS = 480, 270, 22, 2


def snake(name):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s).lower()


def reference_time(ref_dir, cls):
    """The last time (ms) in the example's INDEX.tsv, or None without reference frames."""
    index = os.path.join(ref_dir, cls, "frames", "INDEX.tsv")
    if not os.path.isfile(index):
        return None
    with open(index, newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t")][1:]
    times = [int(r[0]) for r in rows if r and r[0].strip()]
    return max(times) if times else None


def scene_durations(reel):
    out = subprocess.run([reel, "scenes"], check=True, capture_output=True, text=True).stdout
    durations = {}
    for line in out.splitlines():
        m = re.match(r"^(\S+)\s+([0-9.]+) s,", line)
        if m:
            durations[m.group(1)] = float(m.group(2))
    return durations


def panel(image, text):
    p = Image.new("RGB", (PANEL_W, PANEL_H + LABEL_H), (40, 40, 40))
    if image is not None:
        p.paste(image.convert("RGB").resize((PANEL_W, PANEL_H), Image.LANCZOS), (0, LABEL_H))
    ImageDraw.Draw(p).text((6, 5), text, fill=(230, 230, 230), font=ImageFont.load_default())
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("reference_dir")
    ap.add_argument("out")
    ap.add_argument("--reel", default="build/reel")
    ap.add_argument("--work", default="build/contact-sheet", help="where Reel's frames are written")
    a = ap.parse_args()
    if not os.path.isdir(a.reference_dir):
        sys.exit(f"{sys.argv[0]}: reference folder '{a.reference_dir}' does not exist")
    if not os.access(a.reel, os.X_OK):
        sys.exit(f"{sys.argv[0]}: '{a.reel}' is not built (cmake --build --preset release --target reel)")
    os.makedirs(a.work, exist_ok=True)
    durations = scene_durations(a.reel)

    pairs = []
    for cls in EXAMPLES:
        scene = snake(cls)
        ms = reference_time(a.reference_dir, cls)
        if scene not in durations:
            ours, ours_text = None, f"Reel: no scene '{scene}'"
        else:
            # Without reference frames: the last frame (a still's picture is its end).
            t = ms / 1000 if ms is not None else max(0.0, durations[scene] - 1 / 60)
            path = os.path.join(a.work, f"{scene}.png")
            subprocess.run([a.reel, "frame", scene, "--at", f"{t:.4f}", "-o", path, "--resolution", "1920x1080"],
                           check=True, capture_output=True)
            ours, ours_text = Image.open(path), f"Reel {scene} at {t:.3f} s"
        if ms is None:
            theirs, theirs_text = None, f"Manim {cls}: no reference frame"
        else:
            theirs = Image.open(os.path.join(a.reference_dir, cls, "frames", f"t{ms:06d}.png"))
            theirs_text = f"Manim {cls} at {ms / 1000:.3f} s"
        pairs.append((panel(theirs, theirs_text), panel(ours, ours_text)))

    rows = (len(pairs) + COLUMNS - 1) // COLUMNS
    gap = 8
    cell_w, cell_h = 2 * PANEL_W + gap, PANEL_H + LABEL_H
    sheet = Image.new("RGB", (COLUMNS * cell_w + (COLUMNS - 1) * 3 * gap, rows * (cell_h + gap)), (0, 0, 0))
    for i, (theirs, ours) in enumerate(pairs):
        x = (i % COLUMNS) * (cell_w + 3 * gap)
        y = (i // COLUMNS) * (cell_h + gap)
        sheet.paste(theirs, (x, y))
        sheet.paste(ours, (x + PANEL_W + gap, y))
    sheet.save(a.out)
    print(f"{a.out}: {len(pairs)} examples, {sheet.width}x{sheet.height}")


if __name__ == "__main__":
    main()
