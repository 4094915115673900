#!/usr/bin/env bash
# Vitae load benchmark: builds the release binary of the repository this
# script sits in, generates a synthetic dataset (bench/generate.py), imports
# it with the seed bundles into bench/out/bench.db (timed), serves it on a
# free loopback port and drives two GraphQL queries with oha:
#   whole — a profile person's whole CV with works(first: 100), ordered
#           authors and each author's person (bench/whole_cv.graphql);
#   small — { person(slug: …) { name } }, the floor for one request.
# Prints requests/second and p50/p99 latency for each, their ratio, the
# database size and the import time; writes them to bench/out/results.txt.
#
# Usage: bench/run.sh
# Settings (environment, all optional):
#   PEOPLE=10000 WORKS=300000 PROFILES=3   dataset size (generate.py)
#   REQUESTS=3000 CONCURRENCY=16           oha requests and connections per run
#   DURATION=300                           time cap on each oha run, seconds
#   WARMUP=200                             warm-up requests per query
#   SERIAL=300                             requests per query on one connection
#                                          (unloaded latency; 0 skips it)
#   REUSE_DB=1                             keep an existing bench/out/bench.db
#   IMPORT_TIMEOUT=3600                    cap on the import, seconds
#   RUST_LOG=info                          server log level (log: bench/out/server.log)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"

PEOPLE="${PEOPLE:-10000}"
WORKS="${WORKS:-300000}"
PROFILES="${PROFILES:-3}"
REQUESTS="${REQUESTS:-3000}"
CONCURRENCY="${CONCURRENCY:-16}"
DURATION="${DURATION:-300}"
WARMUP="${WARMUP:-200}"
SERIAL="${SERIAL:-300}"
IMPORT_TIMEOUT="${IMPORT_TIMEOUT:-3600}"
PROFILE_SLUG="bench-profile-0"

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

command -v python3 >/dev/null || die "python3 is needed (generate.py and result parsing)"
command -v curl >/dev/null || die "curl is needed"
command -v timeout >/dev/null || die "timeout (coreutils) is needed"
mkdir -p "$out"

# --- oha ---------------------------------------------------------------------
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! command -v oha >/dev/null; then
    say "installing oha (cargo install oha --locked)"
    cargo install oha --locked
fi
oha_help="$(oha --help)"
if grep -q -- '--output-format' <<<"$oha_help"; then
    oha_json=(--output-format json)
else
    oha_json=(-j)
fi
grep -qE -- '-D <BODY_PATH>' <<<"$oha_help" \
    || die "this oha cannot read a body from a file (-D); cargo install oha --locked --force"
oha_tui=()
if grep -q -- '--no-tui' <<<"$oha_help"; then oha_tui=(--no-tui); fi
say "using $(oha --version 2>/dev/null || echo oha)"

# --- build -------------------------------------------------------------------
say "building the release binary in $root"
if ! (cd "$root" && cargo build --release --quiet); then
    if [ ! -d "$root/data/seed" ]; then
        say "hint: $root/data/seed/ is missing; the binary embeds it (include_dir!)."
    fi
    die "cargo build --release failed"
fi
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
vitae="$target_dir/release/vitae"
[ -x "$vitae" ] || die "no binary at $vitae"

# --- data --------------------------------------------------------------------
data="$out/bench-${PEOPLE}p-${WORKS}w-${PROFILES}prof.json"
if [ -s "$data" ]; then
    say "dataset present: $data"
else
    say "generating $data"
    python3 "$here/generate.py" --people "$PEOPLE" --works "$WORKS" \
        --profiles "$PROFILES" --out "$data"
fi

seeds=()
if [ -d "$root/data/seed" ]; then
    for f in "$root"/data/seed/*.json; do [ -e "$f" ] && seeds+=("$f"); done
fi

# --- import ------------------------------------------------------------------
db="$out/bench.db"
stamp="$out/bench.db.stamp"
want_stamp="$(basename "$data") seeds=${#seeds[@]}"
seed_secs="-"
import_secs="-"
now() { date +%s.%N; }
secs() { python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }
if [ "${REUSE_DB:-0}" = 1 ] && [ -s "$db" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want_stamp" ]; then
    say "reusing $db (REUSE_DB=1); import not timed"
else
    rm -f "$db" "$db-wal" "$db-shm" "$stamp"
    if [ "${#seeds[@]}" -gt 0 ]; then
        say "importing ${#seeds[@]} seed bundle(s)"
        t0="$(now)"
        RUST_LOG=warn timeout "$IMPORT_TIMEOUT" "$vitae" --db "$db" import "${seeds[@]}"
        seed_secs="$(secs "$t0" "$(now)")"
        say "seed import took ${seed_secs}s"
    else
        say "no seed bundles in $root/data/seed; skipping them"
    fi
    say "importing $(basename "$data") (timeout ${IMPORT_TIMEOUT}s)"
    t0="$(now)"
    RUST_LOG=warn timeout "$IMPORT_TIMEOUT" "$vitae" --db "$db" import "$data" \
        || die "import failed or exceeded ${IMPORT_TIMEOUT}s"
    import_secs="$(secs "$t0" "$(now)")"
    echo "$want_stamp" > "$stamp"
    say "import took ${import_secs}s"
fi
# Fold the WAL into the main file so the size below is the database's.
python3 - "$db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.close()
EOF
db_bytes="$(stat -c %s "$db")"

# --- serve -------------------------------------------------------------------
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
url="http://127.0.0.1:$port"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        timeout 10 tail --pid="$server_pid" -f /dev/null 2>/dev/null || kill -9 "$server_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say "serving $db on $url (log: $out/server.log)"
RUST_LOG="${RUST_LOG:-info}" "$vitae" --db "$db" serve --bind 127.0.0.1 --port "$port" \
    >"$out/server.log" 2>&1 &
server_pid=$!
timeout 60 bash -c "until curl -fsS --max-time 2 '$url/health' >/dev/null 2>&1; do
    kill -0 $server_pid 2>/dev/null || exit 1; sleep 0.2; done" \
    || { tail -20 "$out/server.log" >&2; die "the server did not become healthy in 60s"; }

# --- request bodies and a correctness check ------------------------------------
python3 - "$here/whole_cv.graphql" "$PROFILE_SLUG" "$out" <<'EOF'
import json, sys
query, slug, out = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
with open(out + "/whole.body.json", "w") as f:
    json.dump({"query": query, "operationName": "WholeCv", "variables": {"slug": slug}}, f)
with open(out + "/small.body.json", "w") as f:
    json.dump({"query": "query Small($slug: String!) { person(slug: $slug) { name } }",
               "variables": {"slug": slug}}, f)
EOF
for q in whole small; do
    curl -fsS --max-time 30 -H 'content-type: application/json' \
        --data-binary @"$out/$q.body.json" "$url/graphql" >"$out/$q.response.json" \
        || die "the $q query failed"
done
check="$(python3 - "$out" <<'EOF'
import json, os, sys
out = sys.argv[1]
whole = json.load(open(out + "/whole.response.json"))
small = json.load(open(out + "/small.response.json"))
for name, r in (("whole", whole), ("small", small)):
    if r.get("errors") or not (r.get("data") or {}).get("person"):
        sys.exit("%s query: %s" % (name, json.dumps(r)[:2000]))
p = whole["data"]["person"]
print("%d works of %d, %d appointments, %d degrees, %d grants, %d bytes"
      % (len(p["works"]["edges"]), p["works"]["totalCount"], len(p["appointments"]),
         len(p["education"]), len(p["grants"]), os.path.getsize(out + "/whole.response.json")))
EOF
)" || die "a query returned errors (see $out/*.response.json)"
say "whole-CV response for $PROFILE_SLUG: $check"

# --- load --------------------------------------------------------------------
# Bounded twice: oha sends exactly N requests (each capped by -t), and a
# `timeout` of DURATION seconds ends oha itself. (oha refuses -n with -z.)
run_oha() { # name requests concurrency
    local name="$1" n="$2" c="$3" rc=0
    timeout "$DURATION" oha "${oha_tui[@]}" -n "$n" -c "$c" -t 30s \
        -m POST -T application/json -D "$out/$name.body.json" \
        "${oha_json[@]}" "$url/graphql" || rc=$?
    [ "$rc" = 124 ] && die "oha did not finish $n $name requests within ${DURATION}s (DURATION)"
    [ "$rc" = 0 ] || die "oha failed ($rc) on the $name query"
}
for q in whole small; do
    say "warm-up: $WARMUP $q requests"
    run_oha "$q" "$WARMUP" 4 >/dev/null
done
for q in whole small; do
    say "load: $q, $REQUESTS requests, $CONCURRENCY connections, cap ${DURATION}s"
    run_oha "$q" "$REQUESTS" "$CONCURRENCY" >"$out/oha-$q.json"
done
rm -f "$out/oha-whole-serial.json" "$out/oha-small-serial.json"
if [ "$SERIAL" -gt 0 ]; then
    for q in whole small; do
        say "serial: $q, $SERIAL requests, 1 connection, cap ${DURATION}s"
        run_oha "$q" "$SERIAL" 1 >"$out/oha-$q-serial.json"
    done
fi

# --- report ------------------------------------------------------------------
python3 - "$out" "$db_bytes" "$import_secs" "$seed_secs" "$(basename "$data")" \
    "$REQUESTS" "$CONCURRENCY" "$SERIAL" "$(nproc)" "$check" <<'EOF' | tee "$out/results.txt"
import json, os, sys
out, db_bytes, imp, seed, data, n, c, serial, cores, check = sys.argv[1:]
def load(name):
    path = "%s/oha-%s.json" % (out, name)
    if not os.path.exists(path):
        return None
    j = json.load(open(path))
    s, p = j["summary"], j.get("latencyPercentiles", {})
    codes = j.get("statusCodeDistribution", {})
    errors = j.get("errorDistribution", {})
    return {"rps": s["requestsPerSec"], "p50": (p.get("p50") or 0) * 1000,
            "p99": (p.get("p99") or 0) * 1000, "codes": codes, "errors": errors,
            "done": sum(int(v) for v in codes.values())}
runs = [("whole", c, load("whole")), ("small", c, load("small")),
        ("whole", "1", load("whole-serial")), ("small", "1", load("small-serial"))]
runs = [r for r in runs if r[2]]
print("Vitae load benchmark  (%s cores, server and oha on one machine, loopback)" % cores)
print("dataset            %s" % data)
print("whole-CV response  %s" % check)
print("database size      %.1f MiB" % (int(db_bytes) / 2**20))
if imp == "-":
    print("import time        not measured (REUSE_DB=1 kept the database)")
else:
    print("import time        %s s for the synthetic bundle; %s s for the seed bundles" % (imp, seed))
print()
print("%-6s %5s %9s %10s %9s %9s  %s" % ("query", "conns", "requests", "req/s", "p50 ms", "p99 ms", "status codes / errors"))
for name, conns, r in runs:
    print("%-6s %5s %9d %10.1f %9.2f %9.2f  %s %s" % (name, conns, r["done"], r["rps"], r["p50"], r["p99"],
          json.dumps(r["codes"]), json.dumps(r["errors"]) if r["errors"] else ""))
print()
w, s = runs[0][2], runs[1][2]
print("whole/small at %s connections: throughput %.4f (small serves %.0fx as many req/s), p50 %.0fx, p99 %.0fx"
      % (c, w["rps"] / s["rps"], s["rps"] / w["rps"], w["p50"] / s["p50"], w["p99"] / s["p99"]))
if len(runs) == 4:
    ws, ss = runs[2][2], runs[3][2]
    print("whole/small on 1 connection:  p50 %.0fx (%.2f ms vs %.2f ms), p99 %.0fx"
          % (ws["p50"] / ss["p50"], ws["p50"], ss["p50"], ws["p99"] / ss["p99"]))
bad = [k for _, _, r in runs for k in r["codes"] if not k.startswith("2")]
if bad or any(r["errors"] for _, _, r in runs):
    print("WARNING: non-2xx responses or transport errors above")
    sys.exit(1)
EOF
