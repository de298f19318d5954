/// One token of a line of text, with the 1-based column where it starts.
struct Token: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case number(Double)
        /// A name, lower-cased (names are case-insensitive, as in XPPAUT).
        case name(String)
        /// An operator or punctuation: + - * / ^ ( ) , < <= > >= == != = & | ' !
        case symbol(String)
        case end
    }

    let kind: Kind
    let column: Int

    /// True when the token is the symbol `s`.
    func isSymbol(_ s: String) -> Bool { kind == .symbol(s) }
}

/// Splits one line of an expression or `.ode` statement into tokens.
struct Lexer {
    /// Tokens of `text`, ending with `.end`; throws `TextSystemError.syntax` at the first bad character.
    static func tokens(_ text: String, line: Int = 1) throws(TextSystemError) -> [Token] {
        let chars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func error(_ message: String, at column: Int) -> TextSystemError {
            .syntax(message, line: line, column: column)
        }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            let column = i + 1
            if isDigit(c) || (c == "." && i + 1 < chars.count && isDigit(chars[i + 1])) {
                var j = i
                while j < chars.count, isDigit(chars[j]) { j += 1 }
                if j < chars.count, chars[j] == "." {
                    j += 1
                    while j < chars.count, isDigit(chars[j]) { j += 1 }
                }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    if k < chars.count, isDigit(chars[k]) {
                        while k < chars.count, isDigit(chars[k]) { k += 1 }
                        j = k
                    }
                }
                let literal = String(String.UnicodeScalarView(chars[i..<j]))
                guard let value = Double(literal) else { throw error("bad number '\(literal)'", at: column) }
                tokens.append(Token(kind: .number(value), column: column))
                i = j
                continue
            }
            if isNameStart(c) {
                var j = i
                while j < chars.count, isNameStart(chars[j]) || isDigit(chars[j]) || chars[j] == "." { j += 1 }
                tokens.append(Token(kind: .name(String(String.UnicodeScalarView(chars[i..<j])).lowercased()), column: column))
                i = j
                continue
            }
            let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
            let pair = next.map { String(c) + String($0) }
            if let pair, ["**", "<=", ">=", "==", "!="].contains(pair) {
                tokens.append(Token(kind: .symbol(pair == "**" ? "^" : pair), column: column))
                i += 2
                continue
            }
            if "+-*/^(),<>=&|'!".unicodeScalars.contains(c) {
                tokens.append(Token(kind: .symbol(String(c)), column: column))
                i += 1
                continue
            }
            throw error("unexpected character '\(c)'", at: column)
        }
        tokens.append(Token(kind: .end, column: chars.count + 1))
        return tokens
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }
}
