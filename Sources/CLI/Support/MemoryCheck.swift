import InputSafety

/// Refuses, before allocating, what would exceed the memory budget: exit 2 naming the option and the estimate.
///
/// Estimates are per value a program keeps for the user's sizes (the doubles of output arrays,
/// tapes and grids, the bytes of images and the text they are written as), not exact counts;
/// the budget is `MemoryBudget.current()` (half the physical memory or FLOWSCOPE_MEMORY_BUDGET).
public enum MemoryCheck {
    /// Bytes per value of a solution written as CSV: the double, its text and the row's share of a line.
    public static let csvValueBytes = 48

    /// The budget in force; throws exit 2 for an unreadable FLOWSCOPE_MEMORY_BUDGET.
    public static func budget() throws -> MemoryBudget {
        do { return try MemoryBudget.current() } catch { throw ProgramError.badInput(error.message) }
    }

    /// Throws exit 2 when `estimate` exceeds the budget; `what` is the option and value ("--points 2000000000").
    public static func require(_ estimate: MemoryBudget.Estimate, for what: String) throws {
        do { try budget().check(estimate, for: what) } catch let refusal as MemoryBudget.Refusal {
            throw ProgramError.badInput(refusal.message)
        }
    }

    /// `count` values of `bytes` each; saturating.
    public static func values(_ count: Int, _ bytes: Int = 8) -> MemoryBudget.Estimate {
        MemoryBudget.Estimate(count: count, bytes: bytes)
    }
}
