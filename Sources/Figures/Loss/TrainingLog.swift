import Foundation
import InputSafety

/// A per-epoch training log as written by `ode-train --log` (columns named by its header, any order).
///
/// `epoch` and `loss` are required; `heldout_mse`, `nfe_forward`, `nfe_backward`, `rejected_steps`
/// and `seconds` are read when present; other columns are ignored. Empty cells are missing values
/// (nil); `nan` and `inf` are kept as written, so a diverged run shows where it diverged.
public struct TrainingLog: Sendable, Equatable {
    /// Where the log came from (a file name), for messages.
    public var name: String
    /// Epoch numbers, one per row.
    public var epochs: [Int]
    /// Training loss per row (may be NaN or infinite).
    public var loss: [Double]
    /// Held-out error per row, nil where not evaluated; nil as a whole when the column is absent.
    public var heldOut: [Double?]?
    /// Wall time in seconds at the end of each epoch; nil when the column is absent.
    public var seconds: [Double]?
    /// Forward and backward function evaluations per epoch; nil when the columns are absent.
    public var forwardEvaluations: [Int]?
    public var backwardEvaluations: [Int]?
    /// Rejected steps per epoch; nil when the column is absent.
    public var rejectedSteps: [Int]?
    /// The training window's length per epoch (a horizon curriculum); nil when the column is absent.
    public var horizon: [Double]? = nil

    /// Number of rows.
    public var count: Int { epochs.count }

    /// Reads a log file; the error names the file and the line.
    public static func load(path: String) throws(FigureError) -> TrainingLog {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let data: Data
        do {
            data = try InputFile.read(path, maximumBytes: 256 << 20)
        } catch {
            throw .invalidInput("\(path): cannot read the training log (\(error.description))")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .invalidInput("\(path): cannot read the training log (not UTF-8 text)")
        }
        return try parse(text, name: name)
    }

    /// Parses log text; `name` starts every error message ("m-log.csv line 5: …").
    public static func parse(_ text: String, name: String) throws(FigureError) -> TrainingLog {
        var line = 1
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1; continue }
            if byte < 0x20 && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") || byte == 0x7F {
                throw .invalidInput("\(name) line \(line): the control character 0x\(String(byte, radix: 16, uppercase: true)) is not text")
            }
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let headerIndex = lines.firstIndex(where: { !$0.isEmpty }) else {
            throw .invalidInput("\(name): the training log is empty")
        }
        let header = lines[headerIndex].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ key: String) -> Int? { header.firstIndex(of: key) }
        guard let epochColumn = column("epoch"), let lossColumn = column("loss") else {
            let missing = ["epoch", "loss"].filter { column($0) == nil }.joined(separator: " and ")
            throw .invalidInput("\(name) line \(headerIndex + 1): the header has no \(missing) column "
                + "(expected a training log from ode-train --log: epoch,loss,…)")
        }
        let heldOutColumn = column("heldout_mse"), secondsColumn = column("seconds")
        let forwardColumn = column("nfe_forward"), backwardColumn = column("nfe_backward")
        let rejectedColumn = column("rejected_steps"), horizonColumn = column("horizon")
        var log = TrainingLog(name: name, epochs: [], loss: [], heldOut: heldOutColumn == nil ? nil : [],
                              seconds: secondsColumn == nil ? nil : [],
                              forwardEvaluations: forwardColumn == nil ? nil : [],
                              backwardEvaluations: backwardColumn == nil ? nil : [],
                              rejectedSteps: rejectedColumn == nil ? nil : [])
        if horizonColumn != nil { log.horizon = [] }
        for index in (headerIndex + 1)..<lines.count where !lines[index].isEmpty {
            let cells = lines[index].split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let place = "\(name) line \(index + 1)"
            guard cells.count == header.count else {
                throw .invalidInput("\(place): \(cells.count) cells where the header has \(header.count)")
            }
            func real(_ c: Int, _ key: String) throws(FigureError) -> Double {
                guard let v = Double(cells[c]) else { throw .invalidInput("\(place): \(key) '\(cells[c])' is not a number") }
                return v
            }
            func count(_ c: Int, _ key: String) throws(FigureError) -> Int {
                guard let v = Int(cells[c]), v >= 0 else {
                    throw .invalidInput("\(place): \(key) '\(cells[c])' is not a count (a whole number ≥ 0)")
                }
                return v
            }
            let epoch = try count(epochColumn, "epoch")
            if let previous = log.epochs.last, epoch <= previous {
                throw .invalidInput("\(place): epoch \(epoch) does not follow epoch \(previous)")
            }
            log.epochs.append(epoch)
            log.loss.append(try real(lossColumn, "loss"))
            if let c = heldOutColumn { log.heldOut?.append(cells[c].isEmpty ? nil : try real(c, "heldout_mse")) }
            if let c = secondsColumn {
                let s = try real(c, "seconds")
                guard s.isFinite, s >= 0 else { throw .invalidInput("\(place): seconds '\(cells[c])' is not a time ≥ 0") }
                log.seconds?.append(s)
            }
            if let c = forwardColumn { log.forwardEvaluations?.append(try count(c, "nfe_forward")) }
            if let c = backwardColumn { log.backwardEvaluations?.append(try count(c, "nfe_backward")) }
            if let c = rejectedColumn { log.rejectedSteps?.append(try count(c, "rejected_steps")) }
            if let c = horizonColumn { log.horizon?.append(cells[c].isEmpty ? .nan : try real(c, "horizon")) }
        }
        guard !log.epochs.isEmpty else { throw .invalidInput("\(name): the training log has a header but no rows") }
        return log
    }

    /// The first row whose training window reached its full length, when the window grew (a curriculum).
    public var fullWindowRow: Int? {
        guard let h = horizon, let top = h.filter(\.isFinite).max(), let first = h.first, first < top else { return nil }
        return h.firstIndex { $0 >= top - 1e-9 }
    }

    /// The first row whose loss is NaN or infinite (the run diverged there), or nil.
    public var divergedRow: Int? { loss.firstIndex { !$0.isFinite } }
}
