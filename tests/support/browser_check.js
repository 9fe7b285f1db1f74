// browser_check.js: opens one file:// page in headless Chromium over the
// DevTools protocol on a pipe (node built-ins only) and prints one JSON
// line: every request URL, failed loads, the page's file links, images
// (complete + natural size) and style sheets that loaded.
// usage: node browser_check.js CHROMIUM_BIN FILE_URL PROFILE_DIR
'use strict';
const { spawn } = require('child_process');
const [bin, pageUrl, profile] = process.argv.slice(2);
const chrome = spawn(bin, ['--headless', '--no-sandbox', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--allow-file-access-from-files', '--remote-debugging-pipe',
  '--user-data-dir=' + profile, 'about:blank'],
  { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
const out = chrome.stdio[3], inp = chrome.stdio[4];
let nextId = 1, buf = '';
const waiting = new Map(), events = [];
let onEvent = () => {};
function send(method, params = {}, sessionId) {
  const id = nextId++;
  const msg = { id, method, params };
  if (sessionId) msg.sessionId = sessionId;
  out.write(JSON.stringify(msg) + '\0');
  return new Promise((res, rej) => waiting.set(id, { res, rej }));
}
inp.on('data', (d) => {
  buf += d.toString();
  let z;
  while ((z = buf.indexOf('\0')) >= 0) {
    const m = JSON.parse(buf.slice(0, z));
    buf = buf.slice(z + 1);
    if (m.id && waiting.has(m.id)) {
      const w = waiting.get(m.id); waiting.delete(m.id);
      m.error ? w.rej(new Error(JSON.stringify(m.error))) : w.res(m.result);
    } else if (m.method) { events.push(m); onEvent(m); }
  }
});
const timer = setTimeout(() => { console.log(JSON.stringify({ error: 'timeout' })); chrome.kill(); process.exit(2); }, 30000);
(async () => {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Network.enable', {}, sessionId);
  await send('Page.enable', {}, sessionId);
  const loaded = new Promise((res) => { onEvent = (m) => { if (m.method === 'Page.loadEventFired') res(); }; });
  await send('Page.navigate', { url: pageUrl }, sessionId);
  await loaded;
  const expr = `JSON.stringify({
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    images: [...document.images].map(i => ({src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0})),
    sheets: [...document.styleSheets].map(s => { try { return {href: s.href, rules: s.cssRules.length}; } catch (e) { return {href: s.href, rules: -1}; } }),
    bg: getComputedStyle(document.body).backgroundColor })`;
  const r = await send('Runtime.evaluate', { expression: expr, returnByValue: true }, sessionId);
  const page = JSON.parse(r.result.value);
  page.requests = events.filter(e => e.method === 'Network.requestWillBeSent').map(e => e.params.request.url);
  page.failed = events.filter(e => e.method === 'Network.loadingFailed').map(e => e.params.errorText);
  console.log(JSON.stringify(page));
  clearTimeout(timer);
  try { await send('Browser.close'); } catch (e) {}
  chrome.kill();
  process.exit(0);
})().catch((e) => { console.log(JSON.stringify({ error: String(e) })); chrome.kill(); process.exit(2); });
