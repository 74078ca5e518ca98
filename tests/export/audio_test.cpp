// The sound of an export: AAC in MP4, Opus in WebM, on time to the sample after the decoder
// skips the priming, as long as the video, levelled (--loudness), never clipping, and the same
// whether exported whole or in parts joined. Files are decoded by ffmpeg / ffprobe, as a player.
#include <gtest/gtest.h>

#include <ebur128.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <numbers>
#include <string>
#include <vector>

#include "export/audio_level.h"
#include "export/audio_stream.h"
#include "export/export.h"
#include "reel/reel.h"
#include <fmt/format.h>
#include "sound/decoder.h"
#include "sound/sound_files.h"
#include "support/run_reel.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

// A timeline recorded from `body` under a name of its own.
Timeline record(const std::string& name, std::function<void(Scene&)> body) {
    register_scene({name, "audio test scene", [body](Scene& s) { body(s); }});
    return record_scene(*find_scene(name));
}

// 2 ms of a 3 kHz tone under a Hann window, at 0.8.
std::vector<float> click_wave() {
    std::vector<float> c(96);
    for (std::size_t i = 0; i < c.size(); ++i)
        c[i] = static_cast<float>(0.8 * std::sin(2 * std::numbers::pi * 3000 * static_cast<double>(i) / 48000) *
                                  0.5 * (1 - std::cos(2 * std::numbers::pi * static_cast<double>(i) / 95)));
    return c;
}

std::string click_file(const fs::path& dir) {
    std::vector<float> stereo;
    for (float v : click_wave()) stereo.insert(stereo.end(), {v, v});
    test::write_wav(dir / "click.wav", 48000, 2, stereo);
    return (dir / "click.wav").string();
}

ExportOptions options(const fs::path& out, int fps = 30) {
    ExportOptions o;
    o.output = out.string();
    o.width = 160;
    o.height = 90;
    o.fps = fps;
    o.preset = "ultrafast";
    o.workers = 2;
    return o;
}

// What ffprobe says of the first audio stream ("" values when there is none).
std::map<std::string, std::string> audio_stream(const fs::path& file) {
    std::map<std::string, std::string> m;
    std::string out = reel::test::shell_output("ffprobe -v error -select_streams a -show_entries "
                            "stream=codec_name,profile,sample_rate,channels,duration -of default=nw=1 '" +
                            file.string() + "'");
    for (std::size_t at = 0; at < out.size();) {
        std::size_t end = out.find('\n', at);
        std::string line = out.substr(at, end - at);
        if (auto eq = line.find('='); eq != std::string::npos) m[line.substr(0, eq)] = line.substr(eq + 1);
        at = end == std::string::npos ? out.size() : end + 1;
    }
    return m;
}

double video_duration(const fs::path& file) {
    return std::stod(reel::test::shell_output("ffprobe -v error -select_streams v -show_entries stream=duration -of csv=p=0 '" +
                           file.string() + "'"));
}

// The decoded sound (interleaved stereo) and the time of its first sample.
struct Decoded {
    double start = 0;
    std::vector<float> samples;
    std::size_t frames() const { return samples.size() / 2; }
};

Decoded decode(const fs::path& file) {
    Decoded d;
    std::string first = reel::test::shell_output("ffprobe -v error -select_streams a -show_frames -show_entries frame=pts_time -of "
                              "csv=p=0 '" + file.string() + "' | head -1");
    d.start = first.empty() ? -1 : std::stod(first);
    std::string raw = reel::test::shell_output("ffmpeg -v error -i '" + file.string() + "' -map 0:a -f f32le -ac 2 -");
    d.samples.resize(raw.size() / sizeof(float));
    std::memcpy(d.samples.data(), raw.data(), d.samples.size() * sizeof(float));
    return d;
}

// The sample where the click starts: the peak of the cross-correlation with it, within 50 ms
// of `expected`.
long click_onset(const Decoded& d, long expected) {
    const std::vector<float> c = click_wave();
    long best = -1;
    double best_value = -1;
    for (long at = std::max(0L, expected - 2400); at < expected + 2400; ++at) {
        if (static_cast<std::size_t>(at) + c.size() > d.frames()) break;
        double v = 0;
        for (std::size_t k = 0; k < c.size(); ++k)
            v += c[k] * (d.samples[(static_cast<std::size_t>(at) + k) * 2] + d.samples[(static_cast<std::size_t>(at) + k) * 2 + 1]);
        if (v > best_value) {
            best_value = v;
            best = at;
        }
    }
    return best;
}

double peak(const Decoded& d) {
    double p = 0;
    for (float s : d.samples) p = std::max(p, static_cast<double>(std::abs(s)));
    return p;
}

// Loudness (LUFS) and true peak (dBTP) of decoded sound, by libebur128.
std::pair<double, double> loudness_of(const Decoded& d) {
    ebur128_state* st = ebur128_init(2, 48000, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
    ebur128_add_frames_float(st, d.samples.data(), d.frames());
    double lufs = 0, tp_left = 0, tp_right = 0;
    ebur128_loudness_global(st, &lufs);
    ebur128_true_peak(st, 0, &tp_left);
    ebur128_true_peak(st, 1, &tp_right);
    ebur128_destroy(&st);
    return {lufs, 20 * std::log10(std::max(tp_left, tp_right))};
}

TEST(ExportAudio, Mp4CarriesAacLc48kStereoExactlyAsLongAsItsVideo) {
    const fs::path dir = test::sound_dir("mp4_stream");
    const std::string click = click_file(dir);
    Timeline tl = record("audio_mp4_stream", [&](Scene& s) {
        s.add(Square());
        s.add_sound(click);
        s.wait(2.5);
    });
    // 29.97 fps: frames and samples do not line up, the durations still agree.
    ExportOptions o = options(dir / "a.mp4");
    o.fps = 30000;
    o.fps_den = 1001;
    ExportResult r = export_video(tl, o);
    EXPECT_TRUE(r.audio);
    auto a = audio_stream(dir / "a.mp4");
    EXPECT_EQ(a["codec_name"], "aac");
    EXPECT_EQ(a["profile"], "LC");
    EXPECT_EQ(a["sample_rate"], "48000");
    EXPECT_EQ(a["channels"], "2");
    ASSERT_FALSE(a["duration"].empty());
    EXPECT_NEAR(std::stod(a["duration"]), video_duration(dir / "a.mp4"), 1.0 / 48000);
    EXPECT_NEAR(std::stod(a["duration"]), r.duration, 1.0 / 48000);
    // The decoder skips the priming: the sound starts at 0.
    EXPECT_DOUBLE_EQ(decode(dir / "a.mp4").start, 0.0);
}

TEST(ExportAudio, WebmCarriesOpus48kStereoOfTheVideosLengthToTheSample) {
    const fs::path dir = test::sound_dir("webm_stream");
    const std::string click = click_file(dir);
    Timeline tl = record("audio_webm_stream", [&](Scene& s) {
        s.add(Square());
        s.add_sound(click);
        s.wait(2.0);
    });
    export_video(tl, options(dir / "a.webm"));
    auto a = audio_stream(dir / "a.webm");
    EXPECT_EQ(a["codec_name"], "opus");
    EXPECT_EQ(a["sample_rate"], "48000");
    EXPECT_EQ(a["channels"], "2");
    // WebM says what to skip at both ends (CodecDelay, DiscardPadding): exactly 2 s decode.
    Decoded d = decode(dir / "a.webm");
    EXPECT_DOUBLE_EQ(d.start, 0.0);
    EXPECT_EQ(d.frames(), 96000u);
}

// The click starts with the frame it was added at, in the decoded file within 1 ms (48 samples):
// without the priming compensated it would come 21 ms (AAC) or 7 ms (Opus) late.
TEST(ExportAudio, AClickDecodesAtItsTimeWithinAMillisecond) {
    const fs::path dir = test::sound_dir("click_time");
    const std::string click = click_file(dir);
    Timeline tl = record("audio_click_time", [&](Scene& s) {
        s.add(Square());
        s.wait(0.75);
        s.add_sound(click);
        s.wait(0.5);
        s.add_sound(click, {.time_offset = 0.25});
        s.wait(1.0);
    });
    for (const char* ext : {"mp4", "webm"})
        for (int fps : {24, 60}) {
            SCOPED_TRACE(fmt::format("{} at {} fps", ext, fps));
            const fs::path file = dir / fmt::format("a{}.{}", fps, ext);
            export_video(tl, options(file, fps));
            Decoded d = decode(file);
            ASSERT_GT(d.frames(), 0u);
            for (double t : {0.75, 1.5}) {
                const long expected = std::lround((t - d.start) * 48000);
                EXPECT_LE(std::abs(click_onset(d, expected) - expected), 48) << "click at " << t << " s";
            }
        }
}

TEST(ExportAudio, AudioNoneAndASilentSceneWriteNoAudioStream) {
    const fs::path dir = test::sound_dir("no_stream");
    const std::string click = click_file(dir);
    Timeline with_sound = record("audio_no_stream", [&](Scene& s) {
        s.add(Square());
        s.add_sound(click);
        s.wait(1.0);
    });
    Timeline silent = record("audio_silent", [&](Scene& s) {
        s.add(Square());
        s.wait(1.0);
    });
    for (const char* ext : {"mp4", "webm"}) {
        ExportOptions o = options(dir / fmt::format("none.{}", ext));
        o.audio = false;
        EXPECT_FALSE(export_video(with_sound, o).audio);
        EXPECT_TRUE(audio_stream(o.output).empty()) << o.output;
        o = options(dir / fmt::format("silent.{}", ext));
        EXPECT_FALSE(export_video(silent, o).audio);
        EXPECT_TRUE(audio_stream(o.output).empty()) << o.output;
        o = options(dir / fmt::format("with.{}", ext));
        EXPECT_TRUE(export_video(with_sound, o).audio);
        EXPECT_FALSE(audio_stream(o.output).empty()) << o.output;
    }
}

// A quiet tone with loud bursts over it: brought to -16 LUFS, the bursts' peaks limited.
TEST(ExportAudio, LoudnessReachesItsTargetWithTruePeaksAtMostMinusOneDbtp) {
    const fs::path dir = test::sound_dir("loudness");
    test::write_wav(dir / "tone.wav", 44100, 1, test::sine(44100, 1, 440, 0.06, 4.0));
    test::write_wav(dir / "burst.wav", 48000, 2, test::sine(48000, 2, 1000, 0.9, 0.05));
    Timeline tl = record("audio_loudness", [&](Scene& s) {
        s.add(Square());
        s.add_sound((dir / "tone.wav").string());
        s.wait(1.0);
        s.add_sound((dir / "burst.wav").string());
        s.wait(2.0);
        s.add_sound((dir / "burst.wav").string());
        s.wait(1.0);
    });
    for (const char* ext : {"mp4", "webm"}) {
        SCOPED_TRACE(ext);
        ExportOptions o = options(dir / fmt::format("a.{}", ext));
        o.loudness = -16;
        ExportResult r = export_video(tl, o);
        EXPECT_GT(r.audio_gain_db, 3); // the tone (about -25 LUFS) is far below -16 LUFS
        EXPECT_GT(r.limited_seconds, 0); // and the gain would push the bursts over 0 dBFS
        auto [lufs, tp] = loudness_of(decode(o.output));
        EXPECT_NEAR(lufs, -16.0, 0.5);
        EXPECT_LE(tp, -1.0);
    }
}

// Two sounds at 0.7 overlapping sum to 1.4: the mix is lowered where they overlap, not clipped,
// and a sound alone keeps its level.
TEST(ExportAudio, OverlappingSoundsNeverClip) {
    const fs::path dir = test::sound_dir("no_clip");
    test::write_wav(dir / "tone.wav", 48000, 2, test::sine(48000, 2, 500, 0.7, 1.0));
    Timeline tl = record("audio_no_clip", [&](Scene& s) {
        s.add(Square());
        s.add_sound((dir / "tone.wav").string());
        s.wait(0.5);
        s.add_sound((dir / "tone.wav").string());
        s.wait(1.5);
    });
    ExportResult r = export_video(tl, options(dir / "a.mp4"));
    EXPECT_GT(r.limited_seconds, 0);
    Decoded d = decode(dir / "a.mp4");
    EXPECT_LT(peak(d), 0.95);
    // The first 0.4 s: the tone alone, at its own level.
    EXPECT_NEAR(test::tone_level(d.samples, 0, 500, 2400, 9600), 0.7, 0.02);
    // Where they overlap (0.6 s to 0.9 s), louder than one but under full scale.
    const double both = test::tone_level(d.samples, 0, 500, 28800, 14400);
    EXPECT_GT(both, 0.8);
    EXPECT_LT(both, 0.95);
}

// Four parts joined decode to exactly the samples of one export: each part encodes the sound
// from the start of the range and keeps its own packets, so no priming, gap or step sits at a
// part boundary.
TEST(ExportAudio, FourPartsJoinedDecodeToTheSamplesOfOneExport) {
    const fs::path dir = test::sound_dir("parts");
    const std::string click = click_file(dir);
    test::write_wav(dir / "bed.wav", 48000, 2, test::sine(48000, 2, 330, 0.3, 3.0));
    Timeline tl = record("audio_parts", [&](Scene& s) {
        auto sq = Square();
        s.add_sound((dir / "bed.wav").string());
        s.play(FadeIn(sq, {.run_time = 1.0}));
        s.add_sound(click);
        s.wait(1.0);
        s.add_sound(click, {.time_offset = 0.4});
        s.wait(1.0);
    });
    for (const char* ext : {"mp4", "webm"}) {
        SCOPED_TRACE(ext);
        const fs::path whole = dir / fmt::format("whole.{}", ext);
        export_video(tl, options(whole));
        std::vector<std::string> parts;
        for (int k = 0; k < 4; ++k) {
            ExportOptions o = options(dir / fmt::format("part{}.{}", k, ext));
            o.part = k;
            o.parts = 4;
            export_video(tl, o);
            parts.push_back(o.output);
            // Each part carries exactly its samples: (MP4) its sound stream is as long as its
            // pictures.
            if (std::string(ext) == "mp4") {
                EXPECT_NEAR(std::stod(audio_stream(o.output)["duration"]), video_duration(o.output), 1.0 / 48000);
            }
        }
        const fs::path joined = dir / fmt::format("joined.{}", ext);
        join_parts({parts[2], parts[0], parts[3], parts[1]}, joined.string());
        Decoded a = decode(whole), b = decode(joined);
        EXPECT_EQ(a.start, b.start);
        ASSERT_EQ(a.samples.size(), b.samples.size());
        std::size_t differing = 0;
        for (std::size_t i = 0; i < a.samples.size(); ++i) differing += a.samples[i] != b.samples[i];
        EXPECT_EQ(differing, 0u);
        EXPECT_GT(peak(a), 0.25);
    }
}

// The cutoff of the AAC encoder is the mix's bandwidth: half the highest rate among the sounds
// that play in the export (a voice at 22.05 kHz holds nothing above 11025 Hz), unless that
// reaches what the encoder codes by itself at 192 kb/s.
TEST(ExportAudio, AacCutoffIsTheBandwidthOfTheSoundsInTheExport) {
    EXPECT_EQ(aac_cutoff(0), 0); // no sound
    EXPECT_EQ(aac_cutoff(11025), 11025);
    EXPECT_EQ(aac_cutoff(16000), 16000);
    EXPECT_EQ(aac_cutoff(kAacDefaultCutoff), 0);
    EXPECT_EQ(aac_cutoff(22050), 0);
    EXPECT_EQ(aac_cutoff(24000), 0);

    const fs::path dir = test::sound_dir("cutoff");
    test::write_wav(dir / "voice.wav", 22050, 1, test::voice_at_22k(1.0));
    test::write_wav(dir / "music.wav", 44100, 2, test::sine(44100, 2, 440, 0.3, 1.0));
    const std::string click = click_file(dir); // 48 kHz
    Timeline voice = record("audio_cutoff_voice", [&](Scene& s) {
        s.add(Square());
        s.add_sound((dir / "voice.wav").string());
        s.wait(1);
        s.add_sound((dir / "voice.wav").string());
        s.wait(2);
    });
    EXPECT_EQ(voice.sounds().at(0).source_rate, 22050);
    AudioSource voice_only(voice, 0, 3 * kSampleRate, std::nullopt);
    EXPECT_EQ(voice_only.bandwidth(), 11025);
    EXPECT_EQ(aac_cutoff(voice_only.bandwidth()), 11025);
    // The rate is the one recorded in the Sound: the export does not open the files again for it
    // (a file rewritten at 48 kHz since, with as many 48 kHz frames, keeps the recorded one).
    const fs::path rewritten = dir / "rewritten.wav";
    test::write_wav(rewritten, 22050, 1, test::voice_at_22k(1.0));
    Timeline before = record("audio_cutoff_rewritten", [&](Scene& s) {
        s.add(Square());
        s.add_sound(rewritten.string());
        s.wait(1);
    });
    test::write_wav(rewritten, 48000, 1, test::sine(48000, 1, 440, 0.3, 1.0));
    EXPECT_EQ(AudioSource(before, 0, kSampleRate, std::nullopt).bandwidth(), 11025);
    // A click at 48 kHz (its 2 ms hold high frequencies) or music at 44.1 kHz: the default.
    Timeline clicked = record("audio_cutoff_click", [&](Scene& s) {
        s.add(Square());
        s.add_sound((dir / "voice.wav").string());
        s.wait(2);
        s.add_sound(click);
        s.wait(1);
    });
    AudioSource with_click(clicked, 0, 3 * kSampleRate, std::nullopt);
    EXPECT_EQ(with_click.bandwidth(), 24000);
    EXPECT_EQ(aac_cutoff(with_click.bandwidth()), 0);
    // Only what plays in the range counts: the part before the click is a voice alone.
    EXPECT_EQ(AudioSource(clicked, 0, 2 * kSampleRate, std::nullopt).bandwidth(), 11025);
    Timeline music = record("audio_cutoff_music", [&](Scene& s) {
        s.add(Square());
        s.add_music((dir / "music.wav").string());
        s.add_sound((dir / "voice.wav").string());
        s.wait(1);
    });
    EXPECT_EQ(AudioSource(music, 0, kSampleRate, std::nullopt).bandwidth(), 22050);
    EXPECT_EQ(aac_cutoff(22050), 0);
}

// Signal to error in dB of an export's decoded sound against a file as the mixer reads it (at
// 48 kHz), over its first `frames` frames.
double signal_to_error(const fs::path& exported, const fs::path& source_file, std::size_t frames) {
    const Decoded d = decode(exported);
    EXPECT_GE(d.frames(), frames);
    if (d.frames() < frames) return 0;
    sound::Reader source(source_file.string());
    std::vector<float> ref(2 * frames);
    EXPECT_EQ(source.read(ref.data(), frames), frames);
    double signal = 0, error = 0;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        signal += static_cast<double>(ref[i]) * ref[i];
        error += (static_cast<double>(d.samples[i]) - ref[i]) * (static_cast<double>(d.samples[i]) - ref[i]);
    }
    return 10 * std::log10(signal / error);
}

// An MP4's AAC encoder runs libavcodec's "twoloop" coder (kAacCoder; docs/sound.md has the
// measurements), read back from the opened encoder's own options: an encoder that went on with
// another coder (an FFmpeg whose default changed) fails here; a coder it does not have fails
// the export. (Its "fast" coder fails OverlappingSoundsNeverClip: the tone decodes at 0.59.)
TEST(ExportAudio, TheAacEncoderRunsTheTwoloopCoderAt192kbps) {
    av::CodecContextPtr c = open_audio_encoder(VideoFormat::Mp4, 11025, false, "twoloop.mp4");
    ASSERT_EQ(std::string(c->codec->name), "aac");
    const AVOption* option = av_opt_find(c->priv_data, "aac_coder", nullptr, 0, 0);
    ASSERT_NE(option, nullptr);
    int twoloop = -1, fast = -1;
    ASSERT_GE(av_opt_eval_int(c->priv_data, option, "twoloop", &twoloop), 0);
    ASSERT_GE(av_opt_eval_int(c->priv_data, option, "fast", &fast), 0);
    ASSERT_NE(twoloop, fast);
    std::int64_t coder = -1;
    ASSERT_GE(av_opt_get_int(c->priv_data, "aac_coder", 0, &coder), 0);
    EXPECT_EQ(coder, twoloop);
    // The settings reach the encoder: asked for the fast coder, it runs that one.
    av::CodecContextPtr other = open_audio_encoder(VideoFormat::Mp4, 11025, false, "fast.mp4", {.coder = "fast"});
    ASSERT_GE(av_opt_get_int(other->priv_data, "aac_coder", 0, &coder), 0);
    EXPECT_EQ(coder, fast);
    EXPECT_EQ(c->bit_rate, 192000);
    EXPECT_EQ(c->cutoff, 11025);
    EXPECT_EQ(c->sample_rate, 48000);
    EXPECT_EQ(c->ch_layout.nb_channels, 2);
    try {
        open_audio_encoder(VideoFormat::Mp4, 0, false, "x.mp4", {.coder = "no_such_coder"});
        ADD_FAILURE() << "an unknown coder opened";
    } catch (const ExportError& e) {
        EXPECT_NE(std::string(e.what()).find("'x.mp4': opening the aac encoder failed"), std::string::npos) << e.what();
    }
}

// The voice through an MP4 with that cutoff decodes to the voice: the same samples as the file
// read (resampled to 48 kHz) by the mixer, closer than without it (36.9 dB signal to error
// against 28.6 dB with the encoder's own 18 kHz: the bits went to coding empty bands); and a
// 48 kHz sound beside it keeps its 15 kHz.
TEST(ExportAudio, AVoiceAt22kHzDecodesAsItsSourceAndA48kHzSoundBesideItKeepsItsTop) {
    const fs::path dir = test::sound_dir("voice22k");
    test::write_wav(dir / "voice.wav", 22050, 1, test::voice_at_22k(3.0));
    Timeline tl = record("audio_voice22k", [&](Scene& s) {
        s.add(Square());
        s.add_sound((dir / "voice.wav").string());
        s.wait(3);
    });
    export_video(tl, options(dir / "a.mp4"));
    const double snr = signal_to_error(dir / "a.mp4", dir / "voice.wav", 3 * 48000);
    std::printf("the voice at 22.05 kHz through AAC: %.1f dB signal to error\n", snr);
    EXPECT_GT(snr, 33) << "signal to error ratio " << snr << " dB";

    test::write_wav(dir / "high.wav", 48000, 2, test::sine(48000, 2, 15000, 0.2, 3.0));
    Timeline both = record("audio_voice22k_high", [&](Scene& s) {
        s.add(Square());
        s.add_sound((dir / "voice.wav").string());
        s.add_sound((dir / "high.wav").string());
        s.wait(3);
    });
    export_video(both, options(dir / "b.mp4"));
    const Decoded b = decode(dir / "b.mp4");
    EXPECT_NEAR(test::tone_level(b.samples, 0, 15000, 48000, 48000), 0.2, 0.02);
}


// Music at 44.1 and 48 kHz (chords, a bass, noise hits, panned) through an MP4 at the encoder's
// own cutoff decodes close to its source (twoloop: 27.6 and 26.7 dB signal to error in
// bench_aac_coder; its fast coder about 1 dB less).
TEST(ExportAudio, MusicDecodesCloseToItsSource) {
    const fs::path dir = test::sound_dir("music");
    for (int rate : {44100, 48000}) {
        const fs::path wav = dir / fmt::format("music{}.wav", rate);
        test::write_wav(wav, rate, 2, test::music(rate, 3.0));
        Timeline tl = record(fmt::format("audio_music{}", rate), [&](Scene& s) {
            s.add(Square());
            s.add_sound(wav.string());
            s.wait(3);
        });
        const fs::path out = dir / fmt::format("music{}.mp4", rate);
        export_video(tl, options(out));
        const double snr = signal_to_error(out, wav, 3 * 48000);
        std::printf("music at %d Hz through AAC: %.1f dB signal to error\n", rate, snr);
        EXPECT_GT(snr, 24) << rate << " Hz: signal to error ratio " << snr << " dB";
    }
}

TEST(ExportAudio, ASoundThatNoLongerDecodesFailsNamingItAndLeavesTheOutput) {
    const fs::path dir = test::sound_dir("broken_later");
    test::write_wav(dir / "tone.wav", 48000, 2, test::sine(48000, 2, 500, 0.5, 1.0));
    Timeline tl = record("audio_broken_later", [&](Scene& s) {
        s.add(Square());
        s.add_sound((dir / "tone.wav").string());
        s.wait(1.0);
    });
    { std::ofstream(dir / "tone.wav", std::ios::trunc) << "not a sound any more"; }
    { std::ofstream(dir / "a.mp4") << "old"; }
    std::string error;
    try {
        export_video(tl, options(dir / "a.mp4"));
    } catch (const ExportError& e) {
        error = e.what();
    }
    EXPECT_NE(error.find((dir / "tone.wav").string()), std::string::npos) << error;
    std::ifstream in(dir / "a.mp4");
    std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(kept, "old");
}

// The export command: a GIF says once that it drops the sound; a sound running past the end
// of the scene is cut there, with a note.
TEST(ExportAudioCli, AGifSaysOnceThatItDropsTheSoundAndACutSoundIsNoted) {
    const fs::path dir = test::sound_dir("cli");
    const std::string click = click_file(dir);
    test::write_wav(dir / "bed.wav", 48000, 2, test::sine(48000, 2, 330, 0.3, 3.0));
    const std::string env = "REEL_SYNC_CLICK='" + click + "' REEL_SYNC_TIMES=0.5,1 REEL_SYNC_LENGTH=2 REEL_SYNC_BED='" +
                            (dir / "bed.wav").string() + "' ";
    const std::string reel = std::string(REEL_BINARY) + " export --plugin '" + REEL_TEST_SYNC_PLUGIN + "' sound_sync ";
    std::string gif = reel::test::shell_output(env + reel + "-o '" + (dir / "a.gif").string() + "' 2>&1");
    std::size_t notes = 0;
    for (std::size_t at = 0; (at = gif.find("a GIF has no sound", at)) != std::string::npos; ++at) ++notes;
    EXPECT_EQ(notes, 1u) << gif;
    EXPECT_NE(gif.find("3 sounds are left out"), std::string::npos) << gif;
    std::string mp4 = reel::test::shell_output(env + reel + "-q l -o '" + (dir / "a.mp4").string() + "' 2>&1");
    EXPECT_NE(mp4.find("sound '" + (dir / "bed.wav").string() + "' runs 1.000 s past the end of the scene (2.000 s) "
                       "and is cut there"),
              std::string::npos)
        << mp4;
    EXPECT_NE(mp4.find("sound: AAC-LC 48 kHz stereo"), std::string::npos) << mp4;
    EXPECT_NEAR(std::stod(audio_stream(dir / "a.mp4")["duration"]), 2.0, 1.0 / 48000);
}

} // namespace
} // namespace reel
