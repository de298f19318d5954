extension ButcherTableau {
    /// Bogacki–Shampine 3(2): four stages, FSAL, third-order solution with a second-order embedded one.
    ///
    /// Dense output is the cubic Hermite interpolant through (y₀, f₀) and (y₁, f₁), written as
    /// per-stage polynomials (f₁ is the FSAL stage k₄).
    public static let bs3 = ButcherTableau(
        name: "bs3",
        c: [0, 1.0 / 2.0, 3.0 / 4.0, 1],
        a: [[], [1.0 / 2.0], [0, 3.0 / 4.0], [2.0 / 9.0, 1.0 / 3.0, 4.0 / 9.0]],
        b: [2.0 / 9.0, 1.0 / 3.0, 4.0 / 9.0, 0],
        // b − b̂ with b̂ = (7/24, 1/4, 1/3, 1/8).
        errorWeights: [2.0 / 9.0 - 7.0 / 24.0, 1.0 / 3.0 - 1.0 / 4.0, 4.0 / 9.0 - 1.0 / 3.0, -1.0 / 8.0],
        order: 3, embeddedOrder: 2,
        dense: [
            [1, -4.0 / 3.0, 5.0 / 9.0],
            [0, 1, -2.0 / 3.0],
            [0, 4.0 / 3.0, -8.0 / 9.0],
            [0, -1, 1],
        ],
        denseOrder: 3)
}
