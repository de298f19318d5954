/// Parses label notation: `_x` / `_{…}` subscripts, `^x` / `^{…}` superscripts, `\name` symbols,
/// `\dot{…}`, `{…}` grouping and backslash escapes (`\_`, `\^`, `\\`, `\{`, `\}`, `\|`).
///
/// A hyphen inside a sub- or superscript becomes a minus sign (U+2212), as in `e^{-2t}`.
/// Unlike TeX, a space after a command is kept (`\mu = 1` reads "μ = 1"); write `\Delta{}t` to join.
/// Adjacent plain characters are merged into one run.
public enum NotationParser {
    public static func parse(_ notation: String) throws(NotationError) -> [NotationNode] {
        var p = Cursor(chars: Array(notation))
        let nodes = try p.sequence(inScript: false, openBrace: nil)
        return nodes
    }

    private struct Cursor {
        let chars: [Character]
        var i = 0

        /// Parses up to the end, or up to the `}` closing the brace at index `openBrace`.
        mutating func sequence(inScript: Bool, openBrace: Int?) throws(NotationError) -> [NotationNode] {
            var out: [NotationNode] = []
            func append(_ s: String) {
                if case .text(let prev)? = out.last { out[out.count - 1] = .text(prev + s) } else { out.append(.text(s)) }
            }
            func appendAll(_ nodes: [NotationNode]) {
                for n in nodes { if case .text(let s) = n { append(s) } else { out.append(n) } }
            }
            while i < chars.count {
                let c = chars[i]
                switch c {
                case "}":
                    guard openBrace != nil else { throw .unbalancedBrace(position: i) }
                    i += 1
                    return out
                case "{":
                    i += 1
                    appendAll(try sequence(inScript: inScript, openBrace: i - 1))
                case "_", "^":
                    i += 1
                    let arg = try argument(after: String(c))
                    out.append(c == "_" ? .sub(arg) : .sup(arg))
                case "\\":
                    appendAll(try command(inScript: inScript))
                default:
                    i += 1
                    append(inScript && c == "-" ? "−" : String(c))
                }
            }
            if let openBrace { throw .unbalancedBrace(position: openBrace) }
            return out
        }

        /// The argument of `_`, `^` or `\dot`: a `{group}`, a `\command` or one character.
        mutating func argument(after marker: String) throws(NotationError) -> [NotationNode] {
            guard i < chars.count else { throw .missingArgument(after: marker) }
            let c = chars[i]
            switch c {
            case "{":
                i += 1
                return try sequence(inScript: true, openBrace: i - 1)
            case "\\":
                return try command(inScript: true)
            case "}", "_", "^":
                throw .missingArgument(after: marker)
            default:
                i += 1
                return [.text(c == "-" ? "−" : String(c))]
            }
        }

        /// A command starting at the backslash under the cursor.
        mutating func command(inScript: Bool) throws(NotationError) -> [NotationNode] {
            i += 1
            guard i < chars.count else { throw .trailingBackslash }
            if !chars[i].isLetter || !chars[i].isASCII {
                let c = chars[i]
                guard let s = NotationSymbols.escapes[c] else { throw .unknownCommand(String(c)) }
                i += 1
                return [.text(s)]
            }
            var name = ""
            while i < chars.count, chars[i].isASCII, chars[i].isLetter { name.append(chars[i]); i += 1 }
            if name == "dot" {
                while i < chars.count, chars[i] == " " { i += 1 }
                return [.dot(try argument(after: "\\dot"))]
            }
            guard let s = NotationSymbols.table[name] else { throw .unknownCommand(name) }
            return [.text(s)]
        }
    }
}
