#!/usr/bin/env bash
# A/B load benchmark: two vitae binaries serve the same dataset at the same
# time, each from a database it imported itself, and the rows alternate
# between them (round 1: row 1 on A, row 1 on B, row 2 on A, …; then round 2
# …), so that slow drift of the machine hits both alike. Prints B/A ratios of
# req/s and p50 per row and round, and their median.
#
# Usage: bench/ab.sh BIN_A BIN_B
#   e.g. git worktree add /tmp/vitae-old COMMIT
#        (cd /tmp/vitae-old && cargo build --release)
#        cargo build --release
#        bench/ab.sh /tmp/vitae-old/target/release/vitae target/release/vitae
#
# The dataset is bench/generate.py's (PEOPLE, WORKS, PROFILES as in run.sh)
# plus this repository's seed bundles. Each binary's database is cached as
# bench/out/ab-DATASET-SCHEMAKEY.db, where SCHEMAKEY hashes the schema the
# binary creates (user_version and every CREATE statement); it is imported
# with that binary only when missing. Two binaries with the same schema
# serve the same file.
#
# Settings (environment, all optional): ROUNDS=3, AB_CONNS="16" (connections
# per row), REQUESTS=2000 (SERIAL=300 on one connection), WARMUP=200,
# DURATION=120, TARGETS="100 1000 3000", PEOPLE, WORKS, PROFILES,
# IMPORT_TIMEOUT, RUST_LOG. Results: bench/out/ab-results.txt, raw oha JSON
# bench/out/ab-oha-*.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"
# shellcheck source=bench/common.sh
. "$here/common.sh"
ROUNDS="${ROUNDS:-3}"
AB_CONNS="${AB_CONNS:-16}"

[ $# = 2 ] || die "usage: bench/ab.sh BIN_A BIN_B"
bin_a="$(readlink -f "$1")" bin_b="$(readlink -f "$2")"
for b in "$bin_a" "$bin_b"; do [ -x "$b" ] || die "not an executable: $b"; done
[ "$ROUNDS" -ge 2 ] || die "ROUNDS must be at least 2"

check_tools
say "using $oha_version"
ensure_dataset

# schema_key BIN: the key of the schema BIN creates in an empty database.
schema_key() {
    local tmp
    tmp="$(mktemp -d "$out/ab-schema.XXXXXX")"
    RUST_LOG=error "$1" --db "$tmp/empty.db" check >/dev/null 2>&1 || true
    [ -s "$tmp/empty.db" ] || { rm -rf "$tmp"; die "$1 did not create a database"; }
    tools schema-key "$tmp/empty.db"
    rm -rf "$tmp"
}

# database BIN: the cached database for BIN's schema, imported when missing.
database() {
    local key db stamp
    key="$(schema_key "$1")"
    db="$out/ab-$(basename "$data" .json)-$key.db"
    stamp="$(basename "$data") seeds=${#seeds[@]}"
    if [ -s "$db" ] && [ "$(cat "$db.stamp" 2>/dev/null)" = "$stamp" ]; then
        say "cached database for schema $key: $db"
    else
        import_db "$1" "$db" >&2
    fi
    echo "$key $db"
}

read -r key_a db_a < <(database "$bin_a")
read -r key_b db_b < <(database "$bin_b")
[ -s "$db_a" ] && [ -s "$db_b" ] || die "a database is missing"
pick_people "$db_a"

rm -f "$out"/ab-oha-*.json "$out/ab-rows.jsonl" "$out/ab-meta.json" "$out"/ab-*.body.json
meta="$out/ab-meta.json"
for side in A B; do
    if [ "$side" = A ]; then b="$bin_a" k="$key_a" d="$db_a"; else b="$bin_b" k="$key_b" d="$db_b"; fi
    tools meta-set "$meta" "$side:json" "$(python3 -c 'import json,os,sys; print(json.dumps({"bin": sys.argv[1], "schema": sys.argv[2], "db": sys.argv[3], "db_bytes": os.path.getsize(sys.argv[3])}))' "$b" "$k" "$d")"
done
tools meta-set "$meta" cores "$(nproc)"
tools meta-set "$meta" dataset "$(basename "$data")"
tools meta-set "$meta" rounds:json "$ROUNDS"

start_server "$bin_a" "$db_a" "$out/ab-server-A.log"
pid_a="$server_pid" url_a="$server_url"
start_server "$bin_b" "$db_b" "$out/ab-server-B.log"
pid_b="$server_pid" url_b="$server_url"

# Bodies, and a check that both answer every query without errors.
rows=()   # "query label slug works body"
for i in "${!slugs[@]}"; do
    body="$out/ab-profile-${labels[$i]}.body.json"
    tools body "$here/profile_query.graphql" Profile "${slugs[$i]}" "$body"
    rows+=("profile ${labels[$i]} ${slugs[$i]} ${counts[$i]} $body")
done
tools body "$here/whole_cv.graphql" WholeCv "$WHOLE_SLUG" "$out/ab-whole.body.json"
rows+=("whole whole $WHOLE_SLUG - $out/ab-whole.body.json")
for row in "${rows[@]}"; do
    read -r query label slug works body <<<"$row"
    for side in A B; do
        if [ "$side" = A ]; then url="$url_a"; else url="$url_b"; fi
        ask "$url" "$body" "$out/ab-$side.response.json"
        line="$(tools check "$query" "$out/ab-$side.response.json" "$works")" \
            || die "$side: the $query query for $slug failed (see $out/ab-$side.response.json)"
        say "$side $query $slug: $line"
        say "warm-up: $side $query $slug, $WARMUP requests on 4 connections"
        oha_run "$url" "$body" "$WARMUP" 4 >/dev/null
    done
done

for round in $(seq 1 "$ROUNDS"); do
    for row in "${rows[@]}"; do
        read -r query label slug works body <<<"$row"
        for c in $AB_CONNS; do
            n="$(requests_for "$c")"
            for side in A B; do
                if [ "$side" = A ]; then url="$url_a" pid="$pid_a"; else url="$url_b" pid="$pid_b"; fi
                file="ab-oha-r$round-$query-$label-c$c-$side.json"
                say "round $round: $side $query $slug, $n requests on $c connections"
                measure "$url" "$body" "$n" "$c" "$pid" "$out/$file"
                printf '{"round":%s,"side":"%s","query":"%s","slug":"%s","works":"%s","conns":"%s","file":"%s","rss_kib":%s}\n' \
                    "$round" "$side" "$query" "$slug" "$works" "$c" "$file" "$row_rss" >>"$out/ab-rows.jsonl"
            done
        done
    done
done

tools ab-report "$out" | tee "$out/ab-results.txt"
