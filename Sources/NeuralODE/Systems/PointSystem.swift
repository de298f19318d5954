/// The equations of one named system for a single state (the registry batches them).
protocol PointSystem: Sendable {
    /// Name, components, parameters and window.
    static var spec: SystemSpec { get }
    /// Builds the equations from parameter values in `spec.parameters` order.
    init(values: [Double])
    /// Writes f(t, y) for one state of `spec.dimension` components.
    func rhs(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>)
    /// Writes ∂f/∂y for one state: entry (i, j) goes to `j[i * rowStride + j]`; only the
    /// dimension × dimension block is written, and every entry of it.
    func jacobian(t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>, rowStride: Int)
}

extension PointSystem {
    /// Applies `rhs` to each of `batch` consecutive states.
    @inline(__always)
    func rhsBatch(batch: Int, t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        // One state (every plain solve) needs no stride: this skips the lazy `spec` global's check.
        if batch == 1 { return rhs(t: t, y: y, dy: dy) }
        let d = Self.spec.dimension
        for b in 0..<batch {
            rhs(t: t, y: y + b * d, dy: dy + b * d)
        }
    }

    /// Writes the block-diagonal Jacobian of `batch` states (off-diagonal blocks zero).
    @inline(__always)
    func jacobianBatch(batch: Int, t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>) {
        let d = Self.spec.dimension
        let n = batch * d
        j.update(repeating: 0, count: n * n)
        for b in 0..<batch {
            jacobian(t: t, y: y + b * d, into: j + (b * d) * n + b * d, rowStride: n)
        }
    }
}
