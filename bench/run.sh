#!/usr/bin/env bash
# Vitae load benchmark (issue 6). In one invocation, on one store:
#   1. builds the release binary of the repository this script sits in;
#   2. generates a synthetic dataset (bench/generate.py) unless present and
#      imports it with the seed bundles into bench/out/bench.db, timed, with
#      the import's peak RSS;
#   3. picks the people whose number of works is closest to 100, 1,000 and
#      3,000 (TARGETS), plus the whole-CV person bench-profile-0;
#   4. runs the floor, bench/floor.rs (cargo bench --bench floor): the
#      profile query's store lookups in-process on one thread, per person;
#   5. serves the store and drives, with oha, the profile query
#      (bench/profile_query.graphql) for each of the three people and the
#      whole-CV query (bench/whole_cv.graphql), at 1, 16 and 64 connections,
#      reading the server's peak RSS per row;
#   6. prints req/s, p50/p99, peak RSS, Vitae/floor and largest/smallest
#      person ratios; writes them to bench/out/results.txt.
#
# Usage: bench/run.sh
# Settings (environment, all optional):
#   PEOPLE=10000 WORKS=300000 PROFILES=3   dataset size (generate.py)
#   TARGETS="100 1000 3000"                works of the people picked
#   CONNS="1 16 64"                        connections per row
#   REQUESTS=2000 SERIAL=300               requests per row (SERIAL on 1 connection)
#   WARMUP=200                             warm-up requests per query and person
#   DURATION=120                           cap on each oha run, seconds
#   FLOOR_SECONDS=5                        floor run time per person
#   REUSE_DB=1                             keep an existing bench/out/bench.db
#   IMPORT_TIMEOUT=3600                    cap on the import, seconds
#   RUST_LOG=warn                          server log level (bench/out/server.log)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"
# shellcheck source=bench/common.sh
. "$here/common.sh"
FLOOR_SECONDS="${FLOOR_SECONDS:-5}"

check_tools
say "using $oha_version"
build_release
say "building the floor (cargo bench --bench floor --no-run)"
(cd "$root" && cargo bench --bench floor --no-run --quiet) || die "building bench/floor.rs failed"
ensure_dataset

# --- import ------------------------------------------------------------------
db="$out/bench.db"
want_stamp="$(basename "$data") seeds=${#seeds[@]}"
seed_secs="-" import_secs="-" import_rss_kib=0
if [ "${REUSE_DB:-0}" = 1 ] && [ -s "$db" ] && [ "$(cat "$db.stamp" 2>/dev/null)" = "$want_stamp" ]; then
    say "reusing $db (REUSE_DB=1); import not timed"
    tools checkpoint "$db"
else
    import_db "$vitae" "$db"
fi
db_bytes="$(stat -c %s "$db")"
pick_people "$db"

rm -f "$out"/oha-*.json "$out/rows.jsonl" "$out/floor.jsonl" "$out/meta.json" "$out"/*.body.json \
    "$out"/*.response.json
meta="$out/meta.json"
tools meta-set "$meta" commit "$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
tools meta-set "$meta" oha "$oha_version"
tools meta-set "$meta" cores "$(nproc)"
tools meta-set "$meta" dataset "$(basename "$data")"
tools meta-set "$meta" works "$WORKS"
tools meta-set "$meta" db_bytes "$db_bytes"
tools meta-set "$meta" import_secs "$import_secs"
tools meta-set "$meta" seed_secs "$seed_secs"
tools meta-set "$meta" import_rss_kib "$import_rss_kib"
tools meta-set "$meta" conns:json "$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' $CONNS)"
tools meta-set "$meta" whole_slug "$WHOLE_SLUG"

# --- floor -------------------------------------------------------------------
# Before the server starts, so nothing competes with it.
floor_args=()
for s in "${slugs[@]}"; do floor_args+=(--slug "$s"); done
say "floor: ${FLOOR_SECONDS}s per person"
(cd "$root" && timeout $((FLOOR_SECONDS * ${#slugs[@]} + 120)) \
    cargo bench --bench floor --quiet -- --db "$db" "${floor_args[@]}" --seconds "$FLOOR_SECONDS") \
    >"$out/floor.jsonl" || die "the floor failed"
cat "$out/floor.jsonl" >&2

# --- serve and check the answers ------------------------------------------------
start_server "$vitae" "$db" "$out/server.log"
tools meta-set "$meta" server_cmd "vitae --db bench/out/bench.db serve (pid $server_pid)"
for i in "${!slugs[@]}"; do
    tools body "$here/profile_query.graphql" Profile "${slugs[$i]}" "$out/profile-${labels[$i]}.body.json"
    ask "$server_url" "$out/profile-${labels[$i]}.body.json" "$out/profile-${labels[$i]}.response.json"
    line="$(tools check profile "$out/profile-${labels[$i]}.response.json" "${counts[$i]}")" \
        || die "the profile query for ${slugs[$i]} failed (see $out/profile-${labels[$i]}.response.json)"
    say "profile ${labels[$i]}: $line"
    tools meta-person "$meta" "${labels[$i]}" "${slugs[$i]}" "${counts[$i]}" "$line"
done
tools body "$here/whole_cv.graphql" WholeCv "$WHOLE_SLUG" "$out/whole.body.json"
ask "$server_url" "$out/whole.body.json" "$out/whole.response.json"
line="$(tools check whole "$out/whole.response.json")" \
    || die "the whole-CV query failed (see $out/whole.response.json)"
say "whole CV: $line"
tools meta-set "$meta" whole_check "$line"

# --- load --------------------------------------------------------------------
rows=()   # "query label slug works"
for i in "${!slugs[@]}"; do rows+=("profile ${labels[$i]} ${slugs[$i]} ${counts[$i]}"); done
whole_works="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["person"]["works"]["totalCount"])' "$out/whole.response.json")"
rows+=("whole whole $WHOLE_SLUG $whole_works")
for row in "${rows[@]}"; do
    read -r query label slug works <<<"$row"
    body="$out/$query-$label.body.json"
    [ "$query" = whole ] && body="$out/whole.body.json"
    say "warm-up: $query $slug, $WARMUP requests on 4 connections"
    oha_run "$server_url" "$body" "$WARMUP" 4 >/dev/null
    for c in $CONNS; do
        n="$(requests_for "$c")"
        file="oha-$query-$label-c$c.json"
        say "load: $query $slug ($works works), $n requests on $c connections, cap ${DURATION}s"
        measure "$server_url" "$body" "$n" "$c" "$server_pid" "$out/$file"
        printf '{"query":"%s","label":"%s","slug":"%s","works":%s,"conns":"%s","requests":%s,"file":"%s","rss_kib":%s}\n' \
            "$query" "$label" "$slug" "$works" "$c" "$n" "$file" "$row_rss" >>"$out/rows.jsonl"
    done
done
# The answers are still right after the load.
for i in "${!slugs[@]}"; do
    ask "$server_url" "$out/profile-${labels[$i]}.body.json" "$out/after.response.json"
    tools check profile "$out/after.response.json" "${counts[$i]}" >/dev/null \
        || die "after the load, the profile query for ${slugs[$i]} failed"
done

# --- report ------------------------------------------------------------------
tools report "$out" | tee "$out/results.txt"
