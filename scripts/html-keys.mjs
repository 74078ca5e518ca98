// Drives Debian's headless Chromium over the DevTools protocol (--remote-debugging-pipe: no
// network, no extra package): opens a page, presses keys like a presenter, screenshots.
//   node scripts/html-keys.mjs PAGE.html OUT_PREFIX [KEY ...]
// After each key it waits until the presentation stands still (window.reel.state()), then
// writes OUT_PREFIX-<n>.png and prints the state as one JSON line.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [page, prefix, ...keys] = process.argv.slice(2);
if (!page || !prefix) {
  console.error("usage: node scripts/html-keys.mjs PAGE.html OUT_PREFIX [KEY ...]");
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), "reel-chromium-"));
const chrome = spawn("chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--mute-audio",
  "--autoplay-policy=no-user-gesture-required", "--window-size=1280,720",
  `--user-data-dir=${profile}`, "--remote-debugging-pipe", "about:blank",
], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
let stderr = "";
chrome.stderr.on("data", (d) => { stderr += d; });
const toChrome = chrome.stdio[3], fromChrome = chrome.stdio[4];
let nextId = 1, buffer = "";
const pending = new Map(), waiters = [];
fromChrome.on("data", (chunk) => {
  buffer += chunk.toString("utf8");
  let end;
  while ((end = buffer.indexOf("\0")) >= 0) {
    const msg = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (msg.id && pending.has(msg.id)) {
      const { ok, fail } = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? fail(new Error(JSON.stringify(msg.error))) : ok(msg.result);
    } else if (msg.method) {
      for (const w of waiters.splice(0)) w(msg);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  const msg = { id, method, params };
  if (sessionId) msg.sessionId = sessionId;
  toChrome.write(JSON.stringify(msg) + "\0");
  return new Promise((ok, fail) => pending.set(id, { ok, fail }));
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function finish(code) {
  try { await send("Browser.close"); } catch { /* already gone */ }
  await sleep(300);
  chrome.kill();
  rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
const timer = setTimeout(() => { console.error("timed out\n" + stderr.slice(-2000)); finish(1); }, 120000);

try {
  const { targetInfos } = await send("Target.getTargets");
  const target = targetInfos.find((t) => t.type === "page");
  const { sessionId } = await send("Target.attachToTarget", { targetId: target.targetId, flatten: true });
  const S = (m, p) => send(m, p, sessionId);
  await S("Page.enable");
  await S("Emulation.setDeviceMetricsOverride", { width: 1280, height: 720, deviceScaleFactor: 1, mobile: false });
  await S("Page.navigate", { url: "file://" + resolve(page) });
  const state = async () => {
    const r = await S("Runtime.evaluate", { expression: "window.reel ? JSON.stringify(window.reel.state()) : ''",
                                            returnByValue: true });
    return r.result.value ? JSON.parse(r.result.value) : null;
  };
  // Ready when the player runs (the first slide starts on its own).
  for (let i = 0; ; i++) {
    const s = await state();
    if (s && s.playing && s.time > 0) break;
    if (i > 400) throw new Error("the page's player never started: " + JSON.stringify(s));
    await sleep(50);
  }
  const codes = { ArrowRight: 39, ArrowLeft: 37, PageDown: 34, PageUp: 33, Home: 36, End: 35, Enter: 13, " ": 32 };
  let n = 0;
  for (const key of keys) {
    const k = key === "Space" ? " " : key;
    const vk = codes[k] ?? k.toUpperCase().charCodeAt(0);
    await S("Input.dispatchKeyEvent", { type: "keyDown", key: k, code: k === " " ? "Space" : k,
                                        windowsVirtualKeyCode: vk, text: k.length === 1 ? k : undefined });
    await S("Input.dispatchKeyEvent", { type: "keyUp", key: k, code: k === " " ? "Space" : k, windowsVirtualKeyCode: vk });
    // Wait for the presentation to stand still on a hold.
    let s;
    for (let i = 0; ; i++) {
      await sleep(100);
      s = await state();
      if (!s.playing) break;
      if (i > 600) throw new Error("still playing after 60 s: " + JSON.stringify(s));
    }
    await sleep(300); // the seek to the hold's frame is painted
    s = await state();
    const shot = await S("Page.captureScreenshot", { format: "png" });
    const file = `${prefix}-${++n}.png`;
    writeFileSync(file, Buffer.from(shot.data, "base64"));
    console.log(JSON.stringify({ key, file, ...s }));
  }
  clearTimeout(timer);
  await finish(0);
} catch (e) {
  console.error(String(e) + "\n" + stderr.slice(-2000));
  clearTimeout(timer);
  await finish(1);
}
