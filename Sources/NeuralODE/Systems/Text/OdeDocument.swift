/// The statements of an `.ode` text, in file order, before names are resolved.
struct OdeDocument: Sendable {
    /// A named expression with the line it was defined on.
    struct Definition: Sendable {
        let name: String
        let expression: Expression
        let line: Int
    }

    /// A user function `f(a, b) = body`.
    struct Function: Sendable {
        let name: String
        let arguments: [String]
        let body: Expression
        let line: Int
    }

    /// A named number (parameter, `number` constant).
    struct Value: Sendable {
        let name: String
        let value: Double
        let line: Int
    }

    /// An `@` option: `name=value` where the value is a number or a name.
    struct Option: Sendable {
        let name: String
        let number: Double?
        let word: String?
        let line: Int
    }

    var equations: [Definition] = []
    /// Initial values from `x(0) = …` and `init` lines (expressions of numbers and parameters).
    var initials: [Definition] = []
    var parameters: [Value] = []
    var numbers: [Value] = []
    /// `!name = expr`: derived parameters.
    var derived: [Definition] = []
    /// `name = expr`: fixed quantities.
    var fixed: [Definition] = []
    var functions: [Function] = []
    var aux: [Definition] = []
    var options: [Option] = []
    /// Lines of `set` statements (parameter sets for XPPAUT's menus), which are ignored.
    var ignoredSetLines: [Int] = []
}
