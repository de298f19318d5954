/// The cubic spiral of torchdiffeq's ODE demo: y' = (y³) A, y a row vector, y³ elementwise.
///
/// With A = [[a11, a12], [a21, a22]]: x' = a11 x³ + a21 y³, y' = a12 x³ + a22 y³.
struct CubicSpiral: PointSystem {
    static let spec = SystemSpec(
        name: "spiral",
        summary: "torchdiffeq's cubic spiral y' = (y^3) A, A = [[a11, a12], [a21, a22]] = [[-0.1, 2], [-2, -0.1]]",
        componentNames: ["x", "y"],
        parameters: [
            SystemParameter("a11", -0.1, "A[0][0]"),
            SystemParameter("a12", 2, "A[0][1]"),
            SystemParameter("a21", -2, "A[1][0]"),
            SystemParameter("a22", -0.1, "A[1][1]"),
        ],
        window: .phasePlane(x: -2...2, y: -2...2),
        exampleInitialState: [2, 0])

    let a11: Double, a12: Double, a21: Double, a22: Double

    init(values: [Double]) { (a11, a12, a21, a22) = (values[0], values[1], values[2], values[3]) }

    func rhs(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        let x3 = y[0] * y[0] * y[0], y3 = y[1] * y[1] * y[1]
        dy[0] = a11 * x3 + a21 * y3
        dy[1] = a12 * x3 + a22 * y3
    }

    func jacobian(t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>, rowStride: Int) {
        let dx3 = 3 * y[0] * y[0], dy3 = 3 * y[1] * y[1]
        j[0] = a11 * dx3
        j[1] = a21 * dy3
        j[rowStride] = a12 * dx3
        j[rowStride + 1] = a22 * dy3
    }
}
