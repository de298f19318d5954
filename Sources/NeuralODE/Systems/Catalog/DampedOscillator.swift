/// Linear damped oscillator x' = v, v' = -k x - c v.
struct DampedOscillator: PointSystem {
    static let spec = SystemSpec(
        name: "damped-oscillator",
        summary: "linear damped oscillator x' = v, v' = -k x - c v",
        componentNames: ["x", "v"],
        parameters: [SystemParameter("k", 1, "stiffness"), SystemParameter("c", 0.5, "damping")],
        window: .phasePlane(x: -3...3, y: -3...3),
        exampleInitialState: [2, 0])

    let k: Double
    let c: Double

    init(values: [Double]) { (k, c) = (values[0], values[1]) }

    func rhs(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        dy[0] = y[1]
        dy[1] = -k * y[0] - c * y[1]
    }

    func jacobian(t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>, rowStride: Int) {
        j[0] = 0
        j[1] = 1
        j[rowStride] = -k
        j[rowStride + 1] = -c
    }
}
