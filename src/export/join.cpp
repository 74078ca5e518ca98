// join_parts: the parts of a split export (reel export --part K/N) back into one file by
// stream copy (libavformat), with every packet moved to its part's place on the timeline.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "av.h"
#include "chapters.h"
#include "encoder.h"
#include "export/export.h"
#include "temp_file.h"

namespace reel {

namespace {

using InputPtr = av::InputFormatPtr;

struct Part {
    std::string path;
    InputPtr input;
    AVStream* stream = nullptr;
    PartInfo info;
};

std::string describe(const PartInfo& p) {
    return fmt::format("part {}/{} of {} frames at {} fps from {:.3f} s (crf {}, {})", p.part, p.parts, p.total, p.fps,
                       static_cast<double>(p.from_us) / 1e6, p.crf, p.preset);
}

Part open_part(const std::string& path) {
    Part p;
    p.path = path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw ExportError(fmt::format("'{}': no such file", path));
    AVFormatContext* raw = nullptr;
    int ret = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (ret < 0) throw ExportError(fmt::format("'{}': cannot read it as a video: {}", path, av::error_text(ret)));
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
    const AVDictionaryEntry* comment = av_dict_get(raw->metadata, "comment", nullptr, 0);
    std::optional<PartInfo> info = comment ? parse_part_comment(comment->value) : std::nullopt;
    if (!info) throw ExportError(fmt::format("'{}' is not a part written by reel export --part", path));
    p.info = *info;
    return p;
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
    for (const std::string& in : inputs) parts.push_back(open_part(in));
    std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.info.part < b.info.part; });
    const Part& first = parts.front();
    for (const Part& p : parts) {
        const PartInfo& a = first.info;
        const PartInfo& b = p.info;
        if (a.parts != b.parts || a.total != b.total || a.fps != b.fps || a.from_us != b.from_us || a.crf != b.crf ||
            a.preset != b.preset)
            throw ExportError(fmt::format("'{}' is {} but '{}' is {}: they come from different exports", first.path,
                                          describe(a), p.path, describe(b)));
        if (!same_parameters(*first.stream->codecpar, *p.stream->codecpar))
            throw ExportError(fmt::format("'{}' and '{}' were encoded differently (codec, size or settings): "
                                          "export every part with the same options",
                                          first.path, p.path));
        if (std::string(first.input->iformat->name) != p.input->iformat->name)
            throw ExportError(fmt::format("'{}' and '{}' are different formats", first.path, p.path));
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
    attach_chapters(*raw_out, joined_chapters(parts));
    ret = avio_open(&raw_out->pb, file.path().c_str(), AVIO_FLAG_WRITE);
    if (ret < 0) throw ExportError(fmt::format("'{}': cannot open the file: {}", output, av::error_text(ret)));
    av::Dictionary options;
    if (*format == VideoFormat::Mp4) options.set("movflags", "+faststart");
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
    for (Part& p : parts) {
        // The part starts at 0; in the whole it starts at its first frame.
        const std::int64_t offset = av_rescale_q(p.info.first, frame_base, p.stream->time_base);
        const std::int64_t end = av_rescale_q(p.info.end, frame_base, p.stream->time_base);
        for (;;) {
            ret = av_read_frame(p.input.get(), packet.get());
            if (ret == AVERROR_EOF) break;
            if (ret < 0)
                throw ExportError(fmt::format("'{}': reading failed: {}", p.path, av::error_text(ret)));
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
    ret = av_write_trailer(raw_out);
    if (ret < 0) throw ExportError(fmt::format("'{}': writing the trailer failed: {}", output, av::error_text(ret)));
    ret = avio_closep(&raw_out->pb);
    if (ret < 0) throw ExportError(fmt::format("'{}': closing failed: {}", output, av::error_text(ret)));
    file.commit();
    return result;
}

} // namespace reel
