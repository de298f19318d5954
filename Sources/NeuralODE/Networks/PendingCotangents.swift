/// The VJPs of an `MLPField` whose parameter cotangents are not yet added to θ̄: each one's layer
/// cotangents δ (in a block of its own) and the tape holding its layer inputs.
///
/// Summing them later, layer by layer, turns many rank-`batch` updates of θ̄ into one long product
/// per layer whose accumulators stay in registers.
final class PendingCotangents {
    /// VJPs held before they must be summed.
    let capacity: Int
    /// Doubles of one VJP's δ block.
    let entrySize: Int
    /// VJPs held now.
    private(set) var count = 0
    /// The θ̄ the held VJPs belong to.
    private(set) var target: UnsafeMutablePointer<Double>?
    /// δ block of each entry (fixed).
    let deltas: UnsafeMutablePointer<UnsafePointer<Double>>
    /// Tape of each held VJP.
    let tapes: UnsafeMutablePointer<UnsafePointer<Double>>
    /// Work space of the parameter-cotangent products (packed operands, narrow layers).
    let scratch: UnsafeMutablePointer<Double>
    private let storage: UnsafeMutablePointer<Double>

    /// Room for about `budget` doubles of δ blocks of `entrySize` each (at least one, at most 32 entries),
    /// or for exactly `entries` blocks when given, and `scratchSize(capacity)` doubles of work space.
    init(entrySize: Int, budget: Int = 16_384, entries: Int? = nil, scratchSize: (_ capacity: Int) -> Int) {
        self.entrySize = max(entrySize, 1)
        capacity = max(1, entries ?? min(32, budget / self.entrySize))
        let scratchSize = scratchSize(capacity)
        storage = .allocate(capacity: capacity * self.entrySize)
        storage.initialize(repeating: 0, count: capacity * self.entrySize)
        deltas = .allocate(capacity: capacity)
        tapes = .allocate(capacity: capacity)
        for i in 0..<capacity {
            (deltas + i).initialize(to: UnsafePointer(storage + i * self.entrySize))
            (tapes + i).initialize(to: UnsafePointer(storage))
        }
        scratch = .allocate(capacity: max(scratchSize, 1))
    }

    deinit {
        storage.deallocate()
        deltas.deallocate()
        tapes.deallocate()
        scratch.deallocate()
    }

    /// The δ block the next VJP writes.
    var next: UnsafeMutablePointer<Double> { storage + count * entrySize }

    var isFull: Bool { count == capacity }

    /// Records the VJP whose δ block is `next`, made from `tape`, for `target`.
    func append(tape: UnsafePointer<Double>, target: UnsafeMutablePointer<Double>) {
        tapes[count] = tape
        self.target = target
        count += 1
    }

    /// Forgets the held VJPs (after they were summed).
    func clear() {
        count = 0
        target = nil
    }
}
