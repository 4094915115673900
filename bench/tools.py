#!/usr/bin/env python3
"""Helpers for bench/run.sh and bench/ab.sh (Python 3 standard library only).

Subcommands:
  pick DB TARGET...        people whose number of works (authorships) is
                           closest to each TARGET; one line each:
                           "TARGET SLUG WORKS HAS_CAREER"
  schema-key DB            a short hash of the schema of a migrated database
                           (user_version and every CREATE statement)
  checkpoint DB            folds the WAL into the main file
  body QUERY_FILE OP SLUG OUT
                           writes a GraphQL POST body
  check KIND RESPONSE [WORKS]
                           checks one answer (KIND profile or whole): no
                           errors, the person found, the expected number of
                           works; prints a one-line summary
  meta-set FILE KEY VALUE  sets KEY to VALUE (a string, or JSON with KEY:json)
                           in the JSON object in FILE (created when missing)
  meta-person FILE LABEL SLUG WORKS CHECK
                           appends a person to FILE's "people" list
  rss PID                  VmHWM of a process in KiB (0 when unreadable)
  report OUT_DIR           the results table of run.sh (reads meta.json,
                           rows.jsonl, floor.jsonl); exits 1 on any non-2xx
                           answer or transport error
  ab-report OUT_DIR        the B/A table of ab.sh (reads ab-meta.json,
                           ab-rows.jsonl)
  soak-report OUT_DIR LIMIT_MIB
                           the summary of soak.sh (reads soak-rss.tsv and
                           soak-*.json); exits 1 when RSS did not level off
                           or passed LIMIT_MIB

transport.sh's (issue 8: persisted queries and compression):
  apq QUERY_FILE OP SLUG REGISTER_OUT PATH_OUT
                           the body that registers the query's persisted hash
                           (query, variables and extensions.persistedQuery)
                           and the GET path that names the hash alone
  capture PORT_FILE OUT    listens on a free loopback port (written to
                           PORT_FILE), takes one request, writes its bytes as
                           received (request line, headers, body) to OUT,
                           answers 200 and exits (30 s at most)
  wire-request CAPTURE HOST
                           the size in bytes of a captured request with its
                           Host header's value replaced by HOST
  wire-response URL CAPTURE
                           sends a captured request to URL's host (Host
                           replaced) and prints its response's bytes as
                           received: "HEAD BODY PAYLOAD CHUNKS" (BODY with
                           the chunked framing, PAYLOAD without)
  fixed-server PORT_FILE IDENTITY GZIP BR
                           serves those three files' bytes, by the request's
                           Accept-Encoding (gzip, br, else identity), to any
                           GET or POST on a free loopback port, until killed
  same-json A B            exits 1 unless the two files hold equal JSON
  cpu-ticks PID            user + system CPU time of a process, clock ticks
  transport-report OUT_DIR the tables of transport.sh (transport-meta.json,
                           transport-rows.jsonl); exits 1 on any non-2xx
                           answer or transport error
"""

import hashlib
import http.server
import json
import os
import socket
import sqlite3
import statistics
import sys
import urllib.parse


def pick(db, targets):
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    counts = c.execute(
        "SELECT p.slug, a.n, EXISTS (SELECT 1 FROM appointment WHERE person_id = p.id)"
        "       AND EXISTS (SELECT 1 FROM education WHERE person_id = p.id)"
        " FROM (SELECT person_id, count(*) AS n FROM authorship GROUP BY person_id) AS a"
        " JOIN person AS p ON p.id = a.person_id"
        " WHERE p.slug NOT LIKE 'bench-profile-%'").fetchall()
    c.close()
    if not counts:
        sys.exit("pick: no authorships in %s" % db)
    for t in targets:
        t = int(t)
        # Closest number of works; within 10% of the target, a person with
        # an appointment and a degree (so the query's career part has rows)
        # wins over a closer one without.
        def rank(r):
            far = abs(r[1] - t) > 0.1 * t
            return (far, not far and not r[2], abs(r[1] - t), r[0])
        best = min(counts, key=rank)
        print("%d %s %d %d" % (t, best[0], best[1], best[2]))


def schema_key(db):
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    version = c.execute("PRAGMA user_version").fetchone()[0]
    sql = c.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    c.close()
    h = hashlib.sha256(json.dumps([version, sql]).encode()).hexdigest()[:12]
    print("v%d-%s" % (version, h))


def checkpoint(db):
    c = sqlite3.connect(db)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.close()


def body(query_file, op, slug, out):
    with open(query_file) as f:
        query = f.read()
    with open(out, "w") as f:
        json.dump({"query": query, "operationName": op, "variables": {"slug": slug}}, f)


def check(kind, response, works=None):
    size = os.path.getsize(response)
    with open(response) as f:
        r = json.load(f)
    p = (r.get("data") or {}).get("person")
    if r.get("errors") or not p:
        sys.exit("%s query: %s" % (kind, json.dumps(r)[:2000]))
    edges = p["works"]["edges"]
    if kind == "profile":
        want = min(20, int(works))
        if len(edges) != want:
            sys.exit("profile query: %d works, expected %d" % (len(edges), want))
        authors = [a for e in edges for a in e["node"]["authors"]]
        if any(not a["person"]["name"] for a in authors):
            sys.exit("profile query: an author without a person name")
        print("%d works, %d authorships, %d appointments, %d degrees, %d bytes"
              % (len(edges), len(authors), len(p["appointments"]), len(p["education"]), size))
    else:
        print("%d works of %d, %d appointments, %d degrees, %d grants, %d bytes"
              % (len(edges), p["works"]["totalCount"], len(p["appointments"]),
                 len(p["education"]), len(p["grants"]), size))


def meta_load(path):
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    return {}


def meta_save(path, meta):
    with open(path + ".tmp", "w") as f:
        json.dump(meta, f, indent=1)
    os.replace(path + ".tmp", path)


def meta_set(path, key, value):
    meta = meta_load(path)
    if key.endswith(":json"):
        key, value = key[:-5], json.loads(value)
    meta[key] = value
    meta_save(path, meta)


def meta_person(path, label, slug, works, check_line):
    meta = meta_load(path)
    meta.setdefault("people", []).append(
        {"label": label, "slug": slug, "works": int(works), "check": check_line})
    meta_save(path, meta)


def rss(pid):
    try:
        with open("/proc/%s/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    print(int(line.split()[1]))
                    return
    except OSError:
        pass
    print(0)


def load_oha(path):
    with open(path) as f:
        j = json.load(f)
    s, p = j["summary"], j.get("latencyPercentiles", {})
    codes = j.get("statusCodeDistribution", {})
    return {"rps": s["requestsPerSec"], "p50": (p.get("p50") or 0) * 1000,
            "p99": (p.get("p99") or 0) * 1000, "codes": codes,
            "errors": j.get("errorDistribution", {}),
            "done": sum(int(v) for v in codes.values())}


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def mib(kib):
    return "%.0f" % (int(kib) / 1024) if kib else "-"


def bad_rows(rows):
    return [r for r in rows
            if r["oha"]["errors"] or any(not k.startswith("2") for k in r["oha"]["codes"])]


def report(out):
    with open(os.path.join(out, "meta.json")) as f:
        meta = json.load(f)
    rows = read_jsonl(os.path.join(out, "rows.jsonl"))
    for r in rows:
        r["oha"] = load_oha(os.path.join(out, r["file"]))
    floor = {f["slug"]: f for f in read_jsonl(os.path.join(out, "floor.jsonl"))}

    print("Vitae load benchmark  (%s cores; server, oha and the floor on one machine; loopback)"
          % meta["cores"])
    print("commit             %s" % meta["commit"])
    print("oha                %s" % meta["oha"])
    print("dataset            %s" % meta["dataset"])
    print("database size      %.1f MiB" % (int(meta["db_bytes"]) / 2**20))
    if meta.get("import_secs") in (None, "-"):
        print("import             not measured (REUSE_DB=1 kept the database)")
    else:
        secs = float(meta["import_secs"])
        print("import             %.2f s for %s works (%.0f works/s), peak RSS %s MiB;"
              " seed bundles %s s"
              % (secs, meta["works"], int(meta["works"]) / secs, mib(meta["import_rss_kib"]),
                 meta["seed_secs"]))
    print("server             %s" % meta["server_cmd"])
    for who in meta["people"]:
        print("person %-11s %s, %s works: %s" % (who["label"], who["slug"], who["works"],
                                                who["check"]))
    print("whole-CV person    %s: %s" % (meta["whole_slug"], meta["whole_check"]))
    print()
    if floor:
        print("floor (bench/floor.rs: the profile query's store lookups, in-process, one thread)")
        print("%-16s %6s %10s %10s %9s %9s" % ("person", "works", "iterations", "per_sec",
                                               "p50 ms", "p99 ms"))
        for who in meta["people"]:
            f = floor.get(who["slug"])
            if f:
                print("%-16s %6s %10d %10.1f %9.3f %9.3f"
                      % (who["slug"], who["works"], f["iterations"], f["per_sec"],
                         f["p50_us"] / 1000, f["p99_us"] / 1000))
        print()
    print("%-8s %-16s %6s %5s %8s %9s %8s %8s %8s %8s"
          % ("query", "person", "works", "conns", "requests", "req/s", "p50 ms", "p99 ms",
             "RSS MiB", "/floor"))
    for r in rows:
        o = r["oha"]
        f = floor.get(r["slug"]) if r["query"] == "profile" else None
        ratio = "%.3f" % (o["rps"] / f["per_sec"]) if f and f["per_sec"] else "-"
        extra = ""
        if o["errors"] or any(not k.startswith("2") for k in o["codes"]):
            extra = "  %s %s" % (json.dumps(o["codes"]), json.dumps(o["errors"]))
        print("%-8s %-16s %6s %5s %8d %9.1f %8.2f %8.2f %8s %8s%s"
              % (r["query"], r["slug"], r["works"], r["conns"], o["done"], o["rps"], o["p50"],
                 o["p99"], mib(r["rss_kib"]), ratio, extra))
    print()
    # Largest against smallest person, per number of connections.
    people = sorted(meta["people"], key=lambda w: int(w["works"]))
    if len(people) >= 2:
        small, large = people[0], people[-1]
        print("largest/smallest person: %s (%s works) against %s (%s works)"
              % (large["slug"], large["works"], small["slug"], small["works"]))
        by = {(r["slug"], r["conns"]): r["oha"] for r in rows if r["query"] == "profile"}
        for c in meta["conns"]:
            a, b = by.get((small["slug"], c)), by.get((large["slug"], c))
            if a and b:
                print("  %3s conns: req/s %.3f, p50 %.2fx, p99 %.2fx"
                      % (c, b["rps"] / a["rps"], b["p50"] / a["p50"], b["p99"] / a["p99"]))
        fa, fb = floor.get(small["slug"]), floor.get(large["slug"])
        if fa and fb:
            print("  floor:     per_sec %.3f, p50 %.2fx"
                  % (fb["per_sec"] / fa["per_sec"], fb["p50_us"] / fa["p50_us"]))
    if bad_rows(rows):
        print("WARNING: non-2xx responses or transport errors above")
        sys.exit(1)


def ab_report(out):
    with open(os.path.join(out, "ab-meta.json")) as f:
        meta = json.load(f)
    rows = read_jsonl(os.path.join(out, "ab-rows.jsonl"))
    for r in rows:
        r["oha"] = load_oha(os.path.join(out, r["file"]))
    print("Vitae A/B load benchmark  (%s cores; both servers and oha on one machine; loopback)"
          % meta["cores"])
    for side in ("A", "B"):
        m = meta[side]
        print("%s  %s  (database %s, schema %s, %.1f MiB)"
              % (side, m["bin"], os.path.basename(m["db"]), m["schema"], m["db_bytes"] / 2**20))
    print("dataset %s; %d rounds, each row run A then B" % (meta["dataset"], meta["rounds"]))
    print()
    print("%-8s %-16s %6s %5s %5s %9s %9s %8s %8s %8s %8s"
          % ("query", "person", "works", "conns", "round", "A req/s", "B req/s", "B/A",
             "A p50", "B p50", "B/A p50"))
    keys = []
    runs = {}
    for r in rows:
        k = (r["query"], r["slug"], r["works"], r["conns"])
        if k not in runs:
            keys.append(k)
            runs[k] = {}
        runs[k].setdefault(r["round"], {})[r["side"]] = r["oha"]
    summary = []
    for k in keys:
        ratios, p50s = [], []
        for rnd in sorted(runs[k]):
            a, b = runs[k][rnd].get("A"), runs[k][rnd].get("B")
            if not (a and b):
                continue
            ratios.append(b["rps"] / a["rps"])
            p50s.append(b["p50"] / a["p50"])
            print("%-8s %-16s %6s %5s %5s %9.1f %9.1f %8.3f %8.2f %8.2f %8.3f"
                  % (k[0], k[1], k[2], k[3], rnd, a["rps"], b["rps"], ratios[-1], a["p50"],
                     b["p50"], p50s[-1]))
        if ratios:
            summary.append((k, statistics.median(ratios), min(ratios), max(ratios),
                            statistics.median(p50s)))
    print()
    print("B/A per row, median over rounds (req/s above 1 and p50 below 1 mean B is faster):")
    for k, med, lo, hi, p50 in summary:
        print("  %-8s %-16s %6s works %3s conns: req/s %.3f (%.3f-%.3f), p50 %.3f"
              % (k[0], k[1], k[2], k[3], med, lo, hi, p50))
    if bad_rows(rows):
        print("WARNING: non-2xx responses or transport errors above")
        sys.exit(1)


def soak_report(out, limit_mib):
    curve = []
    with open(os.path.join(out, "soak-rss.tsv")) as f:
        next(f)
        for line in f:
            t, rss_mib, threads = (int(x) for x in line.split()[:3])
            curve.append((t, rss_mib, threads))
    print("query      requests   req/s   p50 ms   p99 ms  statuses")
    failed = []
    for name in ("whole_cv", "works", "timeline", "search", "node"):
        path = os.path.join(out, "soak-%s.json" % name)
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            print("%-10s  no result (see soak-%s.err)" % (name, name))
            continue
        o = load_oha(path)
        codes = " ".join("%s:%s" % kv for kv in sorted(o["codes"].items()))
        # oha -z ends the requests still in flight at the deadline.
        errors = {k: v for k, v in o["errors"].items() if "deadline" not in k}
        if errors or any(not k.startswith("2") for k in o["codes"]) or not o["done"]:
            failed.append(name)
        if o["errors"]:
            codes += " errors:%s" % json.dumps(o["errors"])
        print("%-10s  %8d %8.0f %8.2f %8.2f  %s" % (name, o["done"], o["rps"], o["p50"], o["p99"], codes))
    print()
    print("RSS over time (MiB, threads):")
    print("  " + "  ".join("%ds %d/%d" % c for c in curve if c[0] % 30 == 0 or c is curve[-1]))
    end = curve[-1][0]
    at60 = next((r for t, r, _ in curve if t >= 60), curve[-1][1])
    last_min = [r for t, r, _ in curve if t >= end - 60]
    growth = max(last_min) - min(last_min)
    peak = max(r for _, r, _ in curve)
    flat = end >= 120 and growth <= 0.05 * at60
    print("level at 60 s: %d MiB; last minute: %d..%d MiB (%+d); peak %d MiB; limit %d MiB"
          % (at60, min(last_min), max(last_min), growth, peak, limit_mib))
    ok = flat and peak <= limit_mib and not failed
    if failed:
        print("failed answers: %s" % ", ".join(failed))
    print("verdict: %s" % ("flat and under the limit" if ok else
                            "NOT flat" if not flat else "over the limit" if peak > limit_mib
                            else "some answers failed"))
    sys.exit(0 if ok else 1)

# --- transport.sh (issue 8) ---------------------------------------------------

def apq(query_file, op, slug, register_out, path_out):
    with open(query_file) as f:
        query = f.read()
    variables = {"slug": slug}
    ext = {"persistedQuery": {"version": 1,
                              "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}
    with open(register_out, "w") as f:
        json.dump({"query": query, "operationName": op, "variables": variables,
                   "extensions": ext}, f)
    compact = lambda v: urllib.parse.quote(json.dumps(v, separators=(",", ":")), safe="")
    with open(path_out, "w") as f:
        f.write("/graphql?operationName=%s&variables=%s&extensions=%s"
                % (op, compact(variables), compact(ext)))


def write_port(port_file, port):
    with open(port_file + ".tmp", "w") as f:
        f.write("%d\n" % port)
    os.replace(port_file + ".tmp", port_file)


def header_value(head, name):
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == name:
            return v.strip()
    return None


def capture(port_file, out):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    srv.settimeout(30)
    write_port(port_file, srv.getsockname()[1])
    conn, _ = srv.accept()
    conn.settimeout(30)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            sys.exit("capture: the connection closed inside the headers")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    if header_value(head, b"transfer-encoding"):
        sys.exit("capture: a chunked request body is not measured")
    length = int(header_value(head, b"content-length") or 0)
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            sys.exit("capture: the connection closed inside the body")
        rest += chunk
    with open(out, "wb") as f:
        f.write(head + b"\r\n\r\n" + rest[:length])
    conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                 b"content-length: 2\r\nconnection: close\r\n\r\n{}")
    conn.close()
    srv.close()


def wire_request(capture_file, host):
    with open(capture_file, "rb") as f:
        raw = f.read()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    hosts = [i for i, l in enumerate(lines) if l.lower().startswith(b"host:")]
    if len(hosts) != 1:
        sys.exit("wire-request: %d Host headers in %s" % (len(hosts), capture_file))
    lines[hosts[0]] = lines[hosts[0]].split(b":", 1)[0] + b": " + host.encode()
    print(len(b"\r\n".join(lines) + b"\r\n\r\n" + body))


def read_exact(conn, buf, n):
    while len(buf) < n:
        chunk = conn.recv(65536)
        if not chunk:
            sys.exit("wire-response: the connection closed early")
        buf += chunk
    return buf


def read_line(conn, buf):
    while b"\r\n" not in buf:
        chunk = conn.recv(65536)
        if not chunk:
            sys.exit("wire-response: the connection closed early")
        buf += chunk
    line, _, rest = buf.partition(b"\r\n")
    return line, rest


def wire_response(url, capture_file):
    """Replays a captured request and counts its response's bytes as they
    arrive: head, then body with its framing (Content-Length or chunks)."""
    host = url.split("://", 1)[1].rstrip("/")
    with open(capture_file, "rb") as f:
        raw = f.read()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = [l if not l.lower().startswith(b"host:") else b"Host: " + host.encode()
             for l in head.split(b"\r\n")]
    addr, port = host.rsplit(":", 1)
    conn = socket.create_connection((addr, int(port)), timeout=60)
    conn.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + body)
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = conn.recv(65536)
        if not chunk:
            sys.exit("wire-response: the connection closed inside the headers")
        buf += chunk
    rhead, _, buf = buf.partition(b"\r\n\r\n")
    head_bytes = len(rhead) + 4
    if b"chunked" in (header_value(rhead, b"transfer-encoding") or b"").lower():
        body_bytes = payload = chunks = 0
        while True:
            line, buf = read_line(conn, buf)
            size = int(line.split(b";")[0], 16)
            buf = read_exact(conn, buf, size + 2)
            body_bytes += len(line) + 2 + size + 2
            payload += size
            buf = buf[size + 2:]
            if size == 0:
                break
            chunks += 1
    else:
        payload = int(header_value(rhead, b"content-length") or 0)
        buf = read_exact(conn, buf, payload)
        body_bytes, chunks = payload, 0
    conn.close()
    print(head_bytes, body_bytes, payload, chunks)


def fixed_server(port_file, identity, gz, br):
    """The transport floor: the same response bytes with nothing behind them."""
    def load(path, coding):
        with open(path, "rb") as f:
            body = f.read()
        head = ("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                "content-length: %d\r\n%svary: accept-encoding\r\n\r\n"
                % (len(body), "content-encoding: %s\r\n" % coding if coding else ""))
        return head.encode() + body
    answers = {None: load(identity, None), "gzip": load(gz, "gzip"), "br": load(br, "br")}

    class Fixed(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def answer(self):
            n = int(self.headers.get("Content-Length") or 0)
            if n:
                self.rfile.read(n)
            codings = {c.split(";")[0].strip().lower()
                       for c in (self.headers.get("Accept-Encoding") or "").split(",")}
            coding = "br" if "br" in codings else "gzip" if "gzip" in codings else None
            self.wfile.write(answers[coding])

        do_GET = do_POST = answer

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True
        # The default backlog of 5 drops the SYNs of 16 connections opened
        # at once, and their retries cost a second each.
        request_queue_size = 128

    srv = Server(("127.0.0.1", 0), Fixed)
    write_port(port_file, srv.server_address[1])
    srv.serve_forever()


def same_json(a, b):
    with open(a) as fa, open(b) as fb:
        if json.load(fa) != json.load(fb):
            sys.exit("%s and %s hold different JSON" % (a, b))


def cpu_ticks(pid):
    with open("/proc/%s/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    print(int(fields[11]) + int(fields[12]))


def transport_report(out):
    with open(os.path.join(out, "transport-meta.json")) as f:
        meta = json.load(f)
    rows = read_jsonl(os.path.join(out, "transport-rows.jsonl"))
    for r in rows:
        r["oha"] = load_oha(os.path.join(out, r["file"]))
    tick_ms = 1000.0 / os.sysconf("SC_CLK_TCK")
    variants = meta["variants"]
    print("Vitae transport benchmark (issue 8)  (%s cores; server, oha and the floor on one"
          " machine; loopback)" % meta["cores"])
    for k in ("commit", "oha", "dataset", "query", "server", "floor"):
        print("%-9s %s" % (k, meta[k]))
    print("load avg  %s at the start, %s at the end" % (meta["load_start"], meta["load_end"]))
    print()
    print("Bytes of one request and its answer. req: exactly what oha sends (request line,"
          " headers, body).")
    print("hdr, body: the response's headers and body as curl receives them, not decoded;"
          " wire: the same")
    print("request replayed, everything received (headers, body and its chunked framing);"
          " /base: wire over the")
    print("baseline's. Every variant decodes to the baseline's JSON.")
    print("%-13s %-6s %-8s %7s %6s %8s %8s %6s %7s"
          % ("variant", "method", "encoding", "req B", "hdr B", "body B", "wire B", "chunks",
             "/base"))
    base = variants[0]
    wire = lambda v: v["wire_head"] + v["wire_body"]
    for v in variants:
        print("%-13s %-6s %-8s %7d %6d %8d %8d %6d %7.3f"
              % (v["name"], v["method"], v["encoding"] or "identity", v["req_bytes"],
                 v["resp_header"], v["resp_body"], wire(v), v["chunks"],
                 float(wire(v)) / wire(base)))
    print()
    print("Load: %s requests per row (%s on one connection), median of %d rounds"
          " (req/s range over rounds);" % (meta["requests"], meta["serial"], meta["rounds"]))
    print("CPU ms/req: the server's user+system CPU per request; floor: the fixed-body server"
          " answering the same bytes, same oha settings")
    print("%-13s %5s %8s %15s %8s %8s %8s %7s %10s %7s"
          % ("variant", "conns", "requests", "req/s (range)", "p50 ms", "p99 ms", "CPU ms",
             "/base", "floor r/s", "/floor"))
    med = {}
    for v in variants:
        for c in meta["conns"]:
            mine = [r for r in rows if r["variant"] == v["name"] and r["conns"] == c]
            vit = [r for r in mine if r["target"] == "vitae"]
            flo = [r for r in mine if r["target"] == "floor"]
            if not vit:
                continue
            rps = [r["oha"]["rps"] for r in vit]
            cpu = [r["cpu_ticks"] * tick_ms / r["oha"]["done"] for r in vit if r["oha"]["done"]]
            m = {"rps": statistics.median(rps),
                 "p50": statistics.median(r["oha"]["p50"] for r in vit),
                 "p99": statistics.median(r["oha"]["p99"] for r in vit),
                 "cpu": statistics.median(cpu) if cpu else 0,
                 "floor": statistics.median(r["oha"]["rps"] for r in flo) if flo else 0,
                 "done": sum(r["oha"]["done"] for r in vit) // len(vit)}
            med[(v["name"], c)] = m
            b = med.get((base["name"], c))
            print("%-13s %5s %8d %6.1f %-8s %8.2f %8.2f %8.2f %7.3f %10.1f %7.3f"
                  % (v["name"], c, m["done"], m["rps"],
                     "(%.0f-%.0f)" % (min(rps), max(rps)), m["p50"], m["p99"], m["cpu"],
                     m["rps"] / b["rps"], m["floor"],
                     m["rps"] / m["floor"] if m["floor"] else float("nan")))
    bad = bad_rows(rows)
    for r in bad:
        print("FAILED: %s %s %s conns round %s: %s %s"
              % (r["target"], r["variant"], r["conns"], r["round"],
                 json.dumps(r["oha"]["codes"]), json.dumps(r["oha"]["errors"])))
    if bad:
        sys.exit(1)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "pick":
        pick(args[0], args[1:])
    elif cmd == "schema-key":
        schema_key(args[0])
    elif cmd == "checkpoint":
        checkpoint(args[0])
    elif cmd == "body":
        body(*args)
    elif cmd == "check":
        check(*args)
    elif cmd == "meta-set":
        meta_set(*args)
    elif cmd == "meta-person":
        meta_person(*args)
    elif cmd == "rss":
        rss(args[0])
    elif cmd == "report":
        report(args[0])
    elif cmd == "ab-report":
        ab_report(args[0])
    elif cmd == "soak-report":
        soak_report(args[0], float(args[1]))
    elif cmd == "apq":
        apq(*args)
    elif cmd == "capture":
        capture(*args)
    elif cmd == "wire-request":
        wire_request(*args)
    elif cmd == "wire-response":
        wire_response(*args)
    elif cmd == "fixed-server":
        fixed_server(*args)
    elif cmd == "same-json":
        same_json(*args)
    elif cmd == "cpu-ticks":
        cpu_ticks(args[0])
    elif cmd == "transport-report":
        transport_report(args[0])
    else:
        sys.exit("unknown subcommand %r\n%s" % (cmd, __doc__))


if __name__ == "__main__":
    main(sys.argv)
