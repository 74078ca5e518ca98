#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages), configures and builds Reel into build/.
#   scripts/setup.sh            install + build what running needs (Release: build/reel,
#                               build/lib/libreel.so and the scene plug-ins in build/lib/reel/scenes;
#                               no tests, no test-only packages)
#   scripts/setup.sh --test     also the test packages, every target, and the whole test suite
#                               (also under ASan/UBSan)
# Warnings do not stop a build here; REEL_WERROR=ON in the environment makes them errors (CI does).
set -euo pipefail
cd "$(dirname "$0")/.."

run_tests=0
for arg in "$@"; do
  case "$arg" in
    --test) run_tests=1 ;;
    *) echo "setup: unknown option '$arg' (use --test)" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  libcairo2-dev libpango1.0-dev libfontconfig-dev libfreetype-dev libharfbuzz-dev
  libpng-dev libjpeg-dev libpolyclipping-dev
  libsdl2-dev
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev
  libebur128-dev libespeak-ng-dev
  libcli11-dev libfmt-dev nlohmann-json3-dev
  mold # reel dev links scene plug-ins with it (a fifth of GNU ld's time; cmake/ReelAddScene.cmake)
)
if ((run_tests)); then
  packages+=(libgtest-dev libgmock-dev libbenchmark-dev xvfb xauth x11-utils ffmpeg parallel poppler-utils
    espeak-ng) # the espeak-ng command: a test speaks through it as a speech command of a scene's own
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

jobs="$(nproc)"
# ccache keys on paths relative to the clone, so a fresh clone anywhere (CI's empty temporary
# folder) reuses what an earlier build compiled; the compile folder is left out of the key too
# (the sanitizer build's debug information would otherwise tie it to one folder).
# The scene plug-ins' precompiled headers are cached only with these sloppiness settings (a
# fresh clone's files are all "just modified", which ccache otherwise declines to trust).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
werror="${REEL_WERROR:-OFF}"
if ((run_tests)); then
  cmake --preset release -DREEL_BUILD_TESTS=ON -DREEL_WERROR="$werror" >/dev/null
  cmake --build --preset release -j"$jobs"
  ctest --preset release -j"$jobs"
  cmake --preset asan-ubsan -DREEL_BUILD_TESTS=ON -DREEL_WERROR="$werror" >/dev/null
  cmake --build --preset asan-ubsan -j"$jobs"
  ctest --preset asan-ubsan -j"$jobs"
else
  # Only what `build/reel` needs: the engine, the command and the scene plug-ins it opens (building
  # reel builds them); no tests.
  cmake --preset release -DREEL_BUILD_TESTS=OFF -DREEL_WERROR="$werror" >/dev/null
  cmake --build --preset release -j"$jobs" --target reel
fi
