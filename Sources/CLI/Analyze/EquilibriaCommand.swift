import ArgumentParser
import Figures
import NeuralODE

/// `ode-analyze equilibria`: every equilibrium in a window with its eigenvalues and type.
public struct EquilibriaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "equilibria",
        abstract: "Find the equilibria in a window, with the Jacobian's eigenvalues and the type they give.",
        discussion: """
        Newton's method (damped, in the full state space) runs from an N x N grid of starts \
        over the window (--starts, default 16); roots closer than 1e-6 of the window's \
        diagonal are one equilibrium. Eigenvalues come from LAPACK's dgeev. Types: stable or \
        unstable node (real eigenvalues), stable or unstable focus (a complex pair), saddle \
        (real parts of both signs), centre (a purely imaginary pair: the linearisation is \
        inconclusive), degenerate (a zero eigenvalue); real parts within 1e-8 of the largest \
        eigenvalue's size count as zero. Systems use their exact Jacobian; a model (--model) \
        the network's, assembled from one vector-Jacobian product per row (exact, not \
        differenced). An n-D system needs --slice for all but two components: the starts lie \
        on that slice, the equilibria found are those of the full system (other components free).

        With --json: one object {"source", "jacobian", "components", "window", "slice", \
        "equilibria": [{"state", "eigenvalues": [{"re", "im"}], "type", "hyperbolic", \
        "residual"}], "note"}. A window without equilibria gives an empty list, a "note" and \
        a line on stderr; the exit status is still 0.

        Examples:
          ode-analyze equilibria --system duffing --json
          ode-analyze equilibria --system lotka-volterra --window -0.5:10,-0.5:7
          ode-analyze equilibria --model vdp.json --system van-der-pol --json
        """)

    @OptionGroup(title: "System") public var systemOptions: SystemOptions

    @Option(help: ArgumentHelp("Analyse this trained model's field instead (flowscope.mlp.v1); --system then only names its components and window.",
                               valueName: "model.json"))
    public var model: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Region searched (default: the system's own; -3:3,-3:3 for a model alone).", valueName: "x0:x1,y0:y1"))
    public var window: String?

    @OptionGroup(title: "Slice (n-D systems)") public var plane: PlaneOptions

    @Option(help: ArgumentHelp("Newton starts along each side of the window.", valueName: "n"))
    public var starts = 16

    @Flag(help: "Print one JSON object.")
    public var json = false

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard (2...400).contains(starts) else { throw ValidationError("--starts must be between 2 and 400 (got \(starts))") }
    }

    struct Output: Encodable {
        let source: String
        let jacobian: String
        let components: [String]
        let window: [[Double]]
        let slice: [String: Double]
        let equilibria: [EquilibriumReport.Item]
        let note: String?
    }

    public func run() throws {
        let windowValue = try window.map(PlotValueParsing.window)
        let system = try systemOptions.system.map { _ in try systemOptions.field() }
        let field: AnalysisField, names: [String], source: String, phasePlane: PhasePlane
        if let model {
            let learned = try LearnedInputs.model(model)
            do { try learned.checkField(dimension: 2, figure: "the equilibria of a model") } catch { throw ProgramError.badInput(error.description) }
            if let system {
                do { try learned.check(against: system) } catch { throw ProgramError.badInput(error.description) }
            }
            guard plane.slices.isEmpty else { throw ProgramError.badInput("--slice applies to n-D systems, not to a planar model") }
            names = system?.spec.componentNames ?? ["x", "y"]
            field = AnalysisField(network: learned.makeField())
            source = "model \(model)"
            phasePlane = try plane.plane(names: names, systemName: model, defaultWindow: system?.spec.window, window: windowValue)
        } else {
            guard let system else { throw ProgramError.badInput("give --system NAME or --model FILE") }
            names = system.spec.componentNames
            field = AnalysisField(exact: system)
            source = "system \(system.spec.name)" + (system.parameterValues.isEmpty ? "" : " (" + zip(system.spec.parameters, system.parameterValues)
                .map { "\($0.name) = \(Self.number($1))" }.joined(separator: ", ") + ")")
            phasePlane = try plane.plane(names: names, systemName: system.spec.name, defaultWindow: system.spec.window, window: windowValue)
        }
        var search = EquilibriumSearch(plane: phasePlane)
        search.startsAcross = starts
        let found: [Equilibrium]
        do { found = try search.run(field) } catch { throw ProgramError.failure(error.description) }
        let windowText = "\(names[phasePlane.xComponent]) in [\(Self.number(phasePlane.x.lowerBound)), \(Self.number(phasePlane.x.upperBound))], "
            + "\(names[phasePlane.yComponent]) in [\(Self.number(phasePlane.y.lowerBound)), \(Self.number(phasePlane.y.upperBound))]"
        let note = found.isEmpty ? "no equilibrium found in the window (\(windowText))" : nil
        if let note { StandardStreams.writeError("note: \(note)\n") }
        var slice: [String: Double] = [:]
        for i in names.indices where i != phasePlane.xComponent && i != phasePlane.yComponent { slice[names[i]] = phasePlane.base[i] }
        if json {
            let output = Output(source: source, jacobian: field.jacobianMethod.rawValue, components: names,
                                window: [[phasePlane.x.lowerBound, phasePlane.x.upperBound], [phasePlane.y.lowerBound, phasePlane.y.upperBound]],
                                slice: slice, equilibria: EquilibriumReport(found, components: names).equilibria, note: note)
            StandardStreams.writeOutput(try EquilibriumReport.encode(output))
            return
        }
        var lines = ["\(source), \(windowText); Jacobian: \(field.jacobianMethod.rawValue)"]
        for e in found {
            // Newton lands on zero coordinates only to rounding; the text shows those as 0 (the JSON keeps them).
            let state = zip(names, e.state).map { "\($0) = \(Self.number(abs($1) < 1e-12 * phasePlane.diagonal ? 0 : $1))" }
                .joined(separator: ", ")
            let values = e.eigenvalues.map(Self.eigenvalue).joined(separator: ", ")
            lines.append("\(state): \(e.type.description); eigenvalues \(values)")
        }
        StandardStreams.writeOutput(lines.joined(separator: "\n") + "\n")
    }

    static func number(_ v: Double) -> String {
        NumberText.ascii(v == 0 ? 0 : v, significant: 6)
    }

    static func eigenvalue(_ e: Eigenvalue) -> String {
        e.im == 0 ? number(e.re) : "\(number(e.re)) \(e.im < 0 ? "-" : "+") \(number(abs(e.im)))i"
    }
}
