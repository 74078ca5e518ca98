// join_parts: the parts of a split export (reel export --part K/N) back into one file by
// stream copy (libavformat), with every packet moved to its part's place on the timeline.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "audio_stream.h"
#include "av.h"
#include "chapters.h"
#include "encoder.h"
#include "export/export.h"
#include "subtitles.h"
#include "temp_file.h"

namespace reel {

namespace {

using InputPtr = av::InputFormatPtr;

struct Part {
    std::string path;
    InputPtr input;
    AVStream* stream = nullptr;
    AVStream* audio = nullptr; ///< the sound, if the export had any
    AVStream* subtitles = nullptr; ///< the voice-over's cues that start in the part, if any
    PartInfo info;
};

std::string describe(const PartInfo& p) {
    return fmt::format("part {}/{} of {} frames at {} fps from {:.3f} s (crf {}, {})", p.part, p.parts, p.total, p.fps,
                       static_cast<double>(p.from_us) / 1e6, p.crf, p.preset);
}

// The length the file's top-level structure claims, or -1 if it cannot tell: MP4's boxes one after
// another, WebM's EBML header and segment (whose size the muxer writes when it finishes).
std::int64_t claimed_length(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    auto read = [&](std::int64_t at, unsigned char* out, std::size_t n) {
        in.clear();
        in.seekg(at);
        return static_cast<bool>(in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n)));
    };
    auto big_endian = [](const unsigned char* b, std::size_t n) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < n; ++i) v = v << 8 | b[i];
        return v;
    };
    unsigned char head[16];
    if (!read(0, head, 8)) return -1;
    if (std::memcmp(head + 4, "ftyp", 4) == 0) {
        std::int64_t at = 0;
        for (int boxes = 0; boxes < 10000 && read(at, head, 8); ++boxes) {
            std::uint64_t size = big_endian(head, 4);
            if (size == 1) { // a 64-bit size follows the type
                if (!read(at + 8, head + 8, 8)) return std::numeric_limits<std::int64_t>::max();
                size = big_endian(head + 8, 8);
            }
            if (size == 0) return -1; // "to the end of the file"
            if (size < 8 || size > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max() - at)) return -1;
            at += static_cast<std::int64_t>(size);
        }
        return at;
    }
    // EBML: an element is its ID (the length marker kept) and its size (a variable-length integer).
    auto vint = [&](std::int64_t& at, bool keep_marker, bool& unknown) -> std::optional<std::uint64_t> {
        unsigned char b[8];
        if (!read(at, b, 1) || b[0] == 0) return std::nullopt;
        const int n = std::countl_zero(static_cast<unsigned>(b[0])) - 23;
        if (n < 1 || n > 8 || !read(at, b, static_cast<std::size_t>(n))) return std::nullopt;
        std::uint64_t v = big_endian(b, static_cast<std::size_t>(n));
        const std::uint64_t data_mask = (std::uint64_t{1} << (7 * n)) - 1;
        unknown = (v & data_mask) == data_mask;
        if (!keep_marker) v &= data_mask;
        at += n;
        return v;
    };
    if (big_endian(head, 4) != 0x1A45DFA3) return -1;
    std::int64_t at = 0;
    bool unknown = false;
    if (!vint(at, true, unknown)) return -1;
    const std::optional<std::uint64_t> header = vint(at, false, unknown);
    if (!header || unknown) return -1;
    at += static_cast<std::int64_t>(*header);
    const std::optional<std::uint64_t> id = vint(at, true, unknown);
    if (!id) return std::numeric_limits<std::int64_t>::max(); // the header is all there is
    const std::optional<std::uint64_t> segment = vint(at, false, unknown);
    if (*id != 0x18538067 || !segment || unknown) return -1;
    return at + static_cast<std::int64_t>(*segment);
}

// "MP4" or "WebM", as the user chose it (by the output's extension).
std::string format_name(const Part& p) {
    return std::string(p.input->iformat->name).find("mp4") != std::string::npos ? "MP4" : "WebM";
}

Part open_part(const std::string& path) {
    Part p;
    p.path = path;
    std::error_code ec;
    // What is wrong with a path that is not a part file, named as it is (a folder was "no such file").
    const auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::directory)
        throw ExportError(fmt::format("'{}' is a folder, not a part: give the files reel export --part wrote", path));
    if (status.type() == std::filesystem::file_type::not_found)
        throw ExportError(fmt::format("'{}': no such file", path));
    if (status.type() != std::filesystem::file_type::regular)
        throw ExportError(fmt::format("'{}' is not a regular file (a device or a pipe): give the files reel export "
                                      "--part wrote",
                                      path));
    // Before anything is read from it: a cut-off part may have lost the tag that says what it is.
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
    if (!ec && size == 0) throw ExportError(fmt::format("'{}' is empty (0 bytes): export this part again", path));
    if (const std::int64_t claimed = claimed_length(path); !ec && claimed > size)
        throw ExportError(fmt::format("'{}' is cut short ({} bytes of {}): export this part again", path, size,
                                      claimed == std::numeric_limits<std::int64_t>::max() ? std::string("more")
                                                                                          : std::to_string(claimed)));
    AVFormatContext* raw = nullptr;
    int ret = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (ret < 0)
        throw ExportError(fmt::format("'{}' is not a part written by reel export --part (not a video file: {})", path,
                                      av::error_text(ret)));
    p.input.reset(raw);
    ret = avformat_find_stream_info(raw, nullptr);
    if (ret < 0) throw ExportError(fmt::format("'{}': cannot read its streams: {}", path, av::error_text(ret)));
    // One video stream (an MP4's chapters come as a text track beside it: they are read from
    // the chapter list instead).
    int videos = 0;
    for (unsigned i = 0; i < raw->nb_streams; ++i)
        if (raw->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
            ++videos;
            p.stream = raw->streams[i];
        }
    if (videos != 1)
        throw ExportError(fmt::format("'{}' is not a part written by reel export --part (it has {} video streams)",
                                      path, videos));
    int audios = 0;
    for (unsigned i = 0; i < raw->nb_streams; ++i)
        if (raw->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO) {
            ++audios;
            p.audio = raw->streams[i];
        }
    if (audios > 1)
        throw ExportError(fmt::format("'{}' is not a part written by reel export --part (it has {} audio streams)",
                                      path, audios));
    for (unsigned i = 0; i < raw->nb_streams; ++i)
        if (raw->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_SUBTITLE) p.subtitles = raw->streams[i];
    const AVDictionaryEntry* comment = av_dict_get(raw->metadata, "comment", nullptr, 0);
    std::optional<PartInfo> info = comment ? parse_part_comment(comment->value) : std::nullopt;
    if (!info) throw ExportError(fmt::format("'{}' is not a part written by reel export --part", path));
    p.info = *info;
    if (!p.info.scene)
        throw ExportError(fmt::format("'{}' was written by an older reel export --part that does not record its "
                                      "scene: export it again with this reel",
                                      path));
    return p;
}

// Reads a part's whole index and every packet before anything is written: a part cut short (a
// copy that did not finish, a full disk) would otherwise be copied into an undecodable file.
void check_complete(Part& p) {
    std::error_code ec;
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(p.path, ec));
    if (ec) throw ExportError(fmt::format("'{}': cannot read its size: {}", p.path, ec.message()));
    // Reel writes the index of every picture (MP4's sample table at the start, WebM's cues at the
    // end): missing, or pointing past the end of the file, the part was cut short.
    const int entries = avformat_index_get_entries_count(p.stream);
    if (entries == 0)
        throw ExportError(fmt::format("'{}' is cut short (its index of pictures is missing): export this part again",
                                      p.path));
    for (int i = 0; i < entries; ++i) {
        const AVIndexEntry* e = avformat_index_get_entry(p.stream, i);
        if (e && e->pos + e->size > size)
            throw ExportError(fmt::format("'{}' is cut short ({} bytes; its picture {} of {} lies past the end): "
                                          "export this part again",
                                          p.path, size, i + 1, entries));
    }
    av::PacketPtr packet(av_packet_alloc());
    if (!packet) throw std::bad_alloc();
    long count = 0;
    for (;;) {
        const int ret = av_read_frame(p.input.get(), packet.get());
        if (ret == AVERROR_EOF) break;
        if (ret < 0)
            throw ExportError(fmt::format("'{}' is damaged (reading picture {} failed: {}): export this part again",
                                          p.path, count + 1, av::error_text(ret)));
        if (packet->stream_index == p.stream->index) {
            ++count;
            if (packet->flags & AV_PKT_FLAG_CORRUPT)
                throw ExportError(fmt::format("'{}' is cut short or damaged (picture {}): export this part again",
                                              p.path, count));
        }
        av_packet_unref(packet.get());
    }
    if (count < entries)
        throw ExportError(fmt::format("'{}' is cut short (it holds {} of the {} pictures its index lists): export "
                                      "this part again",
                                      p.path, count, entries));
}

// The chapters of every part, moved to their place in the whole; a chapter cut by a part
// boundary (same title, ending where the next begins) becomes one again.
std::vector<Chapter> joined_chapters(const std::vector<Part>& parts) {
    std::vector<Chapter> out;
    for (const Part& p : parts) {
        const double offset = static_cast<double>(p.info.first) / p.info.fps;
        const AVFormatContext& f = *p.input;
        for (unsigned i = 0; i < f.nb_chapters; ++i) {
            const AVChapter& c = *f.chapters[i];
            const AVDictionaryEntry* title = av_dict_get(c.metadata, "title", nullptr, 0);
            Chapter ch{title ? title->value : "", offset + static_cast<double>(c.start) * av_q2d(c.time_base),
                       offset + static_cast<double>(c.end) * av_q2d(c.time_base)};
            if (!out.empty() && out.back().title == ch.title && std::abs(out.back().end - ch.start) < 2e-3)
                out.back().end = ch.end;
            else
                out.push_back(std::move(ch));
        }
    }
    return out;
}

bool same_parameters(const AVCodecParameters& a, const AVCodecParameters& b) {
    return a.codec_id == b.codec_id && a.width == b.width && a.height == b.height && a.format == b.format &&
           a.profile == b.profile && a.extradata_size == b.extradata_size &&
           (a.extradata_size == 0 || std::equal(a.extradata, a.extradata + a.extradata_size, b.extradata));
}

// The sound of two parts was encoded alike (a part's Opus header differs from another's only in
// its pre-skip: what to skip before its own first sample).
bool same_audio(const AVCodecParameters& a, const AVCodecParameters& b) {
    if (a.codec_id != b.codec_id || a.sample_rate != b.sample_rate || a.ch_layout.nb_channels != b.ch_layout.nb_channels ||
        a.extradata_size != b.extradata_size)
        return false;
    for (int i = 0; i < a.extradata_size; ++i)
        if (a.extradata[i] != b.extradata[i] && !(a.codec_id == AV_CODEC_ID_OPUS && (i == 10 || i == 11))) return false;
    return true;
}

// The end-trimming of a packet's SKIP_SAMPLES side data (samples to drop at its end), 0 if none.
std::uint32_t skip_at_end(const AVPacket& pk) {
    std::size_t size = 0;
    const std::uint8_t* side = av_packet_get_side_data(&pk, AV_PKT_DATA_SKIP_SAMPLES, &size);
    if (!side || size < 10) return 0;
    return static_cast<std::uint32_t>(side[4]) | static_cast<std::uint32_t>(side[5]) << 8 |
           static_cast<std::uint32_t>(side[6]) << 16 | static_cast<std::uint32_t>(side[7]) << 24;
}

// Puts the sound's packets back in one sequence (see audio_stream.h): every part encoded the
// sound from the start of the range and kept the packets from shortly before its span to its
// end, so the packets that start before a part's first sample are the previous part's; what
// remains is the sequence one export writes. A packet's place is counted on the encoder's grid
// (a packet every `packet` samples from minus the priming), which the container's rounding
// (WebM's milliseconds) cannot move.
class AudioJoin {
public:
    AudioJoin(AVFormatContext& out, AVStream& os, VideoFormat format, const std::string& output)
        : out_(out), os_(os), output_(output), packet_samples_(audio_packet_samples(format)) {
        held_.reset(av_packet_alloc());
        if (!held_) throw std::bad_alloc();
#if LIBAVFORMAT_VERSION_MAJOR < 60
        if (format == VideoFormat::WebM) webm_shift_ = true; // see AudioStream: the block timestamps
#endif
    }

    // A packet of part `p` (its stream's time base), whose span starts at sample `first` of the range.
    void add(const Part& p, std::int64_t first, AVPacket& pk) {
        if (pk.pts == AV_NOPTS_VALUE) throw ExportError(fmt::format("'{}': a sound packet has no timestamp", p.path));
        const std::int64_t rel = av_rescale_q(pk.pts, p.audio->time_base, AVRational{1, kSampleRate});
        if (priming_ < 0) {
            if (p.info.part != 0) throw ExportError(fmt::format("'{}': the first part has no sound", p.path));
            priming_ = -rel; // the first part starts with the priming
            if (priming_ < 0 || priming_ >= 4 * packet_samples_)
                throw ExportError(fmt::format("'{}': its sound does not start as reel export writes it", p.path));
        }
        const double slot = static_cast<double>(first + rel + priming_) / packet_samples_;
        const std::int64_t index = std::llround(slot);
        const std::int64_t at = index * packet_samples_ - priming_;
        if (p.info.part > 0 && at < first) { // the previous part's (this one's pre-roll)
            av_packet_unref(&pk);
            return;
        }
        if (index != next_index_)
            throw ExportError(fmt::format("'{}': its sound {} at {:.3f} s (the parts' sounds do not follow on)", p.path,
                                          index < next_index_ ? "goes back" : "has a gap",
                                          static_cast<double>(at) / kSampleRate));
        ++next_index_;
        if (held_->data) write(false);
        av_packet_move_ref(held_.get(), &pk);
        held_base_ = p.audio->time_base;
        held_->pts = at;
        held_->dts = at;
        ++packets_;
    }

    void finish() {
        if (held_->data) write(true);
    }

    long packets() const { return packets_; }

private:
    void write(bool final_packet) {
        AVPacket& pk = *held_;
        // A part's last packet was cut to the part's end (its duration, WebM's discard padding);
        // in the whole it lasts its full length. The very last keeps its own end.
        const std::uint32_t end_skip = final_packet ? skip_at_end(pk) : 0;
        av_packet_free_side_data(&pk);
        if (end_skip > 0) {
            std::uint8_t* side = av_packet_new_side_data(&pk, AV_PKT_DATA_SKIP_SAMPLES, 10);
            if (!side) throw std::bad_alloc();
            std::fill_n(side, 10, std::uint8_t{0});
            for (int b = 0; b < 4; ++b) side[4 + b] = static_cast<std::uint8_t>((end_skip >> (8 * b)) & 0xff);
        }
        if (!final_packet) pk.duration = packet_samples_;
        else pk.duration = av_rescale_q(pk.duration, held_base_, AVRational{1, kSampleRate});
        if (webm_shift_) {
            pk.pts += priming_;
            pk.dts += priming_;
        }
        pk.stream_index = os_.index;
        av_packet_rescale_ts(&pk, AVRational{1, kSampleRate}, os_.time_base);
        int r = av_interleaved_write_frame(&out_, &pk);
        if (r < 0) throw ExportError(fmt::format("'{}': writing the sound failed: {}", output_, av::error_text(r)));
        av_packet_unref(&pk);
    }

    AVFormatContext& out_;
    AVStream& os_;
    std::string output_;
    const int packet_samples_;
    av::PacketPtr held_;
    AVRational held_base_{1, kSampleRate}; ///< the time base of the held packet's duration (its part's)
    std::int64_t priming_ = -1;
    std::int64_t next_index_ = 0;
    long packets_ = 0;
    bool webm_shift_ = false;
};

} // namespace

JoinResult join_parts(const std::vector<std::string>& inputs, const std::string& output) {
    av::capture_log();
    if (inputs.empty()) throw ExportError("no parts given");
    if (output.empty()) throw ExportError("no output file given");
    const std::optional<VideoFormat> format = format_for_path(output);
    if (!format || *format == VideoFormat::Gif)
        throw ExportError(fmt::format("cannot tell the format of '{}' from its extension (use .mp4 or .webm)", output));
    for (const std::string& in : inputs) {
        std::error_code ec;
        if (std::filesystem::exists(output, ec) && std::filesystem::equivalent(in, output, ec))
            throw ExportError(fmt::format("'{}' is both a part and the output", output));
    }

    std::vector<Part> parts;
    for (const std::string& in : inputs) {
        Part whole = open_part(in);
        check_complete(whole);
        parts.push_back(open_part(in)); // opened again: read from the start
    }
    std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.info.part < b.info.part; });
    const Part& first = parts.front();
    for (const Part& p : parts) {
        const PartInfo& a = first.info;
        const PartInfo& b = p.info;
        // Two scenes (or two versions of one) exported with the same settings look alike to
        // every other check: the scene and its timeline's digest tell them apart.
        if (*a.scene != *b.scene)
            throw ExportError(fmt::format("'{}' holds scene '{}' but '{}' holds scene '{}': parts of different "
                                          "scenes cannot be joined",
                                          p.path, *b.scene, first.path, *a.scene));
        if (a.digest != b.digest)
            throw ExportError(fmt::format("'{}' holds another version of scene '{}' than '{}' (timeline digests "
                                          "{:016x} and {:016x}): export every part from the same build",
                                          p.path, *b.scene, first.path, b.digest, a.digest));
        // The container before the settings: an MP4 and a WebM part also differ in codec and
        // quality settings, but the format is what the user has to change.
        if (std::string(first.input->iformat->name) != p.input->iformat->name)
            throw ExportError(fmt::format("'{}' is {} but '{}' is {}: export every part to the same format",
                                          first.path, format_name(first), p.path, format_name(p)));
        if (a.parts != b.parts || a.total != b.total || a.fps != b.fps || a.from_us != b.from_us || a.crf != b.crf ||
            a.preset != b.preset)
            throw ExportError(fmt::format("'{}' is {} but '{}' is {}: they come from different exports", first.path,
                                          describe(a), p.path, describe(b)));
        if (!same_parameters(*first.stream->codecpar, *p.stream->codecpar))
            throw ExportError(fmt::format("'{}' and '{}' were encoded differently (codec, size or settings): "
                                          "export every part with the same options",
                                          first.path, p.path));
        if ((first.audio == nullptr) != (p.audio == nullptr))
            throw ExportError(fmt::format("'{}' has {} but '{}' has {}: export every part with the same options",
                                          first.path, first.audio ? "sound" : "no sound", p.path,
                                          p.audio ? "sound" : "no sound"));
        if (first.audio && !same_audio(*first.audio->codecpar, *p.audio->codecpar))
            throw ExportError(fmt::format("the sound of '{}' and '{}' was encoded differently", first.path, p.path));
    }
    const bool mp4_in = std::string(first.input->iformat->name).find("mp4") != std::string::npos;
    if (mp4_in != (*format == VideoFormat::Mp4))
        throw ExportError(fmt::format("the parts are {} but '{}' asks for .{}", mp4_in ? "MP4" : "WebM", output,
                                      format_name(*format)));
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0 && parts[i].info.part == parts[i - 1].info.part)
            throw ExportError(fmt::format("part {}/{} is given twice ('{}' and '{}')", parts[i].info.part,
                                          parts[i].info.parts, parts[i - 1].path, parts[i].path));
    }
    const int n = first.info.parts;
    for (int k = 0, i = 0; k < n; ++k) {
        if (static_cast<std::size_t>(i) >= parts.size() || parts[static_cast<std::size_t>(i)].info.part != k)
            throw ExportError(fmt::format("part {}/{} is missing (given: {} of {})", k, n, parts.size(), n));
        const PartInfo& p = parts[static_cast<std::size_t>(i)].info;
        const long want_first = static_cast<long>(k) * p.total / n, want_end = (k + 1L) * p.total / n;
        if (p.first != want_first || p.end != want_end)
            throw ExportError(fmt::format("'{}' holds frames {}-{}, not {}-{} as part {}/{} should",
                                          parts[static_cast<std::size_t>(i)].path, p.first, p.end, want_first,
                                          want_end, k, n));
        ++i;
    }

    TempFile file(output);
    AVFormatContext* raw_out = nullptr;
    const char* muxer = *format == VideoFormat::Mp4 ? "mp4" : "webm";
    int ret = avformat_alloc_output_context2(&raw_out, nullptr, muxer, file.path().c_str());
    if (ret < 0 || !raw_out) throw ExportError(fmt::format("'{}': cannot set up the {} muxer", output, muxer));
    av::OutputFormatPtr out(raw_out);
    AVStream* os = avformat_new_stream(raw_out, nullptr);
    if (!os) throw ExportError(fmt::format("'{}': cannot add a video stream", output));
    ret = avcodec_parameters_copy(os->codecpar, first.stream->codecpar);
    if (ret < 0) throw ExportError(fmt::format("'{}': cannot copy the stream parameters", output));
    os->codecpar->codec_tag = 0;
    os->time_base = first.stream->time_base;
    os->avg_frame_rate = first.stream->avg_frame_rate;
    os->r_frame_rate = first.stream->r_frame_rate;
    os->sample_aspect_ratio = first.stream->sample_aspect_ratio;
    AVStream* oa = nullptr;
    if (first.audio) {
        oa = avformat_new_stream(raw_out, nullptr);
        if (!oa) throw ExportError(fmt::format("'{}': cannot add an audio stream", output));
        // The first part's parameters: its sound starts where the whole's does (the priming).
        ret = avcodec_parameters_copy(oa->codecpar, first.audio->codecpar);
        if (ret < 0) throw ExportError(fmt::format("'{}': cannot copy the sound's parameters", output));
        oa->codecpar->codec_tag = 0;
        oa->time_base = AVRational{1, kSampleRate};
        raw_out->max_interleave_delta = 0; // as Encoder: wait for the pictures of a long hold
        if (*format == VideoFormat::WebM) raw_out->avoid_negative_ts = AVFMT_AVOID_NEG_TS_DISABLED;
    }
    // The subtitles: a part has a track when a cue starts in it, so any part's parameters will do
    // (every part was exported with the same options).
    AVStream* osub = nullptr;
    for (const Part& p : parts) {
        if (!p.subtitles || osub) continue;
        osub = avformat_new_stream(raw_out, nullptr);
        if (!osub) throw ExportError(fmt::format("'{}': cannot add a subtitle stream", output));
        ret = avcodec_parameters_copy(osub->codecpar, p.subtitles->codecpar);
        if (ret < 0) throw ExportError(fmt::format("'{}': cannot copy the subtitles' parameters", output));
        osub->codecpar->codec_tag = 0;
        osub->time_base = AVRational{1, 1000};
        av_dict_copy(&osub->metadata, p.subtitles->metadata, 0);
    }
    attach_chapters(*raw_out, joined_chapters(parts));
    ret = avio_open(&raw_out->pb, file.path().c_str(), AVIO_FLAG_WRITE);
    if (ret < 0) throw ExportError(fmt::format("'{}': cannot open the file: {}", output, av::error_text(ret)));
    av::Dictionary options;
    if (*format == VideoFormat::Mp4) options.set("movflags", "+faststart");
    if (*format == VideoFormat::Mp4 && oa) options.set("movie_timescale", std::to_string(kSampleRate)); // as Encoder
    ret = avformat_write_header(raw_out, options.address());
    if (ret < 0) throw ExportError(fmt::format("'{}': writing the header failed: {}", output, av::error_text(ret)));

    av::PacketPtr packet(av_packet_alloc());
    if (!packet) throw std::bad_alloc();
    JoinResult result;
    result.path = output;
    result.parts = n;
    result.frames = first.info.total;
    result.duration = static_cast<double>(first.info.total) / first.info.fps;
    std::int64_t last_dts = AV_NOPTS_VALUE;
    const AVRational frame_base{1, first.info.fps};
    // Packets are written one late: the last one (in decode order) is made to last until the
    // end, as Encoder::finish does for a single export, so the track ends where it should.
    av::PacketPtr held(av_packet_alloc());
    if (!held) throw std::bad_alloc();
    auto write = [&](AVPacket& pk) {
        int r = av_interleaved_write_frame(raw_out, &pk);
        if (r < 0) throw ExportError(fmt::format("'{}': writing failed: {}", output, av::error_text(r)));
        av_packet_unref(&pk);
    };
    std::optional<AudioJoin> audio;
    if (oa) audio.emplace(*raw_out, *oa, *format, output);
    for (Part& p : parts) {
        const std::int64_t first_sample = sample_of_frame(p.info.first, p.info.fps, 1);
        // The part starts at 0; in the whole it starts at its first frame.
        const std::int64_t offset = av_rescale_q(p.info.first, frame_base, p.stream->time_base);
        const std::int64_t end = av_rescale_q(p.info.end, frame_base, p.stream->time_base);
        for (;;) {
            ret = av_read_frame(p.input.get(), packet.get());
            if (ret == AVERROR_EOF) break;
            if (ret < 0)
                throw ExportError(fmt::format("'{}': reading failed: {}", p.path, av::error_text(ret)));
            if (audio && packet->stream_index == p.audio->index) {
                audio->add(p, first_sample, *packet);
                continue;
            }
            if (osub && p.subtitles && packet->stream_index == p.subtitles->index) {
                // MP4's muxer fills the time between cues with empty samples (mov_text: a zero
                // text length); the joined file's muxer makes its own, so they are left behind.
                if (p.subtitles->codecpar->codec_id == AV_CODEC_ID_MOV_TEXT && packet->size <= 2) {
                    av_packet_unref(packet.get());
                    continue;
                }
                // Whole milliseconds, as the part wrote them (part_cues): the whole export's times.
                av_packet_rescale_ts(packet.get(), p.subtitles->time_base, AVRational{1, 1000});
                const std::int64_t shift = part_start_ms(p.info.first, p.info.fps);
                packet->pts += shift;
                if (packet->dts != AV_NOPTS_VALUE) packet->dts += shift;
                packet->stream_index = osub->index;
                av_packet_rescale_ts(packet.get(), AVRational{1, 1000}, osub->time_base);
                write(*packet);
                continue;
            }
            if (packet->stream_index != p.stream->index) {
                av_packet_unref(packet.get());
                continue;
            }
            if (packet->pts == AV_NOPTS_VALUE)
                throw ExportError(fmt::format("'{}': a packet has no timestamp", p.path));
            if (packet->pts + offset >= end)
                throw ExportError(fmt::format("'{}': a picture at {:.3f} s lies past the part's end", p.path,
                                              static_cast<double>(packet->pts) * av_q2d(p.stream->time_base)));
            packet->pts += offset;
            if (packet->dts != AV_NOPTS_VALUE) packet->dts += offset;
            // The last picture of a part lasts until the next part starts.
            if (packet->pts + packet->duration > end) packet->duration = end - packet->pts;
            // A part's first decode times lie before its start (the encoder's reorder delay, longer
            // when the part opens with a held picture) and may reach back into the previous part:
            // decode times only have to rise and not pass the presentation time, so they are
            // moved up just past the previous packet's. Presentation times stay exact.
            if (packet->dts != AV_NOPTS_VALUE && last_dts != AV_NOPTS_VALUE && packet->dts <= last_dts)
                packet->dts = last_dts + 1;
            if (packet->dts != AV_NOPTS_VALUE && packet->dts > packet->pts)
                throw ExportError(fmt::format("'{}' overlaps the part before it (its pictures start too early)",
                                              p.path));
            if (packet->dts != AV_NOPTS_VALUE) last_dts = packet->dts;
            packet->stream_index = 0;
            av_packet_rescale_ts(packet.get(), p.stream->time_base, os->time_base);
            if (held->data) write(*held);
            av_packet_move_ref(held.get(), packet.get());
            ++result.packets;
        }
    }
    if (held->data) {
        const std::int64_t end = av_rescale_q(first.info.total, frame_base, os->time_base);
        if (held->pts != AV_NOPTS_VALUE && end - held->pts > held->duration) held->duration = end - held->pts;
        write(*held);
    }
    if (audio) audio->finish();
    ret = av_write_trailer(raw_out);
    if (ret < 0) throw ExportError(fmt::format("'{}': writing the trailer failed: {}", output, av::error_text(ret)));
    ret = avio_closep(&raw_out->pb);
    if (ret < 0) throw ExportError(fmt::format("'{}': closing failed: {}", output, av::error_text(ret)));
    file.commit();
    return result;
}

} // namespace reel
