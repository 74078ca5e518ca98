#!/usr/bin/python3
"""Sound in exported files, measured (issue 19, "done when" 1 and 3).

1. Sync: a scene flashes white for one frame at 10 random times with a click starting at each
   flash (tests/sound/sync_scene.cpp), exported to MP4 (AAC) and WebM (Opus) at 60 and 24 fps.
   Each file is decoded as a player does: every decoded audio frame and every picture at its
   own timestamp (ffprobe). For each flash: the time of the first white picture, the time the
   click starts in the decoded sound (the peak of its cross-correlation with the click), and
   their difference. Goal: |delta| <= 1 ms.
2. Parts: the same scene over a continuous bed of sound, exported whole and as 4 parts joined
   with `reel join`; the joined sound against the whole's: cross-correlation lag, and the
   largest difference near each part boundary in dBFS. Goal: lag 0, no step above -60 dBFS.

With --cost instead: the cost of sound in an export, the promo exported silent and with a music
bed (an MP3 of its length; tests/sound/promo_sound_scene.cpp) in turns, `--rounds` times each,
in one run; the ratio of the median wall times. Goal: <= 1.03.

Needs Debian's python3 with numpy (python3-numpy), ffmpeg/ffprobe, and a build with the tests
(build/reel, build/tests/sound/test_sound_sync.so, test_promo_sound.so).

    scripts/sound-sync.py [--build build] [--seed 19] [--keep DIR]
    scripts/sound-sync.py --cost [--quality h] [--rounds 3]
"""
import argparse
import os
import random
import resource
import re
import shutil
import subprocess
import sys
import statistics
import tempfile
import time
import wave

import numpy as np

RATE = 48000


def write_wav(path, stereo):
    with wave.open(path, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((np.clip(stereo, -1, 1) * 32767).round().astype("<i2").tobytes())


def click_wave():
    """2 ms of a 3 kHz tone under a Hann window: short, and clear to a cross-correlation."""
    n = 96
    t = np.arange(n)
    return 0.8 * np.sin(2 * np.pi * 3000 * t / RATE) * np.hanning(n)


def bed_wave(seconds, seed):
    """Tones and a little noise: a sound that is never still, so a gap or step would show."""
    t = np.arange(int(seconds * RATE)) / RATE
    rng = np.random.default_rng(seed)
    left = 0.25 * np.sin(2 * np.pi * 220 * t) + 0.1 * np.sin(2 * np.pi * 1234.5 * t) + 0.02 * rng.standard_normal(t.size)
    right = 0.25 * np.sin(2 * np.pi * 330 * t + 1) + 0.1 * np.sin(2 * np.pi * 987.6 * t)
    return np.stack([left, right], 1)


def run(cmd, env=None):
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr}")
    return r.stdout


def decoded_audio(path):
    """The decoded sound (mono mix and stereo) and the time of its first sample."""
    first = run(["ffprobe", "-v", "error", "-select_streams", "a", "-show_frames",
                 "-show_entries", "frame=pts_time", "-of", "csv=p=0", path]).split()[0]
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-map", "0:a", "-f", "f32le", "-ac", "2", "-"],
                         capture_output=True, check=True).stdout
    stereo = np.frombuffer(raw, dtype="<f4").reshape(-1, 2)
    return float(first), stereo


def flash_times(path):
    """Times of the pictures that turn white (each picture at its own timestamp)."""
    out = run(["ffprobe", "-v", "error", "-f", "lavfi", "-i", f"movie={path},signalstats", "-show_entries",
               "frame=pts_time:frame_tags=lavfi.signalstats.YAVG", "-of", "csv=p=0"])
    times, was_white = [], False
    for line in out.split():
        t, y = line.split(",")[:2]
        white = float(y) > 128
        if white and not was_white:
            times.append(float(t))
        was_white = white
    return times


def stream_durations(path):
    """The declared durations: of each stream (MP4) or of the file (WebM declares no stream's)."""
    out = run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,duration:format=duration", "-of",
               "csv=p=0", path])
    found = {}
    for line in out.split():
        fields = line.split(",")
        if len(fields) == 2 and fields[1] != "N/A":
            found[fields[0]] = float(fields[1])
        elif len(fields) == 1 and fields[0] != "N/A":
            found["file"] = float(fields[0])
    return found


def click_onset(mono, expected, template):
    """Sample where the click starts: the cross-correlation peak within 50 ms of `expected`."""
    lo = max(0, expected - RATE // 20)
    hi = min(mono.size - template.size, expected + RATE // 20)
    window = mono[lo:hi + template.size]
    corr = np.correlate(window, template, mode="valid")
    return lo + int(np.argmax(corr))


def sync_case(reel, plugin, env, out, fmt, fps, times, template):
    path = os.path.join(out, f"sync_{fps}.{fmt}")
    run([reel, "export", "--plugin", plugin, "sound_sync", "-o", path, "-q", "l", "--fps", str(fps),
         "--preset", "ultrafast", "--quiet"], env)
    t0, stereo = decoded_audio(path)
    mono = stereo.sum(1)
    flashes = flash_times(path)
    if len(flashes) != len(times):
        sys.exit(f"{path}: {len(flashes)} flashes decoded, {len(times)} in the scene")
    deltas = []
    for tf in flashes:
        onset = click_onset(mono, int(round((tf - t0) * RATE)), template)
        deltas.append((t0 + onset / RATE - tf) * 1000)
    d = stream_durations(path)
    return deltas, d


def parts_case(reel, plugin, env, out, fmt, length, parts=4):
    whole = os.path.join(out, f"whole.{fmt}")
    common = ["--plugin", plugin, "sound_sync", "-q", "l", "--fps", "60", "--preset", "ultrafast", "--quiet"]
    run([reel, "export", *common, "-o", whole], env)
    names = []
    for k in range(parts):
        name = os.path.join(out, f"part{k}.{fmt}")
        run([reel, "export", *common, "-o", name, "--part", f"{k}/{parts}"], env)
        names.append(name)
    joined = os.path.join(out, f"joined.{fmt}")
    run([reel, "join", *names, "-o", joined, "--quiet"])
    ta, a = decoded_audio(whole)
    tb, b = decoded_audio(joined)
    n = min(a.shape[0], b.shape[0])
    a, b = a[:n], b[:n]
    # Cross-correlation of the two (left channel) over +-50 ms, through the FFT.
    size = 1 << int(np.ceil(np.log2(2 * n)))
    spec = np.fft.rfft(b[:, 0], size) * np.conj(np.fft.rfft(a[:, 0], size))
    corr = np.fft.irfft(spec, size)
    span = RATE // 20
    lags = np.concatenate([np.arange(0, span + 1), np.arange(-span, 0)])
    values = np.concatenate([corr[:span + 1], corr[-span:]])
    lag = int(lags[np.argmax(values)])
    # The part boundaries in samples (frame f at 60 fps starts at sample f * 800).
    frames = int(round(length * 60))
    bounds = [(k * frames // parts) * RATE // 60 for k in range(1, parts)]
    diff = np.abs(a - b).max(1)
    steps = []
    for s in bounds:
        near = diff[max(0, s - RATE // 100):s + RATE // 100].max()
        steps.append(20 * np.log10(near) if near > 0 else -np.inf)
    everywhere = diff.max()
    return lag, steps, 20 * np.log10(everywhere) if everywhere > 0 else -np.inf, ta, tb, a.shape[0], b.shape[0]


def cost(reel, build, out, quality, rounds):
    promo = os.path.abspath(os.path.join(build, "lib", "reel", "scenes", "transformer.so"))
    wrapper = os.path.abspath(os.path.join(build, "tests", "sound", "test_promo_sound.so"))
    listing = run([reel, "scenes", "--plugin", promo])
    found = re.search(r"^transformer\b.*?(\d+(?:\.\d+)?) s,", listing, re.M)
    length = float(found.group(1)) if found else None
    if length is None:
        sys.exit("cannot read the promo's length from `reel scenes`:\n" + listing)
    bed = os.path.join(out, "bed.mp3")
    run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency=220:sample_rate=44100:duration={length}",
         "-f", "lavfi", "-i", f"sine=frequency=330:sample_rate=44100:duration={length}", "-filter_complex",
         "[0][1]amerge=inputs=2,volume=0.3", "-c:a", "libmp3lame", "-b:a", "192k", bed])
    env = dict(os.environ, REEL_PROMO_SOUND=bed)
    cases = {
        "silent": [reel, "export", "--plugin", promo, "transformer", "-q", quality, "--quiet", "-o",
                   os.path.join(out, "silent.mp4")],
        "sound": [reel, "export", "--plugin", promo, "--plugin", wrapper, "promo_with_sound", "-q", quality, "--quiet",
                  "-o", os.path.join(out, "sound.mp4")],
    }
    # Wall time, and the CPU time of the export (user + system of the child process): on a
    # machine other work shares, the CPU time is the steadier measure of the work done.
    times = {k: [] for k in cases}
    cpu = {k: [] for k in cases}
    print(f"promo {length:.1f} s at -q {quality}, a music bed (MP3) under it; {rounds} rounds, in turns")
    for r in range(rounds):
        for name, cmd in cases.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.monotonic()
            run(cmd, env)
            times[name].append(time.monotonic() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            print(f"  round {r + 1} {name:6}: wall {times[name][-1]:.2f} s, CPU {cpu[name][-1]:.2f} s", flush=True)
    for label, series in (("wall", times), ("CPU", cpu)):
        silent, sound = statistics.median(series["silent"]), statistics.median(series["sound"])
        print(f"  median {label}: silent {silent:.2f} s, with sound {sound:.2f} s: ratio {sound / silent:.3f} "
              "(goal <= 1.03)")
    streams = run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name,duration", "-of", "csv=p=0",
                   cases["sound"][-1]])
    print("  " + " | ".join(streams.split()))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--keep", help="write the files here and keep them")
    ap.add_argument("--cost", action="store_true", help="measure the cost of sound on the promo instead")
    ap.add_argument("--quality", default="h", help="--cost: the export's quality (default h, 1080p60)")
    ap.add_argument("--rounds", type=int, default=3, help="--cost: exports of each kind (default 3)")
    args = ap.parse_args()
    reel = os.path.abspath(os.path.join(args.build, "reel"))
    plugin = os.path.abspath(os.path.join(args.build, "tests", "sound", "test_sound_sync.so"))
    for f in (reel, plugin):
        if not os.path.exists(f):
            sys.exit(f"{f} is missing: build with -DREEL_BUILD_TESTS=ON (targets reel, test_sound_sync)")
    out = args.keep or tempfile.mkdtemp(prefix="reel-sound-sync-")
    os.makedirs(out, exist_ok=True)
    if args.cost:
        try:
            cost(reel, args.build, out, args.quality, args.rounds)
        finally:
            if not args.keep:
                shutil.rmtree(out, ignore_errors=True)
        return
    try:
        length = 12.0
        rng = random.Random(args.seed)
        # Flashes on the 1/12 s grid (whole frames at 60 and at 24 fps), at least 0.25 s apart.
        slots = rng.sample(range(6, int(length * 12) - 6, 3), 10)
        times = sorted(s / 12 for s in slots)
        click = click_wave()
        write_wav(os.path.join(out, "click.wav"), np.stack([click, click], 1))
        write_wav(os.path.join(out, "bed.wav"), bed_wave(length + 1, args.seed))
        env = dict(os.environ, REEL_SYNC_CLICK=os.path.join(out, "click.wav"),
                   REEL_SYNC_TIMES=",".join(f"{t:.6f}" for t in times), REEL_SYNC_LENGTH=str(length))
        print(f"seed {args.seed}: flashes at " + ", ".join(f"{t:.3f}" for t in times) + " s")
        print("1. click onset - flash picture time (ms), per flash; goal |delta| <= 1 ms")
        worst = 0.0
        for fmt in ("mp4", "webm"):
            for fps in (60, 24):
                deltas, d = sync_case(reel, plugin, env, out, fmt, fps, times, click * 2)
                worst = max(worst, max(abs(x) for x in deltas))
                print(f"  {fmt:4} {fps} fps: max |delta| {max(abs(x) for x in deltas):.3f} ms   "
                      + " ".join(f"{x:+.3f}" for x in deltas)
                      + "   durations " + ", ".join(f"{k} {v:.4f} s" for k, v in sorted(d.items())))
        print(f"  worst |delta| {worst:.3f} ms")
        print("2. 4 parts joined vs. one export (60 fps, a continuous bed under the clicks)")
        env_bed = dict(env, REEL_SYNC_BED=os.path.join(out, "bed.wav"))
        for fmt in ("mp4", "webm"):
            lag, steps, everywhere, ta, tb, na, nb = parts_case(reel, plugin, env_bed, out, fmt, length)
            print(f"  {fmt:4}: cross-correlation lag {lag} samples; largest difference near the boundaries "
                  + ", ".join(f"{s:.1f}" for s in steps) + f" dBFS; anywhere {everywhere:.1f} dBFS; "
                  f"first sample at {ta:.6f} / {tb:.6f} s; {na} / {nb} samples decoded")
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
