#!/usr/bin/env bash
# Scene code written to take Reel down, through every command that runs it (issue 22's figures):
# a plug-in that segfaults, computes forever (hangs), throws an int and recurses until the stack
# runs out, each through `export`, `frame`, `scenes`, `dev` (the source saved while the player
# runs) and `play --watch` (the plug-in replaced while the player runs). Prints one table row per
# case: the exit status, the seconds until the error (a one-shot command: until it exits; a
# hang: until it exits after Ctrl-C, sent to its process group 2 s in; dev / --watch: from the save to the player's
# "on screen ... error" line, the process still running), and what was left behind (the output
# folder, TMPDIR and the runtime folder must hold nothing new; a sanitizer report on stderr is
# shown there too).
#   scripts/hostile-check.sh [BUILD_DIR]      (default build; build-asan for the sanitizer figures)
# BUILD_DIR must hold the tests' plug-ins (cmake --build BUILD_DIR --target reel test_crashes
# test_hangs live_blue live_red live_segv live_hang live_throw_int live_recurse). Headless: the
# players run on SDL's dummy video driver.
set -euo pipefail
build=$(realpath "${1:-build}")
reel="$build/reel"
hostile="$build/tests/robustness/hostile"
live="$build/tests/robustness/live_hostile"
source_file="$(cd "$(dirname "$0")/.." && pwd)/tests/robustness/live_hostile.cpp"
for f in "$reel" "$hostile/test_crashes.so" "$hostile/test_hangs.so" "$live/live_blue.so" "$live/live_segv.so"; do
  [ -e "$f" ] || { echo "hostile-check: $f is missing (see the header of this script)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy XDG_CACHE_HOME="$work/cache"
# The font stack's caches are not leaks (tests/lsan.supp).
export LSAN_OPTIONS="print_suppressions=0:suppressions=$(dirname "$source_file")/../lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$(now)"; }

# A fresh case folder: out/ (one file that must survive), tmp/ (TMPDIR), run/ (XDG_RUNTIME_DIR).
fresh() {
  case_dir="$work/$1"
  rm -rf "$case_dir"
  mkdir -p "$case_dir/out" "$case_dir/tmp" "$case_dir/run"
  chmod 700 "$case_dir/run"
  echo "keep me" > "$case_dir/out/keep.txt"
}

leftovers() {
  local left
  left=$( (cd "$case_dir/out" && ls -A | grep -vx keep.txt || true; ls -A "$case_dir/tmp"; \
           [ -d "$case_dir/run/reel" ] && ls -A "$case_dir/run/reel" || true) | tr '\n' ' ')
  [ "$(cat "$case_dir/out/keep.txt")" = "keep me" ] || left="$left keep.txt changed"
  # Under build-asan: any sanitizer report counts as a failure.
  grep -qE "AddressSanitizer|LeakSanitizer|runtime error:" "$case_dir/stderr" 2>/dev/null && left="$left SANITIZER REPORT"
  echo "${left:-none}"
}

row() { printf '%-10s %-9s %6s %9s  %s\n' "$1" "$2" "$3" "$4" "$5"; }

# A one-shot command; a hang gets Ctrl-C after 2 s.
one_shot() { # KIND COMMAND ARGS...
  local kind=$1 command=$2
  shift 2
  fresh "$kind-$command"
  local t0 status pid
  t0=$(now)
  set +e
  # A job of its own (set -m): a background job of a script would ignore SIGINT, and Ctrl-C
  # reaches the whole process group, as a terminal sends it.
  set -m
  XDG_RUNTIME_DIR="$case_dir/run" TMPDIR="$case_dir/tmp" "$reel" "$@" >"$case_dir/stdout" 2>"$case_dir/stderr" &
  pid=$!
  set +m
  if [ "$kind" = hang ]; then
    sleep 2
    t0=$(now)
    kill -INT -- "-$pid" 2>/dev/null
  fi
  wait "$pid"
  status=$?
  set -e
  row "$kind" "$command" "$status" "$(since "$t0")" "$(leftovers)"
  [ -n "${VERBOSE:-}" ] && sed 's/^/    /' "$case_dir/stderr" | head -3 || true
}

# dev / --watch: start on a good version, save KIND, time until its error is on screen, check
# the process still runs, save a good version, check it is shown, end with SIGTERM.
live_case() { # KIND dev|--watch
  local kind=$1 how=$2
  fresh "$kind-live-$how"
  local log="$case_dir/stderr" pid
  if [ "$how" = dev ]; then
    (cd "$case_dir" && "$reel" new proj >/dev/null)
    { echo "#define LIVE_COLOR BLUE"; cat "$source_file"; } > "$case_dir/proj/proj.cpp"
    XDG_RUNTIME_DIR="$case_dir/run" TMPDIR="$case_dir/tmp" \
      "$reel" dev "$case_dir/proj" --paused --at 1.25 --record-limit 2 >"$case_dir/stdout" 2>"$log" &
  else
    cp "$live/live_blue.so" "$case_dir/scene.so"
    XDG_RUNTIME_DIR="$case_dir/run" TMPDIR="$case_dir/tmp" \
      "$reel" play --watch --plugin "$case_dir/scene.so" --paused --at 1.25 --record-limit 2 >"$case_dir/stdout" 2>"$log" &
  fi
  pid=$!
  wait_line() { # TEXT SECONDS
    local i
    for i in $(seq $(( $2 * 50 ))); do
      grep -q "$1" "$log" 2>/dev/null && return 0
      kill -0 "$pid" 2>/dev/null || return 1
      sleep 0.02
    done
    return 1
  }
  if ! wait_line "on screen at" 300; then
    row "$kind" "$how" "-" "-" "did not start: $(tail -1 "$log")"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    return
  fi
  local t0 to_error cleared alive
  t0=$(now)
  if [ "$how" = dev ]; then
    { echo "#define LIVE_${kind^^} 1"; cat "$source_file"; } > "$case_dir/proj/.proj.cpp.new"
    mv "$case_dir/proj/.proj.cpp.new" "$case_dir/proj/proj.cpp"
  else
    cp "$live/live_$kind.so" "$case_dir/scene.so.new" && mv "$case_dir/scene.so.new" "$case_dir/scene.so"
  fi
  if wait_line ": error (t = 1.250 s)" 120; then to_error=$(since "$t0"); else to_error="never"; fi
  kill -0 "$pid" 2>/dev/null && alive="alive" || alive="ENDED"
  if [ "$how" = dev ]; then
    { echo "#define LIVE_COLOR RED"; cat "$source_file"; } > "$case_dir/proj/.proj.cpp.new"
    mv "$case_dir/proj/.proj.cpp.new" "$case_dir/proj/proj.cpp"
  else
    cp "$live/live_red.so" "$case_dir/scene.so.new" && mv "$case_dir/scene.so.new" "$case_dir/scene.so"
  fi
  if wait_line ": new version (t = 1.250 s)" 120; then cleared="cleared"; else cleared="NOT cleared"; fi
  kill -TERM "$pid" 2>/dev/null || true
  set +e
  wait "$pid"
  local status=$?
  set -e
  # The project's own files are the user's: only what Reel made elsewhere counts.
  rm -rf "$case_dir/proj" "$case_dir/scene.so"
  row "$kind" "$how" "$status" "$to_error" "$(leftovers); $alive after the save, $cleared by the next good one"
  [ -n "${VERBOSE:-}" ] && grep "error" "$log" | sed 's/^/    /' | head -3 || true
}

echo "reel: $reel   load: $(uptime | sed 's/.*load average: //')"
row kind command exit seconds leftovers
declare -A scene=([segv]=segv [hang]=compute_forever [throw_int]=throws_int [recurse]=recursion)
declare -A plugin=([segv]=test_crashes [hang]=test_hangs [throw_int]=test_crashes [recurse]=test_crashes)
for kind in segv hang throw_int recurse; do
  p="$hostile/${plugin[$kind]}.so"
  one_shot "$kind" export export "${scene[$kind]}" --plugin "$p" -q l -o "$work/$kind-export/out/out.mp4"
  one_shot "$kind" frame frame "${scene[$kind]}" --plugin "$p" --at 0.5 -o "$work/$kind-frame/out/f.png"
  one_shot "$kind" scenes scenes --plugin "$p"
  live_case "$kind" dev
  live_case "$kind" --watch
done
