import ArgumentParser
import Foundation
import InputSafety

/// `--memory-budget SIZE`: the most memory a program may plan to allocate for what it was asked.
///
/// It overrides `FLOWSCOPE_MEMORY_BUDGET` (the environment variable is set for the rest of the
/// process, so child programs such as the gallery's get the same budget). Without either, the
/// budget is half the physical memory.
public struct MemoryBudgetOptions: ParsableArguments {
    @Option(name: .customLong("memory-budget"), parsing: .unconditional,
            help: ArgumentHelp("Most memory to plan for: 4G, 512M, 2000000000 (bytes) or 25% of physical memory "
                               + "(default: \(MemoryBudget.variable), else 50%).", valueName: "size"),
            transform: MemoryBudgetOptions.parse)
    public var memoryBudget: String?

    public init() {}

    /// Checks `text` as a size and returns it; throws `ProgramError.badInput` otherwise.
    static func parse(_ text: String) throws -> String {
        let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        guard ByteCount.parse(text, physical: physical) != nil else {
            throw ProgramError.badInput("--memory-budget expects a size like 4G, 512M or 25% (got '\(text)')")
        }
        return text
    }

    /// Puts the budget in force for this process and its children.
    public func validate() throws {
        if let memoryBudget { setenv(MemoryBudget.variable, memoryBudget, 1) }
    }
}
