#!/usr/bin/env bash
# Plain solve speed against round 1 (commit 81b3e26: -Ounchecked, -target-cpu haswell, one stepping
# loop per caller): builds round 1's ode-bench in a clone (plus a small hook giving it today's
# `solve-loop COUNT ROW` command, nothing else changed) and today's ode-bench, then for each row of
# the solve table (Van der Pol μ = 1, [0, 20], 201 outputs; dopri5 and tsit5 at rtol 1e-6 atol 1e-9,
# dopri5 at rtol = atol = 1e-10) prints
#   - instructions per solve under callgrind: (instructions of 150 solves − of 50 solves) / 100, which
#     does not depend on the machine's load (perf's hardware counters are not available in every VM);
#   - wall-clock µs per solve, round 1 and today alternated ROUNDS times in one session (min, median);
#   - the outputs' fingerprint of both (equal: the same bits at every saved time).
#
#   benchmarks/solve_vs_round1.sh
#   ROWS="dopri5" ROUNDS=15 COUNT=500 benchmarks/solve_vs_round1.sh
#
# Environment: ROWS (default "dopri5 tsit5 dop853"), ROUNDS (9), COUNT (solves per timed run, 1000),
# R1_DIR (the round-1 clone, default .build/round1; reused when present). Needs git; valgrind for the
# instruction counts (skipped with a note when missing). Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-"dopri5 tsit5 dop853"}
ROUNDS=${ROUNDS:-9}
COUNT=${COUNT:-1000}
R1_DIR=${R1_DIR:-.build/round1}

if [ ! -d "$R1_DIR/.git" ]; then
  git clone -q . "$R1_DIR"
  git -C "$R1_DIR" checkout -q 81b3e26
  # The hook: `ode-bench solve-loop COUNT ROW` as today's (same problems, same timing, same fingerprint).
  hook=$(mktemp)
  cat > "$hook" <<'SWIFT'
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "solve-loop" {
    let a = CommandLine.arguments
    let count = a.count > 2 ? Int(a[2]) ?? 0 : 1000
    let rows: [String: (SolverMethod, Double, Double)] = [
        "dopri5": (.dopri5, 1e-6, 1e-9), "dop853": (.dopri5, 1e-10, 1e-10), "tsit5": (.tsit5, 1e-6, 1e-9),
    ]
    guard let (method, rtol, atol) = rows[a.count > 3 ? a[3] : "dopri5"], count >= 1 else { exit(2) }
    let problem = ODEProblem(field: try SystemRegistry.field(named: "van-der-pol"), t0: 0, t1: 20, y0: [2, 0])
    let controller = StepSizeController.tolerances(rtol: rtol, atol: atol)
    var solution: ODESolution?
    let elapsed = ContinuousClock().measure {
        for _ in 0..<count {
            solution = try? ODESolve.solve(problem, method: method, controller: controller, saveAt: .points(201))
        }
    }
    guard let solution, solution.succeeded else { exit(3) }
    let seconds = (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) / Double(count)
    var fingerprint: UInt64 = 0
    for value in solution.times + solution.states { fingerprint = (fingerprint &* 31) ^ value.bitPattern }
    FileHandle.standardError.write("solve-loop: \(method), outputs \(String(fingerprint, radix: 16)): \(Timing.format(seconds)), \(solution.statistics.functionEvaluations) evaluations\n".data(using: .utf8)!)
    exit(0)
}
SWIFT
  main="$R1_DIR/Sources/ode-bench/main.swift"
  awk -v hook="$hook" '/^func emit\(/ && !done { while ((getline line < hook) > 0) print line; print ""; done = 1 } { print }' \
    "$main" > "$main.new" && mv "$main.new" "$main"
  rm -f "$hook"
fi
echo "building round 1 (81b3e26) and today's ode-bench..." >&2
(cd "$R1_DIR" && swift build -c release --product ode-bench >&2)
swift build -c release --product ode-bench >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$R1_DIR/.build/release/ode-bench" "$work/round1"
cp .build/release/ode-bench "$work/today"

# µs per solve and the fingerprint from one run's stderr line.
run() { "$work/$1" solve-loop "$COUNT" "$2" 2>&1 >/dev/null | sed -n 's/.*outputs \([0-9a-f]*\).*: \([0-9.]*\) µs.*/\2 \1/p'; }
stats() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{v[NR] = $1} END {printf "min %.1f, median %.1f µs", v[1], v[int((NR + 1) / 2)]}'; }

have_valgrind=0
if command -v valgrind >/dev/null; then
  have_valgrind=1
  # valgrind cannot read the DWARF 5 of Swift 6 binaries: count on copies without debug info.
  for b in round1 today; do cp "$work/$b" "$work/$b.nodebug"; strip --strip-debug "$work/$b.nodebug"; done
else
  echo "solve_vs_round1: valgrind not installed, instruction counts skipped" >&2
fi
instructions() {
  local n50 n150
  n50=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/$1.nodebug" solve-loop 50 "$2" 2>&1 | sed -n 's/.*Collected : //p' | tr -d ,)
  n150=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/$1.nodebug" solve-loop 150 "$2" 2>&1 | sed -n 's/.*Collected : //p' | tr -d ,)
  echo $(((n150 - n50) / 100))
}

echo "| row | instructions per solve, round 1 | today | ratio | wall-clock round 1 | today | outputs |"
echo "|---|---|---|---|---|---|---|"
for row in $ROWS; do
  r1="" now="" r1print="" nowprint=""
  for _ in $(seq "$ROUNDS"); do
    read -r us r1print < <(run round1 "$row"); r1="$r1 $us"
    read -r us nowprint < <(run today "$row"); now="$now $us"
  done
  same=$([ "$r1print" = "$nowprint" ] && echo "same bits" || echo "DIFFER ($r1print, $nowprint)")
  if ((have_valgrind)); then
    i1=$(instructions round1 "$row"); i2=$(instructions today "$row")
    ratio=$(awk -v a="$i2" -v b="$i1" 'BEGIN {printf "%.3f", a / b}')
  else
    i1="–" i2="–" ratio="–"
  fi
  echo "| $row | $i1 | $i2 | $ratio | $(echo "$r1" | stats) | $(echo "$now" | stats) | $same |"
done
