#!/usr/bin/env bash
# Builds Fuzz/csan/sanitize_c.c with the project's C sources under clang's AddressSanitizer and
# UndefinedBehaviorSanitizer (any finding aborts) and runs it on every PNG of the fuzz seeds and
# corpus with ROUNDS mutations each (default 200).
#   Fuzz/csan/run.sh [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${TMPDIR:-/tmp}/flowscope-sanitize-c"
clang -std=c11 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
    -I"$root/Sources/CPNGRead/include" -I"$root/Sources/_NetworkKernels/include" \
    "$here/sanitize_c.c" "$root/Sources/CPNGRead/png_read_rgba8.c" "$root/Sources/_NetworkKernels/network_kernels.c" \
    -fuse-ld=lld -lpng -ldeflate -lm -o "$out"
shopt -s nullglob
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$out" "${1:-200}" "$root"/Fuzz/seeds/FuzzPNG/* "$root"/Fuzz/corpus/FuzzPNG/* "$root"/Fuzz/crashes/FuzzPNG/*
