import Foundation
import NeuralODE

/// The tables (or JSON document) ode-grad prints for a gradient check.
struct GradReport {
    let mlp: MLP
    let observations: GradObservations
    let settings: GradientSettings
    let check: GradientCheck

    /// Names of the gradient entries: θ in `MLP.parameters` order, then y0[trajectory,component].
    var entryNames: [String] {
        var names: [String] = []
        for layer in 0..<mlp.layerCount {
            let inputs = mlp.widths[layer], outputs = mlp.widths[layer + 1]
            for j in 0..<outputs {
                for k in 0..<inputs { names.append("layer\(layer).weight[\(j),\(k)]") }
            }
            for j in 0..<outputs { names.append("layer\(layer).bias[\(j)]") }
        }
        let batch = observations.batch
        for b in 0..<batch.trajectoryCount {
            for i in 0..<batch.stateDimension { names.append("y0[\(b),\(i)]") }
        }
        return names
    }

    var entryValues: [Double] { mlp.parameters + observations.batch.initialStates }

    var solverDescription: String {
        switch settings.controller {
        case .constant(let constant): "\(settings.method.name) dt \(constant.dt)"
        case .adaptive(let pi): "\(settings.method.name) rtol \(pi.rtol) atol \(pi.atol)"
        }
    }

    private var reference: [Double]? {
        check.results.first { $0.method == .finiteDifference && $0.succeeded }
            .map { $0.parameterGradient + $0.initialStateGradient }
    }

    func text() -> String {
        var out = "model \(mlp.parameterCount) parameters; \(observations.source); loss \(settings.loss.name); "
            + "\(solverDescription)\n"
        if let loss = check.results.first(where: { $0.loss.isFinite })?.loss {
            out += "loss = \(format(loss))\n"
        }
        out += "\n"
        let names = entryNames, values = entryValues
        var header = ["entry", "value"] + check.results.map(\.method.name)
        let compared = check.results.filter { $0.method != .finiteDifference }.map(\.method)
        if reference != nil { header += compared.map { "reldiff \($0.name)" } }
        var rows: [[String]] = [header]
        for index in names.indices {
            var row = [names[index], format(values[index])]
            for result in check.results {
                let g = result.parameterGradient + result.initialStateGradient
                row.append(index < g.count ? format(g[index]) : "-")
            }
            if let reference {
                let floor = 1e-8 * (reference.map(abs).max() ?? 0)
                for method in compared {
                    guard let result = check.results.first(where: { $0.method == method }), result.succeeded else {
                        row.append("-")
                        continue
                    }
                    let g = result.parameterGradient + result.initialStateGradient
                    row.append(String(format: "%.2e", abs(g[index] - reference[index]) / max(abs(reference[index]), floor)))
                }
            }
            rows.append(row)
        }
        out += table(rows)
        out += "\n"
        var statistics: [[String]] = [["pass", "loss", "fwd nfe", "fwd steps", "fwd rejected", "bwd nfe",
                                       "bwd steps", "bwd rejected", "tape bytes", "time ms", "status"]]
        for (result, seconds) in zip(check.results, check.seconds) {
            statistics.append([result.method.name, format(result.loss),
                               "\(result.forward.functionEvaluations)", "\(result.forward.acceptedSteps)",
                               "\(result.forward.rejectedSteps)", "\(result.backward.functionEvaluations)",
                               "\(result.backward.acceptedSteps)", "\(result.backward.rejectedSteps)",
                               "\(result.tapeBytes)", String(format: "%.3f", seconds * 1e3),
                               result.failure.map { "failed: \($0.description)" } ?? "ok"])
        }
        out += table(statistics)
        for comparison in check.comparisons {
            out += "\n\(comparison.method.name) vs finite-difference: relative difference \(String(format: "%.3e", comparison.normRelative)) "
                + "(norm), \(String(format: "%.3e", comparison.maxComponentRelative)) (largest, \(names[comparison.worstIndex]))"
        }
        if !check.comparisons.isEmpty { out += "\n" }
        return out
    }

    func json() throws -> String {
        let names = entryNames
        let document = GradJSON(
            model: mlp.parameterCount, source: observations.source, loss: settings.loss.name,
            method: settings.method.name, solver: solverDescription, entries: names, values: entryValues,
            results: zip(check.results, check.seconds).map { result, seconds in
                GradJSON.Method(method: result.method.name, loss: result.loss.isFinite ? result.loss : nil,
                                gradient: (result.parameterGradient + result.initialStateGradient).map { $0.isFinite ? $0 : nil },
                                forward: result.forward.counts, backward: result.backward.counts,
                                tapeBytes: result.tapeBytes, seconds: seconds, failure: result.failure?.description)
            },
            comparisons: check.comparisons.map {
                GradJSON.Comparison(method: $0.method.name, normRelative: $0.normRelative,
                                    maxComponentRelative: $0.maxComponentRelative, worstEntry: names[$0.worstIndex])
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(document)
        return (String(data: data, encoding: .utf8) ?? "{}") + "\n"
    }

    private func format(_ x: Double) -> String {
        x.isFinite ? String(format: "%.10g", x) : "nan"
    }

    private func table(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == 0 || i == row.count - 1 && cell.hasPrefix("failed")
                    ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}

/// The JSON document of `ode-grad --json`.
struct GradJSON: Encodable {
    struct Method: Encodable {
        let method: String
        let loss: Double?
        let gradient: [Double?]
        let forward: [String: Int]
        let backward: [String: Int]
        let tapeBytes: Int
        let seconds: Double
        let failure: String?
    }

    struct Comparison: Encodable {
        let method: String
        let normRelative: Double
        let maxComponentRelative: Double
        let worstEntry: String
    }

    let model: Int
    let source: String
    let loss: String
    let method: String
    let solver: String
    let entries: [String]
    let values: [Double]
    let results: [Method]
    let comparisons: [Comparison]
}

extension SolveStatistics {
    /// The counts, for JSON output.
    var counts: [String: Int] {
        ["functionEvaluations": functionEvaluations, "acceptedSteps": acceptedSteps, "rejectedSteps": rejectedSteps]
    }
}
