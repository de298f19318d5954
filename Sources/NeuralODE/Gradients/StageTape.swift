/// Evaluates the field and records each evaluation in its slot of a `StageTape`.
struct RecordingEvaluator<F: ParametricField>: StageEvaluator {
    let field: F
    let tape: StageTape

    var stateSize: Int { field.stateSize }

    @inline(__always)
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>, slot: Int) {
        field.evaluate(t: t, y: y, dy: dy, tape: tape.slot(slot))
    }

    /// Grows the tape to the slots of steps up to `step + 1`, keeping those of the steps before.
    @inline(__always)
    func prepare(step: Int, stages: Int) {
        tape.reserve(slots: (step + 2) * stages, keep: (step + 1) * stages)
    }
}

/// Growable storage of recorded evaluations, `slotSize` doubles each; kept between solves.
final class StageTape {
    private(set) var base: UnsafeMutablePointer<Double>
    private(set) var capacity = 0
    private(set) var slotSize = 1

    init() {
        base = .allocate(capacity: 1)
    }

    deinit { base.deallocate() }

    /// Makes the tape hold slots of `size` doubles, forgetting what it held.
    func reset(slotSize size: Int) {
        slotSize = max(size, 1)
    }

    /// Makes room for `slots` slots, keeping the first `keep` slots' contents.
    func reserve(slots: Int, keep: Int) {
        let needed = slots * slotSize
        guard needed > capacity else { return }
        let newCapacity = max(needed, 2 * capacity, 1024)
        let grown = UnsafeMutablePointer<Double>.allocate(capacity: newCapacity)
        let kept = min(keep * slotSize, capacity)
        if kept > 0 { grown.update(from: base, count: kept) }
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    @inline(__always)
    func slot(_ i: Int) -> UnsafeMutablePointer<Double> { base + i * slotSize }
}
