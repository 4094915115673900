#!/usr/bin/env bash
# Server configurations A/B: one store, one query, several ways of serving
# it (a binary, its environment and its `serve` arguments), each started in
# turn and driven by oha, rows alternated round by round so that the
# machine's drift hits every configuration alike. Per row: req/s, the
# server's CPU time per request (user + system from /proc, steadier than
# req/s on a shared machine), p50/p99 and the server's peak RSS (VmHWM).
# bench/ab.sh compares two binaries on every query; this compares settings
# (`--max-running 16`, an allocator, a cache size) on one.
#
# Usage: bench/configs.sh DB QUERY_FILE SLUG < CONFIGS
#   CONFIGS: one per line, `label|ENV=V ...|BINARY|serve arguments`
#   e.g.  printf '%s\n' 'mr4||target/release/vitae|--max-running 4' \
#                       'mr16||target/release/vitae|--max-running 16' |
#         bench/configs.sh bench/out/bench.db bench/profile_query.graphql bench-p-000997
#
# Settings (environment): ROUNDS=2, CONNS="16 64", REQUESTS=3000 per row,
# WARMUP=300 (on 4 connections), DURATION=120 (cap per oha run, seconds),
# PORT=18082. Rows go to stdout and bench/out/configs-results.txt.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/out"
# shellcheck source=bench/common.sh
. "$here/common.sh"
ROUNDS="${ROUNDS:-2}" CONNS="${CONNS:-16 64}" REQUESTS="${REQUESTS:-3000}"
WARMUP="${WARMUP:-300}" PORT="${PORT:-18082}"

[ $# = 3 ] || die "usage: bench/configs.sh DB QUERY_FILE SLUG < CONFIGS"
db="$1" query="$2" slug="$3"
[ -s "$db" ] || die "no store at $db"
check_tools
mapfile -t configs
[ "${#configs[@]}" -ge 1 ] || die "no configurations on stdin"
mkdir -p "$out"
body="$(python3 -c 'import json,sys; print(json.dumps({"query": open(sys.argv[1]).read(), "variables": {"slug": sys.argv[2]}}))' "$query" "$slug")"
results="$out/configs-results.txt"
: >"$results"
url="http://127.0.0.1:$PORT/graphql"
load() { # load N CONNS [oha args...]
    local n="$1" c="$2"; shift 2
    timeout "$DURATION" oha -n "$n" -c "$c" -t 30s --no-tui --disable-compression "$@" \
        -m POST -H 'content-type: application/json' -d "$body" "$url"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT
for round in $(seq "$ROUNDS"); do
    for config in "${configs[@]}"; do
        IFS='|' read -r label envs bin args <<<"$config"
        # shellcheck disable=SC2086 # the environment and arguments are word lists
        env $envs "$bin" --db "$db" serve --port "$PORT" $args >"$out/configs-server.log" 2>&1 &
        pid=$!
        for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
        curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || die "$label: the server did not start"
        load "$WARMUP" 4 >/dev/null
        for c in $CONNS; do
            before="$(cpu_ticks "$pid")"
            load "$REQUESTS" "$c" --output-format json >"$out/configs-oha.json"
            after="$(cpu_ticks "$pid")"
            hwm="$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")"
            python3 - "$round" "$label" "$c" "$REQUESTS" "$before" "$after" "$hwm" "$(getconf CLK_TCK)" \
                "$out/configs-oha.json" <<'PY' | tee -a "$results"
import json, sys
rnd, label, conns, n, before, after, hwm, tck, path = sys.argv[1:]
o = json.load(open(path))
s, p = o["summary"], o["latencyPercentiles"]
bad = sum(v for k, v in o.get("statusCodeDistribution", {}).items() if k != "200")
cpu_ms = (int(after) - int(before)) * 1000 / int(tck) / int(n)
print(f"round {rnd} {label:24s} conns {conns:>3s}  req/s {s['requestsPerSec']:8.1f}  "
      f"cpu ms/req {cpu_ms:6.3f}  p50 {p['p50'] * 1000:7.2f}  p99 {p['p99'] * 1000:7.2f}  "
      f"RSS {hwm:>4s} MiB  not-200 {bad}")
PY
        done
        kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
    done
done
