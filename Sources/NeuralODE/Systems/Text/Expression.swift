import Foundation

/// A syntax tree of one expression of a text system.
///
/// The parser produces `.name` and `.call` nodes; resolution replaces them by `.state`,
/// `.parameter`, `.time` and `.function` so a resolved tree reads only states, parameters and time.
indirect enum Expression: Hashable, Sendable {
    case number(Double)
    /// An unresolved name (lower case).
    case name(String)
    /// State component i.
    case state(Int)
    /// Parameter i (in `SystemSpec.parameters` order).
    case parameter(Int)
    /// The independent variable.
    case time
    case negate(Expression)
    case not(Expression)
    case binary(BinaryOperator, Expression, Expression)
    /// An unresolved call: a built-in function or a user function.
    case call(String, [Expression])
    case function(BuiltinFunction, [Expression])
    /// `if(condition)then(a)else(b)`.
    case conditional(Expression, Expression, Expression)

    /// True when the tree is a number equal to `value`.
    func isNumber(_ value: Double) -> Bool {
        if case .number(let v) = self { return v == value }
        return false
    }

    /// Whether a predicate holds for this node or any node below it.
    func contains(where predicate: (Expression) -> Bool) -> Bool {
        if predicate(self) { return true }
        return children.contains { $0.contains(where: predicate) }
    }

    /// The direct subtrees.
    var children: [Expression] {
        switch self {
        case .number, .name, .state, .parameter, .time: []
        case .negate(let a), .not(let a): [a]
        case .binary(_, let a, let b): [a, b]
        case .call(_, let args), .function(_, let args): args
        case .conditional(let c, let a, let b): [c, a, b]
        }
    }

    /// Every unresolved name read by the tree (call names excluded).
    var names: Set<String> {
        var found = Set<String>()
        collectNames(into: &found)
        return found
    }

    private func collectNames(into found: inout Set<String>) {
        if case .name(let n) = self { found.insert(n) }
        for child in children { child.collectNames(into: &found) }
    }

    /// The tree with `transform` applied bottom-up to every node.
    func rewritten(_ transform: (Expression) throws -> Expression) rethrows -> Expression {
        let node: Expression
        switch self {
        case .number, .name, .state, .parameter, .time: node = self
        case .negate(let a): node = .negate(try a.rewritten(transform))
        case .not(let a): node = .not(try a.rewritten(transform))
        case .binary(let op, let a, let b): node = .binary(op, try a.rewritten(transform), try b.rewritten(transform))
        case .call(let n, let args): node = .call(n, try args.map { try $0.rewritten(transform) })
        case .function(let f, let args): node = .function(f, try args.map { try $0.rewritten(transform) })
        case .conditional(let c, let a, let b):
            node = .conditional(try c.rewritten(transform), try a.rewritten(transform), try b.rewritten(transform))
        }
        return try transform(node)
    }
}

/// A binary operator of the expression language.
enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case and = "&", or = "|"

    /// Binding strength: higher binds tighter.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: 3
        case .add, .subtract: 4
        case .multiply, .divide: 5
        case .power: 7
        }
    }

    /// The value of `a op b` (comparisons and logic give 1 or 0).
    @inline(__always)
    func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .power: pow(a, b)
        case .less: a < b ? 1 : 0
        case .lessEqual: a <= b ? 1 : 0
        case .greater: a > b ? 1 : 0
        case .greaterEqual: a >= b ? 1 : 0
        case .equal: a == b ? 1 : 0
        case .notEqual: a != b ? 1 : 0
        case .and: (a != 0 && b != 0) ? 1 : 0
        case .or: (a != 0 || b != 0) ? 1 : 0
        }
    }
}
