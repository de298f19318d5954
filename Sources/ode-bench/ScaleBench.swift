import Foundation
import NeuralODE

/// The scale task of the peers' `scale.py`: train on DIR/data.csv from DIR/init.json (RK4 3/8 rule,
/// dt 0.05, backprop, Adam 1e-2, full batch) and report seconds per epoch, FLOPs per epoch, GFLOP/s
/// and the fraction of the dgemm peak on as many threads. Each time is the median epoch (after the first
/// two) of a run of E epochs, or of enough epochs for half a second when E take less.
///
/// FLOPs count the dense products only: 2·B·Σ in·out per forward evaluation, twice that per
/// vector-Jacobian product (input and parameter cotangents), so an RK4 epoch of 200 steps is
/// 800 · 6 · B · Σ in·out; for other methods the epoch's evaluation counts are used (an adjoint
/// backward evaluation is one forward and one VJP).
enum ScaleBench {
    struct Options {
        var folders: [String] = []
        var epochs = 12
        var threads: [Int] = Array(Set([1, ProcessInfo.processInfo.activeProcessorCount])).sorted()
        var allMethods = false
        /// Skips the dgemm peak (for profiling and instruction counts: the fraction of peak is then NaN).
        var peak = true
    }

    /// Reads `scale DIR... [--epochs E] [--threads 1,2] [--all-methods] [--no-peak]`.
    static func options(_ arguments: [String]) throws -> Options {
        var options = Options()
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "--epochs", "--threads":
                guard i + 1 < arguments.count else { throw BenchError.badArguments("\(a) needs a value") }
                if a == "--epochs" {
                    guard let e = Int(arguments[i + 1]), e >= 4 else { throw BenchError.badArguments("--epochs needs an integer ≥ 4") }
                    options.epochs = e
                } else {
                    let list = arguments[i + 1].split(separator: ",").compactMap { Int($0) }
                    guard !list.isEmpty, list.allSatisfy({ $0 >= 1 }) else { throw BenchError.badArguments("--threads needs e.g. 1,2") }
                    options.threads = list
                }
                i += 2
            case "--all-methods":
                options.allMethods = true
                i += 1
            case "--no-peak":
                options.peak = false
                i += 1
            default:
                options.folders.append(a)
                i += 1
            }
        }
        if options.folders.isEmpty { throw BenchError.badArguments("scale needs a folder made by scale.py (data.csv, init.json)") }
        return options
    }

    /// Trains first and measures the dgemm peak after: OpenBLAS's pool thread spins (sched_yield) for
    /// about 0.1 s after a two-thread dgemm, and a second training thread then shares its core. Short
    /// runs fell entirely in that window: the 5 × 32 epoch on two threads measured 1.8 ms right after
    /// the peak on a quiet machine, against about 1.0 ms with the spinner kept off its core.
    static func run(_ options: Options) throws -> [BenchRecord] {
        var records: [BenchRecord] = []
        for folder in options.folders {
            let data = try TrajectoryDataset.load(path: "\(folder)/data.csv")
            let network = try ModelFile.load(path: "\(folder)/init.json")
            let n = data.trajectories.count, hidden = network.widths.dropFirst().first ?? 0
            let macs = zip(network.widths, network.widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
            var configurations: [(String, GradientMethod, GradientSettings)] = [
                ("rk4-38 dt 0.05 backprop", .backprop, GradientSettings(method: .rk438, controller: .fixed(dt: 0.05))),
            ]
            if options.allMethods {
                let adaptive = StepSizeController.tolerances(rtol: 1e-6, atol: 1e-8)
                configurations.append(("dopri5 backprop", .backprop, GradientSettings(method: .dopri5, controller: adaptive)))
                configurations.append(("dopri5 adjoint", .adjoint, GradientSettings(method: .dopri5, controller: adaptive)))
            }
            for (name, method, settings) in configurations {
                for threads in options.threads {
                    var configuration = TrainingConfiguration(epochs: options.epochs, learningRate: 1e-2, gradientMethod: method,
                                                              solver: settings, seed: 0, threads: threads)
                    var outcome = try Trainer(network: network, data: data, configuration: configuration).run()
                    var (seconds, fastest) = try epochTimes(outcome, "\(folder) \(name)")
                    // Runs shorter than `minimumSeconds` are repeated with enough epochs: the first tenth of
                    // a second of two threads ran at about 1.7 ms an epoch at 5 × 32, later ones at 0.95.
                    if seconds * Double(options.epochs) < minimumSeconds {
                        configuration.epochs = Int((minimumSeconds / seconds).rounded(.up))
                        outcome = try Trainer(network: network, data: data, configuration: configuration).run()
                        (seconds, fastest) = try epochTimes(outcome, "\(folder) \(name)")
                    }
                    let row = outcome.log[outcome.log.count / 2]
                    let vjpFactor = method == .adjoint ? 3.0 : 2.0
                    let flops = 2 * Double(n * macs) * (Double(row.forwardEvaluations) + vjpFactor * Double(row.backwardEvaluations))
                    let rate = flops / seconds * 1e-9
                    let extra = ["N": Double(n), "H": Double(hidden), "threads": Double(threads), "gflopPerEpoch": flops * 1e-9,
                                 "gflops": rate, "finalLoss": outcome.log.last?.loss ?? .nan,
                                 "fastestEpochSeconds": fastest]
                    records.append(BenchRecord(
                        bench: "scale", configuration: "N \(n) H \(hidden), \(name), \(threads) thread\(threads == 1 ? "" : "s")",
                        seconds: seconds, functionEvaluations: row.forwardEvaluations, extra: extra))
                }
            }
        }
        guard options.peak else { return records }
        var peaks: [Int: Double] = [:]
        for t in options.threads { peaks[t] = PeakBench.gflops(threads: t) }
        for i in records.indices {
            guard let threads = records[i].extra["threads"], let peak = peaks[Int(threads)],
                  let rate = records[i].extra["gflops"] else { continue }
            records[i].extra["peakGflops"] = peak
            records[i].extra["fractionOfPeak"] = rate / peak
        }
        return records
    }

    /// Training time the median epoch is taken over at least.
    static let minimumSeconds = 0.5

    /// The median and the shortest time of an epoch after the first two.
    private static func epochTimes(_ outcome: TrainingOutcome, _ what: String) throws -> (median: Double, fastest: Double) {
        if let failure = outcome.failure { throw BenchError.solveFailed("\(what): \(failure)") }
        var perEpoch: [Double] = [], previous = 0.0
        for record in outcome.log {
            perEpoch.append(record.seconds - previous)
            previous = record.seconds
        }
        let timed = perEpoch.dropFirst(2).sorted()
        return (timed[timed.count / 2], timed[0])
    }

    /// The readable line of a scale record.
    static func line(_ r: BenchRecord) -> String {
        String(format: "scale: %@: %@ per epoch, %.2f GFLOP, %.1f GFLOP/s, %.0f%% of the %.1f GFLOP/s dgemm peak\n",
               r.configuration as NSString, Timing.format(r.seconds) as NSString, r.extra["gflopPerEpoch"] ?? .nan,
               r.extra["gflops"] ?? .nan, 100 * (r.extra["fractionOfPeak"] ?? .nan), r.extra["peakGflops"] ?? .nan)
    }
}
