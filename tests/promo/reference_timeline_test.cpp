// The recorded promo against Manim's own timeline (tests/data/reference/timeline.tsv, 60 fps):
// every recorded segment has the kind, frame count and start of its reference row.
//
// While a section of the promo is not ported yet, the sections after it start earlier than in
// Manim; their segments are then compared relative to their section's start, and absolute
// times are compared for every segment before the first missing section. Once all four
// sections exist, every one of the 199 rows is compared absolutely.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "timeline/timeline.h"

namespace reel {
namespace {

struct Row {
    int index = 0;
    std::string kind;
    double start_s = 0;
    double duration_s = 0;
    std::string sequence;
    std::string marker;
    long frames = 0;
    long start_frame = 0;
};

// Reel's section names for the sequences (A-D) of timeline.tsv, in the promo's order.
const std::vector<std::pair<std::string, std::string>> kSectionOfSequence = {
    {"A", "gqa"}, {"B", "sdpa"}, {"C", "heatmap"}, {"D", "generation"}};

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (true) {
        std::size_t tab = line.find('\t', pos);
        out.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
        if (tab == std::string::npos) break;
        pos = tab + 1;
    }
    return out;
}

class ReferenceTimeline : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (const SceneInfo* info = find_scene("transformer"))
            timeline_ = new Timeline(record_scene(*info));
    }
    static void TearDownTestSuite() {
        delete timeline_;
        timeline_ = nullptr;
    }

    void SetUp() override {
        namespace fs = std::filesystem;
        const fs::path dir = REEL_TEST_REFERENCE_DIR;
        ASSERT_TRUE(fs::is_directory(dir))
            << "reference folder " << dir
            << " is missing (tests/data/reference in the repository)";
        const fs::path tsv = dir / "timeline.tsv";
        std::ifstream in(tsv);
        ASSERT_TRUE(in) << "cannot read " << tsv;
        std::string line;
        ASSERT_TRUE(std::getline(in, line)) << tsv << " is empty";
        ASSERT_EQ(line, "index\tkind\tstart_s\tduration_s\tanimations\tsequence\tmarker\tframes\t"
                        "start_frame\tnominal_s")
            << "unexpected header in " << tsv;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            auto f = split_tabs(line);
            ASSERT_EQ(f.size(), 10u) << "malformed row: " << line;
            Row r;
            r.index = std::stoi(f[0]);
            r.kind = f[1];
            r.start_s = std::stod(f[2]);
            r.duration_s = std::stod(f[3]);
            r.sequence = f[5];
            r.marker = f[6];
            r.frames = std::stol(f[7]);
            r.start_frame = std::stol(f[8]);
            ASSERT_EQ(r.index, static_cast<int>(rows_.size())) << "rows out of order";
            rows_.push_back(r);
        }
        ASSERT_EQ(rows_.size(), 199u) << tsv << " should hold Manim's 199 calls";
        ASSERT_NE(timeline_, nullptr) << "the scene 'transformer' is not registered";
    }

    // The reference rows of one sequence, in order.
    std::vector<Row> rows_of(const std::string& seq) const {
        std::vector<Row> out;
        for (const auto& r : rows_)
            if (r.sequence == seq) out.push_back(r);
        return out;
    }

    static std::string sequence_of(const std::string& section) {
        for (const auto& [seq, name] : kSectionOfSequence)
            if (name == section) return seq;
        return {};
    }

    static Timeline* timeline_;
    std::vector<Row> rows_;
};
Timeline* ReferenceTimeline::timeline_ = nullptr;

long to_frames(Seconds t) { return std::lround(t * kTimelineFps); }

const char* kind_name(SegmentInfo::Kind k) { return k == SegmentInfo::Kind::Play ? "play" : "wait"; }

TEST_F(ReferenceTimeline, EverySectionIsAKnownSequenceInTheReferenceOrder) {
    std::size_t last = 0;
    for (const auto& sec : timeline_->sections()) {
        const std::string seq = sequence_of(sec.name);
        ASSERT_FALSE(seq.empty()) << "section '" << sec.name << "' has no sequence in timeline.tsv";
        std::size_t pos = 0;
        while (kSectionOfSequence[pos].first != seq) ++pos;
        EXPECT_TRUE(pos >= last) << "section '" << sec.name << "' is out of order";
        last = pos;
    }
}

TEST_F(ReferenceTimeline, EverySegmentMatchesItsRowWithinItsSection) {
    const auto segs = timeline_->segments();
    const auto& sections = timeline_->sections();
    ASSERT_FALSE(segs.empty());
    std::map<std::size_t, std::size_t> count_in_section;
    for (std::size_t i = 0; i < segs.size(); ++i) {
        const SegmentInfo& s = segs[i];
        const std::size_t si = timeline_->section_at(s.start);
        const Section& sec = sections[si];
        const std::vector<Row> rows = rows_of(sequence_of(sec.name));
        const std::size_t k = count_in_section[si]++;
        ASSERT_LT(k, rows.size()) << "section '" << sec.name << "' has more segments than "
                                  << "timeline.tsv (segment " << i << ": " << s.description << ")";
        const Row& r = rows[k];
        SCOPED_TRACE("segment " + std::to_string(i) + " vs row " + std::to_string(r.index) + " (" +
                     s.description + ")");
        EXPECT_EQ(kind_name(s.kind), r.kind);
        EXPECT_EQ(to_frames(s.duration), r.frames);
        EXPECT_NEAR(s.duration * kTimelineFps, static_cast<double>(r.frames), 1e-6);
        EXPECT_EQ(to_frames(s.start) - to_frames(sec.start), r.start_frame - rows.front().start_frame);
        EXPECT_NEAR(s.start - sec.start, r.start_s - rows.front().start_s, 1e-6);
    }
    for (std::size_t si = 0; si < sections.size(); ++si) {
        EXPECT_EQ(count_in_section[si], rows_of(sequence_of(sections[si].name)).size())
            << "section '" << sections[si].name << "' has a different number of segments";
    }
}

TEST_F(ReferenceTimeline, AbsoluteStartsMatchUpToTheFirstMissingSection) {
    // The sections present from the start, in order, with none missing before them.
    std::vector<std::string> present;
    for (const auto& sec : timeline_->sections()) present.push_back(sec.name);
    std::size_t prefix = 0;
    while (prefix < present.size() && prefix < kSectionOfSequence.size() &&
           present[prefix] == kSectionOfSequence[prefix].second)
        ++prefix;
    ASSERT_GE(prefix, 1u) << "the promo must start with the gqa section";
    std::size_t rows_covered = 0;
    for (std::size_t p = 0; p < prefix; ++p) rows_covered += rows_of(kSectionOfSequence[p].first).size();

    const auto segs = timeline_->segments();
    ASSERT_GE(segs.size(), rows_covered);
    for (std::size_t i = 0; i < rows_covered; ++i) {
        const Row& r = rows_[i];
        SCOPED_TRACE("row " + std::to_string(r.index) + " (" + segs[i].description + ")");
        EXPECT_EQ(kind_name(segs[i].kind), r.kind);
        EXPECT_EQ(to_frames(segs[i].start), r.start_frame);
        EXPECT_EQ(to_frames(segs[i].duration), r.frames);
        EXPECT_NEAR(segs[i].start, r.start_s, 1e-6);
    }
    if (prefix == kSectionOfSequence.size()) {
        // The whole promo: 199 calls, 5320 frames.
        EXPECT_EQ(segs.size(), rows_.size());
        EXPECT_EQ(timeline_->frame_count(kTimelineFps), rows_.back().start_frame + rows_.back().frames);
    }
}

TEST_F(ReferenceTimeline, SectionLengthsEqualTheSpansOfTheirSequences) {
    // Each section's length equals the span of its sequence (so a later port of a missing
    // section shifts the rest by exactly that section's length).
    for (const auto& sec : timeline_->sections()) {
        const std::vector<Row> rows = rows_of(sequence_of(sec.name));
        ASSERT_FALSE(rows.empty());
        const long span = rows.back().start_frame + rows.back().frames - rows.front().start_frame;
        EXPECT_EQ(to_frames(sec.duration), span) << "section '" << sec.name << "'";
        if (sec.name == "gqa") {
            EXPECT_EQ(to_frames(sec.start), 0);
        }
    }
}

} // namespace
} // namespace reel
