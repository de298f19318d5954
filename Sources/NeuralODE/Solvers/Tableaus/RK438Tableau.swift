extension ButcherTableau {
    /// Kutta's 3/8 rule, the fourth-order method torchdiffeq calls "rk4".
    public static let rk438 = ButcherTableau(
        name: "rk4-38",
        c: [0, 1.0 / 3.0, 2.0 / 3.0, 1],
        a: [[], [1.0 / 3.0], [-1.0 / 3.0, 1], [1, -1, 1]],
        b: [1.0 / 8.0, 3.0 / 8.0, 3.0 / 8.0, 1.0 / 8.0],
        order: 4)
}
