#!/usr/bin/env bash
# The peers' Van der Pol tasks (torchdiffeq, diffrax, scipy, matplotlib) and then `ode-bench`,
# back to back in one session, so the ratios in README's Performance section compare like with
# like. Every script's JSON lines and ode-bench's records go to OUT (default .build/peers.jsonl);
# the readable lines go to stderr. Needs a release build and the peers' Python environment.
#   benchmarks/peers.sh                      # 30 training epochs per peer run
#   EPOCHS=60 PYTHON=/path/to/python benchmarks/peers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
peers=${PEERS:-../shared/peers}
py=${PYTHON:-$peers/.venv/bin/python}
[ -x "$py" ] || py=/work/peers-venv/bin/python
[ -x "$py" ] || { echo "peers.sh: no peers' Python (set PYTHON; ../shared/peers/README.md says how to make it)" >&2; exit 2; }
[ -x .build/release/ode-bench ] || { echo "peers.sh: build first: swift build -c release" >&2; exit 2; }
epochs=${EPOCHS:-30}
out=${OUT:-.build/peers.jsonl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$peers"/*.py "$work"/
: > "$out"
run() { echo "peers.sh: $*" >&2; (cd "$work" && "$py" "$@") | grep '^{' >> "$out"; }
run solve_scipy.py
run render_matplotlib.py
run vdp_torchdiffeq.py --method rk4 --step 0.05 --epochs "$epochs" --threads 1
run vdp_torchdiffeq.py --method dopri5 --epochs "$epochs" --threads 1
run vdp_torchdiffeq.py --method dopri5 --adjoint --epochs "$((epochs / 3 + 1))" --threads 1
run vdp_diffrax.py --solver rk4 --epochs "$epochs" --threads 1
run vdp_diffrax.py --solver dopri5 --epochs "$epochs" --threads 1
run vdp_diffrax.py --solver dopri5 --adjoint backsolve --epochs "$epochs" --threads 1
echo "peers.sh: ode-bench" >&2
.build/release/ode-bench >> "$out"
echo "peers.sh: results in $out" >&2
