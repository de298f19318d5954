import Foundation
import InputSafety

/// A system read from `.ode` text (XPPAUT's format) or inline equations, resolved and ready to compile.
///
/// Parameters stay symbolic here; `field(parameters:batch:)` substitutes their values, simplifies,
/// differentiates and compiles, so `--param` overrides reach derived parameters too.
public struct TextSystem: Sendable {
    /// Name, states (file order, lower case), parameters with their file values, window and y0.
    public let spec: SystemSpec
    /// The `@` options Flowscope reads.
    public let options: OdeOptions
    /// Names of the `aux` outputs, in file order.
    public let auxNames: [String]
    /// Notes on what was read but ignored (one line each), for stderr.
    public let notes: [String]
    /// Resolved right-hand sides, one per state.
    let equations: [Expression]
    /// Resolved aux expressions.
    let aux: [Expression]
    /// Resolved initial values per state (expressions of parameters).
    let initials: [Expression]
    /// Derived parameters (`!name = …`) and `number` constants, for printing.
    let document: OdeDocument

    /// Reads `text`; `name` becomes the spec's name and `source` prefixes error messages.
    public static func parse(_ text: String, name: String, source: String = "--equations") throws(TextSystemError) -> TextSystem {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        do {
            return try TextSystem(document: OdeParser.parse(text), name: name, source: source)
        } catch {
            throw error.located(source: source, lines: lines)
        }
    }

    /// Reads the `.ode` file at `path`; the spec is named after the file (without extension).
    public static func load(path: String) throws(TextSystemError) -> TextSystem {
        let data: Data
        do { data = try InputFile.read(path, maximumBytes: 16 << 20) } catch {
            throw TextSystemError("cannot read the file (\(error.description))", source: path)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw TextSystemError("cannot read the file (not UTF-8 text)", source: path)
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        return try parse(text, name: stem.isEmpty ? "system" : stem, source: path)
    }

    private init(document: OdeDocument, name: String, source: String) throws(TextSystemError) {
        guard !document.equations.isEmpty else {
            throw TextSystemError("no differential equations (write x' = ... or dx/dt = ...)")
        }
        var resolver = try NameResolver(document: document)
        var equations: [Expression] = []
        for e in document.equations { equations.append(try resolver.resolve(e.expression, line: e.line)) }
        var aux: [Expression] = []
        for a in document.aux { aux.append(try resolver.resolve(a.expression, line: a.line)) }
        let states = document.equations.map(\.name)
        var initials = [Expression](repeating: .number(0), count: states.count)
        for i in document.initials {
            guard let index = states.firstIndex(of: i.name) else {
                let closest = Suggestions.closest(to: i.name, among: states)
                let hint = closest.isEmpty ? "" : " (states: \(states.joined(separator: ", ")))"
                throw TextSystemError("'\(i.name)' has an initial value but no differential equation\(hint)", line: i.line)
            }
            let value = try resolver.resolve(i.expression, line: i.line)
            guard !value.contains(where: { if case .state = $0 { return true }; return $0 == .time }) else {
                throw TextSystemError("the initial value of '\(i.name)' may use only numbers and parameters", line: i.line)
            }
            initials[index] = value
        }
        var options = OdeOptions()
        for o in document.options { try options.set(o.name, number: o.number, word: o.word, line: o.line) }
        // XPPAUT also plots aux quantities; Flowscope plots states, so other names fall back to the defaults.
        var unplotted: [String] = []
        if let p = options.xPlot, p != "t", !states.contains(p) { unplotted.append("xp=\(p)"); options.xPlot = nil }
        if let p = options.yPlot, !states.contains(p) { unplotted.append("yp=\(p)"); options.yPlot = nil }
        if let p = options.zPlot, !states.contains(p) { unplotted.append("zp=\(p)"); options.zPlot = nil }
        let parameters = document.parameters.map { SystemParameter($0.name, $0.value, "from line \($0.line)") }
        let defaults = parameters.map(\.defaultValue)
        let y0 = initials.map { Self.constantValue($0, parameters: defaults) }
        spec = SystemSpec(name: name, summary: "\(states.count)-D system from \(source)", componentNames: states,
                          parameters: parameters, window: Self.window(options, states: states),
                          exampleInitialState: y0,
                          // Unknown for a text system: planar ones let the limit-cycle finder try.
                          hasLimitCycle: states.count == 2)
        self.options = options
        self.equations = equations
        self.aux = aux
        self.auxNames = document.aux.map(\.name)
        self.initials = initials
        self.document = document
        var notes: [String] = []
        if !document.ignoredSetLines.isEmpty {
            notes.append("'set' lines ignored (line\(document.ignoredSetLines.count == 1 ? "" : "s") "
                + "\(document.ignoredSetLines.map(String.init).joined(separator: ", ")))")
        }
        if !unplotted.isEmpty {
            notes.append("@ \(unplotted.joined(separator: ", ")): not state variables; plotting the default components")
        }
        if !options.ignored.isEmpty {
            notes.append("@ options ignored: \(options.ignored.joined(separator: ", "))")
        }
        self.notes = notes
    }

    /// The plot window from `xp`, `yp` and `xlo`…`yhi` (XPPAUT's defaults where missing).
    private static func window(_ o: OdeOptions, states: [String]) -> PlotWindow {
        let xComponent: Int?
        if let xp = o.xPlot { xComponent = states.firstIndex(of: xp) } else { xComponent = states.count >= 2 ? 0 : nil }
        let yComponent = o.yPlot.flatMap { states.firstIndex(of: $0) } ?? (xComponent == 0 && states.count >= 2 ? 1 : 0)
        let xLow = o.xLow ?? (xComponent == nil ? (o.t0 ?? 0) : -2)
        let xHigh = o.xHigh ?? (xComponent == nil ? (o.t0 ?? 0) + (o.total ?? 20) : 2)
        let yLow = o.yLow ?? -2, yHigh = o.yHigh ?? 2
        return PlotWindow(xComponent: xComponent, yComponent: yComponent,
                          x: min(xLow, xHigh)...max(xLow, xHigh), y: min(yLow, yHigh)...max(yLow, yHigh))
    }

    /// Overrides with lower-case names (names in text are case-insensitive).
    static func lowercased(_ parameters: [String: Double]) -> [String: Double] {
        Dictionary(parameters.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Replaces `.parameter(i)` by `values[i]`.
    static func substitute(_ values: [Double], in expression: Expression) -> Expression {
        expression.rewritten { node in
            if case .parameter(let i) = node { return .number(values[i]) }
            return node
        }
    }

    private static func constantValue(_ expression: Expression, parameters: [Double]) -> Double {
        if case .number(let v) = Simplifier.simplify(substitute(parameters, in: expression)) { return v }
        return .nan
    }

    /// The field for `parameters` (overrides by name) and `batch` states.
    ///
    /// Throws `SystemError` for an unknown parameter name, a non-finite value or a batch below 1.
    public func field(parameters: [String: Double] = [:], batch: Int = 1) throws -> SystemField {
        guard batch >= 1 else { throw SystemError.invalidBatchSize(batch) }
        let values = try spec.values(overriding: Self.lowercased(parameters))
        let compiled = CompiledTextSystem(equations: equations, parameterValues: values)
        // The example state follows the overrides when initial values use parameters.
        let configured = SystemSpec(name: spec.name, summary: spec.summary, componentNames: spec.componentNames,
                                    parameters: spec.parameters, window: spec.window,
                                    exampleInitialState: initials.map { Self.constantValue($0, parameters: values) },
                                    hasLimitCycle: spec.hasLimitCycle)
        return SystemField(spec: configured, values: values, equations: .text(compiled), batchSize: batch)
    }

    /// The initial state from the file with `parameters` overriding parameter values by name.
    public func initialState(parameters: [String: Double] = [:]) throws -> [Double] {
        let values = try spec.values(overriding: Self.lowercased(parameters))
        return initials.map { Self.constantValue($0, parameters: values) }
    }

    /// Evaluates the aux quantities for one state at time t.
    public func auxEvaluator(parameters: [String: Double] = [:]) throws -> TextAuxEvaluator {
        let values = try spec.values(overriding: Self.lowercased(parameters))
        let expressions = aux.map { Simplifier.simplify(Self.substitute(values, in: $0)) }
        return TextAuxEvaluator(program: RegisterProgram(expressions: expressions, dimension: spec.dimension))
    }
}

/// Computes a text system's aux outputs for states.
public struct TextAuxEvaluator: Sendable {
    let program: RegisterProgram

    /// The aux values at (t, state); `state` has the system's dimension.
    public func values(t: Double, state: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: program.outputs.count)
        guard !out.isEmpty else { return out }
        state.withUnsafeBufferPointer { y in
            out.withUnsafeMutableBufferPointer { o in
                guard let yBase = y.baseAddress, let oBase = o.baseAddress else { return }
                program.run(batch: 1, t: t, y: yBase, out: oBase, stateStride: program.outputs.count,
                            columns: program.outputs.count, rowStride: 0)
            }
        }
        return out
    }
}
