#!/usr/bin/env python3
"""warc_reader.py: an independent WARC/1.1 reader for tests, written from the
spec only (python3 stdlib). Checks every record of one or more WARC files
(plain or one-gzip-member-per-record) and, with --cdxj, that each index line
points at a record with that URL. Prints one JSON summary line; exits 1 and
prints 'ERROR: ...' lines on any violation.

usage: warc_reader.py FILE... [--cdxj INDEX]
"""
import base64, gzip, hashlib, json, os, re, sys, zlib

errors = []

def err(msg):
    errors.append(msg)

def digest(b):
    return "sha1:" + base64.b32encode(hashlib.sha1(b).digest()).decode()

def members(data):
    """Yields (offset, length, bytes) per gzip member, or one plain chunk."""
    if data[:2] != b"\x1f\x8b":
        yield 0, len(data), data
        return
    pos = 0
    while pos < len(data):
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data[pos:])
        out += d.flush()
        if not d.eof:
            err("gzip member at %d not terminated" % pos)
            return
        used = len(data) - pos - len(d.unused_data)
        yield pos, used, out
        pos += used

def parse_records(buf, where):
    recs = []
    pos = 0
    while pos < len(buf):
        if buf[pos:pos + 2] == b"\r\n":
            pos += 2
            continue
        if not buf.startswith(b"WARC/1.1\r\n", pos):
            err("%s: record at %d does not start with WARC/1.1" % (where, pos))
            return recs
        end = buf.find(b"\r\n\r\n", pos)
        if end < 0:
            err("%s: header not terminated" % where)
            return recs
        lines = buf[pos:end].decode("utf-8").split("\r\n")[1:]
        fields = {}
        for line in lines:
            name, sep, value = line.partition(":")
            if not sep:
                err("%s: bad header line %r" % (where, line))
            fields[name.strip().lower()] = value.strip()
        n = int(fields.get("content-length", "-1"))
        if n < 0:
            err("%s: no Content-Length" % where)
            return recs
        block = buf[end + 4:end + 4 + n]
        if len(block) != n:
            err("%s: block truncated" % where)
        if buf[end + 4 + n:end + 8 + n] != b"\r\n\r\n":
            err("%s: record not followed by CRLF CRLF" % where)
        recs.append((fields, block))
        pos = end + 8 + n
    return recs

def check(fields, block, where, ids):
    for f in ("warc-type", "warc-record-id", "warc-date", "content-length"):
        if f not in fields:
            err("%s: missing %s" % (where, f))
    rid = fields.get("warc-record-id", "")
    if not re.fullmatch(r"<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}>", rid):
        err("%s: bad WARC-Record-ID %r" % (where, rid))
    if rid in ids:
        err("%s: duplicate WARC-Record-ID %s" % (where, rid))
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", fields.get("warc-date", "")):
        err("%s: bad WARC-Date" % where)
    if "warc-block-digest" in fields and fields["warc-block-digest"] != digest(block):
        err("%s: WARC-Block-Digest mismatch" % where)
    t = fields.get("warc-type")
    if t in ("request", "response", "revisit"):
        if "warc-target-uri" not in fields:
            err("%s: %s without WARC-Target-URI" % (where, t))
        ct = fields.get("content-type", "")
        want = "application/http;msgtype=" + ("request" if t == "request" else "response")
        if ct.replace(" ", "") != want:
            err("%s: Content-Type %r, want %r" % (where, ct, want))
    if t == "response":
        head_end = block.find(b"\r\n\r\n")
        if head_end < 0 or not block.startswith(b"HTTP/"):
            err("%s: response block is not an HTTP message" % where)
        elif fields.get("warc-payload-digest") != digest(block[head_end + 4:]):
            err("%s: WARC-Payload-Digest mismatch" % where)
    if t == "revisit" and not fields.get("warc-profile", "").endswith("server-not-modified"):
        err("%s: revisit without server-not-modified profile" % where)

def main(argv):
    cdxj = None
    if "--cdxj" in argv:
        i = argv.index("--cdxj")
        cdxj = argv[i + 1]
        del argv[i:i + 2]
    counts = {}
    ids, refs = set(), []
    by_offset = {}
    for path in argv:
        data = open(path, "rb").read()
        gz = data[:2] == b"\x1f\x8b"
        first = True
        for off, length, buf in members(data):
            where = "%s@%d" % (os.path.basename(path), off)
            recs = parse_records(buf, where)
            if gz and len(recs) != 1:
                err("%s: gzip member holds %d records, want 1" % (where, len(recs)))
            for fields, block in recs:
                check(fields, block, where, ids)
                t = fields.get("warc-type", "")
                if first and t != "warcinfo":
                    err("%s: first record is %s, want warcinfo" % (where, t))
                first = False
                counts[t] = counts.get(t, 0) + 1
                ids.add(fields.get("warc-record-id"))
                for k in ("warc-concurrent-to", "warc-refers-to"):
                    if k in fields:
                        refs.append((where, fields[k]))
                by_offset[(os.path.basename(path), off)] = (fields, length)
    for where, ref in refs:
        if ref not in ids:
            err("%s: reference %s to a record not in the files" % (where, ref))
    lines = 0
    if cdxj:
        prev = None
        for line in open(cdxj, encoding="utf-8"):
            lines += 1
            key, ts, js = line.rstrip("\n").split(" ", 2)
            if prev is not None and (key, ts) < prev:
                err("cdxj: not sorted at line %d" % lines)
            prev = (key, ts)
            if not re.fullmatch(r"\d{14}", ts):
                err("cdxj: bad timestamp %r" % ts)
            j = json.loads(js)
            rec = by_offset.get((j["filename"], int(j["offset"])))
            if rec is None:
                err("cdxj: no record at %s offset %s" % (j["filename"], j["offset"]))
                continue
            fields, length = rec
            if fields.get("warc-target-uri") != j["url"]:
                err("cdxj: url %s != record's %s" % (j["url"], fields.get("warc-target-uri")))
            if gz and length != int(j["length"]):
                err("cdxj: length %s != member length %d" % (j["length"], length))
    for e in errors:
        print("ERROR: " + e)
    print(json.dumps({"records": sum(counts.values()), "types": counts, "cdxj_lines": lines,
                      "errors": len(errors)}, sort_keys=True))
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
