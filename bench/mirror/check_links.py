#!/usr/bin/env python3
"""check_links.py: the one link checker for every tool's mirror. Walks a
mirror folder, parses each .html/.htm file's href/src/srcset values,
resolves relative (file) links against the file's folder, and counts those
that point at no file. Absolute http(s) links, mailto:, javascript:, data:
and fragment-only links are not file links and are not checked.

usage: check_links.py MIRROR_DIR  -> prints JSON {files, links, missing}; exit 0
"""
import html.parser, json, os, sys, urllib.parse

class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if v is None:
                continue
            if k in ("href", "src"):
                self.links.append(v)
            elif k == "srcset":
                for cand in v.split(","):
                    parts = cand.split()
                    if parts:
                        self.links.append(parts[0])

def main(root):
    files = links = 0
    missing = []
    for dirpath, _, names in os.walk(root):
        for n in names:
            if not n.lower().endswith((".html", ".htm")):
                continue
            files += 1
            path = os.path.join(dirpath, n)
            p = P()
            with open(path, "rb") as f:
                p.feed(f.read().decode("utf-8", "replace"))
            for v in p.links:
                v = v.strip()
                u = urllib.parse.urlsplit(v)
                if u.scheme or v.startswith("//") or not u.path:
                    continue
                links += 1
                target = os.path.join(dirpath, urllib.parse.unquote(u.path))
                if os.path.isdir(target):
                    target = os.path.join(target, "index.html")
                if not os.path.exists(target):
                    missing.append(os.path.relpath(path, root) + " -> " + v)
    print(json.dumps({"files": files, "links": links, "missing": len(missing),
                      "examples": missing[:5]}))
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
