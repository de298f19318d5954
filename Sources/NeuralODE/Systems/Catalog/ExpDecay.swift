/// Exponential decay y' = -k y.
struct ExpDecay: PointSystem {
    static let spec = SystemSpec(
        name: "exp-decay",
        summary: "exponential decay y' = -k y",
        componentNames: ["y"],
        parameters: [SystemParameter("k", 2, "decay rate")],
        window: PlotWindow(xComponent: nil, yComponent: 0, x: 0...3, y: -0.1...1.1),
        exampleInitialState: [1])

    let k: Double

    init(values: [Double]) { k = values[0] }

    func rhs(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        dy[0] = -k * y[0]
    }

    func jacobian(t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>, rowStride: Int) {
        j[0] = -k
    }
}
