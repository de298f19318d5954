import Foundation

/// Symbolic partial derivatives of resolved expressions with respect to one state component.
///
/// Comparisons, `heav`, `sign`, `floor` and `ceil` are piecewise constant (derivative 0 where it
/// exists); `if` differentiates both branches; `max`/`min` pick the branch's derivative.
enum Derivative {
    /// ∂expression/∂state[k], simplified.
    static func of(_ expression: Expression, withRespectTo k: Int) -> Expression {
        Simplifier.simplify(raw(expression, k))
    }

    private static func raw(_ e: Expression, _ k: Int) -> Expression {
        guard e.contains(where: { $0 == .state(k) }) else { return .number(0) }
        switch e {
        case .state(let i): return .number(i == k ? 1 : 0)
        case .number, .parameter, .time, .name, .call, .not: return .number(0)
        case .negate(let a): return .negate(raw(a, k))
        case .conditional(let c, let a, let b): return .conditional(c, raw(a, k), raw(b, k))
        case .binary(let op, let a, let b): return binary(op, a, b, k)
        case .function(let f, let args): return function(f, args, k)
        }
    }

    private static func binary(_ op: BinaryOperator, _ a: Expression, _ b: Expression, _ k: Int) -> Expression {
        let da = raw(a, k), db = raw(b, k)
        switch op {
        case .add: return .binary(.add, da, db)
        case .subtract: return .binary(.subtract, da, db)
        case .multiply: return .binary(.add, .binary(.multiply, da, b), .binary(.multiply, a, db))
        case .divide:
            // (a/b)' = a'/b − a b'/b²
            return .binary(.subtract, .binary(.divide, da, b),
                           .binary(.divide, .binary(.multiply, a, db), .binary(.power, b, .number(2))))
        case .power:
            if !b.contains(where: { $0 == .state(k) }) {
                // (a^n)' = n a^(n−1) a'
                let reduced: Expression = if case .number(let n) = b { .number(n - 1) } else { .binary(.subtract, b, .number(1)) }
                return .binary(.multiply, .binary(.multiply, b, .binary(.power, a, reduced)), da)
            }
            // (a^b)' = a^b (b' ln a + b a'/a)
            return .binary(.multiply, .binary(.power, a, b),
                           .binary(.add, .binary(.multiply, db, .function(.log, [a])),
                                   .binary(.divide, .binary(.multiply, b, da), a)))
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .and, .or: return .number(0)
        }
    }

    private static func function(_ f: BuiltinFunction, _ args: [Expression], _ k: Int) -> Expression {
        let a = args[0]
        let da = raw(a, k)
        func times(_ outer: Expression) -> Expression { .binary(.multiply, outer, da) }
        let square = Expression.binary(.power, a, .number(2))
        switch f {
        case .sin: return times(.function(.cos, [a]))
        case .cos: return times(.negate(.function(.sin, [a])))
        case .tan: return .binary(.divide, da, .binary(.power, .function(.cos, [a]), .number(2)))
        case .asin: return .binary(.divide, da, .function(.sqrt, [.binary(.subtract, .number(1), square)]))
        case .acos: return .negate(.binary(.divide, da, .function(.sqrt, [.binary(.subtract, .number(1), square)])))
        case .atan: return .binary(.divide, da, .binary(.add, .number(1), square))
        case .atan2:
            let x = args[1], dx = raw(x, k)
            return .binary(.divide, .binary(.subtract, .binary(.multiply, x, da), .binary(.multiply, a, dx)),
                           .binary(.add, .binary(.power, x, .number(2)), square))
        case .sinh: return times(.function(.cosh, [a]))
        case .cosh: return times(.function(.sinh, [a]))
        case .tanh:
            return times(.binary(.subtract, .number(1), .binary(.power, .function(.tanh, [a]), .number(2))))
        case .exp: return times(.function(.exp, [a]))
        case .log: return .binary(.divide, da, a)
        case .log10: return .binary(.divide, da, .binary(.multiply, a, .number(Foundation.log(10))))
        case .sqrt: return .binary(.divide, da, .binary(.multiply, .number(2), .function(.sqrt, [a])))
        case .abs: return times(.function(.sign, [a]))
        case .sign, .heav, .floor, .ceil: return .number(0)
        case .max: return .conditional(.binary(.greaterEqual, a, args[1]), da, raw(args[1], k))
        case .min: return .conditional(.binary(.lessEqual, a, args[1]), da, raw(args[1], k))
        case .mod:
            let b = args[1]
            return .binary(.subtract, da, .binary(.multiply, raw(b, k), .function(.floor, [.binary(.divide, a, b)])))
        }
    }
}
