import Foundation
import InputSafety
import SwiftCSV

/// Observed trajectories read from (or written to) a CSV data file.
///
/// The file has a header line, then one row per observation: an optional `trajectory` column
/// (a label; each trajectory's rows together, times strictly increasing), a `t` column, and one
/// column per state component, named by the header. Columns may come in any order; the state
/// components keep the header's order.
public struct TrajectoryDataset: Sendable, Equatable {
    /// One trajectory: its observation times and the states at those times.
    public struct Trajectory: Sendable, Equatable {
        /// The label from the `trajectory` column ("0" when the file has no such column).
        public var label: String
        /// Observation times, strictly increasing (at least two).
        public var times: [Double]
        /// States at `times`, row-major: `values[i*dimension + c]` is component c at `times[i]`.
        public var values: [Double]

        public init(label: String, times: [Double], values: [Double]) {
            self.label = label
            self.times = times
            self.values = values
        }

        /// Number of observations.
        public var count: Int { times.count }

        /// The state observed at `times[index]`, given the dataset's dimension.
        public func state(at index: Int, dimension: Int) -> [Double] {
            Array(values[(index * dimension)..<((index + 1) * dimension)])
        }
    }

    /// Names of the state components, from the header.
    public var componentNames: [String]
    /// The trajectories in file order.
    public var trajectories: [Trajectory]

    /// Number of state components.
    public var dimension: Int { componentNames.count }

    public init(componentNames: [String], trajectories: [Trajectory]) {
        self.componentNames = componentNames
        self.trajectories = trajectories
    }

    /// The largest data file read (parsing holds several copies of the text).
    public static let maximumFileBytes = 256 << 20

    /// Reads and validates the data file at `path`.
    public static func load(path: String) throws(DatasetError) -> TrajectoryDataset {
        let data: Data
        do {
            data = try InputFile.read(path, maximumBytes: maximumFileBytes)
        } catch .notFound {
            throw .fileNotFound(path: path)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        return try parse(data)
    }

    /// Parses and validates CSV bytes: UTF-8 text with no control characters but tab and line ends.
    public static func parse(_ data: Data) throws(DatasetError) -> TrajectoryDataset {
        let bytes = [UInt8](data)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .notUTF8(row: firstInvalidUTF8Row(bytes))
        }
        return try parse(text)
    }

    /// Parses and validates CSV text (see the type's documentation for the format); control
    /// characters other than tab and line ends are refused (a NUL would cut a number short).
    public static func parse(_ text: String) throws(DatasetError) -> TrajectoryDataset {
        var row = 1
        for (offset, byte) in text.utf8.enumerated() {
            if byte == UInt8(ascii: "\n") { row += 1; continue }
            if byte < 0x20 && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") || byte == 0x7F {
                throw .controlCharacter(row: row, byte: byte, offset: offset)
            }
        }
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var rows: [[String]] = []
        let header: [String]
        do {
            let csv = try CSV<Enumerated>(string: body, delimiter: .comma, loadColumns: false, rowLimit: 0)
            header = csv.header.map { $0.trimmingCharacters(in: .whitespaces) }
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { rows.append($0) }
        } catch {
            throw .malformedCSV(detail: "\(error)")
        }
        guard !header.isEmpty, header != [""] else { throw .empty }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted { throw .duplicateColumn(name: name) }
        guard let timeColumn = header.firstIndex(of: "t") else { throw .missingTimeColumn(header: header) }
        let labelColumn = header.firstIndex(of: "trajectory")
        let stateColumns = header.indices.filter { $0 != timeColumn && $0 != labelColumn }
        guard !stateColumns.isEmpty else { throw .noStateColumns }

        var trajectories: [Trajectory] = []
        var firstRows: [Int] = []
        var finished = Set<String>()
        for (index, row) in rows.enumerated() {
            let rowNumber = index + 2  // the header is row 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard row.count == header.count else {
                throw .raggedRow(row: rowNumber, count: row.count, expected: header.count)
            }
            let label = labelColumn.map { row[$0].trimmingCharacters(in: .whitespaces) } ?? "0"
            let time = try number(row[timeColumn], row: rowNumber, column: "t")
            var state: [Double] = []
            for c in stateColumns {
                state.append(try number(row[c], row: rowNumber, column: header[c]))
            }
            if let last = trajectories.last, last.label == label {
                if let previous = last.times.last, !(time > previous) {
                    throw .timesNotIncreasing(row: rowNumber, column: "t", time: time, previous: previous)
                }
                trajectories[trajectories.count - 1].times.append(time)
                trajectories[trajectories.count - 1].values.append(contentsOf: state)
            } else {
                if let last = trajectories.last { finished.insert(last.label) }
                guard !finished.contains(label) else {
                    throw .trajectoryNotContiguous(trajectory: label, row: rowNumber)
                }
                trajectories.append(Trajectory(label: label, times: [time], values: state))
                firstRows.append(rowNumber)
            }
        }
        guard !trajectories.isEmpty else {
            throw .tooFewTimes(trajectory: "0", count: 0, row: 2)
        }
        for (trajectory, row) in zip(trajectories, firstRows) where trajectory.count < 2 {
            throw .tooFewTimes(trajectory: trajectory.label, count: trajectory.count, row: row)
        }
        return TrajectoryDataset(componentNames: stateColumns.map { header[$0] }, trajectories: trajectories)
    }

    /// The dataset as CSV text: header `[trajectory,]t,<components>`, one row per observation,
    /// numbers in Swift's shortest round-trip form, `\n` line ends. The same dataset always gives
    /// the same text. The `trajectory` column is written when `includeLabels` is true, or by
    /// default when there is more than one trajectory.
    public func csvText(includeLabels: Bool? = nil) -> String {
        let labels = includeLabels ?? (trajectories.count > 1)
        var lines = [((labels ? ["trajectory"] : []) + ["t"] + componentNames.map(Self.quoted)).joined(separator: ",")]
        let d = dimension
        for trajectory in trajectories {
            for i in 0..<trajectory.count {
                var cells = labels ? [Self.quoted(trajectory.label)] : []
                cells.append("\(trajectory.times[i])")
                for c in 0..<d { cells.append("\(trajectory.values[i * d + c])") }
                lines.append(cells.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `cell` as a CSV field: quoted (inner quotes doubled) when it holds a comma, a quote or a line break.
    private static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The 1-based line of the first byte sequence that is not UTF-8.
    private static func firstInvalidUTF8Row(_ bytes: [UInt8]) -> Int {
        var row = 1
        var lineStart = 0
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if String(validating: bytes[lineStart..<offset], as: UTF8.self) == nil { return row }
            row += 1
            lineStart = offset + 1
        }
        return row
    }

    private static func number(_ cell: String, row: Int, column: String) throws(DatasetError) -> Double {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else {
            throw .notANumber(row: row, column: column, cell: cell)
        }
        return value
    }
}
