import Foundation

/// Reads `.ode` text (XPPAUT's format, the subset ordinary models use) into an `OdeDocument`.
///
/// XPPAUT reads commands by their first letter (`p`, `par`, `param`, `par1-3` are all parameter
/// lines); names are case-insensitive; `#` starts a comment; a trailing `\` continues a line;
/// `;` separates statements on one line (for `--equations`); `done` ends the file.
struct OdeParser {
    /// Constructs that are recognised but not supported, by the command word's first letters.
    static let unsupported: [(prefix: String, construct: String)] = [
        ("w", "wiener"), ("g", "global"), ("t", "table"), ("m", "markov"), ("b", "bndry"),
        ("sp", "special"), ("so", "solv"), ("v", "volterra"), ("e", "export"), ("o", "only/options"),
        ("h", "hidden"), ("c", "con"),
    ]

    /// Parses `text`; errors carry line and column but not the source name.
    static func parse(_ text: String) throws(TextSystemError) -> OdeDocument {
        var document = OdeDocument()
        for (line, statement) in logicalLines(text) {
            let trimmed = statement.trimmingCharacters(in: .whitespaces).lowercased()
            // `"` lines are XPPAUT's tutorial notes; `d`, `done` end the file.
            if trimmed.hasPrefix("\"") { continue }
            if trimmed == "d" || trimmed == "done" { break }
            try parseStatement(statement, line: line, into: &document)
        }
        return document
    }

    /// Statements with their first physical line: comments removed, continuations joined,
    /// `;` split (each piece keeps its own columns relative to the line start by padding).
    static func logicalLines(_ text: String) -> [(line: Int, text: String)] {
        var result: [(Int, String)] = []
        var pending: (line: Int, text: String)?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var content = String(raw)
            if let hash = content.firstIndex(of: "#") { content = String(content[..<hash]) }
            let trimmedEnd = content.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            let continues = trimmedEnd.hasSuffix("\\")
            let piece = continues ? String(trimmedEnd.dropLast()) : content
            if var open = pending {
                open.text += " " + piece
                pending = open
            } else {
                pending = (index + 1, piece)
            }
            if !continues, let done = pending {
                var column = 0
                for part in done.text.split(separator: ";", omittingEmptySubsequences: false) {
                    result.append((done.line, String(repeating: " ", count: column) + part))
                    column += part.count + 1
                }
                pending = nil
            }
        }
        if let done = pending { result.append((done.line, done.text)) }
        return result
    }

    private static func parseStatement(_ text: String, line: Int, into document: inout OdeDocument) throws(TextSystemError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return }
        if trimmed.hasPrefix("@") {
            let offset = text.distance(from: text.startIndex, to: text.firstIndex(of: "@") ?? text.startIndex) + 1
            let rest = String(repeating: " ", count: offset) + String(trimmed.dropFirst())
            try parseOptions(rest, line: line, into: &document)
            return
        }
        if text.contains("[") {
            throw TextSystemError("arrays (x[1..n]) are not supported", line: line)
        }
        if let word = commandWord(trimmed) {
            return try parseCommand(word, text: text, line: line, into: &document)
        }
        let tokens = try Lexer.tokens(text, line: line)
        guard case .name(let first) = tokens[0].kind else {
            if tokens[0].isSymbol("!") { return try parseDerived(tokens, line: line, into: &document) }
            throw TextSystemError.syntax("expected a statement (x' = ..., par, init, aux, @ ...)", line: line, column: tokens[0].column)
        }
        let second = tokens[1]
        if second.isSymbol("'") {
            var parser = ExpressionParser(tokens: tokens, line: line, position: 2)
            try parser.expectSymbol("=")
            let rhs = try parser.parseExpression()
            try parser.expectEnd()
            document.equations.append(.init(name: first, expression: rhs, line: line))
            return
        }
        if first.hasPrefix("d"), first.count > 1, second.isSymbol("/"), tokens[2].kind == .name("dt") {
            var parser = ExpressionParser(tokens: tokens, line: line, position: 3)
            try parser.expectSymbol("=")
            let rhs = try parser.parseExpression()
            try parser.expectEnd()
            document.equations.append(.init(name: String(first.dropFirst()), expression: rhs, line: line))
            return
        }
        if second.isSymbol("=") {
            var parser = ExpressionParser(tokens: tokens, line: line, position: 2)
            let rhs = try parser.parseExpression()
            try parser.expectEnd()
            document.fixed.append(.init(name: first, expression: rhs, line: line))
            return
        }
        if second.isSymbol("(") {
            return try parseCallForm(first, tokens, line: line, into: &document)
        }
        throw TextSystemError.syntax("expected '=', \"'\" or '(' after '\(first)'", line: line, column: second.column)
    }

    /// The leading word when the line is a command (`par a=1`, `par1-3 a=1`, `init x=1`, `wiener w`):
    /// a name not followed by `=`, `'`, `(` or `/`.
    private static func commandWord(_ trimmed: String) -> String? {
        let word = trimmed.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        guard let first = word.first, first.isLetter else { return nil }
        let next = trimmed.dropFirst(word.count).first { $0 != " " && $0 != "\t" }
        guard let next else { return String(word).lowercased() }
        return "='(/".contains(next) ? nil : String(word).lowercased()
    }

    /// `x(0) = v` (an initial value) or `f(a, b) = body` (a user function).
    private static func parseCallForm(_ name: String, _ tokens: [Token], line: Int,
                                      into document: inout OdeDocument) throws(TextSystemError) {
        if case .number(let zero) = tokens[2].kind, tokens[3].isSymbol(")"), tokens[4].isSymbol("=") {
            guard zero == 0 else {
                throw TextSystemError.syntax("only x(0) = value sets an initial value", line: line, column: tokens[2].column)
            }
            var parser = ExpressionParser(tokens: tokens, line: line, position: 5)
            let value = try parser.parseExpression()
            try parser.expectEnd()
            document.initials.append(.init(name: name, expression: value, line: line))
            return
        }
        var arguments: [String] = []
        var position = 2
        while true {
            guard case .name(let argument) = tokens[position].kind,
                  tokens[position + 1].isSymbol(",") || tokens[position + 1].isSymbol(")") else {
                throw TextSystemError("'\(name)(...)' with anything but argument names (delays, maps, Volterra "
                    + "integrals) is not supported", line: line)
            }
            arguments.append(argument)
            position += 2
            if tokens[position - 1].isSymbol(")") { break }
        }
        var parser = ExpressionParser(tokens: tokens, line: line, position: position)
        try parser.expectSymbol("=")
        let body = try parser.parseExpression()
        try parser.expectEnd()
        document.functions.append(.init(name: name, arguments: arguments, body: body, line: line))
    }

    private static func parseDerived(_ tokens: [Token], line: Int, into document: inout OdeDocument) throws(TextSystemError) {
        guard case .name(let name) = tokens[1].kind, tokens[2].isSymbol("=") else {
            throw TextSystemError.syntax("expected '!name = expression'", line: line, column: tokens[1].column)
        }
        var parser = ExpressionParser(tokens: tokens, line: line, position: 3)
        let value = try parser.parseExpression()
        try parser.expectEnd()
        document.derived.append(.init(name: name, expression: value, line: line))
    }

    /// A command read by its first letter(s): par, init, number, aux, set; the rest unsupported.
    private static func parseCommand(_ word: String, text: String, line: Int,
                                     into document: inout OdeDocument) throws(TextSystemError) {
        // The arguments start after the command word (which may be `par1-3` in XPPAUT's files).
        let start = text.firstIndex { !$0.isWhitespace } ?? text.startIndex
        let afterWord = text[start...].firstIndex { $0.isWhitespace } ?? text.endIndex
        let padding = text.distance(from: text.startIndex, to: afterWord)
        let arguments = String(repeating: " ", count: padding) + String(text[afterWord...])
        if word.hasPrefix("s"), !word.hasPrefix("sp"), !word.hasPrefix("so") {
            document.ignoredSetLines.append(line)
            return
        }
        let known = ["p", "n", "i", "a"].contains { word.hasPrefix($0) }
        guard known else {
            let construct = unsupported.first { word.hasPrefix($0.prefix) }?.construct ?? word
            throw TextSystemError("'\(construct)' is not supported (Flowscope reads ODEs, parameters, "
                + "functions, aux and @ options)", line: line)
        }
        let argumentTokens = try Lexer.tokens(arguments, line: line)
        switch word.first {
        case "p":
            for (name, value, _) in try assignments(argumentTokens, line: line, what: "parameter") {
                document.parameters.append(.init(name: name, value: try constant(value, line: line), line: line))
            }
        case "n":
            for (name, value, _) in try assignments(argumentTokens, line: line, what: "number") {
                document.numbers.append(.init(name: name, value: try constant(value, line: line), line: line))
            }
        case "i":
            for (name, value, _) in try assignments(argumentTokens, line: line, what: "initial value") {
                document.initials.append(.init(name: name, expression: value, line: line))
            }
        case "a":
            var parser = ExpressionParser(tokens: argumentTokens, line: line)
            guard case .name(let name) = parser.current.kind else { throw parser.unexpected("an aux name") }
            parser = ExpressionParser(tokens: argumentTokens, line: line, position: 1)
            try parser.expectSymbol("=")
            let value = try parser.parseExpression()
            try parser.expectEnd()
            document.aux.append(.init(name: name, expression: value, line: line))
        default: break
        }
    }

    /// `a=1, b = -2 c` as (name, value expression or 0): commas or spaces separate them.
    private static func assignments(_ tokens: [Token], line: Int, what: String) throws(TextSystemError) -> [(String, Expression, Int)] {
        var result: [(String, Expression, Int)] = []
        var position = 0
        while tokens[position].kind != .end {
            if tokens[position].isSymbol(",") { position += 1; continue }
            guard case .name(let name) = tokens[position].kind else {
                throw TextSystemError.syntax("expected a \(what) name", line: line, column: tokens[position].column)
            }
            let column = tokens[position].column
            position += 1
            guard tokens[position].isSymbol("=") else {
                result.append((name, .number(0), column))
                continue
            }
            position += 1
            var sign = 1.0
            while tokens[position].isSymbol("-") || tokens[position].isSymbol("+") {
                if tokens[position].isSymbol("-") { sign = -sign }
                position += 1
            }
            switch tokens[position].kind {
            case .number(let v): result.append((name, .number(sign * v), column))
            case .name(let other): result.append((name, sign < 0 ? .negate(.name(other)) : .name(other), column))
            default:
                throw TextSystemError.syntax("expected a number after '\(name)='", line: line, column: tokens[position].column)
            }
            position += 1
        }
        return result
    }

    private static func constant(_ expression: Expression, line: Int) throws(TextSystemError) -> Double {
        switch expression {
        case .number(let v): return v
        case .negate(.number(let v)): return -v
        default: throw TextSystemError("parameter and number values must be numbers", line: line)
        }
    }

    /// `@ name=value, name=value`: numbers or words.
    private static func parseOptions(_ text: String, line: Int, into document: inout OdeDocument) throws(TextSystemError) {
        for (name, value, _) in try assignments(try Lexer.tokens(text, line: line), line: line, what: "option") {
            switch value {
            case .number(let v): document.options.append(.init(name: name, number: v, word: nil, line: line))
            case .negate(.number(let v)): document.options.append(.init(name: name, number: -v, word: nil, line: line))
            case .name(let w): document.options.append(.init(name: name, number: nil, word: w, line: line))
            default: throw TextSystemError("option '\(name)' needs a number or a word", line: line)
            }
        }
    }
}
