#!/usr/bin/env bash
# One command: the Van der Pol particle-flow MP4 (480 x 480, 20 fps, 60 frames) by Flowscope and by
# matplotlib (FuncAnimation + FFMpegWriter), alternated RUNS times (default 5) in one session;
# prints the medians of whole-process wall time and of time per frame, and their ratios.
#   benchmarks/animation_peer.sh [RUNS]      (from the project root, after swift build -c release)
# Flowscope's per-frame time is (whole run − the run with --frames 2) / 58: drawing and encoding only.
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
plot="$root/.build/release/ode-plot"
py=${PYTHON:-/work/peers-venv/bin/python}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
args=(phase --system van-der-pol --animate --fps 20 --size 5x5in --dpi 96)
now() { date +%s.%N; }
fs=() fs2=() mp=() mpf=()
for ((k = 0; k < runs; k++)); do
  t0=$(now); "$plot" "${args[@]}" --frames 60 -o "$out/f.mp4"; t1=$(now)
  "$plot" "${args[@]}" --frames 2 -o "$out/f2.mp4"; t2=$(now)
  fs+=("$(echo "$t1 - $t0" | bc -l)"); fs2+=("$(echo "$t2 - $t1" | bc -l)")
  t0=$(now); line=$("$py" "$root/benchmarks/animation_matplotlib.py" "$out/m.mp4" --frames 60); t1=$(now)
  mp+=("$(echo "$t1 - $t0" | bc -l)"); mpf+=("$(echo "$line" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["per_frame_ms"])')")
done
"$py" - "${fs[*]}" "${fs2[*]}" "${mp[*]}" "${mpf[*]}" <<'PY'
import json, statistics as st, sys
f, f2, m, mf = ([float(x) for x in a.split()] for a in sys.argv[1:5])
fw, f2w, mw, mfm = st.median(f), st.median(f2), st.median(m), st.median(mf)
ff = 1000 * (fw - f2w) / 58
print(json.dumps({"runs": len(f), "flowscope_process_s": round(fw, 3), "flowscope_per_frame_ms": round(ff, 2),
                  "matplotlib_process_s": round(mw, 3), "matplotlib_per_frame_ms": round(mfm, 2),
                  "process_ratio": round(mw / fw, 1), "per_frame_ratio": round(mfm / ff, 1)}))
PY
