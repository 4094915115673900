#!/usr/bin/env bash
# Interop benchmark (issue 10): times `vitae import --format bibtex` of a
# generated 10,000-entry BibTeX file into a new store, and `vitae export
# --person … --format bibtex` (and ris, csl-json) of a generated person with
# 1,000 authored works. Inputs are deterministic (bench/interop.py).
#
# Usage: bench/interop.sh
# Settings (environment, all optional): ENTRIES=10000, PERSON_WORKS=1000,
# RUNS=3 (each export is timed RUNS times; the best is printed),
# STEP_TIMEOUT=600 (seconds, a cap on every step), VITAE_BIN (a built
# binary instead of `cargo build --release`). Everything is written under
# bench/out/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"
# shellcheck source=bench/common.sh
. "$here/common.sh"
ENTRIES="${ENTRIES:-10000}"
PERSON_WORKS="${PERSON_WORKS:-1000}"
RUNS="${RUNS:-3}"
STEP_TIMEOUT="${STEP_TIMEOUT:-600}"
# Every export format of a person, timed the same way.
FORMATS="${FORMATS:-bibtex ris csl-json apa ieee chicago-author-date apa-html markdown csv-works csv-timeline json-resume orcid jsonld}"

command -v python3 >/dev/null || die "python3 is needed"
mkdir -p "$out"
build_release

bib="$out/interop-$ENTRIES.bib"
bundle="$out/interop-person-$PERSON_WORKS.json"
[ -s "$bib" ] || python3 "$here/interop.py" bibtex "$ENTRIES" "$bib"
[ -s "$bundle" ] || python3 "$here/interop.py" person "$PERSON_WORKS" "$bundle"

# Runs a step under the time cap; prints its wall seconds.
timed() {
    local t0 t1
    t0="$(now)"
    timeout "$STEP_TIMEOUT" "$@" >/dev/null 2>"$out/interop-step.err" \
        || { cat "$out/interop-step.err" >&2; die "failed or over ${STEP_TIMEOUT}s: $*"; }
    t1="$(now)"
    secs "$t0" "$t1"
}

db="$out/interop-import.db"
rm -f "$db" "$db-wal" "$db-shm"
import_s="$(timed "$vitae" --db "$db" import --format bibtex "$bib")"
works="$("$vitae" --db "$db" export --works --format ris | grep -c '^TY  - ' || true)"
printf 'import bibtex: %s entries -> %s works in %s s\n' "$ENTRIES" "$works" "$import_s"

db="$out/interop-person.db"
rm -f "$db" "$db-wal" "$db-shm"
timed "$vitae" --db "$db" import "$bundle" >/dev/null
for format in $FORMATS; do
    best=""
    for _ in $(seq "$RUNS"); do
        s="$(timed "$vitae" --db "$db" export --person bench-interop --format "$format" --out "$out/interop-export.$format")"
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$s" "$best"; then best="$s"; fi
    done
    bytes="$(wc -c < "$out/interop-export.$format")"
    printf 'export %s: %s bytes for bench-interop (%s works) in %s s (best of %s)\n' \
        "$format" "$bytes" "$PERSON_WORKS" "$best" "$RUNS"
done
