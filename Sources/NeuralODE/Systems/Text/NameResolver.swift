/// Turns the names and calls of an `OdeDocument` into states, parameters, time and built-in
/// functions: user functions and fixed quantities are inlined, numbers and `pi` become numbers.
struct NameResolver {
    enum Meaning {
        case state(Int), parameter(Int), number(Double), derived(Int), fixed(Int), function(Int)
    }

    let document: OdeDocument
    private(set) var meanings: [String: (meaning: Meaning, line: Int)] = [:]
    private var resolvedFixed: [Int: Expression] = [:]
    private var resolvedDerived: [Int: Expression] = [:]
    /// Names being inlined, innermost last, to report cycles and recursion.
    private var stack: [String] = []

    init(document: OdeDocument) throws(TextSystemError) {
        self.document = document
        meanings["t"] = (.number(0), 0)
        meanings["pi"] = (.number(Double.pi), 0)
        for (i, d) in document.equations.enumerated() { try declare(d.name, .state(i), line: d.line) }
        for (i, v) in document.parameters.enumerated() { try declare(v.name, .parameter(i), line: v.line) }
        for v in document.numbers { try declare(v.name, .number(v.value), line: v.line) }
        for (i, d) in document.derived.enumerated() { try declare(d.name, .derived(i), line: d.line) }
        for (i, d) in document.fixed.enumerated() { try declare(d.name, .fixed(i), line: d.line) }
        // Aux names are outputs only (XPPAUT allows `aux ica = ica` beside a fixed `ica`).
        var auxNames: [String: Int] = [:]
        for d in document.aux {
            if let first = auxNames[d.name] {
                throw TextSystemError("duplicate definition of aux '\(d.name)' (first defined on line \(first))", line: d.line)
            }
            auxNames[d.name] = d.line
        }
        for (i, f) in document.functions.enumerated() {
            guard BuiltinFunction(rawValue: f.name) == nil, f.name != "if" else {
                throw TextSystemError("'\(f.name)' is a built-in function and cannot be redefined", line: f.line)
            }
            try declare(f.name, .function(i), line: f.line)
        }
    }

    private mutating func declare(_ name: String, _ meaning: Meaning, line: Int) throws(TextSystemError) {
        if name == "t" || name == "pi" {
            throw TextSystemError("'\(name)' is reserved (\(name == "t" ? "time" : "the constant pi")) and cannot be defined", line: line)
        }
        if let existing = meanings[name] {
            throw TextSystemError("duplicate definition of '\(name)' (first defined on line \(existing.line))", line: line)
        }
        meanings[name] = (meaning, line)
    }

    /// Every name a user may write, for suggestions.
    var knownNames: [String] {
        Array(meanings.keys) + BuiltinFunction.allCases.map(\.rawValue)
    }

    /// The expression with every name resolved; `bindings` are a user function's arguments.
    mutating func resolve(_ expression: Expression, line: Int,
                          bindings: [String: Expression] = [:]) throws(TextSystemError) -> Expression {
        switch expression {
        case .number, .state, .parameter, .time, .function: return expression
        case .name(let name):
            if let bound = bindings[name] { return bound }
            return try resolveName(name, line: line)
        case .negate(let a): return .negate(try resolve(a, line: line, bindings: bindings))
        case .not(let a): return .not(try resolve(a, line: line, bindings: bindings))
        case .binary(let op, let a, let b):
            return .binary(op, try resolve(a, line: line, bindings: bindings), try resolve(b, line: line, bindings: bindings))
        case .conditional(let c, let a, let b):
            return .conditional(try resolve(c, line: line, bindings: bindings),
                                try resolve(a, line: line, bindings: bindings),
                                try resolve(b, line: line, bindings: bindings))
        case .call(let name, let arguments):
            var resolved: [Expression] = []
            for argument in arguments { resolved.append(try resolve(argument, line: line, bindings: bindings)) }
            if ["delay", "ran", "normal", "besselj", "bessely", "erf", "erfc", "hom_bcs", "sum", "shift", "del_shft", "lgamma"].contains(name) {
                throw TextSystemError("the function '\(name)' is not supported (delays, random numbers and special "
                    + "functions are outside Flowscope's subset)", line: line)
            }
            // XPPAUT's `ln` is the natural logarithm.
            if let builtin = BuiltinFunction(rawValue: name == "ln" ? "log" : name) {
                guard resolved.count == builtin.arity else {
                    throw TextSystemError("\(name) takes \(builtin.arity) argument\(builtin.arity == 1 ? "" : "s"), got \(resolved.count)", line: line)
                }
                return .function(builtin, resolved)
            }
            guard let entry = meanings[name] else { throw unknown(name, line: line, asFunction: true) }
            guard case .function(let index) = entry.meaning else {
                throw TextSystemError("'\(name)' is not a function", line: line)
            }
            let function = document.functions[index]
            guard resolved.count == function.arguments.count else {
                throw TextSystemError("\(name) takes \(function.arguments.count) argument\(function.arguments.count == 1 ? "" : "s"), got \(resolved.count)", line: line)
            }
            if stack.contains(name) {
                throw TextSystemError("function '\(name)' calls itself (\((stack + [name]).joined(separator: " -> "))); recursion is not allowed", line: function.line)
            }
            stack.append(name)
            defer { stack.removeLast() }
            let inner = Dictionary(zip(function.arguments, resolved), uniquingKeysWith: { a, _ in a })
            return try resolve(function.body, line: function.line, bindings: inner)
        }
    }

    private mutating func resolveName(_ name: String, line: Int) throws(TextSystemError) -> Expression {
        if name == "t" { return .time }
        guard let entry = meanings[name] else { throw unknown(name, line: line, asFunction: false) }
        switch entry.meaning {
        case .state(let i): return .state(i)
        case .parameter(let i): return .parameter(i)
        case .number(let v): return .number(v)
        case .function: throw TextSystemError("'\(name)' is a function; call it as \(name)(...)", line: line)
        case .derived(let i):
            if let done = resolvedDerived[i] { return done }
            let value = try inline(name, document.derived[i])
            resolvedDerived[i] = value
            return value
        case .fixed(let i):
            if let done = resolvedFixed[i] { return done }
            let value = try inline(name, document.fixed[i])
            resolvedFixed[i] = value
            return value
        }
    }

    private mutating func inline(_ name: String, _ definition: OdeDocument.Definition) throws(TextSystemError) -> Expression {
        if let start = stack.firstIndex(of: name) {
            let cycle = stack[start...] + [name]
            throw TextSystemError("'\(name)' is defined in terms of itself (\(cycle.joined(separator: " -> ")))", line: definition.line)
        }
        stack.append(name)
        defer { stack.removeLast() }
        return try resolve(definition.expression, line: definition.line)
    }

    private func unknown(_ name: String, line: Int, asFunction: Bool) -> TextSystemError {
        let candidates = asFunction
            ? BuiltinFunction.allCases.map(\.rawValue) + document.functions.map(\.name)
            : meanings.filter { entry in
                if case .function = entry.value.meaning { return false }
                return true
            }.map(\.key)
        let closest = Suggestions.closest(to: name, among: candidates)
        let hint = closest.isEmpty ? "" : " (closest: \(closest.joined(separator: ", ")))"
        return TextSystemError("unknown \(asFunction ? "function" : "name") '\(name)'\(hint)", line: line)
    }
}
