/// The description of a named dynamical system: everything but its equations.
public struct SystemSpec: Sendable, Equatable {
    /// Registry name, e.g. `van-der-pol`.
    public let name: String
    /// One line saying what the system is.
    public let summary: String
    /// Names of the state components, in state order; the count is the dimension.
    public let componentNames: [String]
    /// Parameters in the order the equations read them.
    public let parameters: [SystemParameter]
    /// Where to look at the system by default.
    public let window: PlotWindow
    /// An initial state that shows the typical behaviour.
    public let exampleInitialState: [Double]
    /// True when the system has an isolated periodic orbit (a limit cycle) at its default parameters.
    public let hasLimitCycle: Bool

    public init(name: String, summary: String, componentNames: [String], parameters: [SystemParameter],
                window: PlotWindow, exampleInitialState: [Double], hasLimitCycle: Bool = false) {
        self.name = name
        self.summary = summary
        self.componentNames = componentNames
        self.parameters = parameters
        self.window = window
        self.exampleInitialState = exampleInitialState
        self.hasLimitCycle = hasLimitCycle
    }

    /// Number of state components.
    public var dimension: Int { componentNames.count }

    /// Default parameter values, in parameter order.
    public var defaultValues: [Double] { parameters.map(\.defaultValue) }

    /// Parameter values in parameter order: the defaults with `overrides` applied by name.
    ///
    /// Throws `SystemError.unknownParameter` for a name this system does not have and
    /// `SystemError.nonFiniteParameter` for a NaN or infinite value.
    public func values(overriding overrides: [String: Double]) throws -> [Double] {
        var values = defaultValues
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let index = parameters.firstIndex(where: { $0.name == key }) else {
                throw SystemError.unknownParameter(system: name, name: key, valid: parameters.map(\.name))
            }
            guard value.isFinite else {
                throw SystemError.nonFiniteParameter(system: name, name: key)
            }
            values[index] = value
        }
        return values
    }
}

/// One named parameter of a system with its default value.
public struct SystemParameter: Sendable, Equatable {
    public let name: String
    public let defaultValue: Double
    /// A few words on what the parameter does.
    public let meaning: String

    public init(_ name: String, _ defaultValue: Double, _ meaning: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.meaning = meaning
    }
}

/// The default region of state space to plot: two components and their ranges.
public struct PlotWindow: Sendable, Equatable {
    /// Component on the horizontal axis, or nil for time (1-D systems, plotted as y against t).
    public let xComponent: Int?
    /// Component on the vertical axis.
    public let yComponent: Int
    /// Horizontal range (time when `xComponent` is nil).
    public let x: ClosedRange<Double>
    /// Vertical range.
    public let y: ClosedRange<Double>

    public init(xComponent: Int?, yComponent: Int, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.xComponent = xComponent
        self.yComponent = yComponent
        self.x = x
        self.y = y
    }

    /// A phase-plane window on components 0 and 1.
    public static func phasePlane(x: ClosedRange<Double>, y: ClosedRange<Double>) -> PlotWindow {
        PlotWindow(xComponent: 0, yComponent: 1, x: x, y: y)
    }
}
