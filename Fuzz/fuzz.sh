#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Package.swift) and runs them.
#
#   Fuzz/fuzz.sh build                 build every target (debug, -sanitize=fuzzer,address)
#   Fuzz/fuzz.sh run TARGET SECONDS    fuzz one target for SECONDS, growing Fuzz/corpus/TARGET;
#                                      a crash is saved to Fuzz/crashes/TARGET/ (commit it: it becomes a regression input)
#   Fuzz/fuzz.sh replay [TARGET...]    run every saved corpus and crash input once (what CI does)
#
# Targets: FuzzCSV, FuzzModelJSON, FuzzGalleryManifest, FuzzPNG (and FuzzExpression when present).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
targets=()
for dir in Sources/Fuzz*/; do [ "$(basename "$dir")" = FuzzDriver ] || targets+=("$(basename "$dir")"); done
bin() { echo "$here/.build/debug/$1"; }

build() {
    for target in "${targets[@]}"; do
        swift build --product "$target" -Xswiftc -sanitize=fuzzer,address -Xswiftc -g
    done
}

case "${1:-}" in
build)
    build
    ;;
run)
    target="$2"; seconds="$3"
    mkdir -p "corpus/$target" "crashes/$target"
    # -rss_limit_mb keeps a runaway input a finding instead of an out-of-memory kill of the machine.
    "$(bin "$target")" "corpus/$target" "seeds/$target" -max_total_time="$seconds" -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix="crashes/$target/" -print_final_stats=1
    ;;
replay)
    shift
    [ $# -gt 0 ] && targets=("$@")
    status=0
    for target in "${targets[@]}"; do
        inputs=()
        for dir in "corpus/$target" "seeds/$target" "crashes/$target"; do
            [ -d "$dir" ] && while IFS= read -r f; do inputs+=("$f"); done < <(find "$dir" -type f | sort)
        done
        [ ${#inputs[@]} -eq 0 ] && continue
        echo "replay $target: ${#inputs[@]} inputs"
        "$(bin "$target")" -rss_limit_mb=2048 "${inputs[@]}" > "/tmp/fuzz-replay-$target.log" 2>&1 || {
            status=1; echo "replay $target FAILED"; tail -30 "/tmp/fuzz-replay-$target.log"; }
    done
    exit $status
    ;;
*)
    sed -n 2,9p "$0"
    exit 2
    ;;
esac
