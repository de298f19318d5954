/// How a gradient pass evaluates one Runge–Kutta stage: plainly, or recording the evaluation on a tape.
protocol StageEvaluator {
    /// Writes f(t, y) into `dy`; `slot` names the tape slot of a recording evaluator.
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>, slot: Int)
}

/// Evaluates the field without recording.
struct PlainEvaluator<F: VectorField>: StageEvaluator {
    let field: F

    @inline(__always)
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>, slot: Int) {
        field.evaluate(t: t, y: y, dy: dy)
    }
}

/// Evaluates the field and records each evaluation in its slot of a `StageTape`.
struct RecordingEvaluator<F: ParametricField>: StageEvaluator {
    let field: F
    let tape: StageTape

    @inline(__always)
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>, slot: Int) {
        field.evaluate(t: t, y: y, dy: dy, tape: tape.slot(slot))
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
