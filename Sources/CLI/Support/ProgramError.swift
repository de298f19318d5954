/// An error a program reports as one line on stderr, with the exit status it implies.
public struct ProgramError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The exit status the program ends with.
    public let status: ExitStatus
    /// The message, one line (newlines are replaced when printed).
    public let message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// Bad input or usage (exit 2).
    public static func badInput(_ message: String) -> ProgramError { ProgramError(.badInput, message) }

    /// The work failed (exit 3).
    public static func failure(_ message: String) -> ProgramError { ProgramError(.failure, message) }

    /// A comparison over tolerance (exit 1).
    public static func overTolerance(_ message: String) -> ProgramError { ProgramError(.overTolerance, message) }

    public var description: String { message }
}
