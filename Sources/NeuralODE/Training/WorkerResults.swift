/// One result slot per piece of parallel work, each written only by the worker that computes it.
///
/// Slots start empty; because no two workers write the same slot, the type is `@unchecked
/// Sendable`. Read the slots only after `WorkerThreads.run` has returned.
final class WorkerResults<Value, Failure: Error>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<Value, Failure>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    /// The number of slots.
    var count: Int { slots.count }

    /// Stores piece `index`'s outcome.
    func store(_ index: Int, _ outcome: Result<Value, Failure>) {
        slots[index] = outcome
    }

    /// Piece `index`'s value, or the error computing it threw; a slot left empty is a programming error.
    func value(_ index: Int) throws(Failure) -> Value {
        guard let slot = slots[index] else { preconditionFailure("every piece of the work was computed") }
        return try slot.get()
    }
}
