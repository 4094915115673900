#!/usr/bin/env bash
# Vitae transport benchmark (issue 8): what automatic persisted queries and
# response compression cost and save on the whole-CV query
# (bench/whole_cv.graphql on bench-profile-0). In one invocation, on one store:
#   1. builds the release binary (or takes VITAE_BIN), generates a dataset of
#      PEOPLE people (default 2,000 people, 60,000 works; bench/generate.py)
#      unless present and imports it into bench/out/transport.db;
#   2. serves it, checks that a GET of the query's hash alone is first
#      PERSISTED_QUERY_NOT_FOUND, registers the hash once (POST with the
#      query) and checks that the GET then answers the whole CV;
#   3. per variant — POST with the full query, or GET with the hash alone;
#      no Accept-Encoding, gzip or br — measures the request's bytes exactly
#      as oha sends them (oha's one request, captured by tools.py capture) and
#      the response's (curl without decoding: headers and body as received;
#      and the captured request replayed by tools.py wire-response, which
#      also counts the chunked framing), and checks that every variant
#      decodes to the baseline's JSON;
#   4. starts the floor, a fixed-body HTTP server (tools.py fixed-server:
#      python3 ThreadingHTTPServer) answering Vitae's own response bytes by
#      Accept-Encoding, and checks that its bytes decode to the same JSON;
#   5. runs ROUNDS rounds; in each, every variant at each of CONNS
#      connections on Vitae (reading the server's CPU time) and then on the
#      floor with the same oha settings;
#   6. prints the byte table and the load table (median of the rounds,
#      ratios to the baseline and to the floor) and writes them to
#      bench/out/transport-results.txt.
# Exits non-zero on any non-2xx answer, transport error or JSON mismatch.
#
# Usage: bench/transport.sh
# Settings (environment, all optional):
#   PEOPLE=2000 WORKS=60000 PROFILES=3   dataset size (generate.py)
#   CONNS="1 16"                         connections per row
#   REQUESTS=2000 SERIAL=300             requests per row (SERIAL on 1 connection)
#   ROUNDS=2                             rounds of all rows (medians reported)
#   WARMUP=200                           warm-up requests per variant, 4 connections
#   DURATION=120                         cap on each oha run, seconds
#   REUSE_DB=1                           keep an existing bench/out/transport.db
#   VITAE_BIN=PATH                       serve with this binary, no build
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"
PEOPLE="${PEOPLE:-2000}"
WORKS="${WORKS:-60000}"
PROFILES="${PROFILES:-3}"
CONNS="${CONNS:-1 16}"
# shellcheck source=bench/common.sh
. "$here/common.sh"
ROUNDS="${ROUNDS:-2}"

# name method encoding; the first is the baseline.
VARIANTS=(
    "post POST -"
    "post-gzip POST gzip"
    "post-br POST br"
    "apq-get GET -"
    "apq-get-gzip GET gzip"
    "apq-get-br GET br"
)

check_tools
say "using $oha_version"
build_release
ensure_dataset
db="$out/transport.db"
if [ "${REUSE_DB:-0}" = 1 ] && [ -s "$db" ] \
    && [ "$(cat "$db.stamp" 2>/dev/null)" = "$(basename "$data") seeds=${#seeds[@]}" ]; then
    say "reusing $db (REUSE_DB=1)"
else
    import_db "$vitae" "$db"
fi
rm -f "$out"/tp-* "$out/transport-rows.jsonl" "$out/transport-meta.json"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
start_server "$vitae" "$db" "$out/transport-server.log"
vitae_pid="$server_pid" vitae_url="$server_url"

# --- the requests ------------------------------------------------------------
post_body="$out/tp-post.body.json"
tools body "$here/whole_cv.graphql" WholeCv "$WHOLE_SLUG" "$post_body"
tools apq "$here/whole_cv.graphql" WholeCv "$WHOLE_SLUG" "$out/tp-register.body.json" "$out/tp-get.path"
get_path="$(cat "$out/tp-get.path")"

# The hash alone is unknown until registered, then answers the whole CV.
curl -fsS --max-time 60 "$vitae_url$get_path" >"$out/tp-miss.json" || die "the APQ GET failed"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]));
sys.exit(0 if r["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND" else 1)' \
    "$out/tp-miss.json" || die "an unregistered hash did not answer PERSISTED_QUERY_NOT_FOUND"
ask "$vitae_url" "$out/tp-register.body.json" "$out/tp-register.json"
tools check whole "$out/tp-register.json" >/dev/null || die "registering the persisted query failed"
curl -fsS --max-time 60 "$vitae_url$get_path" >"$out/tp-hit.json" || die "the APQ GET failed"
whole_line="$(tools check whole "$out/tp-hit.json")" || die "the APQ GET did not answer the whole CV"
say "APQ: miss, registered, hit: $whole_line"

# variant_args NAME METHOD ENCODING: sets `path` and `req` (oha's and curl's
# method, body and headers; the two spell them the same).
variant_args() {
    req=()
    if [ "$2" = POST ]; then
        path=/graphql
        req=(-H 'content-type: application/json' --data-binary-file "$post_body")
    else
        path="$get_path"
    fi
    [ "$3" = - ] || req+=(-H "accept-encoding: $3")
}
oha_req() { # the arguments of `req` as oha takes them
    # oha_nocompress (common.sh) drops oha's own Accept-Encoding; -H sets one.
    local a=("${oha_nocompress[@]}") i=0
    while [ "$i" -lt "${#req[@]}" ]; do
        case "${req[$i]}" in
            --data-binary-file) a+=(-m POST -D "${req[$((i + 1))]}"); i=$((i + 2)) ;;
            *) a+=("${req[$i]}"); i=$((i + 1)) ;;
        esac
    done
    oha_args=("${a[@]}")
}
curl_req() {
    local a=() i=0
    while [ "$i" -lt "${#req[@]}" ]; do
        case "${req[$i]}" in
            --data-binary-file) a+=(--data-binary "@${req[$((i + 1))]}"); i=$((i + 2)) ;;
            *) a+=("${req[$i]}"); i=$((i + 1)) ;;
        esac
    done
    curl_args=("${a[@]}")
}

# oha_once URL N C OUT: one row; oha's JSON in OUT; bounded by N requests,
# each by -t, and all by `timeout DURATION`.
oha_once() {
    local url="$1" n="$2" c="$3" file="$4" rc=0
    timeout "$DURATION" oha "${oha_tui[@]}" -n "$n" -c "$c" -t 30s "${oha_args[@]}" \
        "${oha_json[@]}" "$url" >"$file" || rc=$?
    [ "$rc" = 124 ] && die "oha did not finish $n requests to $url within ${DURATION}s"
    [ "$rc" = 0 ] || die "oha failed ($rc) on $url"
}

# wait_port FILE: the port a tools.py listener wrote.
wait_port() {
    timeout 30 bash -c "until [ -s '$1' ]; do sleep 0.1; done" || die "no port in $1"
    cat "$1"
}

# --- bytes per variant ---------------------------------------------------------
baseline="$out/tp-post.raw"
variants_json="["
for v in "${VARIANTS[@]}"; do
    read -r name method enc <<<"$v"
    variant_args "$name" "$method" "$enc"
    oha_req
    curl_req
    # The request as oha sends it, with the Host it sends to Vitae.
    python3 "$here/tools.py" capture "$out/tp-$name.port" "$out/tp-$name.request" &
    cap_pid=$!
    oha_once "http://127.0.0.1:$(wait_port "$out/tp-$name.port")$path" 1 1 "$out/tp-$name.capture.json"
    wait "$cap_pid" || die "capturing the $name request failed"
    sent="$(tr -d '\r' <"$out/tp-$name.request" | awk -F': *' 'tolower($1) == "accept-encoding" {print $2}')"
    [ "${sent:--}" = "$enc" ] || die "$name: oha sent Accept-Encoding '$sent', expected '$enc'"
    req_bytes="$(tools wire-request "$out/tp-$name.request" "${vitae_url#http://}")"
    # The response as received, not decoded.
    read -r code body_bytes header_bytes < <(curl -sS --max-time 60 "${curl_args[@]}" \
        -o "$out/tp-$name.raw" -D "$out/tp-$name.headers" \
        -w '%{http_code} %{size_download} %{size_header}\n' "$vitae_url$path") \
        || die "the $name request failed"
    [ "$code" = 200 ] || die "the $name request answered $code"
    got="$(awk -F': *' 'tolower($1) == "content-encoding" {print $2}' "$out/tp-$name.headers" | tr -d '\r')"
    [ "${got:--}" = "$enc" ] || die "$name: Content-Encoding '${got}', expected '$enc'"
    # Decoded, it is the baseline's JSON.
    if [ "$enc" = - ]; then
        cp "$out/tp-$name.raw" "$out/tp-$name.decoded"
    else
        curl -fsS --max-time 60 --compressed "${curl_args[@]}" -o "$out/tp-$name.decoded" \
            "$vitae_url$path" || die "the $name request failed"
    fi
    tools same-json "$baseline" "$out/tp-$name.decoded" || die "$name: not the baseline's JSON"
    # The same request as oha's, replayed, its response counted as it
    # arrives: with the chunked framing curl's figures leave out.
    read -r wire_head wire_body payload chunks < <(tools wire-response "$vitae_url" "$out/tp-$name.request") \
        || die "replaying the $name request failed"
    [ "$payload" = "$body_bytes" ] || die "$name: replayed body $payload B, curl's $body_bytes B"
    say "$name: request $req_bytes B; response headers $header_bytes B + body $body_bytes B (curl);" \
        "on the wire $wire_head + $wire_body B in $chunks chunks"
    variants_json+="$(printf '{"name":"%s","method":"%s","encoding":"%s","req_bytes":%s,"resp_header":%s,"resp_body":%s,"wire_head":%s,"wire_body":%s,"chunks":%s},' \
        "$name" "$method" "${enc#-}" "$req_bytes" "$header_bytes" "$body_bytes" "$wire_head" "$wire_body" "$chunks")"
done
variants_json="${variants_json%,}]"
cmp -s "$out/tp-post-gzip.raw" "$out/tp-apq-get-gzip.raw" \
    || say "note: the gzip bodies of POST and GET differ; the floor serves POST's"

# --- the floor -------------------------------------------------------------------
# python3 itself in the background (not a function's subshell), so that the
# exit trap's kill reaches it.
python3 "$here/tools.py" fixed-server "$out/tp-floor.port" "$out/tp-post.raw" \
    "$out/tp-post-gzip.raw" "$out/tp-post-br.raw" >"$out/transport-floor.log" 2>&1 &
floor_pid=$!
server_pids+=("$floor_pid")
floor_url="http://127.0.0.1:$(wait_port "$out/tp-floor.port")"
for v in "${VARIANTS[@]}"; do
    read -r name method enc <<<"$v"
    variant_args "$name" "$method" "$enc"
    curl_req
    dec=()
    [ "$enc" = - ] || dec=(--compressed)
    curl -fsS --max-time 60 "${dec[@]}" "${curl_args[@]}" -o "$out/tp-floor-$name.decoded" \
        "$floor_url$path" || die "the floor failed on $name"
    tools same-json "$baseline" "$out/tp-floor-$name.decoded" || die "floor $name: not the baseline's JSON"
done
say "floor on $floor_url (pid $floor_pid) answers the same JSON"

meta="$out/transport-meta.json"
tools meta-set "$meta" commit "$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
tools meta-set "$meta" oha "$oha_version"
tools meta-set "$meta" cores "$(nproc)"
tools meta-set "$meta" dataset "$(basename "$data") ($(python3 -c 'import os,sys; print("%.0f MiB" % (os.path.getsize(sys.argv[1]) / 2**20))' "$db") store)"
tools meta-set "$meta" query "whole_cv.graphql on $WHOLE_SLUG: $whole_line"
tools meta-set "$meta" server "$vitae --db $db serve"
tools meta-set "$meta" floor "tools.py fixed-server (python3 ThreadingHTTPServer), Vitae's response bytes by Accept-Encoding"
tools meta-set "$meta" variants:json "$variants_json"
read -ra conns_list <<<"$CONNS"
tools meta-set "$meta" conns:json "$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "${conns_list[@]}")"
tools meta-set "$meta" requests "$REQUESTS"
tools meta-set "$meta" serial "$SERIAL"
tools meta-set "$meta" rounds:json "$ROUNDS"

# --- load ----------------------------------------------------------------------
for v in "${VARIANTS[@]}"; do
    read -r name method enc <<<"$v"
    variant_args "$name" "$method" "$enc"
    oha_req
    say "warm-up: $name, $WARMUP requests on 4 connections"
    oha_once "$vitae_url$path" "$WARMUP" 4 "$out/tp-warmup.json"
done
for round in $(seq 1 "$ROUNDS"); do
    for v in "${VARIANTS[@]}"; do
        read -r name method enc <<<"$v"
        variant_args "$name" "$method" "$enc"
        oha_req
        for c in $CONNS; do
            n="$(requests_for "$c")"
            say "round $round: $name, $n requests on $c connections (Vitae, then the floor)"
            file="tp-oha-$name-c$c-r$round.json"
            t0="$(tools cpu-ticks "$vitae_pid")"
            oha_once "$vitae_url$path" "$n" "$c" "$out/$file"
            ticks=$(($(tools cpu-ticks "$vitae_pid") - t0))
            printf '{"target":"vitae","variant":"%s","conns":"%s","round":%s,"file":"%s","cpu_ticks":%s}\n' \
                "$name" "$c" "$round" "$file" "$ticks" >>"$out/transport-rows.jsonl"
            file="tp-oha-floor-$name-c$c-r$round.json"
            oha_once "$floor_url$path" "$n" "$c" "$out/$file"
            printf '{"target":"floor","variant":"%s","conns":"%s","round":%s,"file":"%s","cpu_ticks":0}\n' \
                "$name" "$c" "$round" "$file" >>"$out/transport-rows.jsonl"
        done
    done
done
# Still the same answer after the load.
curl -fsS --max-time 60 "$vitae_url$get_path" >"$out/tp-after.json" || die "the APQ GET failed after the load"
tools same-json "$baseline" "$out/tp-after.json" || die "after the load the APQ GET answered other JSON"
tools meta-set "$meta" load_start "$load_start"
tools meta-set "$meta" load_end "$(cut -d' ' -f1-3 /proc/loadavg)"

tools transport-report "$out" | tee "$out/transport-results.txt"
