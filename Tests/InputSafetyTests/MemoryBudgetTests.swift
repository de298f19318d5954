import Foundation
import InputSafety
import Testing

@Suite struct MemoryBudgetTests {
    @Test func environmentOverridesTheDefault() throws {
        let budget = try MemoryBudget.current(environment: [MemoryBudget.variable: "512M"])
        #expect(budget.bytes == 512 << 20)
        #expect(budget.source == "FLOWSCOPE_MEMORY_BUDGET=512M")
        let half = try MemoryBudget.current(environment: [:])
        #expect(half.bytes == Int(Double(ProcessInfo.processInfo.physicalMemory) * 0.5))
    }

    @Test func unreadableSizeIsRefused() {
        #expect(throws: MemoryBudget.Refusal.self) { try MemoryBudget.current(environment: [MemoryBudget.variable: "lots"]) }
        #expect(throws: MemoryBudget.Refusal.self) { try MemoryBudget.current(environment: [MemoryBudget.variable: "-1G"]) }
    }

    @Test func sizesParse() {
        #expect(ByteCount.parse("2G", physical: 0) == 2 << 30)
        #expect(ByteCount.parse("1.5 GiB", physical: 0) == 3 << 29)
        #expect(ByteCount.parse("1000", physical: 0) == 1000)
        #expect(ByteCount.parse("25%", physical: 4000) == 1000)
        #expect(ByteCount.parse("1e30", physical: 0) == nil)
        #expect(ByteCount.parse("0", physical: 0) == nil)
    }

    @Test func estimatesSaturateInsteadOfOverflowing() {
        let huge = MemoryBudget.Estimate(count: Int.max, bytes: 8)
        #expect(huge.bytes == Int.max)
        #expect(huge.text == "more than 9 EB")
        #expect((huge + MemoryBudget.Estimate(1)).bytes == Int.max)
        #expect(MemoryBudget.Estimate(count: 2_000_000_000, bytes: 24).text == "48.0 GB")
    }

    @Test func checkNamesTheOptionAndBothSizes() {
        let budget = MemoryBudget(bytes: 1_000_000_000, source: "test")
        #expect(throws: Never.self) { try budget.check(MemoryBudget.Estimate(999_999_999), for: "--points 5") }
        do {
            try budget.check(MemoryBudget.Estimate(count: 2_000_000_000, bytes: 24), for: "--points 2000000000")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.message == "--points 2000000000 needs about 48.0 GB of memory, over the budget of 1.0 GB (test)")
        }
    }
}
