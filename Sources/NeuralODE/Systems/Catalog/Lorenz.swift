/// Lorenz system x' = sigma (y - x), y' = x (rho - z) - y, z' = x y - beta z.
struct Lorenz: PointSystem {
    static let spec = SystemSpec(
        name: "lorenz",
        summary: "Lorenz system x' = sigma (y - x), y' = x (rho - z) - y, z' = x y - beta z (chaotic)",
        componentNames: ["x", "y", "z"],
        parameters: [
            SystemParameter("sigma", 10, "Prandtl number"),
            SystemParameter("rho", 28, "Rayleigh number"),
            SystemParameter("beta", 8.0 / 3.0, "aspect ratio"),
        ],
        window: PlotWindow(xComponent: 0, yComponent: 2, x: -25...25, y: 0...50),
        exampleInitialState: [1, 1, 1])

    let sigma: Double, rho: Double, beta: Double

    init(values: [Double]) { (sigma, rho, beta) = (values[0], values[1], values[2]) }

    func rhs(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        let x = y[0], v = y[1], z = y[2]
        dy[0] = sigma * (v - x)
        dy[1] = x * (rho - z) - v
        dy[2] = x * v - beta * z
    }

    func jacobian(t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>, rowStride: Int) {
        let x = y[0], v = y[1], z = y[2]
        let r1 = rowStride, r2 = 2 * rowStride
        j[0] = -sigma; j[1] = sigma; j[2] = 0
        j[r1] = rho - z; j[r1 + 1] = -1; j[r1 + 2] = -x
        j[r2] = v; j[r2 + 1] = x; j[r2 + 2] = -beta
    }
}
