import ArgumentParser
import Foundation

/// `--dts`: step sizes as `a:b` (halving from the larger to the smaller), `a:b:n` (n log-spaced) or a list.
///
/// At least two positive finite sizes, at most 60; the ranges start at the larger end.
public struct StepSizeList: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
    /// The step sizes in the order they are used.
    public let values: [Double]
    /// The text they were read from.
    public let text: String

    /// Parses `text`; throws `ProgramError.badInput` naming --dts and the accepted forms.
    public init(parsing text: String) throws {
        let bad = ProgramError.badInput("--dts expects a:b (halving), a:b:n (log-spaced) or a list like 0.1,0.05 of positive numbers (got '\(text)')")
        self.text = text
        if text.contains(":") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 || parts.count == 3, let a = Double(parts[0]), let b = Double(parts[1]),
                  a.isFinite, b.isFinite, a > 0, b > 0, a != b else { throw bad }
            let hi = max(a, b), lo = min(a, b)
            if parts.count == 3 {
                guard let n = Int(parts[2]), n >= 2, n <= 60 else { throw bad }
                values = (0..<n).map { hi * pow(lo / hi, Double($0) / Double(n - 1)) }
                return
            }
            var out: [Double] = []
            var h = hi
            while h >= lo * (1 - 1e-9), out.count < 60 {
                out.append(h)
                h /= 2
            }
            guard out.count >= 2 else { throw bad }
            values = out
            return
        }
        let list = try ValueParsing.numbers(text, option: "--dts")
        guard list.count >= 2, list.count <= 60, list.allSatisfy({ $0 > 0 }) else { throw bad }
        values = list
    }

    public init?(argument: String) {
        guard let list = try? StepSizeList(parsing: argument) else { return nil }
        self = list
    }

    public var description: String { text }

    public var defaultValueDescription: String { text }
}

/// `--components i,j,k`: which state components a figure draws (0-based, distinct).
public struct ComponentIndices: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
    /// The indices in the order given.
    public let values: [Int]

    public init(_ values: [Int]) { self.values = values }

    /// Parses whole, non-negative, distinct indices; throws `ProgramError.badInput` naming `option`.
    public init(parsing text: String, option: String = "--components") throws {
        let bad = ProgramError.badInput("\(option) expects distinct whole indices from 0, e.g. 0,1,2 (got '\(text)')")
        var values: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let index = Int(item.trimmingCharacters(in: .whitespaces)), index >= 0, !values.contains(index) else { throw bad }
            values.append(index)
        }
        self.values = values
    }

    public init?(argument: String) {
        guard let indices = try? ComponentIndices(parsing: argument) else { return nil }
        self = indices
    }

    public var description: String { values.map(String.init).joined(separator: ",") }

    public var defaultValueDescription: String { description }
}

extension StepSizeList {
    /// 0.2 halving down to 0.0125 (five sizes), the default of `ode-plot convergence`.
    public static let halving = StepSizeList(values: [0.2, 0.1, 0.05, 0.025, 0.0125], text: "0.2:0.0125")

    init(values: [Double], text: String) {
        self.values = values
        self.text = text
    }
}
