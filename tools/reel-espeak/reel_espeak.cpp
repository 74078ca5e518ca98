// reel-espeak: speaks one text with espeak-ng and reports where its words and SSML marks fall.
//
// Copyright (C) 2026 The Reel authors
//
// This program is free software: you can redistribute it and/or modify it under the terms of the
// GNU General Public License as published by the Free Software Foundation, either version 3 of
// the License, or (at your option) any later version.
//
// This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY;
// without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See
// the GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License along with this program (the
// file COPYING beside this one). If not, see <https://www.gnu.org/licenses/>.
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// libespeak-ng is GPL-3.0-or-later, Reel is MIT: Reel runs this program as a separate process
// (src/sound/espeak.cpp) instead of linking the library. The stock `espeak-ng` command accepts SSML
// marks but does not say when they are spoken; this program does, to the sample.
//
//   reel-espeak [--voice NAME] [--rate WPM] [--ssml] --wav FILE    < text (UTF-8)
//   reel-espeak --version
//
// writes the speech to FILE (16-bit mono PCM WAV at espeak-ng's rate) and, on standard output,
// one line per fact (see README.md):
//
//   reel-espeak 1                      the format of these lines
//   espeak-ng 1.51                     the library's version
//   rate 22050                         samples per second
//   word 9 4410                        a word event: its 1-based character position in the input, its sample
//   mark rope 15876                    an SSML <mark name="rope"/>, its sample
//   samples 40123                      the last line: FILE holds this many samples
//
// Errors: one line on standard error, exit status 1 (2 for a wrong command line).

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <espeak-ng/speak_lib.h>

namespace {

constexpr int kFormat = 1; // bump when the lines above change meaning

struct Collected {
    std::vector<short> samples;
    std::vector<std::string> events; // "word POSITION SAMPLE" or "mark NAME SAMPLE", as they came
};
Collected g_collected;

int on_synth(short* wav, int count, espeak_EVENT* events) {
    if (wav && count > 0) g_collected.samples.insert(g_collected.samples.end(), wav, wav + count);
    for (espeak_EVENT* e = events; e && e->type != espeakEVENT_LIST_TERMINATED; ++e) {
        if (e->type == espeakEVENT_WORD)
            g_collected.events.push_back("word " + std::to_string(e->text_position) + " " + std::to_string(e->sample));
        else if (e->type == espeakEVENT_MARK && e->id.name)
            g_collected.events.push_back(std::string("mark ") + e->id.name + " " + std::to_string(e->sample));
    }
    return 0;
}

[[noreturn]] void fail(const std::string& message, int status = 1) {
    std::fprintf(stderr, "reel-espeak: %s\n", message.c_str());
    std::exit(status);
}

void put_u32(std::FILE* f, unsigned v) {
    for (int i = 0; i < 4; ++i) std::fputc(static_cast<int>((v >> (8 * i)) & 0xFF), f);
}
void put_u16(std::FILE* f, unsigned v) {
    std::fputc(static_cast<int>(v & 0xFF), f);
    std::fputc(static_cast<int>((v >> 8) & 0xFF), f);
}

// A 16-bit mono PCM WAV file.
void write_wav(const std::string& path, const std::vector<short>& samples, int rate) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) fail("cannot write '" + path + "': " + std::strerror(errno));
    const auto data = static_cast<unsigned>(samples.size() * 2);
    std::fputs("RIFF", f);
    put_u32(f, 36 + data);
    std::fputs("WAVEfmt ", f);
    put_u32(f, 16);
    put_u16(f, 1); // PCM
    put_u16(f, 1); // mono
    put_u32(f, static_cast<unsigned>(rate));
    put_u32(f, static_cast<unsigned>(rate) * 2);
    put_u16(f, 2);
    put_u16(f, 16);
    std::fputs("data", f);
    put_u32(f, data);
    for (short v : samples) put_u16(f, static_cast<unsigned short>(v));
    const bool ok = std::ferror(f) == 0;
    if (std::fclose(f) != 0 || !ok) fail("cannot write '" + path + "': " + std::strerror(errno));
}

const char* version() {
    const char* data = nullptr;
    const char* v = espeak_Info(&data);
    return v ? v : "?";
}

void usage() {
    std::fputs("usage: reel-espeak [--voice NAME] [--rate WPM] [--ssml] --wav FILE   (the text on standard input)\n"
               "       reel-espeak --version\n"
               "Speaks the text with espeak-ng into FILE (16-bit mono WAV) and prints the sample where each\n"
               "word and each SSML <mark/> starts. GPL-3.0-or-later; part of Reel.\n",
               stdout);
}

} // namespace

int main(int argc, char** argv) {
    std::string voice = "en-us", wav;
    int rate = 175;
    bool ssml = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) fail(a + " needs a value (--help)", 2);
            return argv[++i];
        };
        if (a == "--help" || a == "-h") {
            usage();
            return 0;
        } else if (a == "--version") {
            std::printf("reel-espeak %d\nespeak-ng %s\n", kFormat, version());
            return 0;
        } else if (a == "--voice") {
            voice = value();
        } else if (a == "--rate") {
            const std::string v = value();
            char* end = nullptr;
            const long r = std::strtol(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0' || r < 80 || r > 450)
                fail("--rate '" + v + "': espeak-ng takes 80 to 450 words per minute", 2);
            rate = static_cast<int>(r);
        } else if (a == "--ssml") {
            ssml = true;
        } else if (a == "--wav") {
            wav = value();
        } else {
            fail("unknown option '" + a + "' (--help)", 2);
        }
    }
    if (wav.empty()) fail("--wav FILE is needed (--help)", 2);
    const std::string text(std::istreambuf_iterator<char>(std::cin), {});
    if (std::cin.bad()) fail("cannot read the text from standard input");

    // The calls and their order are those Reel made in-process before this program existed, so
    // the samples and times are the same (and so are the voice cache's files).
    const int sample_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (sample_rate <= 0) fail("espeak-ng could not start (is espeak-ng-data installed?)");
    if (espeak_SetVoiceByName(voice.c_str()) != EE_OK)
        fail("espeak-ng has no voice '" + voice + "' (`espeak-ng --voices` lists them)");
    espeak_SetParameter(espeakRATE, rate, 0);
    espeak_SetSynthCallback(on_synth);
    const espeak_ERROR err = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                          espeakCHARS_UTF8 | (ssml ? espeakSSML : 0), nullptr, nullptr);
    espeak_Synchronize();
    if (err != EE_OK) fail("espeak-ng failed to speak the text");

    write_wav(wav, g_collected.samples, sample_rate);
    std::printf("reel-espeak %d\nespeak-ng %s\nrate %d\n", kFormat, version(), sample_rate);
    for (const std::string& e : g_collected.events) std::printf("%s\n", e.c_str());
    std::printf("samples %zu\n", g_collected.samples.size());
    if (std::fflush(stdout) != 0) fail(std::string("cannot write to standard output: ") + std::strerror(errno));
    return 0;
}
