#!/usr/bin/env bash
# Vitae soak test (issue 7): does memory stay flat under long mixed load?
#   1. builds the release binary, generates a dataset of PEOPLE people
#      (default 2,000 people, 60,000 works; bench/generate.py) and imports it
#      into bench/out/soak.db (reused while the dataset is the same);
#   2. serves it and runs, at once, one oha per query of bench/soak/ plus the
#      whole-CV query, CONNS_TOTAL connections in all (default 32) for a while
#      (default 180; SOAK_SECONDS): every request asks for another person (or search text,
#      or node id), drawn at random by oha's --rand-regex-url over GET
#      requests;
#   3. samples the server's RSS and threads every SAMPLE seconds and prints
#      the curve, the rate and statuses per query, and whether RSS levelled
#      off (the last minute grows by under 5% of the level at 60 s) and
#      stayed under LIMIT_MIB (default 150).
# Exits 1 when memory did not level off or passed the limit.
#
# Usage: bench/soak.sh            (PEOPLE=500 WORKS=15000 SOAK_SECONDS=40 for a quick look)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"
PEOPLE="${PEOPLE:-2000}"
WORKS="${WORKS:-60000}"
PROFILES="${PROFILES:-3}"
# shellcheck source=bench/common.sh
. "$here/common.sh"
SOAK_SECONDS="${SOAK_SECONDS:-180}"
CONNS_TOTAL="${CONNS_TOTAL:-32}"
SAMPLE="${SAMPLE:-5}"
LIMIT_MIB="${LIMIT_MIB:-150}"

check_tools
build_release
ensure_dataset
db="$out/soak.db"
if [ -s "$db" ] && [ "$(cat "$db.stamp" 2>/dev/null)" = "$(basename "$data") seeds=${#seeds[@]}" ]; then
    say "reusing $db"
else
    import_db "$vitae" "$db"
fi
start_server "$vitae" "$db" "$out/soak-server.log"

# One regex URL per query: the query and the variables percent-encoded, the
# varying part of the variables a regex for oha to draw from.
python3 - "$server_url" "$root/bench" "$PEOPLE" "$out/soak-urls.tsv" <<'PY'
import base64, sys, urllib.parse
base, bench, people, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def lit(text):
    # Percent-encode everything but letters and digits: then no regex
    # metacharacter is left but in the part that is meant as a regex.
    return "".join(c if c.isascii() and c.isalnum() else "%%%02X" % b
                   for c in text for b in c.encode())
def url(query_file, var, pattern, example):
    lines = [l.split("#", 1)[0] for l in open(query_file)]
    q = " ".join(" ".join(lines).split())
    prefix = lit('{"%s":"' % var)
    head, tail = r"/graphql\?query=" + lit(q) + "&variables=" + prefix, lit('"}')
    # oha takes dots literally in --rand-regex-url ("dot is disabled").
    return (base + head + pattern + tail,
            base + head.replace("\\", "") + lit(example) + tail)
digits = len(str(people - 1))
slug = "bench%%2Dp%%2D%s[0-9]{%d}" % ("0" * (6 - digits), digits)
ids = "|".join(lit(base64.urlsafe_b64encode(("%s:%d" % (k, i)).encode()).decode().rstrip("="))
               for k in ("Person", "Work") for i in range(1, 151))
example_id = base64.urlsafe_b64encode(b"Person:1").decode().rstrip("=")
rows = [
    ("whole_cv", 8, url(bench + "/whole_cv.graphql", "slug", slug, "bench-p-000001")),
    ("works", 8, url(bench + "/soak/works.graphql", "slug", slug, "bench-p-000001")),
    ("timeline", 6, url(bench + "/soak/timeline.graphql", "slug", slug, "bench-p-000001")),
    ("search", 5, url(bench + "/soak/search.graphql", "text", "[a-z]{3}", "lea")),
    ("node", 5, url(bench + "/soak/node.graphql", "id", "(" + ids + ")", example_id)),
]
with open(out, "w") as f:
    for name, conns, (u, example) in rows:
        f.write("%s\t%d\t%s\t%s\n" % (name, conns, u, example))
PY

# Each query once, with a concrete value: an answer with data and no errors.
while IFS=$'\t' read -r name _ _ example; do
    curl -fsS --max-time 30 "$example" >"$out/soak-$name.response.json" \
        || die "the $name query failed: $example"
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit("errors: %s" % r["errors"] if "errors" in r or not r.get("data") else 0)' \
        "$out/soak-$name.response.json" || die "the $name query answered with errors"
done <"$out/soak-urls.tsv"

# Connections per query, scaled to CONNS_TOTAL (default 8/8/6/5/5).
pids=()
while IFS=$'\t' read -r name conns url _; do
    c=$(( (conns * CONNS_TOTAL + 16) / 32 )); [ "$c" -ge 1 ] || c=1
    say "soak: $name on $c connections for ${SOAK_SECONDS}s"
    timeout $((SOAK_SECONDS + 60)) oha "${oha_tui[@]}" "${oha_nocompress[@]}" -z "${SOAK_SECONDS}s" -c "$c" -t 30s \
        --rand-regex-url "${oha_json[@]}" "$url" >"$out/soak-$name.json" 2>"$out/soak-$name.err" &
    pids+=($!)
done <"$out/soak-urls.tsv"

curve="$out/soak-rss.tsv"
printf 'seconds\trss_mib\tthreads\tanon_mib\tfile_mib\n' >"$curve"
t=0
while [ "$t" -le "$SOAK_SECONDS" ]; do
    read -r rss threads anon file < <(awk '/^VmRSS/ {r=$2} /^Threads/ {t=$2}
        /^RssAnon/ {a=$2} /^RssFile/ {f=$2} END {print r, t, a, f}' "/proc/$server_pid/status")
    printf '%d\t%d\t%d\t%d\t%d\n' "$t" $((rss / 1024)) "$threads" $((anon / 1024)) $((file / 1024)) >>"$curve"
    printf 'bench: soak t=%3ds RSS %4d MiB (heap %d, file map %d), %d threads\n' \
        "$t" $((rss / 1024)) $((anon / 1024)) $((file / 1024)) "$threads" >&2
    sleep "$SAMPLE"; t=$((t + SAMPLE))
done
for pid in "${pids[@]}"; do wait "$pid" || true; done
tools soak-report "$out" "$LIMIT_MIB"
