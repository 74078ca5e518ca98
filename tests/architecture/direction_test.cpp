// Imports run one way. The layers and their order are the table under "## Layers" in
// docs/architecture.md (first column: the folder under src/, second: the public headers it
// owns); this test reads that table and every #include of src/ and include/reel/, and fails when
// a layer includes a header of a layer below it in the table, when a public header includes an
// engine header, or when a layer uses Cairo, Pango, SDL or libav without being one of the
// layers allowed to.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace reel {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = REEL_SOURCE_DIR;

struct Layer {
    std::string name;
    std::vector<std::string> headers; ///< public headers it owns ("reel/x.h", "reel/shapes/*.h")
};

std::string trim(std::string s) {
    auto blank = [](unsigned char c) { return c == ' ' || c == '`' || c == '\t'; };
    while (!s.empty() && blank(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && blank(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
}

// The rows of the "## Layers" table, top (used by everything) to bottom (uses everything).
std::vector<Layer> layers_from_docs(const std::string& markdown) {
    std::istringstream in(markdown);
    std::string line;
    bool in_section = false, in_table = false;
    std::vector<Layer> out;
    const std::regex header_re(R"(reel/[A-Za-z0-9_/*]+\.h)");
    while (std::getline(in, line)) {
        if (line.rfind("## ", 0) == 0) {
            in_section = line == "## Layers";
            continue;
        }
        if (!in_section) continue;
        if (line.rfind("|", 0) != 0) {
            if (in_table) break; // the table ended
            continue;
        }
        if (!in_table) { // the heading row
            in_table = true;
            continue;
        }
        if (line.find("---") != std::string::npos) continue;
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream row(line.substr(1));
        while (std::getline(row, cell, '|')) cells.push_back(cell);
        if (cells.size() < 2) continue;
        Layer layer{trim(cells[0]), {}};
        for (std::sregex_iterator it(cells[1].begin(), cells[1].end(), header_re), end; it != end; ++it)
            layer.headers.push_back(it->str());
        out.push_back(std::move(layer));
    }
    return out;
}

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Include {
    std::string target; ///< as written between the quotes or brackets
    bool angled = false;
    int line = 0;
};

std::vector<Include> includes_of(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::vector<Include> out;
    const std::regex re(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        std::smatch m;
        if (std::regex_search(line, m, re)) out.push_back({m[2].str(), m[1].str() == "<", n});
    }
    return out;
}

bool is_source(const fs::path& p) {
    const std::string e = p.extension().string();
    return e == ".h" || e == ".cpp" || e == ".inc";
}

bool matches(const std::string& pattern, const std::string& header) {
    const auto star = pattern.find('*');
    if (star == std::string::npos) return pattern == header;
    const std::string head = pattern.substr(0, star), tail = pattern.substr(star + 1);
    return header.size() >= head.size() + tail.size() && header.compare(0, head.size(), head) == 0 &&
           header.compare(header.size() - tail.size(), tail.size(), tail) == 0 &&
           header.find('/', head.size()) == std::string::npos;
}

// Third-party libraries only some layers may use: the renderer draws with Cairo, the player
// draws its own controls and owns the window, the exporter alone encodes. Text lays glyphs out
// with Pango, whose outlines come as Cairo paths (pango_cairo_layout_path). No layer speaks with
// espeak-ng itself: Reel is MIT and runs the GPL helper program reel-espeak instead.
struct Library {
    std::string name;
    std::vector<std::string> prefixes; ///< of the include path
    std::vector<std::string> layers;   ///< allowed to include it
};
const std::vector<Library>& libraries() {
    static const std::vector<Library> libs = {
        {"Cairo", {"cairo"}, {"render", "player", "text"}},
        {"Pango", {"pango/"}, {"render", "player", "text"}},
        {"SDL", {"SDL"}, {"player"}},
        {"libav", {"libavcodec/", "libavformat/", "libavutil/", "libswscale/", "libswresample/"}, {"sound", "export"}},
        // GPL-3.0-or-later: only the separate program tools/reel-espeak links it (docs/sound.md).
        {"espeak-ng", {"espeak-ng/", "espeak/"}, {}},
    };
    return libs;
}

class Direction {
public:
    explicit Direction(std::vector<Layer> layers) : layers_(std::move(layers)) {
        for (std::size_t i = 0; i < layers_.size(); ++i) rank_[layers_[i].name] = i;
    }

    std::optional<std::size_t> rank(const std::string& layer) const {
        auto it = rank_.find(layer);
        if (it == rank_.end()) return std::nullopt;
        return it->second;
    }
    /// The layer owning public header "reel/x.h".
    std::optional<std::string> owner(const std::string& header) const {
        for (const Layer& l : layers_)
            for (const std::string& p : l.headers)
                if (matches(p, header)) return l.name;
        return std::nullopt;
    }

    /// Everything wrong with the includes of `file`, which belongs to `layer` (empty for a
    /// public header under include/).
    std::vector<std::string> check(const fs::path& file, const std::string& layer) const {
        std::vector<std::string> out;
        const std::string where = fs::relative(file, kSource).string();
        const auto own = layer.empty() ? std::nullopt : rank(layer);
        for (const Include& inc : includes_of(file)) {
            const std::string at = where + ":" + std::to_string(inc.line) + ": ";
            const auto slash = inc.target.find('/');
            const std::string first = slash == std::string::npos ? "" : inc.target.substr(0, slash);
            for (const Library& lib : libraries())
                for (const std::string& prefix : lib.prefixes)
                    if (inc.angled && inc.target.rfind(prefix, 0) == 0 &&
                        std::find(lib.layers.begin(), lib.layers.end(), layer) == lib.layers.end())
                        out.push_back(at + (layer.empty() ? "a public header" : "layer " + layer) +
                                      " includes " + lib.name + " (<" + inc.target + ">)");
            if (first == "reel") { // a public header
                const auto o = owner(inc.target);
                if (!o) {
                    if (fs::exists(kSource / "include" / inc.target))
                        out.push_back(at + inc.target + " is in no row of the layers table");
                    continue; // a generated header (reel/version.h) or a library's
                }
                if (own && rank(*o) > own)
                    out.push_back(at + "layer " + layer + " includes " + inc.target + " of layer " + *o +
                                  ", which comes after it in the table");
                continue;
            }
            if (inc.angled) continue; // the standard library and third-party libraries
            if (first.empty() || !rank(first)) { // a header beside the file
                if (!fs::exists(file.parent_path() / inc.target))
                    out.push_back(at + "\"" + inc.target + "\" is neither beside the file nor " +
                                  "module/header.h of a layer");
                continue;
            }
            if (layer.empty()) {
                out.push_back(at + "a public header includes the engine header " + inc.target);
                continue;
            }
            if (rank(first) > own)
                out.push_back(at + "layer " + layer + " includes " + inc.target + " of layer " + first +
                              ", which comes after it in the table");
        }
        return out;
    }

private:
    std::vector<Layer> layers_;
    std::map<std::string, std::size_t> rank_;
};

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

Direction project_direction() { return Direction(layers_from_docs(read(kSource / "docs/architecture.md"))); }

// Negative cases first: the checker itself must see a wrong include.

TEST(Direction, ReadsTheTableInOrder) {
    const auto layers = layers_from_docs("## Layers\n\n| layer | headers | holds |\n|---|---|---|\n"
                                         "| `geometry` | `reel/geometry.h` | points |\n"
                                         "| mobjects | `reel/mobject.h`, `reel/shapes/*.h` | tree |\n\n## Next\n");
    ASSERT_EQ(layers.size(), 2u);
    EXPECT_EQ(layers[0].name, "geometry");
    EXPECT_EQ(layers[1].name, "mobjects");
    ASSERT_EQ(layers[1].headers.size(), 2u);
    EXPECT_TRUE(matches(layers[1].headers[1], "reel/shapes/elbow.h"));
    EXPECT_FALSE(matches(layers[1].headers[1], "reel/shapes.h"));
}

TEST(Direction, FindsAnUpwardIncludeAndAForbiddenLibrary) {
    const fs::path dir = fs::temp_directory_path() / ("reel_direction_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "bad.cpp";
    std::ofstream(file) << "#include <SDL.h>\n#include \"player/player.h\"\n#include \"reel/mobject.h\"\n";
    const auto problems = project_direction().check(file, "render");
    fs::remove_all(dir);
    ASSERT_EQ(problems.size(), 2u) << joined(problems);
    EXPECT_NE(problems[0].find("includes SDL"), std::string::npos) << problems[0];
    EXPECT_NE(problems[1].find("player/player.h of layer player"), std::string::npos) << problems[1];
}

TEST(Direction, EveryFolderOfSrcIsALayerOfTheTable) {
    const Direction d = project_direction();
    for (const auto& entry : fs::directory_iterator(kSource / "src")) {
        if (!entry.is_directory()) continue;
        EXPECT_TRUE(d.rank(entry.path().filename().string()))
            << "src/" << entry.path().filename().string() << " is not in the layers table of docs/architecture.md";
    }
}

TEST(Direction, LayersIncludeOnlyLayersAboveThemInTheTable) {
    const Direction d = project_direction();
    std::vector<std::string> problems;
    int files = 0;
    for (const auto& folder : fs::directory_iterator(kSource / "src")) {
        if (!folder.is_directory()) continue;
        const std::string layer = folder.path().filename().string();
        for (const auto& entry : fs::recursive_directory_iterator(folder.path()))
            if (entry.is_regular_file() && is_source(entry.path())) {
                ++files;
                for (auto& p : d.check(entry.path(), layer)) problems.push_back(std::move(p));
            }
    }
    EXPECT_GT(files, 50);
    EXPECT_TRUE(problems.empty()) << joined(problems);
}

TEST(Direction, PublicHeadersIncludeOnlyPublicHeaders) {
    const Direction d = project_direction();
    std::vector<std::string> problems;
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kSource / "include/reel")) {
        if (!entry.is_regular_file() || !is_source(entry.path())) continue;
        ++files;
        const std::string header = fs::relative(entry.path(), kSource / "include").string();
        const auto owner = d.owner(header);
        if (!owner) problems.push_back(header + " is in no row of the layers table");
        for (auto& p : d.check(entry.path(), "")) problems.push_back(std::move(p));
        // A public header also follows its own layer's direction.
        if (owner)
            for (auto& p : d.check(entry.path(), *owner))
                if (p.find("comes after it") != std::string::npos) problems.push_back(std::move(p));
    }
    EXPECT_GT(files, 10);
    EXPECT_TRUE(problems.empty()) << joined(problems);
}

// Issue 18's rule: a file small enough to read in one sitting. The TeX layout (one algorithm,
// TeXbook appendix G) is the exception, and so are generated tables ("// Generated by" on
// their first line, e.g. src/math/tex_metrics.inc). A file that grows past it is split by meaning.
TEST(Size, NoSourceFileOver600LinesButTheTexLayout) {
    std::vector<std::string> problems;
    int files = 0;
    for (const char* root : {"src", "include"})
        for (const auto& entry : fs::recursive_directory_iterator(kSource / root)) {
            if (!entry.is_regular_file() || !is_source(entry.path())) continue;
            ++files;
            const std::string name = fs::relative(entry.path(), kSource).string();
            if (name == "src/math/layout.cpp") continue;
            std::ifstream in(entry.path());
            long lines = 0;
            bool generated = false;
            for (std::string line; std::getline(in, line);)
                if (++lines == 1) generated = line.rfind("// Generated by", 0) == 0;
            if (generated) continue;
            if (lines > 600) problems.push_back(name + ": " + std::to_string(lines) + " lines");
        }
    EXPECT_GT(files, 100);
    EXPECT_TRUE(problems.empty()) << joined(problems);
}

} // namespace
} // namespace reel
