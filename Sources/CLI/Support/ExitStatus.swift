/// The exit codes every Flowscope program uses.
public enum ExitStatus: Int32, Sendable {
    /// The work succeeded.
    case ok = 0
    /// A comparison found differences over its tolerance (ode-diff, ode-gallery check).
    case overTolerance = 1
    /// Bad input or usage: unknown names, malformed values or files, inconsistent options.
    case badInput = 2
    /// The work itself failed: a solver or training failure, or output that could not be written.
    case failure = 3
}
