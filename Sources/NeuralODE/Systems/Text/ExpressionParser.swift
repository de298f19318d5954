/// Parses expressions from tokens: precedence climbing with `^` right-associative and binding
/// tighter than unary minus (`-x^2` is `-(x^2)`), as in XPPAUT.
struct ExpressionParser {
    private let tokens: [Token]
    private let line: Int
    private(set) var position: Int

    init(tokens: [Token], line: Int, position: Int = 0) {
        self.tokens = tokens
        self.line = line
        self.position = position
    }

    /// Parses a whole string as one expression.
    static func parse(_ text: String, line: Int = 1) throws(TextSystemError) -> Expression {
        var parser = ExpressionParser(tokens: try Lexer.tokens(text, line: line), line: line)
        let expression = try parser.parseExpression()
        try parser.expectEnd()
        return expression
    }

    var current: Token { tokens[min(position, tokens.count - 1)] }

    /// Fails unless every token was read.
    func expectEnd() throws(TextSystemError) {
        guard current.kind == .end else { throw unexpected("end of the expression") }
    }

    mutating func parseExpression() throws(TextSystemError) -> Expression {
        try parseBinary(minimum: 1)
    }

    private mutating func parseBinary(minimum: Int) throws(TextSystemError) -> Expression {
        var left = try parseUnary()
        while case .symbol(let s) = current.kind, let op = BinaryOperator(rawValue: s),
              op != .power, op.precedence >= minimum {
            position += 1
            let right = try parseBinary(minimum: op.precedence + 1)
            left = .binary(op, left, right)
        }
        return left
    }

    private mutating func parseUnary() throws(TextSystemError) -> Expression {
        if current.isSymbol("-") {
            position += 1
            // Unary minus binds looser than * and / on its right only through `^` (XPPAUT):
            // -a*b is (-a)*b, which equals -(a*b).
            return .negate(try parseUnary())
        }
        if current.isSymbol("+") {
            position += 1
            return try parseUnary()
        }
        if current.kind == .name("not") || current.isSymbol("!") {
            position += 1
            return .not(try parseUnary())
        }
        return try parsePower()
    }

    private mutating func parsePower() throws(TextSystemError) -> Expression {
        let base = try parsePrimary()
        if current.isSymbol("^") {
            position += 1
            return .binary(.power, base, try parseUnary())
        }
        return base
    }

    private mutating func parsePrimary() throws(TextSystemError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            position += 1
            return .number(value)
        case .name("if") where tokens.count > position + 1 && tokens[position + 1].isSymbol("("):
            position += 1
            let condition = try parenthesised()
            try expectName("then")
            let yes = try parenthesised()
            try expectName("else")
            let no = try parenthesised()
            return .conditional(condition, yes, no)
        case .name(let name):
            position += 1
            guard current.isSymbol("(") else { return .name(name) }
            position += 1
            var arguments: [Expression] = []
            if !current.isSymbol(")") {
                arguments.append(try parseExpression())
                while current.isSymbol(",") {
                    position += 1
                    arguments.append(try parseExpression())
                }
            }
            try expectSymbol(")")
            return .call(name, arguments)
        case .symbol("("):
            return try parenthesised()
        default:
            throw unexpected("a number, a name or '('")
        }
    }

    private mutating func parenthesised() throws(TextSystemError) -> Expression {
        try expectSymbol("(")
        let inner = try parseExpression()
        try expectSymbol(")")
        return inner
    }

    mutating func expectSymbol(_ s: String) throws(TextSystemError) {
        guard current.isSymbol(s) else { throw unexpected("'\(s)'") }
        position += 1
    }

    private mutating func expectName(_ name: String) throws(TextSystemError) {
        guard current.kind == .name(name) else { throw unexpected("'\(name)'") }
        position += 1
    }

    func unexpected(_ expected: String) -> TextSystemError {
        let found: String
        switch current.kind {
        case .end: found = "end of line"
        case .number(let v): found = "number \(v)"
        case .name(let n): found = "'\(n)'"
        case .symbol(let s): found = "'\(s)'"
        }
        return .syntax("expected \(expected), found \(found)", line: line, column: current.column)
    }
}
