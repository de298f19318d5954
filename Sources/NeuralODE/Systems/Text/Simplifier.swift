/// Algebraic simplification: constant folding and the identities 0 + x, 1·x, 0·x, x^1, x^0, −(−x).
///
/// Applied to resolved trees after derivatives and parameter substitution; it never changes the
/// value of a finite expression (0·x → 0 assumes x finite, as every symbolic package does).
enum Simplifier {
    static func simplify(_ expression: Expression) -> Expression {
        expression.rewritten(step)
    }

    private static func step(_ node: Expression) -> Expression {
        switch node {
        case .negate(.number(let v)): return .number(-v)
        case .negate(.negate(let a)): return a
        case .not(.number(let v)): return .number(v == 0 ? 1 : 0)
        case .function(let f, let args):
            if case .number(let a) = args[0] {
                if args.count == 1 { return .number(f.apply(a, 0)) }
                if case .number(let b) = args[1] { return .number(f.apply(a, b)) }
            }
            return node
        case .conditional(.number(let c), let a, let b): return c != 0 ? a : b
        case .conditional(_, let a, let b) where a == b: return a
        case .binary(let op, let a, let b): return binary(op, a, b)
        default: return node
        }
    }

    private static func binary(_ op: BinaryOperator, _ a: Expression, _ b: Expression) -> Expression {
        if case .number(let x) = a, case .number(let y) = b { return .number(op.apply(x, y)) }
        switch op {
        case .add:
            if a.isNumber(0) { return b }
            if b.isNumber(0) { return a }
            if case .negate(let c) = b { return .binary(.subtract, a, c) }
        case .subtract:
            if b.isNumber(0) { return a }
            if a.isNumber(0) { return step(.negate(b)) }
            if case .negate(let c) = b { return .binary(.add, a, c) }
        case .multiply:
            if a.isNumber(0) || b.isNumber(0) { return .number(0) }
            if a.isNumber(1) { return b }
            if b.isNumber(1) { return a }
            if a.isNumber(-1) { return step(.negate(b)) }
            if b.isNumber(-1) { return step(.negate(a)) }
            if case .negate(let c) = b { return step(.negate(binary(.multiply, a, c))) }
            if case .negate(let c) = a { return step(.negate(binary(.multiply, c, b))) }
        case .divide:
            if a.isNumber(0) { return .number(0) }
            if b.isNumber(1) { return a }
            if case .negate(let c) = b { return step(.negate(binary(.divide, a, c))) }
            if case .negate(let c) = a { return step(.negate(binary(.divide, c, b))) }
        case .power:
            if b.isNumber(1) { return a }
            if b.isNumber(0) { return .number(1) }
        default: break
        }
        return .binary(op, a, b)
    }
}
