// ImageMobject: PNG through libpng's simplified API, JPEG through libjpeg(-turbo), both into
// premultiplied BGRA for the renderer.
#include "reel/image.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <csetjmp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>
#include <jpeglib.h>
#include <png.h>

namespace reel {

namespace {

std::runtime_error fail(const std::string& path, const std::string& why) {
    return std::runtime_error(fmt::format("cannot load image '{}': {}", path, why));
}

// Checked from the header, before any pixel is decoded: a small file can declare 30000x30000
// pixels (3.6 GB of RGBA, twice over while converting).
void check_pixels(const std::string& path, std::uint64_t width, std::uint64_t height) {
    double limit = 1e8;
    if (const char* v = std::getenv("REEL_MAX_IMAGE_PIXELS"); v && *v) {
        char* end = nullptr;
        const double x = std::strtod(v, &end);
        if (end && *end == '\0' && x > 0) limit = x;
    }
    if (static_cast<double>(width) * static_cast<double>(height) > limit)
        throw fail(path, fmt::format("{}x{} pixels is more than the limit of {:g}; set REEL_MAX_IMAGE_PIXELS to "
                                     "raise it",
                                     width, height, limit));
}

// Straight RGBA rows to premultiplied BGRA.
void to_bgra(RasterImage& img, const std::uint8_t* rgba) {
    std::size_t n = static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height);
    img.bgra.resize(n * 4);
    for (std::size_t i = 0; i < n; ++i) {
        unsigned a = rgba[4 * i + 3];
        auto pm = [a](unsigned v) { return static_cast<std::uint8_t>((v * a + 127) / 255); };
        img.bgra[4 * i + 0] = pm(rgba[4 * i + 2]);
        img.bgra[4 * i + 1] = pm(rgba[4 * i + 1]);
        img.bgra[4 * i + 2] = pm(rgba[4 * i + 0]);
        img.bgra[4 * i + 3] = static_cast<std::uint8_t>(a);
    }
}

RasterPtr load_png(const std::string& path, const unsigned char* head) {
    // The IHDR chunk comes first (bytes 8-23): width and height, big-endian.
    auto be32 = [&](int at) {
        return std::uint64_t{head[at]} << 24 | std::uint64_t{head[at + 1]} << 16 | std::uint64_t{head[at + 2]} << 8 |
               std::uint64_t{head[at + 3]};
    };
    if (std::memcmp(head + 12, "IHDR", 4) == 0) check_pixels(path, be32(16), be32(20));
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) throw fail(path, image.message);
    try {
        check_pixels(path, image.width, image.height);
    } catch (...) {
        png_image_free(&image);
        throw;
    }
    image.format = PNG_FORMAT_RGBA;
    std::vector<std::uint8_t> rgba(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, rgba.data(), 0, nullptr)) {
        std::string why = image.message;
        png_image_free(&image);
        throw fail(path, why);
    }
    auto img = std::make_shared<RasterImage>();
    img->width = static_cast<int>(image.width);
    img->height = static_cast<int>(image.height);
    to_bgra(*img, rgba.data());
    return img;
}

struct JpegError {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void jpeg_fail(j_common_ptr cinfo) {
    auto* e = reinterpret_cast<JpegError*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, e->message);
    std::longjmp(e->jump, 1);
}

RasterPtr load_jpeg(const std::string& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) throw fail(path, std::strerror(errno));
    jpeg_decompress_struct cinfo;
    JpegError err;
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpeg_fail;
    // libjpeg's warnings ("Corrupt JPEG data: 2 extraneous bytes before marker") went to stderr
    // between Reel's own lines; the picture decodes all the same, so they are not shown.
    err.mgr.output_message = [](j_common_ptr) {};
    auto img = std::make_shared<RasterImage>();
    std::vector<std::uint8_t> rgba;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        throw fail(path, err.message);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, f.get());
    jpeg_read_header(&cinfo, TRUE);
    if (static_cast<double>(cinfo.image_width) * cinfo.image_height > 0) {
        try {
            check_pixels(path, cinfo.image_width, cinfo.image_height);
        } catch (...) {
            jpeg_destroy_decompress(&cinfo);
            throw;
        }
    }
    cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    img->width = static_cast<int>(cinfo.output_width);
    img->height = static_cast<int>(cinfo.output_height);
    std::size_t w = cinfo.output_width;
    rgba.resize(w * cinfo.output_height * 4);
    std::vector<std::uint8_t> row(w * 3);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW r = row.data();
        std::size_t y = cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &r, 1);
        for (std::size_t x = 0; x < w; ++x) {
            std::uint8_t* o = &rgba[(y * w + x) * 4];
            o[0] = row[3 * x];
            o[1] = row[3 * x + 1];
            o[2] = row[3 * x + 2];
            o[3] = 255;
        }
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    to_bgra(*img, rgba.data());
    return img;
}

} // namespace

RasterPtr load_image(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw fail(path, "it is a folder, not an image file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw fail(path, std::strerror(errno));
    unsigned char head[24] = {};
    in.read(reinterpret_cast<char*>(head), 24);
    if (in.gcount() >= 24 && std::memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0) return load_png(path, head);
    if (in.gcount() >= 8 && std::memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0) throw fail(path, "a PNG cut short");
    if (in.gcount() >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return load_jpeg(path);
    throw fail(path, "not a PNG or JPEG file");
}

PixelArray PixelArray::from_rows(const std::vector<std::vector<std::uint8_t>>& rows) {
    PixelArray a;
    a.height = static_cast<int>(rows.size());
    a.width = rows.empty() ? 0 : static_cast<int>(rows[0].size());
    for (const auto& r : rows) {
        if (r.size() != rows[0].size())
            throw std::invalid_argument(fmt::format("PixelArray: rows of {} and {} pixels", rows[0].size(), r.size()));
        a.data.insert(a.data.end(), r.begin(), r.end());
    }
    return a;
}

Mobject ImageMobject(const PixelArray& pixels, const ImageOptions& o) {
    if (pixels.width <= 0 || pixels.height <= 0) throw std::invalid_argument("ImageMobject: an empty pixel array");
    if (pixels.channels != 1 && pixels.channels != 3 && pixels.channels != 4)
        throw std::invalid_argument(fmt::format("ImageMobject: {} channels (1, 3 or 4 expected)", pixels.channels));
    const std::size_t n = static_cast<std::size_t>(pixels.width) * static_cast<std::size_t>(pixels.height);
    const auto c = static_cast<std::size_t>(pixels.channels);
    if (pixels.data.size() != n * c)
        throw std::invalid_argument(fmt::format("ImageMobject: {} values for {}x{} pixels of {} channels",
                                                pixels.data.size(), pixels.width, pixels.height, c));
    // change_to_rgba_array: grey repeated into RGB, alpha 255 unless given.
    std::vector<std::uint8_t> rgba(n * 4);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* p = &pixels.data[i * c];
        rgba[4 * i + 0] = p[0];
        rgba[4 * i + 1] = c >= 3 ? p[1] : p[0];
        rgba[4 * i + 2] = c >= 3 ? p[2] : p[0];
        rgba[4 * i + 3] = c == 4 ? p[3] : 255;
    }
    auto img = std::make_shared<RasterImage>();
    img->width = pixels.width;
    img->height = pixels.height;
    to_bgra(*img, rgba.data());
    Mobject m = ImageMobject(RasterPtr(std::move(img)), o);
    m.set_label(fmt::format("ImageMobject«{}x{} array»", pixels.width, pixels.height));
    return m;
}

Mobject ImageMobject(RasterPtr image, const ImageOptions& o) {
    if (!image || image->width <= 0 || image->height <= 0)
        throw std::invalid_argument("ImageMobject: an empty image");
    if (image->resampling != o.resampling_algorithm) {
        auto own = std::make_shared<RasterImage>(*image);
        own->resampling = o.resampling_algorithm;
        image = std::move(own);
    }
    // reset_points: height pixel_height / scale_to_resolution * frame_height, the width to match.
    double h = image->height / o.scale_to_resolution * kFrameHeight;
    double w = h * image->width / image->height;
    Mobject m;
    m.set_points(corners_to_points({{-w / 2, h / 2}, {w / 2, h / 2}, {w / 2, -h / 2}, {-w / 2, -h / 2}, {-w / 2, h / 2}}));
    Style s{WHITE, 1.0, WHITE, 1.0, 0.0};
    s.image = std::move(image);
    m.set_style(s);
    m.set_label("ImageMobject");
    m.set_behavior(kind_tag("ImageMobject"));
    return m;
}

Mobject ImageMobject(const std::string& path, const ImageOptions& o) {
    Mobject m = ImageMobject(load_image(path), o);
    m.set_label("ImageMobject«" + path + "»");
    return m;
}

} // namespace reel
