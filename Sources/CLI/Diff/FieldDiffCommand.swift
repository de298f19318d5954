import ArgumentParser
import Figures
import NeuralODE
import Render

/// `ode-diff field`: a learned vector field against the true one, as a figure and metrics.
public struct FieldDiffCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "field",
        abstract: "Compare a learned vector field with the true one: figure and metrics (RMSE, angular error).",
        discussion: """
        Both fields are evaluated at t = 0 on --grid N points per axis, at the centres of \
        equal cells covering the window (default: the system's own). The figure shows the true \
        and the learned field side by side (shared speed colours), the learned arrows over the \
        true streamlines, and heatmaps of the error magnitude |f_learned - f_true|, of the \
        angle between the two vectors in degrees and of the relative error (capped at 1); \
        training trajectories (--data, or --preset's data for --seed) are drawn over the \
        heatmaps. One-component systems get f(y) learned and true and the signed error. A \
        landscape page (the default here is 12x7.5in) lays the six panels out 2 x 3, a square or \
        portrait one 3 x 2.

        Metrics: RMSE = sqrt(mean |f_learned - f_true|^2) over the grid; the largest error and \
        where it occurs; mean and 95th-percentile angle between f_learned and f_true in \
        degrees, left out at points where either vector is zero (length at most 1e-12 times \
        the largest |f_true|; there the direction is undefined); relative error = \
        ||f_learned - f_true|| / ||f_true|| over all grid points and components.

        Planar systems: the equilibria of both fields in the window (Newton from a 16 x 16 grid \
        of starts; types from the Jacobian's eigenvalues, the network's from its vector-Jacobian \
        products) are marked on the field panels, and matched closest pairs first within 10% \
        of the window's diagonal: the JSON's "equilibria" object lists "true" and "learned" \
        (state, eigenvalues, type), "pairs" (indices, location error "distance", "same_type"), \
        "missed" (true ones without a learned partner) and "spurious" (learned ones without a \
        true partner).

        Examples:
          ode-diff field --model vdp.json --system van-der-pol -o field.png
          ode-diff field --model vdp.json --preset mini-project --grid 201 --json -o field.svg
          ode-diff field --model lab.json --system exp-decay --window -1:1 -o lab-field.png

        Exit codes: 0 success; 2 bad input (unknown system, missing or malformed model or data \
        file, model of another dimension, malformed option); 3 the figure could not be written.
        """)

    @Option(help: ArgumentHelp("The trained model file (flowscope.mlp.v1).", valueName: "model.json"))
    public var model: String

    @OptionGroup(title: "System") public var systemOptions: SystemOptions

    @Option(help: ArgumentHelp("Take the system and the training data from a training preset.", valueName: "name"))
    public var preset: PresetChoice?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Region compared (default: the system's own); one range for a 1-component system.",
                               valueName: "x0:x1,y0:y1"),
            transform: ranges)
    public var window: [ClosedRange<Double>]?

    @Option(help: ArgumentHelp("Grid points per axis.", valueName: "n"))
    public var grid = 101

    @Option(help: ArgumentHelp("Training trajectories to draw (CSV: [trajectory,]t,<components>).", valueName: "file.csv"))
    public var data: String?

    @Flag(help: "Print the metrics as one JSON object.")
    public var json = false

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Reproducibility (the preset's noise)") public var seed: SeedOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard grid >= 2, grid <= 2000 else { throw ValidationError("--grid must be between 2 and 2000 (got \(grid))") }
    }

    /// The page when --size is not given: six panels need a landscape page (the 6x6in default of other figures is too small).
    static let defaultSize = PageSize(width: .inches(12), height: .inches(7.5))

    public func run() throws {
        let options = try figure.figureOptions(defaultSize: Self.defaultSize)
        try self.preset?.rejectLatent("ode-diff field")
        let preset = self.preset?.preset
        let system = try LearnedInputs.system(systemOptions, preset: preset)
        let learned = try LearnedInputs.model(model)
        var training: TrajectoryDataset?
        if let data {
            training = try LearnedInputs.data(data, dimension: system.spec.dimension, system: system.spec.name)
        } else if let preset {
            do { training = try preset.makeData(seed: seed.seed) } catch { throw ProgramError.failure("\(error)") }
        }
        let comparison: FieldComparison
        var equilibria: EquilibriumComparison?
        do throws(FigureError) {
            var recipe = try FieldDiff(system: system, model: learned, window: window)
            recipe.resolution = grid
            recipe.training = training
            recipe.streamlineSeed = seed.seed
            comparison = try recipe.compute()
            if recipe.window.count == 2 {
                equilibria = try EquilibriumComparison(system: system, model: learned, window: recipe.window)
                recipe.equilibria = equilibria
            }
            try LearnedInputs.write(recipe.layout(comparison, options: options), title: recipe.defaultTitle,
                                    to: figure.output, options: options, numbers: recipe.keyNumbers(comparison))
        } catch {
            throw LearnedInputs.programError(error)
        }
        let names = system.spec.componentNames
        if json {
            var text = Self.json(comparison, names: names)
            if let equilibria {
                text = String(text.dropLast(2)) + ",\"equilibria\":" + (try Self.json(equilibria, names: names)).dropLast() + "}\n"
            }
            StandardStreams.writeOutput(text)
        } else {
            var text = Self.text(comparison, names: names, model: model, system: system.spec.name)
            if let equilibria {
                text += "equilibria      " + equilibria.summary.joined(separator: "\n                ")
                    .replacingOccurrences(of: NumberText.minus, with: "-") + "\n"
            }
            StandardStreams.writeOutput(text)
        }
    }

    struct EquilibriaJSON: Encodable {
        struct Pair: Encodable {
            let truth: Int, learned: Int, distance: Double, sameType: Bool
            enum CodingKeys: String, CodingKey { case truth = "true", learned, distance, sameType = "same_type" }
        }
        let truth: [EquilibriumReport.Item]
        let learned: [EquilibriumReport.Item]
        let pairs: [Pair]
        let missed: [Int]
        let spurious: [Int]
        let radius: Double
        let jacobian: [String: String]
        enum CodingKeys: String, CodingKey { case truth = "true", learned, pairs, missed, spurious, radius = "match_radius", jacobian }
    }

    /// The equilibria of both fields and their matching as one JSON object (indices into the lists).
    static func json(_ e: EquilibriumComparison, names: [String]) throws -> String {
        let value = EquilibriaJSON(
            truth: EquilibriumReport(e.truth, components: names).equilibria,
            learned: EquilibriumReport(e.learned, components: names).equilibria,
            pairs: e.matching.pairs.map { .init(truth: $0.truth, learned: $0.learned, distance: $0.distance, sameType: $0.sameType) },
            missed: e.matching.missed, spurious: e.matching.spurious, radius: e.radius,
            jacobian: ["true": AnalysisField.JacobianMethod.exact.rawValue, "learned": AnalysisField.JacobianMethod.networkVJP.rawValue])
        return try EquilibriumReport.encode(value)
    }

    /// Parses `a:b` or `a:b,c:d` into ranges.
    static func ranges(_ text: String) throws -> [ClosedRange<Double>] {
        let bad = ProgramError.badInput("--window expects x0:x1,y0:y1 (or y0:y1 for one component) with each start below its end (got '\(text)')")
        var out: [ClosedRange<Double>] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard ends.count == 2, let a = ends[0], let b = ends[1], a.isFinite, b.isFinite, a < b else { throw bad }
            out.append(a...b)
        }
        guard (1...2).contains(out.count) else { throw bad }
        return out
    }

    static func text(_ c: FieldComparison, names: [String], model: String, system: String) -> String {
        let m = c.metrics
        let window = zip(names, c.window).map { "\($0) in [\(short($1.lowerBound)), \(short($1.upperBound))]" }.joined(separator: ", ")
        let grid = c.window.map { _ in "\(c.resolution)" }.joined(separator: " x ")
        var lines = ["\(model) vs \(system) on \(window), \(grid) points"]
        lines.append("RMSE            \(short(m.rmse))")
        let at = names.count == 1 ? "\(names[0]) = \(m.maxErrorAt.map(short).joined())"
            : "(\(names.joined(separator: ", "))) = (\(m.maxErrorAt.map(short).joined(separator: ", ")))"
        lines.append("max error       \(short(m.maxError)) at \(at)")
        if let mean = m.meanAngle, let p95 = m.angle95 {
            lines.append("angular error   mean \(short(mean))°, 95th percentile \(short(p95))° (\(m.angleExcluded) point\(m.angleExcluded == 1 ? "" : "s") with a zero vector left out)")
        } else {
            lines.append("angular error   undefined (every point has a zero vector)")
        }
        lines.append("relative error  \(short(m.relativeError)) (||f_learned - f_true|| / ||f_true||)")
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ c: FieldComparison, names: [String]) -> String {
        let m = c.metrics
        func number(_ v: Double?) -> String { v.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
        let fields: [(String, String)] = [
            ("components", "[" + names.map(LearnedInputs.jsonString).joined(separator: ",") + "]"),
            ("window", "[" + c.window.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",") + "]"),
            ("grid", "\(c.resolution)"), ("points", "\(m.count)"),
            ("rmse", number(m.rmse)), ("max_error", number(m.maxError)),
            ("max_error_at", "[" + m.maxErrorAt.map { "\($0)" }.joined(separator: ",") + "]"),
            ("angle_mean_deg", number(m.meanAngle)), ("angle_p95_deg", number(m.angle95)),
            ("angle_excluded", "\(m.angleExcluded)"), ("relative_error", number(m.relativeError)),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
    }

    private static func short(_ v: Double) -> String {
        NumberText.ascii(v, significant: 5)
    }
}
