// readability_run.js: reads "id<TAB>path" lines on stdin, runs Mozilla
// Readability (jsdom) on each file, prints {"id","text"} lines.
const fs = require("fs");
const { JSDOM } = require("jsdom");
const { Readability } = require("@mozilla/readability");
const lines = fs.readFileSync(0, "utf8").split("\n").filter((l) => l.includes("\t"));
for (const line of lines) {
  const [id, path] = line.split("\t");
  let text = "";
  try {
    const dom = new JSDOM(fs.readFileSync(path, "utf8"));
    const art = new Readability(dom.window.document).parse();
    text = art ? art.textContent : "";
  } catch (e) {}
  process.stdout.write(JSON.stringify({ id, text }) + "\n");
}
