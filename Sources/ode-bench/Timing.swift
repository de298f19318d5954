import Foundation

/// Wall-clock timing helpers for the benchmark program.
enum Timing {
    /// Median seconds of `repeats` runs of `body`, after `warmup` untimed runs.
    static func median(repeats: Int, warmup: Int = 2, _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(repeats)
        for _ in 0..<repeats {
            let d = clock.measure(body)
            samples.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        }
        samples.sort()
        return samples[samples.count / 2]
    }

    /// A time in the most readable unit, e.g. "412 µs" or "3.21 ms".
    static func format(_ seconds: Double) -> String {
        if seconds < 1e-3 { return String(format: "%.1f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.3f ms", seconds * 1e3) }
        return String(format: "%.3f s", seconds)
    }
}

/// One benchmark result, printed as a JSON line.
struct BenchRecord: Encodable {
    var bench: String
    var configuration: String
    var seconds: Double
    var functionEvaluations: Int?
    var extra: [String: Double] = [:]

    func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else {
            return "{\"bench\":\"\(bench)\",\"error\":\"encoding failed\"}"
        }
        return text
    }
}
