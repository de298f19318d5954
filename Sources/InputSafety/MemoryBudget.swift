import Foundation

/// How many bytes a program may plan to allocate for what a user asked for, and the check against it.
///
/// Before allocating output arrays, tapes, grids, images or networks whose size comes from the
/// user, a program estimates their bytes and asks the budget. The default is half the physical
/// memory; the environment variable `FLOWSCOPE_MEMORY_BUDGET` overrides it (`4G`, `512M`,
/// `2000000000`, `25%`). The budget is a planning limit, not a hard cap on the process.
public struct MemoryBudget: Sendable, Equatable {
    /// The environment variable that overrides the default.
    public static let variable = "FLOWSCOPE_MEMORY_BUDGET"
    /// The fraction of physical memory used when the variable is not set.
    public static let defaultFraction = 0.5

    /// The budget in bytes.
    public let bytes: Int
    /// Where the number came from, for messages ("half of the 24.6 GB of memory" or the variable).
    public let source: String

    public init(bytes: Int, source: String) {
        self.bytes = bytes
        self.source = source
    }

    /// The budget from the environment, or half the physical memory; throws for a value that cannot be read.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) throws(Refusal) -> MemoryBudget {
        let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        if let text = environment[variable] {
            guard let bytes = ByteCount.parse(text, physical: physical) else {
                throw Refusal(message: "\(variable)=\(text) is not a size (examples: 4G, 512M, 25%)")
            }
            return MemoryBudget(bytes: bytes, source: "\(variable)=\(text)")
        }
        return MemoryBudget(bytes: Int(Double(physical) * defaultFraction),
                            source: "half of the \(ByteCount.text(physical)) of memory; set --memory-budget or \(variable) to change it")
    }

    /// Throws when `estimate` bytes exceed the budget; `what` names the option and value that asked for them.
    public func check(_ estimate: Estimate, for what: String) throws(Refusal) {
        guard estimate.bytes > bytes else { return }
        throw Refusal(message: "\(what) needs about \(estimate.text) of memory, over the budget of "
                      + "\(ByteCount.text(bytes)) (\(source))")
    }

    /// A byte count that saturates instead of overflowing: products of user sizes stay representable.
    public struct Estimate: Sendable, Equatable, Comparable {
        public let bytes: Int

        public init(_ bytes: Int) { self.bytes = max(bytes, 0) }

        /// `count` items of `size` bytes each.
        public init(count: Int, bytes size: Int) {
            self = Estimate(count) * size
        }

        public var text: String { bytes == Int.max ? "more than 9 EB" : ByteCount.text(bytes) }

        public static func * (lhs: Estimate, rhs: Int) -> Estimate {
            let (product, overflow) = lhs.bytes.multipliedReportingOverflow(by: max(rhs, 0))
            return Estimate(overflow ? Int.max : product)
        }

        public static func + (lhs: Estimate, rhs: Estimate) -> Estimate {
            let (sum, overflow) = lhs.bytes.addingReportingOverflow(rhs.bytes)
            return Estimate(overflow ? Int.max : sum)
        }

        public static func < (lhs: Estimate, rhs: Estimate) -> Bool { lhs.bytes < rhs.bytes }
    }

    /// The one-line reason a size was refused (the program exits 2 with it).
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
