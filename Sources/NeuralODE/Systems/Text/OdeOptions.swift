/// The `@` options of an `.ode` file that Flowscope uses (XPPAUT's names; all optional).
public struct OdeOptions: Sendable, Equatable {
    /// `total`: length of the integration.
    public var total: Double?
    /// `t0`: start time.
    public var t0: Double?
    /// `dt`: step of fixed-step methods and of output.
    public var dt: Double?
    /// `nout`: one output row every `nout` steps of `dt` (XPPAUT's default 1).
    public var outputEvery: Int?
    /// `meth`/`method`: XPPAUT's method name, lower case.
    public var method: String?
    /// `tol`/`toler`: relative tolerance.
    public var relativeTolerance: Double?
    /// `atol`/`atoler`: absolute tolerance.
    public var absoluteTolerance: Double?
    /// `bound`/`bounds`: a state component beyond ± this is a solver failure.
    public var bound: Double?
    /// `xp`, `yp`, `zp` (or `xplot`, …): the plotted quantities by name (`t` for time).
    public var xPlot: String?
    public var yPlot: String?
    public var zPlot: String?
    /// `xlo`, `xhi`, `ylo`, `yhi`: the plot window.
    public var xLow: Double?
    public var xHigh: Double?
    public var yLow: Double?
    public var yHigh: Double?
    /// Options read but not used, by name (e.g. `maxstor`, `nmesh`).
    public var ignored: [String] = []

    public init() {}

    /// Records option `name` (lower case) with its number or word; unknown names go to `ignored`.
    mutating func set(_ name: String, number: Double?, word: String?, line: Int) throws(TextSystemError) {
        func needNumber() throws(TextSystemError) -> Double {
            guard let number else { throw TextSystemError("option '\(name)' needs a number", line: line) }
            return number
        }
        func needWord() throws(TextSystemError) -> String {
            guard let word else { throw TextSystemError("option '\(name)' needs a name", line: line) }
            return word
        }
        switch name {
        case "total": total = try needNumber()
        case "t0": t0 = try needNumber()
        case "dt": dt = try needNumber()
        case "nout":
            let n = try needNumber()
            guard n >= 1, n <= 1e9, n == n.rounded() else { throw TextSystemError("option 'nout' needs a whole number of at least 1", line: line) }
            outputEvery = Int(n)
        case "meth", "method": method = try needWord()
        case "tol", "toler": relativeTolerance = try needNumber()
        case "atol", "atoler": absoluteTolerance = try needNumber()
        case "bound", "bounds": bound = try needNumber()
        case "xp", "xplot": xPlot = try needWord()
        case "yp", "yplot": yPlot = try needWord()
        case "zp", "zplot": zPlot = try needWord()
        case "xlo": xLow = try needNumber()
        case "xhi": xHigh = try needNumber()
        case "ylo": yLow = try needNumber()
        case "yhi": yHigh = try needNumber()
        default: if !ignored.contains(name) { ignored.append(name) }
        }
    }
}
