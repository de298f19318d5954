import Foundation
import NeuralODE

// ode-bench [SECTION...]: release-build timings, one JSON line per configuration on stdout and a
// readable line on stderr. Sections: solve, network, grad, train, figure, text, kernels (hand tiles
// against OpenBLAS per shape), peak (OpenBLAS dgemm on 1 thread and every core), all (default;
// without kernels and peak). `ode-bench scale DIR... [--epochs E] [--threads 1,2] [--all-methods] [--no-peak]`
// trains on folders made by the peers' scale.py (see benchmarks/scale.sh). `ode-bench solve-loop
// [COUNT] [dopri5|dop853|tsit5]` solves one row of the solve table COUNT times (for perf stat).
// Run from the package root (train reads assets/data/peers-vdp).
let arguments = Array(CommandLine.arguments.dropFirst())
let sections = arguments.first == "scale" || arguments.first == "solve-loop" ? [arguments[0]] : arguments.isEmpty ? ["all"] : arguments

/// Writes to stderr; a write error is ignored (the timings on stdout are the results).
func writeError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
}

func emit(_ records: [BenchRecord]) {
    for r in records {
        print(r.jsonLine())
        if r.bench == "kernels" { writeError(KernelBench.line(r)); continue }
        if r.bench == "scale" { writeError(ScaleBench.line(r)); continue }
        let nfe = r.functionEvaluations.map { ", \($0) evaluations" } ?? ""
        writeError("\(r.bench): \(r.configuration): \(Timing.format(r.seconds))\(nfe)\n")
    }
}

func gradientRecords() throws -> [BenchRecord] {
    try GradientBench.run().map { r in
        BenchRecord(bench: "grad", configuration: "mini-project gradient, \(r.configuration)", seconds: r.seconds,
                    functionEvaluations: r.gradient.forward.functionEvaluations,
                    extra: ["bestSeconds": r.bestSeconds, "nfeBackward": Double(r.gradient.backward.functionEvaluations),
                            "tapeBytes": Double(r.gradient.tapeBytes)])
    }
}

do {
    for section in sections {
        switch section {
        case "solve": emit(try SolveBench.run())
        case "network":
            let result = NetworkBench.run()
            emit([BenchRecord(bench: "network", configuration: "2-32-32-2 tanh batch 5, forward+VJP taped",
                              seconds: result.tapedNanoseconds * 1e-9, functionEvaluations: nil,
                              extra: ["epochMilliseconds": result.epochMilliseconds])])
        case "grad": emit(try gradientRecords())
        case "train": emit(try TrainBench.run())
        case "figure": emit(try FigureBench.run())
        case "text": emit(try TextBench.run())
        case "kernels": emit(KernelBench.run())
        case "peak":
            for r in PeakBench.run() {
                print(r.jsonLine())
                writeError(String(format: "peak: %@: %.1f GFLOP/s\n", r.configuration as NSString, r.extra["gflops"] ?? .nan))
            }
        case "solve-loop":
            emit([try SolveBench.loop(count: arguments.count > 1 ? Int(arguments[1]) ?? 0 : 1000,
                                      row: arguments.count > 2 ? arguments[2] : "dopri5")])
        case "scale": emit(try ScaleBench.run(ScaleBench.options(Array(arguments.dropFirst()))))
        case "all":
            emit(try SolveBench.run())
            emit(try gradientRecords())
            emit(try TrainBench.run())
            emit(try FigureBench.run())
            emit(try TextBench.run())
        default: throw BenchError.unknownSection(section)
        }
    }
} catch {
    writeError("ode-bench: error: \(error)\n")
    exit(2)
}
