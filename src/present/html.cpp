// The HTML deck: the video encoded by the exporter (export_to_memory), embedded as base64 with
// the holds as JSON in a page whose ~100 lines of JavaScript present it.
#include "html.h"

#include <cstdint>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "export/subtitles.h"
#include "files/atomic_file.h"
#include "holds.h"

namespace reel {

namespace {

// The player: stops at the holds, the presenter's keys, a counter, a black screen, notes.
constexpr const char* kPlayerHtml = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Reel">
<title>@TITLE@</title>
<style>
  html, body { margin: 0; height: 100%; background: #000; overflow: hidden; font-family: sans-serif; }
  #v { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; background: #000; }
  #black { position: absolute; inset: 0; background: #000; display: none; }
  #counter { position: absolute; right: 14px; bottom: 12px; color: #fff; background: rgba(0,0,0,.75);
             font-size: 13px; padding: 3px 8px; border-radius: 4px; }
  #notes { position: absolute; left: 0; right: 0; bottom: 0; color: #fff; background: rgba(0,0,0,.8);
           font-size: 16px; padding: 10px 16px 34px; display: none; white-space: pre-wrap; }
  #help { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); color: #fff;
          background: rgba(12,12,18,.9); padding: 18px 24px; border-radius: 10px; font-size: 14px;
          display: none; line-height: 1.6; }
  #help b { color: #58c4dd; display: inline-block; min-width: 12em; }
  #sound { position: absolute; left: 14px; bottom: 12px; color: #fff; background: rgba(0,0,0,.75);
           font-size: 13px; padding: 3px 8px; border-radius: 4px; display: none; cursor: pointer; }
  video::cue { font-size: 28px; background: rgba(0,0,0,.75); }
</style>
</head>
<body>
<video id="v" muted playsinline preload="auto"></video>
<div id="black"></div>
<div id="notes"></div>
<div id="counter"></div>
<div id="sound">sound off &mdash; press M or click here</div>
<div id="help">
  <div><b>&rarr; Space PgDn click</b>next slide</div>
  <div><b>&larr; PgUp</b>previous slide, as it ends</div>
  <div><b>number Enter</b>go to that slide</div>
  <div><b>Home End</b>first / last slide</div>
  <div><b>B .</b>black screen and back</div>
  <div><b>C</b>slide counter</div>
  <div><b>N</b>notes</div>
  <div><b>M</b>sound on / off</div>
  <div><b>S</b>captions on / off</div>
  <div><b>F</b>full screen</div>
  <div><b>?</b>these keys</div>
</div>
<script id="reel-data" type="application/json">@DATA@</script>
<script id="reel-video" type="application/octet-stream">@VIDEO@</script>
<script>
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("reel-data").textContent);
  const holds = data.holds, fps = data.fps, frames = data.frames;
  const v = document.getElementById("v");
  const blackEl = document.getElementById("black"), counterEl = document.getElementById("counter");
  const notesEl = document.getElementById("notes"), helpEl = document.getElementById("help");
  const soundEl = document.getElementById("sound");
  // The video's frame k shows the timeline at k / fps; seek into the middle of the frame.
  const frameTime = (t) => (Math.min(Math.max(Math.floor(t * fps + 1e-6), 0), frames - 1) + 0.5) / fps;
  let slide = 0, playing = false, black = false, counter = true, notes = false, typed = "";
  // Browsers play a video with sound only after a gesture: it starts muted, and the first key
  // or click turns the sound on (M turns it off and on again).
  let muted = true, asked = false;
  v.muted = true;
  function gesture() { if (!asked && data.sound) { asked = true; muted = false; v.muted = false; } }
  // Captions from the voice-over, on a text track of the page's own (S turns them off and on).
  const captions = data.cues.length ? v.addTextTrack("captions", "Voice-over", "en") : null;
  if (captions) for (const c of data.cues) captions.addCue(new VTTCue(c.start, c.end, c.text));
  let captionsOn = captions !== null;

  const b64 = document.getElementById("reel-video").textContent.trim();
  const bin = atob(b64), bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  v.src = URL.createObjectURL(new Blob([bytes], { type: data.mime }));

  function show() {
    blackEl.style.display = black ? "block" : "none";
    counterEl.style.display = (counter || typed) && !black ? "block" : "none";
    counterEl.textContent = typed ? "go to " + typed : (slide + 1) + " / " + holds.length;
    notesEl.style.display = notes && holds[slide].notes && !black ? "block" : "none";
    notesEl.textContent = holds[slide].notes;
    document.title = data.title + " \u2014 slide " + (slide + 1) + " / " + holds.length;
    soundEl.style.display = data.sound && muted && !black ? "block" : "none";
    if (captions) captions.mode = captionsOn && !black ? "showing" : "hidden";
  }
  function stopAt(i) { return frameTime(holds[i].time); }
  function startAt(i) { return frameTime(holds[i].start); }
  function looping() { return holds[slide].loop && stopAt(slide) > startAt(slide); }
  function hold(i) {               // stand on slide i's hold (a looping slide loops)
    slide = i; black = false;
    if (holds[i].loop && stopAt(i) > startAt(i)) { play(i, startAt(i)); return; }
    playing = false; v.pause(); v.currentTime = stopAt(i); show();
  }
  function play(i, from) {         // play slide i from `from` to its hold
    slide = i; black = false; playing = true;
    v.currentTime = from; const p = v.play(); if (p) p.catch(() => {}); show();
  }
  function tick() {
    if (playing && v.currentTime >= stopAt(slide) - 0.25 / fps) {
      if (looping()) { v.currentTime = startAt(slide); }
      else { playing = false; v.pause(); v.currentTime = stopAt(slide); show(); }
    }
    requestAnimationFrame(tick);
  }
  function next() {
    if (black) { black = false; show(); return; }
    if (playing && !looping()) { hold(slide); return; }   // a press completes a running slide
    if (slide + 1 < holds.length) play(slide + 1, startAt(slide + 1));
    else if (looping()) { holds[slide].loop = false; hold(slide); holds[slide].loop = true; }
  }
  function previous() {
    if (black) { black = false; show(); return; }
    if (slide > 0) hold(slide - 1);
    else if (playing || v.currentTime < stopAt(0) - 0.5 / fps) hold(0);
  }
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const k = e.key;
    if (k === "m" || k === "M") { asked = true; muted = !muted; v.muted = muted; show(); e.preventDefault(); return; }
    gesture();
    let used = true;
    if (/^[0-9]$/.test(k)) { if (typed.length < 4 && !(typed === "" && k === "0")) typed += k; show(); }
    else if (k === "Enter" && typed) { const n = parseInt(typed, 10); typed = "";
      if (n >= 1 && n <= holds.length) hold(n - 1); else show(); }
    else if (k === "Backspace") { typed = typed.slice(0, -1); show(); }
    else if (k === "Escape") { typed = ""; helpEl.style.display = "none"; show(); used = false; }
    else {
      if (typed) { typed = ""; show(); }
      if (k === "ArrowRight" || k === " " || k === "PageDown") next();
      else if (k === "ArrowLeft" || k === "PageUp" || k === "p" || k === "P") previous();
      else if (k === "Home") hold(0);
      else if (k === "End") hold(holds.length - 1);
      else if (k === "b" || k === "B" || k === ".") { black = !black; show(); }
      else if (k === "c" || k === "C") { counter = !counter; show(); }
      else if (k === "n" || k === "N") { notes = !notes; show(); }
      else if (k === "s" || k === "S") { captionsOn = !captionsOn; show(); }
      else if (k === "f" || k === "F") {
        if (document.fullscreenElement) document.exitFullscreen();
        else document.documentElement.requestFullscreen().catch(() => {});
      }
      else if (k === "?") helpEl.style.display = helpEl.style.display === "block" ? "none" : "block";
      else used = false;
    }
    if (used) e.preventDefault();
  });
  soundEl.addEventListener("click", (e) => { asked = true; muted = false; v.muted = false; show(); e.stopPropagation(); });
  document.addEventListener("click", () => { gesture(); next(); show(); });
  // For scripts and tests: where the presentation stands.
  window.reel = { state: () => ({ slide: slide, slides: holds.length, playing: playing,
                                  time: v.currentTime, black: black, hold: stopAt(slide),
                                  muted: v.muted, captions: captions ? captions.mode : "none" }) };
  v.addEventListener("loadeddata", () => { play(0, 0); requestAnimationFrame(tick); }, { once: true });
  show();
})();
</script>
</body>
</html>
)HTML";

void replace_once(std::string& s, const std::string& key, const std::string& value) {
    std::size_t p = s.find(key);
    if (p != std::string::npos) s.replace(p, key.size(), value);
}

std::string html_escape(const std::string& s) {
    std::string out;
    for (char ch : s) {
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += ch;
        }
    }
    return out;
}


// RFC 4648 base64 (the page decodes it with atob).
std::string base64(const std::string& bytes) {
    static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                                static_cast<unsigned char>(bytes[i + 2]);
        out += kDigits[v >> 18];
        out += kDigits[(v >> 12) & 63];
        out += kDigits[(v >> 6) & 63];
        out += kDigits[v & 63];
    }
    if (const std::size_t rest = bytes.size() - i; rest > 0) {
        std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += kDigits[v >> 18];
        out += kDigits[(v >> 12) & 63];
        out += rest == 2 ? kDigits[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// The page around an embedded video: `video_base64` (its bytes), `mime` ("video/mp4").
std::string html_page(const Timeline& timeline, const std::vector<Hold>& holds, const std::string& title,
                      const std::string& video_base64, const std::string& mime, int fps, long frames,
                      bool sound) {
    nlohmann::json d;
    d["title"] = title;
    d["mime"] = mime;
    d["fps"] = fps;
    d["frames"] = frames;
    d["duration"] = timeline.duration();
    d["sound"] = sound;
    d["cues"] = nlohmann::json::array();
    for (const SubtitleCue& c : subtitle_cues(timeline, 0, timeline.duration()))
        d["cues"].push_back({{"start", c.start}, {"end", c.end}, {"text", c.text}});
    d["holds"] = nlohmann::json::array();
    for (const Hold& h : holds)
        d["holds"].push_back({{"start", h.start}, {"time", h.time}, {"notes", h.notes}, {"loop", h.loop},
                              {"section", timeline.sections()[h.section].name}});
    d["sections"] = nlohmann::json::array();
    for (const Section& s : timeline.sections())
        d["sections"].push_back({{"name", s.name}, {"start", s.start}, {"duration", s.duration}});
    // Inside <script>, "</" must not appear: escape every '<' in the JSON.
    std::string json = d.dump();
    std::string safe;
    for (char ch : json) safe += ch == '<' ? std::string("\\u003c") : std::string(1, ch);
    std::string page = kPlayerHtml;
    // Filled from the last field of the page to the first: a value put in earlier (a title
    // that reads "@DATA@") is never taken for a later field.
    replace_once(page, "@VIDEO@", video_base64);
    replace_once(page, "@DATA@", safe);
    replace_once(page, "@TITLE@", html_escape(title));
    return page;
}

} // namespace

ExportResult export_html(const Timeline& timeline, const HtmlOptions& html) {
    ExportOptions o = html.video;
    const VideoFormat format = o.format.value_or(VideoFormat::Mp4);
    if (format == VideoFormat::Gif) throw ExportError("an HTML export embeds MP4 or WebM, not GIF");
    o.format = format;
    o.from = 0;
    o.to.reset();
    // The page shows the captions on a text track of its own (S toggles them): a track in the
    // video as well would show twice where the browser displays it.
    o.subtitle_track = false;
    const std::vector<Hold> holds = place_holds(timeline);
    if (holds.empty()) throw ExportError("the scene is empty: nothing to present");
    validate_export(timeline, o);
    AtomicFile page(o.output); // checks the folder before the work
    std::optional<AtomicFile> vtt;
    if (!o.chapters_vtt.empty()) vtt.emplace(o.chapters_vtt);
    std::string video;
    ExportResult r = export_to_memory(timeline, o, video);
    if (video.size() > (1u << 30))
        throw ExportError(fmt::format("the video for '{}' is {} MB, too large to embed (use a lower quality)",
                                      o.output, video.size() >> 20));
    page.write_all(html_page(timeline, holds, html.title, base64(video),
                             format == VideoFormat::Mp4 ? "video/mp4" : "video/webm", o.fps, r.frames, r.audio));
    if (vtt) vtt->write_all(webvtt_chapters(chapters_of(timeline, 0, timeline.duration())));
    if (o.cancel && o.cancel->load()) throw ExportCancelled();
    page.commit();
    if (vtt) vtt->commit();
    r.path = o.output;
    return r;
}

} // namespace reel
