/// Splits a command line into words the way a POSIX shell would, for commands a reader also pastes into one.
///
/// Understood: blanks between words, single quotes (literal), double quotes (a backslash escapes
/// `"`, `\`, `$` and a backquote) and a backslash outside quotes. Characters a shell would
/// interpret — `| & ; < > ( ) $`, a backquote, `* ? [` and a `#` or `~` starting a word — are
/// refused unless quoted, so a command means the same here and in a shell.
public enum ShellWords {
    /// Why a command line cannot be split.
    public struct SplitError: Error, CustomStringConvertible, Equatable, Sendable {
        public let message: String
        public var description: String { message }
    }

    /// The words of `line`; throws for unbalanced quotes, a trailing backslash, or an unquoted shell character.
    public static func split(_ line: String) throws(SplitError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            switch c {
            case " ", "\t", "\n":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "'":
                inWord = true
                guard let end = chars.firstIndex(of: "'") else { throw SplitError(message: "unbalanced ' in: \(line)") }
                current += String(chars[chars.startIndex..<end])
                chars = chars[(end + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let d = chars.popFirst() {
                    if d == "\"" { closed = true; break }
                    if d == "\\", let next = chars.first, "\"\\$`".contains(next) {
                        current.append(next)
                        chars = chars.dropFirst()
                    } else if d == "$" || d == "`" {
                        throw SplitError(message: "'\(d)' inside double quotes would be expanded by a shell; use single quotes in: \(line)")
                    } else {
                        current.append(d)
                    }
                }
                guard closed else { throw SplitError(message: "unbalanced \" in: \(line)") }
            case "\\":
                guard let next = chars.popFirst() else { throw SplitError(message: "trailing backslash in: \(line)") }
                inWord = true
                if next != "\n" { current.append(next) }
            default:
                if "|&;<>()$`*?[".contains(c) || (!inWord && "#~".contains(c)) {
                    throw SplitError(message: "unquoted '\(c)' would mean something else to a shell; quote it in: \(line)")
                }
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// `words` joined into one line a POSIX shell splits back into the same words.
    public static func join(_ words: [String]) -> String {
        words.map(CommandLineText.quoted).joined(separator: " ")
    }
}
