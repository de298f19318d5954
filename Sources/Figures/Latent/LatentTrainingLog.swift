import Foundation
import InputSafety

/// A latent ODE's training log as written by `ode-train --latent … --log` (columns named by its
/// header: `iteration`, `neg_elbo`, `kl`, and the held-out errors where evaluated).
public struct LatentTrainingLog: Sendable, Equatable {
    public var iterations: [Int]
    /// −ELBO of each step's batch, and its KL part.
    public var negativeELBO: [Double]
    public var kl: [Double]
    /// Held-out reconstruction and extrapolation MSE, nil where not evaluated.
    public var reconstruction: [Double?]
    public var extrapolation: [Double?]

    public var count: Int { iterations.count }

    /// Reads the log at `path`; errors name the file and the line.
    public static func load(path: String) throws(FigureError) -> LatentTrainingLog {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let data: Data
        do { data = try InputFile.read(path, maximumBytes: 256 << 20) } catch {
            throw .invalidInput("\(path): cannot read the latent training log (\(error.description))")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .invalidInput("\(path): cannot read the latent training log (not UTF-8 text)")
        }
        return try parse(text, name: name)
    }

    /// Parses log text; `name` starts every error message.
    public static func parse(_ text: String, name: String) throws(FigureError) -> LatentTrainingLog {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else {
            throw .invalidInput("\(name): the latent training log is empty")
        }
        let keys = ["iteration", "neg_elbo", "kl", "heldout_reconstruction_mse", "heldout_extrapolation_mse"]
        let columns = keys.map { header.firstIndex(of: $0) }
        guard let ci = columns[0], let cl = columns[1], let ck = columns[2] else {
            throw .invalidInput("\(name) line 1: not a latent training log (expected the header of ode-train --latent --log: iteration,neg_elbo,…)")
        }
        var log = LatentTrainingLog(iterations: [], negativeELBO: [], kl: [], reconstruction: [], extrapolation: [])
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let place = "\(name) line \(index + 1)"
            guard cells.count == header.count else { throw .invalidInput("\(place): \(cells.count) cells where the header has \(header.count)") }
            guard let iteration = Int(cells[ci]), let loss = Double(cells[cl]), let kl = Double(cells[ck]) else {
                throw .invalidInput("\(place): iteration, neg_elbo and kl must be numbers")
            }
            if let previous = log.iterations.last, iteration <= previous {
                throw .invalidInput("\(place): iteration \(iteration) does not follow iteration \(previous)")
            }
            func optional(_ c: Int?) throws(FigureError) -> Double? {
                guard let c, !cells[c].isEmpty else { return nil }
                guard let v = Double(cells[c]) else { throw .invalidInput("\(place): '\(cells[c])' is not a number") }
                return v
            }
            log.iterations.append(iteration)
            log.negativeELBO.append(loss)
            log.kl.append(kl)
            log.reconstruction.append(try optional(columns[3]))
            log.extrapolation.append(try optional(columns[4]))
        }
        guard log.count > 0 else { throw .invalidInput("\(name): the latent training log has a header but no rows") }
        return log
    }
}
