// One output file: codec context, muxer and the packet loop. Every libav call is checked.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audio_stream.h"
#include "av.h"
#include "export/export.h"
#include "subtitles.h"

namespace reel {

/// What the encoder needs to know (validated by validate_export before).
struct EncoderSettings {
    VideoFormat format = VideoFormat::Mp4;
    int width = 0;
    int height = 0;
    int fps = 0;     ///< the frame rate is fps / fps_den
    int fps_den = 1;
    int crf = 18;
    std::string preset = "medium";
    std::string x264_params;
    bool chroma_centred = false; ///< chroma samples sit between the luma samples (2x2 means)
    std::string comment;         ///< container "comment" tag (parts of a split export say which)
    std::vector<Chapter> chapters; ///< MP4 / WebM chapters (seconds of the file)
    AudioSource* audio = nullptr;  ///< the sound to write beside the video (none: no audio stream)
    AudioSpan audio_span;          ///< which of its samples this file holds
    /// MP4 / WebM: a subtitle track (mov_text / WebVTT) with these cues (seconds of the file);
    /// none: no subtitle track.
    std::vector<SubtitleCue> subtitles;
};

/// The CPUs this process may run on (its affinity mask, as x264 counts them; `taskset` divides
/// them), at least 1.
int usable_cpus();

/// x264's frame threads for an export of pictures `height` pixels high on `cpus` CPUs, or 0 to
/// leave x264's own choice (1.5 per CPU, which is also ffmpeg's; both at most one per two
/// macroblock rows, x264's cap: 34 at 1080p). Two more than the CPUs where that is more than
/// x264's: on 2 CPUs x264's 3 frame threads share the cores with the render workers, and each
/// waits for rows of the picture the one before it is still encoding, so a fourth keeps the
/// cores busier (the promo 20-40 s at 1080p, 2 cores, medians of 6 alternating runs: --cfr
/// 10.27 s with 3 threads, 9.84 s with 4, 9.91 s with 6; the default export 7.24 / 7.12 /
/// 7.12 s). The stream is the same but for the settings string x264 writes into it. From 4 CPUs
/// on x264's own count is at least as large and stays.
int x264_frame_threads(int cpus, int height);

/// Packet buffers the video encoder writes into (AVCodecContext::get_encode_buffer), reused
/// once the muxer lets go of them: a packet of a 1080p picture is tens of kilobytes, and a fresh
/// allocation of that size per frame is memory the kernel has to zero first.
class PacketPool {
public:
    /// Buffers of `size` bytes to begin with (grown, doubling, for a larger packet).
    explicit PacketPool(std::size_t size);
    ~PacketPool();
    PacketPool(const PacketPool&) = delete;
    PacketPool& operator=(const PacketPool&) = delete;

    /// Gives `packet` (of packet.size bytes) a buffer; an AVERROR code on failure.
    int attach(AVPacket& packet);
    /// Bytes per buffer now.
    std::size_t buffer_size() const { return size_; }

private:
    std::size_t size_;
    AVBufferPool* pool_ = nullptr; ///< freed by libav once its last buffer is back
};

/// Encodes frames in order into `file` (a temporary path); messages name `shown` (the target).
class Encoder {
public:
    Encoder(const EncoderSettings& settings, const std::string& file, const std::string& shown);
    /// An unfinished GIF gets its trailer written (errors ignored): FFmpeg's GIF muxer frees
    /// the packet it holds back only there, and the temporary file is discarded anyway.
    ~Encoder();
    Encoder(const Encoder&) = delete;
    Encoder& operator=(const Encoder&) = delete;

    /// The pixel format frames must have (yuv420p, or pal8 for GIF).
    AVPixelFormat pixel_format() const { return pixel_format_; }
    /// Encodes one picture shown from frame index `frame.pts` (time base 1 / fps) for
    /// `duration` frames (more than 1: a held picture, one sample for the whole hold).
    /// Throws ExportError.
    void write(AVFrame& frame, long duration = 1);
    /// Writes the sound up to sample `until` of the range (no-op without sound).
    void write_audio_until(std::int64_t until) {
        if (audio_) audio_->write_until(until);
    }
    /// Writes the subtitle cues that start before `t` (seconds of the file), so that the muxer
    /// interleaves them with the pictures.
    void write_subtitles_until(Seconds t);
    /// Flushes the encoder (and the sound's), writes the trailer (moves the index to the front for MP4) and
    /// closes the file. `end` is the frame index where the file ends (the last picture shows
    /// until then). Throws ExportError.
    void finish(std::int64_t end);

private:
    void add_subtitle_stream(const EncoderSettings& settings);
    void drain(bool flushing);
    void write_packet(AVPacket& packet);
    [[noreturn]] void fail(const char* what, int error) const;

    std::string shown_;
    AVPixelFormat pixel_format_ = AV_PIX_FMT_NONE;
    av::OutputFormatPtr format_;
    PacketPool packets_; ///< codec_'s packets (a buffer still in the muxer outlives it)
    av::CodecContextPtr codec_;
    av::PacketPtr packet_;
    av::PacketPtr last_packet_; ///< the latest packet in decode order, written one late
    AVStream* stream_ = nullptr; ///< owned by format_
    std::map<std::int64_t, long> durations_; ///< pts -> frames, until its packet is written
    std::optional<AudioStream> audio_; ///< on format_, beside stream_
    av::CodecContextPtr subtitle_codec_;
    AVStream* subtitle_stream_ = nullptr;
    std::vector<SubtitleCue> cues_;
    std::vector<std::uint8_t> subtitle_buffer_; ///< reused for each cue
    std::size_t next_cue_ = 0;
    VideoFormat format_kind_ = VideoFormat::Mp4;
    bool header_written_ = false;
    bool finished_ = false;
};

} // namespace reel
