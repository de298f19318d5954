/// Unforced Duffing oscillator x' = v, v' = -delta v - alpha x - beta x³.
struct Duffing: PointSystem {
    static let spec = SystemSpec(
        name: "duffing",
        summary: "unforced Duffing oscillator x' = v, v' = -delta v - alpha x - beta x^3 (double well when alpha < 0)",
        componentNames: ["x", "v"],
        parameters: [
            SystemParameter("delta", 0.3, "damping"),
            SystemParameter("alpha", -1, "linear stiffness (negative: double well)"),
            SystemParameter("beta", 1, "cubic stiffness"),
        ],
        window: .phasePlane(x: -2...2, y: -2...2),
        exampleInitialState: [1.5, 0])

    let delta: Double, alpha: Double, beta: Double

    init(values: [Double]) { (delta, alpha, beta) = (values[0], values[1], values[2]) }

    func rhs(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        let x = y[0], v = y[1]
        dy[0] = v
        dy[1] = -delta * v - alpha * x - beta * x * x * x
    }

    func jacobian(t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>, rowStride: Int) {
        let x = y[0]
        j[0] = 0
        j[1] = 1
        j[rowStride] = -alpha - 3 * beta * x * x
        j[rowStride + 1] = -delta
    }
}
