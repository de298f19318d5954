import ArgumentParser
import Figures
import NeuralODE

/// `--slice name=value` (repeatable): the plane through an n-D state space the toolkit works on.
public struct PlaneOptions: ParsableArguments {
    @Option(name: .customLong("slice"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Fix a component of an n-D system (repeatable; all but two).", valueName: "name=value"))
    public var slices: [String] = []

    public init() {}

    /// The plane over `window` (default: the system's own ranges for the free components).
    ///
    /// A planar system takes no `--slice`; an n-D one needs exactly n − 2 of them, by component
    /// name. Throws bad input naming the valid components otherwise.
    func plane(names: [String], systemName: String, defaultWindow: PlotWindow?, window: PhaseWindow?) throws -> PhasePlane {
        let assignments = try ValueParsing.assignments(slices, option: "--slice")
        var base = [Double](repeating: 0, count: names.count)
        for (name, value) in assignments.sorted(by: { $0.key < $1.key }) {
            guard let index = names.firstIndex(of: name) else {
                throw ProgramError.badInput("unknown --slice component '\(name)' (\(systemName) has \(names.joined(separator: ", ")))")
            }
            base[index] = value
        }
        var free = names.indices.filter { !assignments.keys.contains(names[$0]) }
        // The system's own axes (an .ode file's xp, yp) decide which free component is horizontal.
        if free.count == 2, let w = defaultWindow, w.xComponent == free[1], w.yComponent == free[0] { free.swapAt(0, 1) }
        guard free.count == 2 else {
            if names.count == 2 {
                throw ProgramError.badInput("\(systemName) is planar: leave out --slice")
            }
            throw ProgramError.badInput("\(systemName) has \(names.count) components (\(names.joined(separator: ", "))): fix all but two "
                + "with --slice, e.g. --slice \(names[names.count - 1])=\(names.count == 3 ? "25" : "0")")
        }
        let (x, y) = window.map { ($0.x, $0.y) } ?? Self.defaultRanges(free: free, window: defaultWindow)
        do {
            return try PhasePlane(xComponent: free[0], yComponent: free[1], x: x, y: y, base: base)
        } catch {
            throw ProgramError.badInput(error.description)
        }
    }

    /// The system's window ranges for the free components where it has them, else its other range.
    static func defaultRanges(free: [Int], window: PlotWindow?) -> (ClosedRange<Double>, ClosedRange<Double>) {
        guard let w = window else { return (-3...3, -3...3) }
        func range(_ c: Int) -> ClosedRange<Double> {
            if w.xComponent == c { return w.x }
            if w.yComponent == c { return w.y }
            return w.xComponent == nil ? w.y : w.x
        }
        return (range(free[0]), range(free[1]))
    }

    /// "z = 25, w = 0" for a title, or nil without slices.
    func sliceText(_ plane: PhasePlane, names: [String]) -> String? {
        let fixed = names.indices.filter { $0 != plane.xComponent && $0 != plane.yComponent }
        guard !fixed.isEmpty else { return nil }
        return fixed.map { "\(SystemLabels.symbol(names[$0])) = \(NumberText.short(plane.base[$0]))" }.joined(separator: ", ")
    }
}
