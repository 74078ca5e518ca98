// PDF handouts (one vector page per hold) and the self-contained HTML page.
#include "handout.h"

#include <chrono>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "render/pdf.h"
#include "temp_file.h"

namespace reel {

std::string handout_clock(Seconds t) {
    long tenths = static_cast<long>(std::floor(std::max(t, 0.0) * 10.0 + 1e-6));
    return fmt::format("{}:{:02d}.{}", tenths / 600, (tenths / 10) % 60, tenths % 10);
}

ExportResult export_pdf(const Timeline& timeline, const std::string& output, const std::string& title) {
    const auto start = std::chrono::steady_clock::now();
    const auto& holds = timeline.holds();
    if (holds.empty()) throw ExportError("the scene is empty: no slide to put on a page");
    TempFile file(output); // checks the folder before the work
    std::vector<HandoutPage> pages;
    std::size_t last_section = static_cast<std::size_t>(-1);
    for (std::size_t i = 0; i < holds.size(); ++i) {
        const Hold& h = holds[i];
        const Seconds t = hold_picture_time(h, timeline.duration());
        HandoutPage p;
        p.frame = timeline.state_at(t);
        const std::string& section = timeline.sections()[h.section].name;
        p.heading = fmt::format("Slide {} / {}  \u00b7  {}  \u00b7  {}", i + 1, holds.size(), section,
                                handout_clock(h.time));
        p.notes = h.notes;
        if (h.section != last_section) p.bookmark = section;
        last_section = h.section;
        pages.push_back(std::move(p));
    }
    std::string bytes;
    try {
        bytes = render_pdf(pages, {.title = title});
    } catch (const std::runtime_error& e) {
        throw ExportError(fmt::format("'{}': {}", output, e.what()));
    }
    file.write_all(bytes);
    file.commit();
    ExportResult r;
    r.path = output;
    r.frames = static_cast<long>(pages.size());
    r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

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
</style>
</head>
<body>
<video id="v" muted playsinline preload="auto"></video>
<div id="black"></div>
<div id="notes"></div>
<div id="counter"></div>
<div id="help">
  <div><b>&rarr; Space PgDn click</b>next slide</div>
  <div><b>&larr; PgUp</b>previous slide, as it ends</div>
  <div><b>number Enter</b>go to that slide</div>
  <div><b>Home End</b>first / last slide</div>
  <div><b>B .</b>black screen and back</div>
  <div><b>C</b>slide counter</div>
  <div><b>N</b>notes</div>
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
  // The video's frame k shows the timeline at k / fps; seek into the middle of the frame.
  const frameTime = (t) => (Math.min(Math.max(Math.floor(t * fps + 1e-6), 0), frames - 1) + 0.5) / fps;
  let slide = 0, playing = false, black = false, counter = true, notes = false, typed = "";

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
      else if (k === "f" || k === "F") {
        if (document.fullscreenElement) document.exitFullscreen();
        else document.documentElement.requestFullscreen().catch(() => {});
      }
      else if (k === "?") helpEl.style.display = helpEl.style.display === "block" ? "none" : "block";
      else used = false;
    }
    if (used) e.preventDefault();
  });
  document.addEventListener("click", () => next());
  // For scripts and tests: where the presentation stands.
  window.reel = { state: () => ({ slide: slide, slides: holds.length, playing: playing,
                                  time: v.currentTime, black: black, hold: stopAt(slide) }) };
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

} // namespace

std::string html_page(const Timeline& timeline, const std::string& title, const std::string& video_base64,
                      const std::string& mime, int fps, long frames) {
    nlohmann::json d;
    d["title"] = title;
    d["mime"] = mime;
    d["fps"] = fps;
    d["frames"] = frames;
    d["duration"] = timeline.duration();
    d["holds"] = nlohmann::json::array();
    for (const Hold& h : timeline.holds())
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

} // namespace reel
