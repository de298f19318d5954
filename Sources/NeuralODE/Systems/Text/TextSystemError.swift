import Foundation

/// Why a text system could not be read: a message with the place it refers to.
///
/// `description` is `source:line:column: message`; for syntax errors (those with a column and
/// the line's text) two more lines show the line and a caret under the column.
public struct TextSystemError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What is wrong, one line.
    public let message: String
    /// 1-based line in the source, or nil when the error is about the whole system.
    public let line: Int?
    /// 1-based column in the line, for syntax errors.
    public let column: Int?
    /// File name, or `--equations` for inline text.
    public var source: String
    /// The text of the line, shown under the message with a caret when `column` is set.
    public var lineText: String?

    init(_ message: String, line: Int? = nil, column: Int? = nil, source: String = "--equations", lineText: String? = nil) {
        self.message = message
        self.line = line
        self.column = column
        self.source = source
        self.lineText = lineText
    }

    /// A syntax error at a line and column.
    static func syntax(_ message: String, line: Int, column: Int) -> TextSystemError {
        TextSystemError(message, line: line, column: column)
    }

    /// The same error attributed to `source` whose lines are `lines`.
    func located(source: String, lines: [String]) -> TextSystemError {
        var copy = self
        copy.source = source
        if let line, line >= 1, line <= lines.count, column != nil { copy.lineText = lines[line - 1] }
        return copy
    }

    public var description: String {
        var place = source
        if let line { place += ":\(line)" }
        if let line, line > 0, let column { place += ":\(column)" }
        var text = "\(place): \(message)"
        if let lineText, let column {
            let shown = lineText.replacingOccurrences(of: "\t", with: " ")
            text += "\n    \(shown)\n    \(String(repeating: " ", count: max(0, column - 1)))^"
        }
        return text
    }
}
