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

/// A voice-like sound at espeak-ng's 22.05 kHz: a 140 Hz voice with its harmonics up to 10.5
/// kHz, rising and falling four times a second like syllables, mono.
inline std::vector<float> voice_at_22k(double seconds) {
    const int rate = 22050;
    std::vector<float> v(static_cast<std::size_t>(std::lround(seconds * rate)));
    for (std::size_t i = 0; i < v.size(); ++i) {
        const double t = static_cast<double>(i) / rate;
        double x = 0;
        for (int k = 1; 140.0 * k < 10500; ++k) x += 0.1 / k * std::sin(2 * std::numbers::pi * 140 * k * t + k);
        v[i] = static_cast<float>(x * (0.6 + 0.4 * std::sin(2 * std::numbers::pi * 4 * t)));
    }
    return v;
}

/// Music-like stereo at `rate`: a chord a second (three notes of up to 12 harmonics falling as
/// 1/k, below 16 kHz, decaying), a bass, and a noise hit every half second (40 ms decay), the
/// notes panned apart; peaks stay below 0.8.
inline std::vector<float> music(int rate, double seconds) {
    const auto frames = static_cast<std::size_t>(std::lround(seconds * rate));
    std::vector<float> out(frames * 2);
    const double chords[4][3] = {{261.6, 329.6, 392.0}, {220.0, 261.6, 329.6}, {174.6, 220.0, 261.6}, {196.0, 246.9, 293.7}};
    std::uint32_t noise = 19; // a fixed LCG: the same noise every time
    for (std::size_t i = 0; i < frames; ++i) {
        const double t = static_cast<double>(i) / rate;
        const auto bar = static_cast<std::size_t>(t) % 4;
        const double decay = std::exp(-2.5 * (t - std::floor(t)));
        double left = 0, right = 0;
        for (int n = 0; n < 3; ++n) {
            const double f = chords[bar][n];
            double v = 0;
            for (int k = 1; k <= 12 && f * k < 16000; ++k) v += std::sin(2 * std::numbers::pi * f * k * t + k) / k;
            left += v * (n == 0 ? 0.8 : n == 1 ? 0.5 : 0.2);
            right += v * (n == 0 ? 0.2 : n == 1 ? 0.5 : 0.8);
        }
        const double bass = std::sin(2 * std::numbers::pi * chords[bar][0] / 4 * t);
        noise = noise * 1664525u + 1013904223u;
        const double hit = (static_cast<double>(noise >> 8) / 8388608.0 - 1) * std::exp(-(t - std::floor(t * 2) / 2) / 0.04);
        out[i * 2] = static_cast<float>(0.08 * decay * left + 0.2 * bass + 0.12 * hit);
        out[i * 2 + 1] = static_cast<float>(0.08 * decay * right + 0.2 * bass + 0.08 * hit);
    }
    return out;
}

} // namespace reel::test
