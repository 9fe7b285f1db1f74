// warcio_check.mjs: reads winnow's WARC files and CDXJ index with
// webrecorder's warcio (an independent, widely used reader), and replays
// URLs through the index the way a wayback machine does.
//
// Usage: node warcio_check.mjs WARCIO_DIST_DIR CDXJ WARC... [--replay URL...]
//   WARCIO_DIST_DIR: the installed package's dist/ folder.
// Checks: every record parses; warcio's own CDX index of the files equals
// the CDXJ (same keys, timestamps, URLs, statuses, digests, offsets,
// lengths, files); the record at each CDXJ offset is the one the line
// names. Replay: look the URL up by its SURT key (latest capture), read the
// record there, follow a 3xx's Location through the index again, up to 10
// hops. Prints one JSON summary line, then "replay URL STATUS -> ..." per
// URL; exits 1 when a check failed.
import { createReadStream, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const [distDir, cdxjPath, ...rest] = process.argv.slice(2);
const replayAt = rest.indexOf("--replay");
const warcs = replayAt < 0 ? rest : rest.slice(0, replayAt);
const replay = replayAt < 0 ? [] : rest.slice(replayAt + 1);
const { WARCParser, CDXIndexer, getSurt } = await import(
  pathToFileURL(join(distDir, "index.js")).href
);

const errors = [];
const types = {};
let records = 0;

// 1. Every record of every file parses.
for (const file of warcs) {
  const parser = new WARCParser(createReadStream(file));
  for await (const record of parser) {
    await record.readFully();
    types[record.warcType] = (types[record.warcType] || 0) + 1;
    records++;
  }
}

// 2. warcio's CDX index equals ours, field by field.
function norm(o) {
  const digest = String(o.digest || "").replace(/^sha1:/, "");
  return [o.urlkey, o.timestamp, o.url, o.mime || "", String(o.status), digest,
          String(o.length), String(o.offset), o.filename].join(" ");
}
const ours = [];
for (const line of readFileSync(cdxjPath, "utf8").split("\n")) {
  if (!line) continue;
  const a = line.indexOf(" "), b = line.indexOf(" ", a + 1);
  const j = JSON.parse(line.slice(b + 1));
  ours.push({ urlkey: line.slice(0, a), timestamp: line.slice(a + 1, b), ...j });
}
const theirs = [];
const indexer = new CDXIndexer({});
const streams = warcs.map((f) => ({ filename: basename(f), reader: createReadStream(f) }));
for await (const entry of indexer.iterIndex(streams)) theirs.push(entry);
const a = ours.map(norm).sort(), b = theirs.map(norm).sort();
for (const x of a) if (!b.includes(x)) errors.push("only in our CDXJ: " + x);
for (const x of b) if (!a.includes(x)) errors.push("only in warcio's index: " + x);

// 3. The record at each CDXJ offset is the one the line names.
const dir = dirname(cdxjPath);
async function recordAt(line) {
  const buf = readFileSync(join(dir, line.filename));
  const slice = buf.subarray(Number(line.offset), Number(line.offset) + Number(line.length));
  const record = await WARCParser.parse([slice]);
  if (!record) return null;
  await record.readFully();
  return record;
}
for (const line of ours) {
  const r = await recordAt(line);
  const where = `${line.filename}@${line.offset}`;
  if (!r) { errors.push(`${where}: no record`); continue; }
  const want = line.mime === "warc/revisit" ? "revisit" : "response";
  if (r.warcType !== want) errors.push(`${where}: ${r.warcType}, want ${want}`);
  if (r.warcTargetURI !== line.url) errors.push(`${where}: target ${r.warcTargetURI}`);
  if (String(r.httpHeaders.statusCode) !== String(line.status)) {
    errors.push(`${where}: status ${r.httpHeaders.statusCode}`);
  }
}

// 4. Replay through the index.
const out = [];
for (let url of replay) {
  const steps = [url];
  for (let hop = 0; hop < 10; hop++) {
    const key = getSurt(url);
    const hits = ours.filter((l) => l.urlkey === key);
    if (hits.length === 0) { steps.push("not-in-index"); break; }
    hits.sort((x, y) => (x.timestamp < y.timestamp ? -1 : x.timestamp > y.timestamp ? 1 : 0));
    const r = await recordAt(hits[hits.length - 1]);
    const status = r.httpHeaders.statusCode;
    steps.push(String(status));
    const location = r.httpHeaders.headers.get("location");
    if (status < 300 || status > 399 || !location) break;
    url = new URL(location, url).href;
    steps.push("->", url);
  }
  out.push("replay " + steps.join(" "));
}

const sortedTypes = Object.fromEntries(Object.entries(types).sort());
console.log(JSON.stringify({ records, types: sortedTypes, cdxj_lines: ours.length,
                             warcio_index_lines: theirs.length, errors }));
for (const line of out) console.log(line);
process.exit(errors.length ? 1 : 0);
