# Shared by bench/run.sh and bench/ab.sh (sourced, not run). Expects `here`
# (bench/), `root` (the repository) and `out` (bench/out/) to be set, and
# `set -euo pipefail`.

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
tools() { python3 "$here/tools.py" "$@"; }
now() { date +%s.%N; }
secs() { python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

PEOPLE="${PEOPLE:-10000}"
WORKS="${WORKS:-300000}"
PROFILES="${PROFILES:-3}"
TARGETS="${TARGETS:-100 1000 3000}"   # works per person: small, medium, large
CONNS="${CONNS:-1 16 64}"
REQUESTS="${REQUESTS:-2000}"          # per row with more than one connection
SERIAL="${SERIAL:-300}"               # per row with one connection
WARMUP="${WARMUP:-200}"               # per query and person, on 4 connections
DURATION="${DURATION:-120}"           # cap on each oha run, seconds
IMPORT_TIMEOUT="${IMPORT_TIMEOUT:-3600}"
WHOLE_SLUG="bench-profile-0"

check_tools() {
    command -v python3 >/dev/null || die "python3 is needed"
    command -v curl >/dev/null || die "curl is needed"
    command -v timeout >/dev/null || die "timeout (coreutils) is needed"
    [ -r /proc/self/status ] || die "this needs Linux /proc (peak RSS per row)"
    mkdir -p "$out"
    export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
    if ! command -v oha >/dev/null; then
        say "installing oha (cargo install oha --locked)"
        cargo install oha --locked
    fi
    local help
    help="$(oha --help)"
    if grep -q -- '--output-format' <<<"$help"; then oha_json=(--output-format json); else oha_json=(-j); fi
    grep -qE -- '-D <BODY_PATH>' <<<"$help" \
        || die "this oha cannot read a body from a file (-D); cargo install oha --locked --force"
    oha_tui=()
    if grep -q -- '--no-tui' <<<"$help"; then oha_tui=(--no-tui); fi
    # oha asks for "gzip, compress, deflate, br" unless told not to, and the
    # server compresses since 88f190d: the rows measure uncompressed answers,
    # as before (bench/transport.sh measures compression).
    oha_nocompress=()
    if grep -q -- '--disable-compression' <<<"$help"; then oha_nocompress=(--disable-compression); fi
    oha_version="$(oha --version 2>/dev/null || echo oha)"
    # GNU time gives the import's peak RSS; without it the import is still timed.
    gnu_time=""
    if [ -x /usr/bin/time ] && /usr/bin/time -v true 2>/dev/null; then gnu_time=/usr/bin/time; fi
}

# Builds the release binary of $root; sets `vitae`.
build_release() {
    if [ -n "${VITAE_BIN:-}" ]; then
        vitae="$VITAE_BIN"; say "using $vitae (VITAE_BIN)"; return
    fi
    say "building the release binary in $root"
    (cd "$root" && cargo build --release --quiet) || die "cargo build --release failed"
    local target_dir="${CARGO_TARGET_DIR:-$root/target}"
    case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
    vitae="$target_dir/release/vitae"
    [ -x "$vitae" ] || die "no binary at $vitae"
}

# Generates the dataset unless present; sets `data` and `seeds`.
ensure_dataset() {
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
}

# import_db BIN DB: a fresh DB from the seeds and the dataset, timed; sets
# `seed_secs`, `import_secs` and `import_rss_kib` (0 without GNU time).
import_db() {
    local bin="$1" db="$2" t0 tfile="$out/import.time"
    rm -f "$db" "$db-wal" "$db-shm" "$db.stamp" "$tfile"
    seed_secs="-"
    if [ "${#seeds[@]}" -gt 0 ]; then
        say "importing ${#seeds[@]} seed bundle(s) with $bin"
        t0="$(now)"
        RUST_LOG=warn timeout "$IMPORT_TIMEOUT" "$bin" --db "$db" import "${seeds[@]}" \
            || die "seed import failed"
        seed_secs="$(secs "$t0" "$(now)")"
    fi
    say "importing $(basename "$data") into $db (timeout ${IMPORT_TIMEOUT}s)"
    local timer=()
    [ -n "$gnu_time" ] && timer=("$gnu_time" -v -o "$tfile")
    t0="$(now)"
    RUST_LOG=warn timeout "$IMPORT_TIMEOUT" "${timer[@]}" "$bin" --db "$db" import "$data" \
        || die "import failed or exceeded ${IMPORT_TIMEOUT}s"
    import_secs="$(secs "$t0" "$(now)")"
    import_rss_kib=0
    if [ -s "$tfile" ]; then
        import_rss_kib="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tfile")"
    fi
    tools checkpoint "$db"
    echo "$(basename "$data") seeds=${#seeds[@]}" >"$db.stamp"
    say "import took ${import_secs}s, peak RSS $((import_rss_kib / 1024)) MiB"
}

# pick_people DB: the people closest to each of $TARGETS works; sets the
# arrays `labels`, `slugs`, `counts`.
pick_people() {
    labels=() slugs=() counts=()
    local names=(small medium large) i=0 t slug n career
    # small, medium, large for the default three targets; tTARGET otherwise.
    [ "$(wc -w <<<"$TARGETS")" = 3 ] || names=()
    while read -r t slug n career; do
        labels+=("${names[$i]:-t$t}") slugs+=("$slug") counts+=("$n")
        say "person ${labels[-1]}: $slug with $n works (target $t; appointment and degree: $career)"
        i=$((i + 1))
    done < <(tools pick "$1" $TARGETS)
    [ "${#slugs[@]}" -gt 0 ] || die "no people picked from $1"
}

# --- servers -----------------------------------------------------------------
server_pids=()
cleanup() {
    local pid
    for pid in "${server_pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            timeout 10 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
        fi
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_server BIN DB LOG: serves DB on a free loopback port and waits for
# /health; sets `server_pid` and `server_url`.
start_server() {
    local bin="$1" db="$2" log="$3" port
    port="$(free_port)"
    server_url="http://127.0.0.1:$port"
    say "serving $db with $bin on $server_url (log: $log)"
    RUST_LOG="${RUST_LOG:-warn}" "$bin" --db "$db" serve --bind 127.0.0.1 --port "$port" \
        >"$log" 2>&1 &
    server_pid=$!
    server_pids+=("$server_pid")
    timeout 60 bash -c "until curl -fsS --max-time 2 '$server_url/health' >/dev/null 2>&1; do
        kill -0 $server_pid 2>/dev/null || exit 1; sleep 0.2; done" \
        || { tail -20 "$log" >&2; die "the server did not become healthy in 60s"; }
}

# ask URL BODY RESPONSE: one request, the answer in RESPONSE.
ask() {
    curl -fsS --max-time 60 -H 'content-type: application/json' \
        --data-binary @"$2" "$1/graphql" >"$3" || die "request $2 to $1 failed"
}

# oha_run URL BODY REQUESTS CONNS: prints oha's JSON. Bounded twice: oha
# sends exactly REQUESTS requests (each capped by -t), and `timeout`
# DURATION ends oha itself (oha refuses -n with -z).
oha_run() {
    local url="$1" body="$2" n="$3" c="$4" rc=0
    timeout "$DURATION" oha "${oha_tui[@]}" "${oha_nocompress[@]}" -n "$n" -c "$c" -t 30s \
        -m POST -T application/json -D "$body" "${oha_json[@]}" "$url/graphql" || rc=$?
    [ "$rc" = 124 ] && die "oha did not finish $n requests of $body within ${DURATION}s (DURATION)"
    [ "$rc" = 0 ] || die "oha failed ($rc) on $body"
}

# measure URL BODY REQUESTS CONNS PID OUTFILE: one row; resets the server's
# peak RSS first (clear_refs 5 resets VmHWM), then reads it; sets `row_rss`.
measure() {
    local url="$1" body="$2" n="$3" c="$4" pid="$5" file="$6"
    echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || say "warning: cannot reset the peak RSS of $pid"
    oha_run "$url" "$body" "$n" "$c" >"$file"
    row_rss="$(tools rss "$pid")"
}

requests_for() { # CONNS
    if [ "$1" = 1 ]; then echo "$SERIAL"; else echo "$REQUESTS"; fi
}
