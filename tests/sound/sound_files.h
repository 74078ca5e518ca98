// Test sounds: WAV files written sample by sample, other formats converted from them with the
// ffmpeg command, and the measurements the tests make on decoded samples.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

namespace reel::test {

namespace fs = std::filesystem;

/// A fresh folder for one test's files under the build's test output.
inline fs::path sound_dir(const std::string& name) {
    const fs::path dir = fs::path(REEL_TEST_OUTPUT_DIR) / "sound" / (name + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

/// Writes 16-bit PCM WAV: `samples` interleaved, `channels` per frame, each in [-1, 1].
/// `declared_frames` > 0 writes a header that promises that many frames (a truncated file).
inline void write_wav(const fs::path& path, int rate, int channels, const std::vector<float>& samples,
                      std::uint32_t declared_frames = 0) {
    std::ofstream out(path, std::ios::binary);
    auto u32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
    auto u16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
    const auto frames = static_cast<std::uint32_t>(samples.size() / static_cast<std::size_t>(channels));
    const std::uint32_t data = (declared_frames ? declared_frames : frames) * static_cast<std::uint32_t>(channels) * 2;
    out.write("RIFF", 4);
    u32(36 + data);
    out.write("WAVEfmt ", 8);
    u32(16);
    u16(1); // PCM
    u16(static_cast<std::uint16_t>(channels));
    u32(static_cast<std::uint32_t>(rate));
    u32(static_cast<std::uint32_t>(rate * channels * 2));
    u16(static_cast<std::uint16_t>(channels * 2));
    u16(16);
    out.write("data", 4);
    u32(data);
    for (float s : samples) {
        const long v = std::lround(std::clamp(s, -1.0f, 1.0f) * 32767.0f);
        u16(static_cast<std::uint16_t>(static_cast<std::int16_t>(v)));
    }
}

/// A sine of `freq` Hz and amplitude `amp`, `seconds` long, the same on every channel.
inline std::vector<float> sine(int rate, int channels, double freq, double amp, double seconds) {
    const auto frames = static_cast<std::size_t>(std::lround(seconds * rate));
    std::vector<float> out(frames * static_cast<std::size_t>(channels));
    for (std::size_t i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c)
            out[i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)] =
                static_cast<float>(amp * std::sin(2 * std::numbers::pi * freq * static_cast<double>(i) / rate));
    return out;
}

/// Converts `wav` with the ffmpeg command (`codec_args`: "-c:a flac"); throws when it fails.
inline fs::path convert(const fs::path& wav, const std::string& name, const std::string& codec_args) {
    const fs::path out = wav.parent_path() / name;
    const std::string cmd = "ffmpeg -nostdin -v error -y -i '" + wav.string() + "' " + codec_args + " '" + out.string() + "'";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("failed: " + cmd);
    return out;
}

/// The level of frequency `freq` in one channel of interleaved stereo (Goertzel, as the
/// amplitude of a sine): about `amp` for a sine of that frequency and amplitude.
inline double tone_level(const std::vector<float>& stereo, int channel, double freq, std::size_t from,
                         std::size_t count, int rate = 48000) {
    const double w = 2 * std::numbers::pi * freq / rate;
    double re = 0, im = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const double x = stereo[(from + i) * 2 + static_cast<std::size_t>(channel)];
        re += x * std::cos(w * static_cast<double>(i));
        im -= x * std::sin(w * static_cast<double>(i));
    }
    return 2 * std::hypot(re, im) / static_cast<double>(count);
}

} // namespace reel::test
