// libavcodec's AAC coders on an export's sound (issue 19, "done when" 4): build/bench_aac_coder
// [--runs 3] [--bitrates 192,128] [--coders twoloop,fast].
//
// Each signal is what the exporter would feed its AAC encoder (48 kHz stereo float, from the
// mixer): the narrated promo's whole mix (its four espeak-ng lines at 22.05 kHz, from the voice
// cache: set XDG_CACHE_HOME as for reel), a harmonic voice at 22.05 kHz (the one of
// export_audio_test), music-like sound made at 44.1 kHz and at 48 kHz (tests/sound/sound_files.h:
// chords with harmonics up to 16 kHz, a bass, noise hits, panned), and a 48 kHz tone pair (1 and
// 15 kHz) beside the promo's first line, and a loud 500 Hz tone (0.7) alone.
// Each is encoded with the export's own encoder settings (open_audio_encoder: its cutoff from
// the signal's bandwidth, as AudioSource::bandwidth gives it), once per coder and bit rate per
// run, the coders alternating. CPU: the process's CPU time around the encoding alone (the
// encoder is single-threaded), the median of the runs. Quality: the packets decoded by
// libavcodec's AAC decoder, its priming (initial_padding) dropped, against the signal: signal
// to error in dB over the whole signal, and the lag in [-64, 64] samples at which the error is
// least (0: aligned).
#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "export/audio_level.h"
#include "export/audio_stream.h"
#include "reel/reel.h"
#include "sound/decoder.h"
#include "sound/mixer.h"
#include "sound/sound_files.h"

namespace {

using namespace reel;
namespace fs = std::filesystem;

struct Signal {
    std::string name;
    std::vector<float> samples; // 48 kHz stereo, interleaved
    int bandwidth = 0;          // Hz, as AudioSource::bandwidth
};

double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The files mixed from their starts as the exporter mixes them.
std::vector<float> mix_files(const std::vector<fs::path>& files, std::int64_t frames) {
    std::vector<Sound> sounds;
    for (const fs::path& f : files) {
        Sound s;
        s.source = f.string();
        s.source_frames = sound::probe(s.source).frames;
        s.frames = std::min(s.source_frames, frames);
        sounds.push_back(s);
    }
    sound::Mixer mixer(sounds);
    return mixer.mix(0, frames);
}

std::vector<Signal> signals(const fs::path& dir) {
    std::vector<Signal> list;
    // The narrated promo's mix, as its export reads it.
    const Timeline tl = record_scene(*find_scene("transformer_narrated"));
    const auto length = static_cast<std::int64_t>(std::llround(tl.duration() * kSampleRate));
    AudioSource promo(tl, 0, length, std::nullopt);
    Signal p{"narrated promo mix", std::vector<float>(static_cast<std::size_t>(length) * 2), promo.bandwidth()};
    promo.read(0, length, p.samples.data());
    list.push_back(std::move(p));

    test::write_wav(dir / "voice.wav", 22050, 1, test::voice_at_22k(20));
    list.push_back({"harmonic voice 22.05 kHz", mix_files({dir / "voice.wav"}, 20 * kSampleRate), 11025});
    for (int rate : {44100, 48000}) {
        const fs::path f = dir / fmt::format("music{}.wav", rate);
        test::write_wav(f, rate, 2, test::music(rate, 20));
        list.push_back({fmt::format("music {:.1f} kHz", rate / 1000.0), mix_files({f}, 20 * kSampleRate), rate / 2});
    }
    // A loud pure tone: 500 Hz at 0.7 (export_audio_test's OverlappingSoundsNeverClip).
    test::write_wav(dir / "tone.wav", 48000, 2, test::sine(48000, 2, 500, 0.7, 20));
    list.push_back({"500 Hz tone at 0.7", mix_files({dir / "tone.wav"}, 20 * kSampleRate), 24000});
    // A 48 kHz file (1 kHz at 0.1 and 15 kHz at 0.05) beside the promo's first line.
    std::vector<float> tones = test::sine(48000, 2, 1000, 0.1, 20);
    const std::vector<float> high = test::sine(48000, 2, 15000, 0.05, 20);
    for (std::size_t i = 0; i < tones.size(); ++i) tones[i] += high[i];
    test::write_wav(dir / "tones.wav", 48000, 2, tones);
    list.push_back({"48 kHz tones + voice", mix_files({tl.sounds().at(0).source, dir / "tones.wav"}, 20 * kSampleRate),
                    24000});
    return list;
}

struct Result {
    double cpu = 0;
    std::size_t bytes = 0;
    double snr = 0;
    int lag = 0;
};

Result encode_and_compare(const Signal& s, const AacSettings& aac) {
    Result r;
    av::CodecContextPtr enc = open_audio_encoder(VideoFormat::Mp4, s.bandwidth, false, "bench", aac);
    AVCodecContext& c = *enc;
    const auto frames = static_cast<std::int64_t>(s.samples.size() / 2);
    av::FramePtr frame(av_frame_alloc());
    av::PacketPtr packet(av_packet_alloc());
    std::vector<std::vector<std::uint8_t>> packets;
    auto drain = [&] {
        while (avcodec_receive_packet(&c, packet.get()) == 0) {
            packets.emplace_back(packet->data, packet->data + packet->size);
            r.bytes += static_cast<std::size_t>(packet->size);
            av_packet_unref(packet.get());
        }
    };
    const double start = cpu_seconds();
    for (std::int64_t at = 0; at < frames; at += c.frame_size) {
        const std::int64_t n = std::min<std::int64_t>(c.frame_size, frames - at);
        av_frame_unref(frame.get());
        frame->nb_samples = static_cast<int>(n);
        frame->format = c.sample_fmt;
        frame->sample_rate = c.sample_rate;
        av_channel_layout_copy(&frame->ch_layout, &c.ch_layout);
        if (av_frame_get_buffer(frame.get(), 0) < 0) throw std::bad_alloc();
        auto* left = reinterpret_cast<float*>(frame->data[0]);
        auto* right = reinterpret_cast<float*>(frame->data[1]);
        for (std::int64_t k = 0; k < n; ++k) {
            left[k] = s.samples[static_cast<std::size_t>(at + k) * 2];
            right[k] = s.samples[static_cast<std::size_t>(at + k) * 2 + 1];
        }
        frame->pts = at;
        if (avcodec_send_frame(&c, frame.get()) < 0) throw std::runtime_error("encoding failed");
        drain();
    }
    avcodec_send_frame(&c, nullptr);
    drain();
    r.cpu = cpu_seconds() - start;

    // Decode, drop the priming, compare.
    const AVCodec* decoder = avcodec_find_decoder(AV_CODEC_ID_AAC);
    av::CodecContextPtr dec(avcodec_alloc_context3(decoder));
    dec->sample_rate = kSampleRate;
    av_channel_layout_copy(&dec->ch_layout, &c.ch_layout);
    dec->extradata = static_cast<std::uint8_t*>(av_mallocz(static_cast<std::size_t>(c.extradata_size) + AV_INPUT_BUFFER_PADDING_SIZE));
    std::copy_n(c.extradata, c.extradata_size, dec->extradata);
    dec->extradata_size = c.extradata_size;
    if (avcodec_open2(dec.get(), decoder, nullptr) < 0) throw std::runtime_error("no AAC decoder");
    std::vector<float> out;
    av::FramePtr got(av_frame_alloc());
    auto take = [&] {
        while (avcodec_receive_frame(dec.get(), got.get()) == 0) {
            for (int k = 0; k < got->nb_samples; ++k) {
                out.push_back(reinterpret_cast<const float*>(got->data[0])[k]);
                out.push_back(reinterpret_cast<const float*>(got->data[1])[k]);
            }
            av_frame_unref(got.get());
        }
    };
    for (auto& bytes : packets) {
        packet->data = bytes.data();
        packet->size = static_cast<int>(bytes.size());
        if (avcodec_send_packet(dec.get(), packet.get()) < 0) throw std::runtime_error("decoding failed");
        take();
    }
    packet->data = nullptr;
    packet->size = 0;
    avcodec_send_packet(dec.get(), nullptr);
    take();
    const auto skip = static_cast<std::int64_t>(c.initial_padding);
    auto error_at = [&](int lag, double& signal) {
        double error = 0;
        signal = 0;
        for (std::int64_t i = 64; i + 64 < frames; ++i) {
            const auto d = static_cast<std::size_t>(i + skip + lag) * 2;
            if (d + 1 >= out.size()) break;
            for (int ch = 0; ch < 2; ++ch) {
                const double ref = s.samples[static_cast<std::size_t>(i) * 2 + static_cast<std::size_t>(ch)];
                const double e = out[d + static_cast<std::size_t>(ch)] - ref;
                signal += ref * ref;
                error += e * e;
            }
        }
        return error;
    };
    double signal = 0, best = HUGE_VAL;
    for (int lag = -64; lag <= 64; ++lag) {
        double sig = 0;
        const double e = error_at(lag, sig);
        if (e < best) {
            best = e;
            r.lag = lag;
        }
    }
    const double e0 = error_at(0, signal);
    r.snr = 10 * std::log10(signal / e0);
    return r;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) out.push_back(item);
    return out;
}

} // namespace

int main(int argc, char** argv) {
    int runs = 3;
    std::vector<std::string> bitrates = {"192"}, coders = {"twoloop", "fast"};
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--bitrates") bitrates = split(argv[i + 1]);
        else if (a == "--coders") coders = split(argv[i + 1]);
        else {
            std::fprintf(stderr, "usage: bench_aac_coder [--runs N] [--bitrates 192,128] [--coders twoloop,fast]\n");
            return 2;
        }
    }
    const fs::path dir = fs::temp_directory_path() / fmt::format("reel_bench_aac_{}", ::getpid());
    fs::create_directories(dir);
    try {
        const std::vector<Signal> list = signals(dir);
        std::printf("%-26s %-8s %5s %9s %9s %8s %7s %4s\n", "signal", "coder", "kb/s", "seconds", "CPU s", "x real",
                    "SNR dB", "lag");
        for (const Signal& s : list) {
            const double seconds = static_cast<double>(s.samples.size() / 2) / kSampleRate;
            for (const std::string& rate : bitrates) {
                std::vector<std::vector<Result>> per(coders.size());
                for (int run = 0; run < runs; ++run)
                    for (std::size_t k = 0; k < coders.size(); ++k)
                        per[k].push_back(encode_and_compare(s, {coders[k].c_str(), std::stoll(rate) * 1000}));
                for (std::size_t k = 0; k < coders.size(); ++k) {
                    std::vector<double> cpu;
                    for (const Result& r : per[k]) cpu.push_back(r.cpu);
                    std::sort(cpu.begin(), cpu.end());
                    const Result& r = per[k].front();
                    std::printf("%-26s %-8s %5s %9.1f %9.3f %8.0f %7.2f %4d   (cutoff %d Hz, %zu bytes)\n", s.name.c_str(),
                                coders[k].c_str(), rate.c_str(), seconds, cpu[cpu.size() / 2],
                                seconds / cpu[cpu.size() / 2], r.snr, r.lag, aac_cutoff(s.bandwidth), r.bytes);
                }
            }
        }
        std::printf("load %.2f\n", [] {
            double l = 0;
            if (FILE* f = std::fopen("/proc/loadavg", "r")) {
                if (std::fscanf(f, "%lf", &l) != 1) l = 0;
                std::fclose(f);
            }
            return l;
        }());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_aac_coder: %s\n", e.what());
        fs::remove_all(dir);
        return 1;
    }
    fs::remove_all(dir);
    return 0;
}
