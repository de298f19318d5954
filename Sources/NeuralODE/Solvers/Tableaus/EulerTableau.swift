extension ButcherTableau {
    /// Forward Euler: one stage, order 1.
    public static let euler = ButcherTableau(
        name: "euler", c: [0], a: [[]], b: [1], order: 1)
}
