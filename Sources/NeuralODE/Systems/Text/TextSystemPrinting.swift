extension TextSystem {
    /// The system as `.ode` text: parameters, equations (functions and fixed quantities inlined),
    /// aux, initial values and window; `jacobian` adds each nonzero ∂fᵢ/∂xⱼ as an aux line.
    ///
    /// `parameters` override the file's parameter values by name in the `par` line.
    public func odeText(jacobian: Bool = false, parameters: [String: Double] = [:]) throws -> String {
        let values = try spec.values(overriding: Self.lowercased(parameters))
        let states = spec.componentNames
        let printer = ExpressionPrinter(stateNames: states, parameterNames: spec.parameters.map(\.name))
        var lines = ["# \(spec.name): \(spec.summary)"]
        if !spec.parameters.isEmpty {
            lines.append("par " + zip(spec.parameters, values).map { "\($0.name)=\(ExpressionPrinter.number($1))" }
                .joined(separator: ", "))
        }
        for (name, e) in zip(states, equations) { lines.append("\(name)' = \(printer.text(Simplifier.simplify(e)))") }
        for (name, e) in zip(auxNames, aux) { lines.append("aux \(name) = \(printer.text(Simplifier.simplify(e)))") }
        if jacobian {
            lines.append("# Jacobian: j_f_x is the partial derivative of f' with respect to x (zero entries omitted)")
            for (i, f) in equations.enumerated() {
                for j in 0..<states.count {
                    let d = Derivative.of(f, withRespectTo: j)
                    if d.isNumber(0) { continue }
                    lines.append("aux j_\(states[i])_\(states[j]) = \(printer.text(d))")
                }
            }
        }
        lines.append("init " + zip(states, try initialState(parameters: parameters))
            .map { "\($0)=\(ExpressionPrinter.number($1))" }.joined(separator: ", "))
        var options: [String] = []
        let w = spec.window
        options.append("xp=\(w.xComponent.map { states[$0] } ?? "t")")
        options.append("yp=\(states[w.yComponent])")
        for (label, v) in [("xlo", w.x.lowerBound), ("xhi", w.x.upperBound), ("ylo", w.y.lowerBound), ("yhi", w.y.upperBound)] {
            options.append("\(label)=\(ExpressionPrinter.number(v))")
        }
        lines.append("@ " + options.joined(separator: ", "))
        var run: [String] = []
        let o = self.options
        for (label, value) in [("total", o.total), ("t0", o.t0), ("dt", o.dt), ("tol", o.relativeTolerance),
                               ("atol", o.absoluteTolerance), ("bound", o.bound)] {
            if let value { run.append("\(label)=\(ExpressionPrinter.number(value))") }
        }
        if let m = o.method { run.append("meth=\(m)") }
        if !run.isEmpty { lines.append("@ " + run.joined(separator: ", ")) }
        lines.append("done")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension SystemRegistry {
    /// The built-in system called `name` as a text system (its equations written as `.ode` text).
    public static func textSystem(named name: String) throws -> TextSystem {
        let spec = try spec(named: name)
        guard let equations = CatalogText.equations[name] else {
            throw SystemError.unknownSystem(name: name, valid: names)
        }
        var lines: [String] = ["# \(spec.summary)"]
        if !spec.parameters.isEmpty {
            lines.append("par " + spec.parameters.map { "\($0.name)=\($0.defaultValue)" }.joined(separator: ", "))
        }
        lines.append(equations)
        lines.append("init " + zip(spec.componentNames, spec.exampleInitialState).map { "\($0)=\($1)" }.joined(separator: ", "))
        let w = spec.window
        let xp = w.xComponent.map { spec.componentNames[$0] } ?? "t"
        lines.append("@ xp=\(xp), yp=\(spec.componentNames[w.yComponent]), xlo=\(w.x.lowerBound), xhi=\(w.x.upperBound), "
            + "ylo=\(w.y.lowerBound), yhi=\(w.y.upperBound)")
        return try TextSystem.parse(lines.joined(separator: "\n"), name: name, source: name)
    }
}
