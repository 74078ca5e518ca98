// The audio stream of an export beside its video: AAC-LC (libavcodec's own encoder) in MP4,
// Opus (libopus) in WebM, 48 kHz stereo, on the same muxer as the video (export internals).
//
// Timing. A file's sound starts with the encoder's priming (AAC 1024 samples, Opus 312, made 336
// here so that it is a whole millisecond, as Matroska's timestamps are): packets carry
// timestamps from minus the priming, and the container says to skip it (MP4's edit list, which
// libavformat writes from the first negative timestamp; WebM's CodecDelay), so decoded sound
// starts at t = 0 exactly. A part of a split export encodes the sound from the start of the
// whole range and keeps the packets of its own span (plus a few before it, skipped by the same
// mechanism, so that a part plays on its own): every part's packets are the packets one export
// writes, and join_parts puts each back exactly once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "audio_level.h"
#include "av.h"
#include "export/export.h"

namespace reel {

/// The samples an output file holds, counted from the start of the export's whole range.
struct AudioSpan {
    std::int64_t first = 0; ///< this file's first sample (the part's start; 0 for a whole export)
    std::int64_t end = 0;   ///< the sample after its last
    bool last = true;       ///< the span ends the range (the encoder is flushed, not cut)
};

/// Frame `frame` of a range at fps / fps_den as a sample at 48 kHz: the one rounding the video's
/// frames and the sound's samples share (join_parts uses it for the part boundaries).
std::int64_t sample_of_frame(long frame, int fps, int fps_den);

/// Samples in each packet of an export's sound (AAC: 1024; Opus: 960, 20 ms frames).
int audio_packet_samples(VideoFormat format);

/// The codec an export's format carries its sound in ("aac", "libopus").
const char* audio_encoder_name(VideoFormat format);

/// What libavcodec's AAC encoder codes up to by itself at the export's 192 kb/s stereo, in Hz
/// (AAC_CUTOFF_FROM_BITRATE of 96 kb/s a channel; its twoloop coder allows itself 18.9 kHz).
inline constexpr int kAacDefaultCutoff = 18000;

/// The AAC encoder's cutoff (AVCodecContext::cutoff) for a mix that holds nothing above
/// `bandwidth` Hz (AudioSource::bandwidth): that bandwidth when it is below the encoder's own
/// (speech synthesised at 22.05 kHz: 11025), else 0, the encoder's own choice. Coding the
/// empty bands above a voice cost its search for quantizers ~40 % of the encoding time.
int aac_cutoff(int bandwidth);

/// libavcodec's AAC coder for an export's sound (its private option `aac_coder`), and the bit
/// rate. "twoloop", set so that it stays the one whatever the FFmpeg's default: its "fast" coder
/// costs about a quarter less CPU on the narrated promo's voice and a third on music, but
/// decodes a loud pure tone (500 Hz at 0.7) at 13.5 dB signal to error against 48.2 dB, 1.4 dB
/// too quiet (docs/sound.md, build/bench_aac_coder).
inline constexpr const char* kAacCoder = "twoloop";
inline constexpr std::int64_t kAacBitRate = 192000;

/// The AAC encoder's settings: an export's, or others for bench_aac_coder to compare.
struct AacSettings {
    const char* coder = kAacCoder;      ///< "twoloop", "fast" or "anmr"
    std::int64_t bit_rate = kAacBitRate; ///< bits a second, both channels
};

/// Opens the encoder of an export's sound, 48 kHz stereo: for MP4 libavcodec's AAC-LC with
/// `aac` and the cutoff aac_cutoff(bandwidth); for WebM libopus at 128 kb/s in 20 ms frames.
/// `global_header`: the container wants the codec's header apart (AVFMT_GLOBALHEADER). Throws
/// ExportError naming `shown` when the encoder is missing, does not open, or leaves an option
/// untaken (an encoder that does not know `aac_coder` is not used without it).
av::CodecContextPtr open_audio_encoder(VideoFormat kind, int bandwidth, bool global_header, const std::string& shown,
                                       const AacSettings& aac = {});

/// An audio stream on an output being set up: created before the muxer's header is written.
class AudioStream {
public:
    /// Adds the stream to `format` and opens the encoder; `source` gives the samples of the
    /// whole range (not owned). Throws ExportError naming `shown`.
    AudioStream(AVFormatContext& format, VideoFormat kind, AudioSource& source, const AudioSpan& span,
                const std::string& shown);
    AudioStream(const AudioStream&) = delete;
    AudioStream& operator=(const AudioStream&) = delete;

    /// Encodes and writes the sound up to sample `until` of the range (the end of the video
    /// written so far), interleaved by the muxer with the video.
    void write_until(std::int64_t until);
    /// Encodes the rest of the span and writes its last packet.
    void finish();

private:
    void feed(std::int64_t until);
    void drain(bool flushing);
    void keep(AVPacket& packet);
    void write_held(bool final_packet);
    [[noreturn]] void fail(const char* what, int error) const;

    AVFormatContext& format_;
    AudioSource& source_;
    AudioSpan span_;
    std::string shown_;
    av::CodecContextPtr codec_;
    av::FramePtr frame_;
    av::PacketPtr packet_;
    av::PacketPtr held_; ///< the latest kept packet, written one late (its duration may change)
    AVStream* stream_ = nullptr;
    int frame_size_ = 0;
    std::int64_t priming_ = 0;  ///< samples before 0 in the encoder's output (its delay + lead)
    std::int64_t lead_ = 0;     ///< silence fed before the range's first sample
    std::int64_t fed_ = 0;      ///< samples of the encoder's input so far (lead included)
    std::int64_t keep_from_ = 0; ///< packets starting before this sample belong to earlier parts
    std::int64_t block_shift_ = 0; ///< added to timestamps for the muxer (WebM's CodecDelay)
    bool done_ = false;          ///< a packet at or past span_.end came out (a part's end)
    bool flushed_ = false;
    std::vector<float> buffer_;
};

} // namespace reel
