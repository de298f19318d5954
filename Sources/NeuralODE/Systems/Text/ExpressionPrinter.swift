/// Writes resolved expressions back as text that parses to the same tree.
struct ExpressionPrinter {
    /// Names of the states and parameters, by index.
    let stateNames: [String]
    let parameterNames: [String]

    func text(_ e: Expression) -> String {
        switch e {
        case .number(let v): return Self.number(v)
        case .name(let n): return n
        case .state(let i): return stateNames[i]
        case .parameter(let i): return parameterNames[i]
        case .time: return "t"
        case .negate(let a): return "-" + wrap(a, below: 7)
        case .not(let a): return "not(\(text(a)))"
        case .call(let n, let args): return "\(n)(\(args.map(text).joined(separator: ",")))"
        case .function(let f, let args): return "\(f.rawValue)(\(args.map(text).joined(separator: ",")))"
        case .conditional(let c, let a, let b): return "if(\(text(c)))then(\(text(a)))else(\(text(b)))"
        case .binary(let op, let a, let b):
            if op == .power { return wrap(a, below: 8) + "^" + wrap(b, below: 6) }
            let spaced = op.precedence <= 4 ? " \(op.rawValue) " : op.rawValue
            let right = Self.precedence(b) == 6 ? "(\(text(b)))" : wrap(b, below: op.precedence + 1)
            return wrap(a, below: op.precedence) + spaced + right
        }
    }

    /// `e` in parentheses when it binds looser than `minimum`.
    private func wrap(_ e: Expression, below minimum: Int) -> String {
        Self.precedence(e) < minimum ? "(\(text(e)))" : text(e)
    }

    private static func precedence(_ e: Expression) -> Int {
        switch e {
        case .binary(let op, _, _): op.precedence
        case .negate: 6
        case .number(let v): v < 0 ? 6 : 9
        default: 9
        }
    }

    /// The shortest text that reads back as `v` (`2`, not `2.0`).
    static func number(_ v: Double) -> String {
        if v == v.rounded(), Swift.abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
