/// Van der Pol oscillator x' = y, y' = mu (1 - x²) y - x; stiff for large mu.
struct VanDerPol: PointSystem {
    static let spec = SystemSpec(
        name: "van-der-pol",
        summary: "Van der Pol oscillator x' = y, y' = mu (1 - x^2) y - x (limit cycle; stiff for large mu)",
        componentNames: ["x", "y"],
        parameters: [SystemParameter("mu", 1, "nonlinear damping; stiff when large")],
        window: .phasePlane(x: -3...3, y: -4...4),
        exampleInitialState: [2, 0],
        hasLimitCycle: true)

    let mu: Double

    init(values: [Double]) { mu = values[0] }

    func rhs(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        let x = y[0], v = y[1]
        dy[0] = v
        dy[1] = mu * (1 - x * x) * v - x
    }

    func jacobian(t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>, rowStride: Int) {
        let x = y[0], v = y[1]
        j[0] = 0
        j[1] = 1
        j[rowStride] = -2 * mu * x * v - 1
        j[rowStride + 1] = mu * (1 - x * x)
    }
}
