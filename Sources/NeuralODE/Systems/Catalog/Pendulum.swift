import Foundation

/// Pendulum theta' = omega, omega' = -(g/L) sin theta - gamma omega.
///
/// gamma defaults to 0: the frictionless pendulum, whose closed orbits (swinging) and
/// open ones (rotating) meet at the separatrix through (±π, 0); set gamma > 0 for damping.
struct Pendulum: PointSystem {
    static let spec = SystemSpec(
        name: "pendulum",
        summary: "pendulum theta' = omega, omega' = -(g/L) sin(theta) - gamma omega (frictionless by default)",
        componentNames: ["theta", "omega"],
        parameters: [
            SystemParameter("g", 9.81, "gravitational acceleration (m/s^2)"),
            SystemParameter("L", 1, "length (m)"),
            SystemParameter("gamma", 0, "friction coefficient (1/s)"),
        ],
        window: .phasePlane(x: -2 * Double.pi...2 * Double.pi, y: -8...8),
        exampleInitialState: [2, 0])

    let gOverL: Double, gamma: Double

    init(values: [Double]) { (gOverL, gamma) = (values[0] / values[1], values[2]) }

    func rhs(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        dy[0] = y[1]
        dy[1] = -gOverL * sin(y[0]) - gamma * y[1]
    }

    func jacobian(t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>, rowStride: Int) {
        j[0] = 0
        j[1] = 1
        j[rowStride] = -gOverL * cos(y[0])
        j[rowStride + 1] = -gamma
    }
}
