// Reading sound files: anything libavformat opens (WAV, FLAC, MP3, Ogg/Vorbis, Opus, AAC/M4A),
// decoded and resampled with libswresample to 48 kHz stereo float, streamed: a Reader holds one
// decoded packet at a time, so memory does not grow with the file's length. Only this layer and
// the exporter know libav.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace reel::sound {

/// What a whole decode of a file tells: its length at 48 kHz and what it was.
struct SourceInfo {
    std::int64_t frames = 0;  ///< 48 kHz stereo frames the Reader yields
    int rate = 0;             ///< the file's own sample rate
    int channels = 0;         ///< the file's own channel count
    std::string codec;        ///< libavcodec's name ("pcm_s16le", "flac", "mp3", ...)
};

/// Decodes the whole file once (streamed) and returns its length; throws std::runtime_error
/// whose message names the file when it is missing, a directory, empty, not a sound file,
/// corrupt or truncated (shorter than its header says). What Scene::add_sound calls.
SourceInfo probe(const std::string& path);

/// A file as a stream of interleaved 48 kHz stereo float frames. Mono files play at full
/// level on both sides; more channels are downmixed by libswresample's standard matrix.
class Reader {
public:
    /// Opens the file; throws like probe() for a file it cannot open.
    explicit Reader(const std::string& path);
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    /// Reads up to `frames` frames into `out` (2 floats each); returns how many it read, fewer
    /// only at the end of the file. Throws std::runtime_error naming the file on a decode error.
    std::size_t read(float* out, std::size_t frames);
    /// The index of the next frame read() yields.
    std::int64_t position() const;
    /// Moves to frame `frame`: forward by decoding and dropping, backward by starting again
    /// from the beginning. Decoding from the start every time is what makes every position's
    /// samples the same however it was reached (a container seek lands on packet boundaries and
    /// restarts the decoder and resampler mid-stream).
    void seek(std::int64_t frame);

    /// Some information about the file (frames is 0: only probe() decodes it all).
    const SourceInfo& info() const;
    /// The length the file's header declares, in seconds; -1 when it declares none or libav
    /// estimated it from the bit rate (an MP3 without a length header).
    double declared_seconds() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace reel::sound
