extension ButcherTableau {
    /// The classic fourth-order Runge–Kutta method (weights 1/6, 1/3, 1/3, 1/6).
    public static let rk4 = ButcherTableau(
        name: "rk4",
        c: [0, 1.0 / 2.0, 1.0 / 2.0, 1],
        a: [[], [1.0 / 2.0], [0, 1.0 / 2.0], [0, 0, 1]],
        b: [1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0],
        order: 4)
}
