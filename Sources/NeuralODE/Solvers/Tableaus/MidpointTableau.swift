extension ButcherTableau {
    /// Explicit midpoint rule: two stages, order 2.
    public static let midpoint = ButcherTableau(
        name: "midpoint",
        c: [0, 1.0 / 2.0],
        a: [[], [1.0 / 2.0]],
        b: [0, 1],
        order: 2)
}
