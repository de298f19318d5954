/// Lotka–Volterra predator–prey model x' = a x - b x y, y' = -c y + d x y.
struct LotkaVolterra: PointSystem {
    static let spec = SystemSpec(
        name: "lotka-volterra",
        summary: "predator-prey model x' = a x - b x y, y' = -c y + d x y (closed orbits around (c/d, a/b))",
        componentNames: ["prey", "predator"],
        parameters: [
            SystemParameter("a", 1.5, "prey growth rate"),
            SystemParameter("b", 1, "predation rate"),
            SystemParameter("c", 3, "predator death rate"),
            SystemParameter("d", 1, "predator growth per prey"),
        ],
        window: .phasePlane(x: 0...10, y: 0...7),
        exampleInitialState: [5, 3])

    let a: Double, b: Double, c: Double, d: Double

    init(values: [Double]) { (a, b, c, d) = (values[0], values[1], values[2], values[3]) }

    func rhs(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        let x = y[0], p = y[1]
        dy[0] = a * x - b * x * p
        dy[1] = -c * p + d * x * p
    }

    func jacobian(t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>, rowStride: Int) {
        let x = y[0], p = y[1]
        j[0] = a - b * p
        j[1] = -b * x
        j[rowStride] = d * p
        j[rowStride + 1] = -c + d * x
    }
}
