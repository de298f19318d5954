/// Rössler system x' = -y - z, y' = x + a y, z' = b + z (x - c).
struct Rossler: PointSystem {
    static let spec = SystemSpec(
        name: "rossler",
        summary: "Rossler system x' = -y - z, y' = x + a y, z' = b + z (x - c) (chaotic)",
        componentNames: ["x", "y", "z"],
        parameters: [
            SystemParameter("a", 0.2, "growth of y"),
            SystemParameter("b", 0.2, "constant feed of z"),
            SystemParameter("c", 5.7, "threshold of x for the fold"),
        ],
        window: .phasePlane(x: -12...12, y: -12...12),
        exampleInitialState: [1, 1, 0])

    let a: Double, b: Double, c: Double

    init(values: [Double]) { (a, b, c) = (values[0], values[1], values[2]) }

    func rhs(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        let x = y[0], v = y[1], z = y[2]
        dy[0] = -v - z
        dy[1] = x + a * v
        dy[2] = b + z * (x - c)
    }

    func jacobian(t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>, rowStride: Int) {
        let x = y[0], z = y[2]
        let r1 = rowStride, r2 = 2 * rowStride
        j[0] = 0; j[1] = -1; j[2] = -1
        j[r1] = 1; j[r1 + 1] = a; j[r1 + 2] = 0
        j[r2] = z; j[r2 + 1] = 0; j[r2 + 2] = x - c
    }
}
