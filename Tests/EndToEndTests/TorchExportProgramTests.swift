import Foundation
import Testing

/// A PyTorch network exported by `scripts/export_torch.py` and solved by `ode-solve` against torchdiffeq.
///
/// The fixture (made by `scripts/make_torch_fixture.py` with torch 2.15 and torchdiffeq in float64):
/// `assets/models/torch-mlp.json`, a 3→12→12→8→2 network (tanh, softplus, sigmoid, identity) with
/// time as its last input, and torchdiffeq's solutions from y0 = (1, −0.5) at 101 times on [0, 5].
@Suite struct TorchExportProgramTests {
    /// `t` and the state columns of a CSV with header `t,y0,y1`.
    private func rows(_ text: String) throws -> [[Double]] {
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "t,y0,y1")
        return try lines.dropFirst().map { line in
            try line.split(separator: ",").map { try #require(Double(String($0)), "not a number in \(line)") }
        }
    }

    /// The largest difference between ode-solve's output for `arguments` and the torchdiffeq solution `reference`.
    private func largestDifference(_ arguments: [String], reference: String) throws -> Double {
        let root = BuiltProgram.packageRoot()
        let result = try BuiltProgram("ode-solve").run(
            ["--model", "assets/models/torch-mlp.json", "--y0", "1,-0.5", "--t1", "5", "--points", "101"] + arguments, in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let ours = try rows(result.stdout)
        let theirs = try rows(try String(contentsOf: root.appendingPathComponent("assets/reference/" + reference), encoding: .utf8))
        try #require(ours.count == 101 && theirs.count == 101)
        var largest = 0.0
        for (a, b) in zip(ours, theirs) {
            #expect(abs(a[0] - b[0]) < 1e-14, "output times differ: \(a[0]) vs \(b[0])")
            largest = max(largest, abs(a[1] - b[1]), abs(a[2] - b[2]))
        }
        return largest
    }

    @Test func fixedStepRK4MatchesTorchdiffeqToRounding() throws {
        // The same method on the same grid: only the order of floating-point operations differs (measured 8.9e-16).
        let difference = try largestDifference(["--method", "rk4-38", "--dt", "0.05"], reference: "torch-mlp-rk4-38.csv")
        #expect(difference < 1e-12)
    }

    @Test func adaptiveDopri5AgreesWithinBothSolversErrors() throws {
        // Each solution is accurate to about 1e-9 at these tolerances (measured difference 1.8e-9); the
        // state moves by about 5 over the interval, so a wrong weight, bias or activation shows far above 1e-7.
        let difference = try largestDifference(["--method", "dopri5", "--rtol", "1e-10", "--atol", "1e-12"],
                                               reference: "torch-mlp-dopri5.csv")
        #expect(difference < 1e-7)
    }
}
