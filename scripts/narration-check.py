#!/usr/bin/python3
"""The narrated promo, listened to (issue 19, "done when" 5).

Exports `transformer_narrated` with `--loudness -16` and `--subtitles`, decodes its sound and
measures it with sox and ffmpeg:

1. Loudness: integrated loudness and true peak (ffmpeg's ebur128 filter), peak and RMS level
   (sox stats). Goal: -16 LUFS, true peak <= -1 dBTP.
2. Silences in the voice track: every stretch below -45 dBFS of at least 0.3 s (ffmpeg's
   silencedetect).
3. For each bookmark of the voice-over (`reel scenes`): its time on the timeline; the onset of the
   word after it in the decoded sound (the first 1 ms window whose RMS rises above -45 dBFS, from
   sox's samples), and the silence it ends, if any; the start of the first animation at or after it
   (`reel scenes --segments`) and whether the exported picture is held just before it and changes
   just after it (ffmpeg's psnr between decoded frames).
4. Subtitles against the notes: the words of the exported .srt, in order, against the words of the
   scene's slide notes (`reel scenes --slides`), which the voice speaks; every cue at most 2 lines
   of at most 42 characters.

Needs sox and ffmpeg (apt-get install sox ffmpeg) and a built reel (build/reel, build/reel-espeak).
Prints a table; exits 1 when a check fails.

    scripts/narration-check.py [--build build] [--quality l] [--keep DIR]
"""
import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

SCENE = "transformer_narrated"
THRESHOLD_DB = -45.0
MIN_SILENCE = 0.3


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"narration-check: {' '.join(cmd[:3])} ... failed ({r.returncode}): {r.stderr.strip()[-400:]}")
    return r


def scene_listing(reel, env):
    """Bookmarks (name, time), play starts, slide notes of the scene."""
    out = run([reel, "scenes", "--segments", "--slides"], env=env).stdout
    lines = out.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith(SCENE + " ") or l.startswith(SCENE + "  "))
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith(" ")), len(lines))
    bookmarks, plays, notes, voice = [], [], [], []
    for l in lines[start:end]:
        m = re.match(r"\s+bookmark (\S+)\s+([\d.]+) s$", l)
        if m:
            bookmarks.append((m.group(1), float(m.group(2))))
            continue
        m = re.match(r"\s+voice-over\s+start\s+([\d.]+) s\s+duration\s+([\d.]+) s\s+.*?: \"(.*)\"$", l)
        if m:
            voice.append((float(m.group(1)), float(m.group(2)), m.group(3)))
            continue
        m = re.match(r"\s+\d+ play\s+([\d.]+)\s+([\d.]+)\s+(.*)$", l)
        if m:
            plays.append((float(m.group(1)), m.group(3)))
            continue
        m = re.match(r"\s+\d+\s+[\d.]+ s -> hold\s+[\d.]+ s\s+\S+\s+(.*)$", l)
        if m:
            notes.append(m.group(1))
    return bookmarks, plays, notes, voice


def samples_s16(path, start, length):
    """Mono samples (floats in [-1, 1]) of `path` from `start` for `length` seconds, through sox."""
    r = subprocess.run(["sox", path, "-t", "raw", "-e", "signed", "-b", "16", "-c", "1", "-", "trim",
                        f"{max(0.0, start):.6f}", f"{length:.6f}"], capture_output=True)
    if r.returncode != 0:
        sys.exit(f"narration-check: sox failed: {r.stderr.decode(errors='replace').strip()}")
    raw = r.stdout
    n = len(raw) // 2
    return [int.from_bytes(raw[2 * i:2 * i + 2], "little", signed=True) / 32768.0 for i in range(n)]


def onset(wav, rate, t, search=0.6):
    """The first 1 ms window at or after t whose RMS is above the threshold (seconds, or None),
    and whether the 4 ms from 6 ms before t are above it already (no pause before the word;
    `reel scenes` gives t to the millisecond, hence the 2 ms left out)."""
    x = samples_s16(wav, t - 0.006, search + 0.006)
    win = rate // 1000
    limit = 10 ** (THRESHOLD_DB / 20)
    lead = 6 * win
    before = math.sqrt(sum(v * v for v in x[:4 * win]) / (4 * win)) > limit
    for k in range(lead, len(x) - win, win):
        if math.sqrt(sum(v * v for v in x[k:k + win]) / win) > limit:
            return t + (k - lead) / rate, before
    return None, before


def picture_change(video, a, b, work):
    """PSNR between the decoded frames shown at a and at b ('inf' when they are the same)."""
    pa, pb = os.path.join(work, "a.png"), os.path.join(work, "b.png")
    for t, p in ((a, pa), (b, pb)):
        run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", f"{t:.4f}", "-i", video, "-frames:v", "1", p])
    r = run(["ffmpeg", "-nostdin", "-i", pa, "-i", pb, "-lavfi", "psnr", "-f", "null", "-"])
    m = re.search(r"average:(\S+)", r.stderr)
    return m.group(1) if m else "?"


def srt_cues(path):
    cues = []
    for block in re.split(r"\n\s*\n", open(path, encoding="utf-8").read().strip()):
        rows = block.splitlines()
        if len(rows) >= 3 and "-->" in rows[1]:
            cues.append(rows[2:])
    return cues


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--quality", default="l", help="export quality (l: 854x480 at 15 fps)")
    ap.add_argument("--keep", help="keep the export, the decoded sound and the subtitles in this folder")
    args = ap.parse_args()
    for tool in ("sox", "ffmpeg"):
        if not shutil.which(tool):
            sys.exit(f"narration-check: needs {tool} (apt-get install {tool})")
    reel = os.path.join(args.build, "reel")
    work = args.keep or tempfile.mkdtemp(prefix="narration-check-")
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"))
    video, srt, wav = (os.path.join(work, n) for n in ("narrated.mp4", "narrated.srt", "voice.wav"))
    failed = []

    for p in (video, srt):
        if os.path.exists(p):
            os.remove(p)
    run([reel, "export", SCENE, "-o", video, "-q", args.quality, "--loudness", "-16", "--subtitles", srt,
         "--quiet"], env=env)
    run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", video, "-vn", "-ac", "1", "-ar", "48000", "-c:a",
         "pcm_s16le", wav])
    rate = 48000
    bookmarks, plays, notes, voice = scene_listing(reel, env)
    fps = float(run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=r_frame_rate",
                     "-of", "csv=p=0", video]).stdout.strip().split("/")[0])

    # 1. Loudness.
    r = run(["ffmpeg", "-nostdin", "-nostats", "-i", video, "-vn", "-af", "ebur128=peak=true", "-f", "null", "-"])
    summary = r.stderr[r.stderr.rfind("Summary:"):]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    tp = float(re.search(r"True peak:\s+Peak:\s+(-?[\d.]+) dBFS", summary, re.S).group(1))
    lra = float(re.search(r"LRA:\s+(-?[\d.]+) LU", summary).group(1))
    st = run(["sox", wav, "-n", "stats"]).stderr
    pk = float(re.search(r"Pk lev dB\s+(-?[\d.]+)", st).group(1))
    rms = float(re.search(r"RMS lev dB\s+(-?[\d.]+)", st).group(1))
    length = float(re.search(r"Length s\s+([\d.]+)", st).group(1))
    print(f"export: {SCENE}, -q {args.quality} ({fps:g} fps), --loudness -16; sound {length:.3f} s")
    print(f"loudness (ffmpeg ebur128): integrated {lufs:.1f} LUFS, true peak {tp:.1f} dBTP, LRA {lra:.1f} LU")
    print(f"levels (sox stats, mono mix): peak {pk:.2f} dBFS, RMS {rms:.2f} dBFS")
    if abs(lufs + 16) > 0.5:
        failed.append(f"integrated loudness {lufs} LUFS, not -16")
    if tp > -1.0 + 0.05:
        failed.append(f"true peak {tp} dBTP above -1")

    # 2. Silences.
    r = run(["ffmpeg", "-nostdin", "-i", wav, "-af", f"silencedetect=noise={THRESHOLD_DB:g}dB:d={MIN_SILENCE}",
             "-f", "null", "-"])
    starts = [float(x) for x in re.findall(r"silence_start: (-?[\d.]+)", r.stderr)]
    ends = [float(x) for x in re.findall(r"silence_end: ([\d.]+)", r.stderr)]
    silences = [(s, ends[i] if i < len(ends) else length) for i, s in enumerate(starts)]
    print(f"\nsilences below {THRESHOLD_DB:g} dBFS of {MIN_SILENCE} s or more (ffmpeg silencedetect): {len(silences)}")
    for s, e in silences:
        print(f"  {max(0.0, s):8.3f} - {e:8.3f} s  ({e - max(0.0, s):6.3f} s)")
    print("voice-over lines (reel scenes):")
    for s, d, _ in voice:
        print(f"  {s:8.3f} - {s + d:8.3f} s")

    # 3. Bookmarks.
    print(f"\nbookmarks: timeline time, onset of the word after it (first 1 ms above {THRESHOLD_DB:g} dBFS,"
          " sox), the silence it ends, the first animation at or after it, and the exported picture"
          " (PSNR dB between decoded frames: 'inf' = unchanged)")
    print(f"  {'mark':<9} {'bookmark':>9} {'onset':>9} {'Δ ms':>6}  {'silence before':<17} {'animation':>9}"
          f" {'Δ ms':>6}  {'held before':>11} {'changes after':>13}  what starts")
    for name, b in bookmarks:
        # Already sounding at the bookmark (no pause before the word): the onset says nothing.
        o, sounding = onset(wav, rate, b)
        sil = next(((s, e) for s, e in silences if s - 0.01 <= b <= e + 0.05), None)
        sil_txt = f"{max(0.0, sil[0]):.2f}-{sil[1]:.2f} s" if sil else "none"
        anim = next(((s, d) for s, d in plays if s >= b - 0.5 / 60 - 1e-6), None)
        dt_o = (o - b) * 1000 if o is not None else float("nan")
        dt_a = (anim[0] - b) * 1000 if anim else float("nan")
        # The picture two and one frames before the animation's start, and one and three after.
        a0 = anim[0] if anim else b
        held = picture_change(video, a0 - 2.5 / fps, a0 - 1.5 / fps, work)
        changes = picture_change(video, a0 - 0.5 / fps, a0 + 2.5 / fps, work)
        what = (anim[1][:40] + "…") if anim and len(anim[1]) > 40 else (anim[1] if anim else "-")
        print(f"  {name:<9} {b:9.3f} {o if o is not None else float('nan'):9.3f} {dt_o:6.1f}{'*' if sounding else ' '}"
              f" {sil_txt:<17}"
              f" {a0:9.3f} {dt_a:6.1f}  {held:>11} {changes:>13}  {what}")
        if anim is None or abs(dt_a) > 0.5 / 60 * 1000 + 0.5:
            failed.append(f"bookmark {name}: no animation starts on its frame")
        if changes == "inf":
            failed.append(f"bookmark {name}: the picture does not change after it")

    print("  (* the voice is already above the threshold at the bookmark: no pause before the word)")

    # 4. Subtitles against the notes.
    cues = srt_cues(srt)
    cue_words = [w for c in cues for line in c for w in line.split()]
    note_words = [w for n in notes for w in n.split()]
    long_lines = [line for c in cues for line in c if len(line) > 42]
    too_many = [c for c in cues if len(c) > 2]
    first_diff = next((i for i, (a, b) in enumerate(zip(cue_words, note_words)) if a != b), None)
    same = first_diff is None and len(cue_words) == len(note_words)
    print(f"\nsubtitles: {len(cues)} cues, {len(cue_words)} words; the slides' notes: {len(notes)} notes, "
          f"{len(note_words)} words; the same words in the same order: {'yes' if same else 'NO'}")
    print(f"  cues over 2 lines: {len(too_many)}; lines over 42 characters: {len(long_lines)}; longest line "
          f"{max((len(line) for c in cues for line in c), default=0)} characters")
    if not same:
        i = first_diff if first_diff is not None else min(len(cue_words), len(note_words))
        print(f"  first difference at word {i}: subtitles {cue_words[i:i + 5]} / notes {note_words[i:i + 5]}")
        failed.append("the subtitles' words are not the notes' words")
    if long_lines or too_many:
        failed.append("a cue breaks the 2 x 42 rule")
    # As a player built on ffmpeg reads the .srt: SRT has no escape for '<', and ffmpeg takes
    # HTML-like tags in it ('<s>' is strike-through) out of the text.
    ass = os.path.join(work, "narrated.ass")
    run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", srt, ass])
    read = [re.sub(r"\{[^}]*\}", "", l.rstrip("\n").split(",", 9)[9]).replace("\\N", " ")
            for l in open(ass, encoding="utf-8") if l.startswith("Dialogue:")]
    read_words = [w for l in read for w in l.split()]
    lost = [a for a, b in zip(note_words, read_words) if a != b]
    print(f"  the .srt as ffmpeg reads it: {len(read_words)} words, "
          + ("the notes' words" if read_words == note_words else
             f"NOT the notes' words (first: {lost[:1]} read as {[b for a, b in zip(note_words, read_words) if a != b][:1]}; "
             "a warning: SRT cannot carry '<')"))

    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        print("\nFAILED: " + "; ".join(failed))
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
