import Foundation
import Testing
import NeuralODE

/// Order conditions of every tableau, checked from the coefficients alone.
@Suite struct SolverTableauTests {
    static let all: [ButcherTableau] = [.euler, .midpoint, .rk4, .rk438, .bs3, .dopri5, .tsit5]

    /// Matrix A as s×s, zeros above the diagonal.
    static func matrix(_ t: ButcherTableau) -> [[Double]] {
        let s = t.stages
        return (0..<s).map { i in (0..<s).map { j in j < i ? t.a[i][j] : 0 } }
    }

    static func apply(_ a: [[Double]], _ v: [Double]) -> [Double] {
        a.map { row in zip(row, v).map(*).reduce(0, +) }
    }

    static func dot(_ u: [Double], _ v: [Double]) -> Double { zip(u, v).map(*).reduce(0, +) }

    static func times(_ u: [Double], _ v: [Double]) -> [Double] { zip(u, v).map(*) }

    /// Residuals Φ(τ) − 1/γ(τ)·θ^{|τ|} of every rooted tree with up to `order` nodes (17 trees up to 5).
    static func residuals(weights b: [Double], theta: Double = 1, tableau t: ButcherTableau, order: Int) -> [Double] {
        let a = matrix(t), c = t.c
        let c2 = times(c, c), c3 = times(c2, c)
        let ac = apply(a, c), ac2 = apply(a, c2), aac = apply(a, ac)
        var r: [Double] = []
        func check(_ value: Double, _ density: Double, _ nodes: Int) {
            r.append(value - pow(theta, Double(nodes)) / density)
        }
        if order >= 1 { check(b.reduce(0, +), 1, 1) }
        if order >= 2 { check(dot(b, c), 2, 2) }
        if order >= 3 {
            check(dot(b, c2), 3, 3)
            check(dot(b, ac), 6, 3)
        }
        if order >= 4 {
            check(dot(b, c3), 4, 4)
            check(dot(b, times(c, ac)), 8, 4)
            check(dot(b, ac2), 12, 4)
            check(dot(b, aac), 24, 4)
        }
        if order >= 5 {
            check(dot(b, times(c3, c)), 5, 5)
            check(dot(b, times(c2, ac)), 10, 5)
            check(dot(b, times(c, ac2)), 15, 5)
            check(dot(b, times(c, aac)), 30, 5)
            check(dot(b, times(ac, ac)), 20, 5)
            check(dot(b, apply(a, c3)), 20, 5)
            check(dot(b, apply(a, times(c, ac))), 40, 5)
            check(dot(b, apply(a, ac2)), 60, 5)
            check(dot(b, apply(a, aac)), 120, 5)
        }
        return r
    }

    @Test(arguments: all)
    func nodesAreRowSums(_ t: ButcherTableau) {
        for i in 0..<t.stages {
            #expect(abs(t.a[i].reduce(0, +) - t.c[i]) < 1e-14, "\(t.name) row \(i)")
        }
    }

    @Test(arguments: all)
    func solutionWeightsSatisfyOrderConditions(_ t: ButcherTableau) {
        let r = Self.residuals(weights: t.b, tableau: t, order: t.order)
        #expect(r.allSatisfy { abs($0) < 1e-13 }, "\(t.name): \(r)")
        // The next order fails, so `order` is the true order.
        let next = Self.residuals(weights: t.b, tableau: t, order: t.order + 1).suffix(from: r.count)
        if t.order < 5 { #expect(next.contains { abs($0) > 1e-6 }, "\(t.name) is not of order \(t.order + 1)") }
    }

    @Test(arguments: [ButcherTableau.bs3, .dopri5, .tsit5])
    func embeddedWeightsHaveTheirOrder(_ t: ButcherTableau) throws {
        let e = try #require(t.errorWeights)
        let embedded = try #require(t.embeddedOrder)
        let bHat = zip(t.b, e).map { $0 - $1 }
        let r = Self.residuals(weights: bHat, tableau: t, order: embedded)
        #expect(r.allSatisfy { abs($0) < 1e-13 }, "\(t.name) embedded: \(r)")
        let next = Self.residuals(weights: bHat, tableau: t, order: embedded + 1).suffix(from: r.count)
        #expect(next.contains { abs($0) > 1e-6 })
    }

    @Test(arguments: [ButcherTableau.bs3, .dopri5, .tsit5])
    func denseOutputMatchesAndHasItsOrder(_ t: ButcherTableau) throws {
        for i in 0..<t.stages {
            let atOne = try #require(t.denseWeight(stage: i, theta: 1))
            #expect(abs(atOne - t.b[i]) < 1e-13, "\(t.name) b\(i)(1)")
        }
        for theta in [0.1, 0.37, 0.5, 0.81] {
            let w = (0..<t.stages).compactMap { t.denseWeight(stage: $0, theta: theta) }
            let r = Self.residuals(weights: w, theta: theta, tableau: t, order: t.denseOrder)
            #expect(r.allSatisfy { abs($0) < 1e-13 }, "\(t.name) θ = \(theta): \(r)")
        }
    }

    @Test func fsalIsDetected() {
        #expect(ButcherTableau.bs3.isFSAL && ButcherTableau.dopri5.isFSAL && ButcherTableau.tsit5.isFSAL)
        #expect(!ButcherTableau.euler.isFSAL && !ButcherTableau.rk4.isFSAL && !ButcherTableau.rk438.isFSAL)
    }

    @Test func methodNamesParse() {
        #expect(SolverMethod(name: "rk4-38") == .rk438)
        #expect(SolverMethod(name: "DOPRI5") == .dopri5)
        #expect(SolverMethod(name: "rk45") == nil)
        #expect(SolverMethod.allNames == ["euler", "midpoint", "rk4", "rk4-38", "bs3", "dopri5", "tsit5", "rosenbrock23"])
        #expect(SolverMethod.allCases.filter(\.isAdaptive).map(\.order) == [3, 5, 5, 2])
        for method in SolverMethod.allCases where !method.isStiff {
            #expect(method.tableau?.order == method.order)
        }
    }
}

extension ButcherTableau: CustomTestStringConvertible {
    public var testDescription: String { name }
}
