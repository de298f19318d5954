/// Why a CSV data file cannot be read as trajectories; one line per case.
///
/// Row numbers are 1-based and count the header as row 1, so they match a text editor's line
/// numbers when no cell contains a quoted line break.
public enum DatasetError: Error, CustomStringConvertible, Equatable {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case malformedCSV(detail: String)
    case empty
    case missingTimeColumn(header: [String])
    case duplicateColumn(name: String)
    case noStateColumns
    case raggedRow(row: Int, count: Int, expected: Int)
    case notANumber(row: Int, column: String, cell: String)
    case tooFewTimes(trajectory: String, count: Int, row: Int)
    case timesNotIncreasing(row: Int, column: String, time: Double, previous: Double)
    case trajectoryNotContiguous(trajectory: String, row: Int)
    case controlCharacter(row: Int, byte: UInt8, offset: Int)
    case notUTF8(row: Int)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "data file not found: \(path)"
        case .unreadable(let path, let reason):
            return "cannot read data file \(path): \(reason)"
        case .malformedCSV(let detail):
            return "data file is not valid CSV: \(detail)"
        case .empty:
            return "data file is empty (expected a header line such as t,x,y)"
        case .missingTimeColumn(let header):
            return "data file header has no \"t\" column (header: \(header.joined(separator: ",")))"
        case .duplicateColumn(let name):
            return "data file header names the column \"\(name)\" twice"
        case .noStateColumns:
            return "data file has no state columns (expected t followed by one column per component)"
        case .raggedRow(let row, let count, let expected):
            return "data file row \(row) has \(count) cells, the header has \(expected) (rows count the header as row 1)"
        case .notANumber(let row, let column, let cell):
            return "data file row \(row), column \(column): \"\(cell)\" is not a finite number (rows count the header as row 1)"
        case .tooFewTimes(let trajectory, let count, let row):
            return "data file trajectory \(trajectory) (from row \(row)) has \(count) time\(count == 1 ? "" : "s"),"
                + " at least 2 are needed (rows count the header as row 1)"
        case .timesNotIncreasing(let row, let column, let time, let previous):
            return "data file row \(row), column \(column): time \(time) does not increase from \(previous)"
                + " (rows count the header as row 1)"
        case .trajectoryNotContiguous(let trajectory, let row):
            return "data file row \(row): trajectory \(trajectory) appears again after other trajectories"
                + " (keep each trajectory's rows together; rows count the header as row 1)"
        case .controlCharacter(let row, let byte, let offset):
            let code = "0x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            let name = byte == 0 ? " (NUL)" : ""
            return "data file row \(row) contains the control character \(code)\(name) at byte \(offset);"
                + " a data file is plain text (rows count the header as row 1)"
        case .notUTF8(let row):
            return "data file row \(row) is not UTF-8 text (is it a binary file?); rows count the header as row 1"
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
