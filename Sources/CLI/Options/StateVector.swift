import ArgumentParser

/// `--y0 x,y,...`: one state, comma-separated finite numbers.
public struct StateVector: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
    /// The components in order.
    public let values: [Double]

    public init(_ values: [Double]) { self.values = values }

    /// Parses `text`; throws `ProgramError.badInput` naming `option`.
    public init(parsing text: String, option: String = "--y0") throws {
        values = try ValueParsing.numbers(text, option: option)
    }

    public init?(argument: String) {
        guard let state = try? StateVector(parsing: argument) else { return nil }
        self = state
    }

    public var description: String { values.map { "\($0)" }.joined(separator: ",") }
}
