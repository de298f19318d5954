#!/bin/sh
# Latent ODE spirals, Flowscope against the torchdiffeq port, back to back on the same data:
# seconds per iteration, the final -ELBO, and the held-out reconstruction and extrapolation MSE
# (100 held-out spirals against their noise-free truth) after the same number of steps of 100 spirals.
# Usage: benchmarks/latent_peer.sh [ITERATIONS] (release build first: swift build -c release)
set -eu
iters=${1:-50}
dir=$(mktemp -d)
bin=${FLOWSCOPE_BIN_DIR:-.build/release}
"$bin/ode-train" --preset latent-spirals --encoder rnn --epochs "$iters" --eval-every "$iters" \
    -o "$dir/latent.json" --log "$dir/log.csv" --save-data "$dir/spirals.csv" --save-heldout "$dir/heldout.csv" --quiet
awk -F, -v n="$iters" 'NR > 1 { s = $9; l = $2; r = $5; e = $6 } END {
    printf "flowscope: %d iterations, %.4f s/iteration, final -ELBO %.4g\n", n, s / n, l
    printf "flowscope: held-out reconstruction MSE %.4g, extrapolation MSE %.4g (100 spirals)\n", r, e }' "$dir/log.csv"
"${PEERS_PYTHON:-/work/peers-venv/bin/python}" benchmarks/latent_ode_peer.py "$dir/spirals.csv" --iters "$iters" --batch 100 \
    --heldout "$dir/heldout.csv"
rm -rf "$dir"
