import Figures

/// Parsing of ode-plot's own value formats: windows and lists of initial states.
public enum PlotValueParsing {
    /// Parses `x0:x1,y0:y1` into a phase window.
    public static func window(_ text: String) throws -> PhaseWindow {
        let bad = ProgramError.badInput("--window expects x0:x1,y0:y1 with x0 < x1 and y0 < y1, e.g. -3:3,-4:4 (got '\(text)')")
        let ranges = text.split(separator: ",", omittingEmptySubsequences: false)
        guard ranges.count == 2 else { throw bad }
        var bounds: [(Double, Double)] = []
        for r in ranges {
            let ends = r.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let a = Double(ends[0]), let b = Double(ends[1]), a.isFinite, b.isFinite, a < b else { throw bad }
            bounds.append((a, b))
        }
        do {
            return try PhaseWindow(x: bounds[0].0...bounds[0].1, y: bounds[1].0...bounds[1].1)
        } catch {
            throw ProgramError.badInput(error.description)
        }
    }

    /// Parses `x,y;x,y;…` into planar states (spaces allowed, an empty list is an error).
    public static func planarStates(_ text: String, option: String) throws -> [SIMD2<Double>] {
        let items = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw ProgramError.badInput("\(option) expects states like \"0.1,0;-3,2\" (got '\(text)')") }
        return try items.map { item in
            let v = try ValueParsing.numbers(item, option: option)
            guard v.count == 2 else {
                throw ProgramError.badInput("\(option) expects two numbers per state, x,y separated by ';' (got '\(item)')")
            }
            return SIMD2(v[0], v[1])
        }
    }
}
