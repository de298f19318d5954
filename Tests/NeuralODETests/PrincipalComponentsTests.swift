import Foundation
import Testing
@testable import NeuralODE

@Suite("Principal components (LAPACK dsyev)")
struct PrincipalComponentsTests {
    @Test("points stretched along a known direction: that direction first, with the variance of the stretch")
    func knownDirections() throws {
        // Points a·u + b·v + c·w with u, v, w orthonormal in 3-D and a, b, c of standard deviations 3, 1, 0.1.
        let u = [1.0, 2, 2].map { $0 / 3 }, v = [2.0, 1, -2].map { $0 / 3 }, w = [2.0, -2, 1].map { $0 / 3 }
        var generator = SeededGenerator(seed: 7)
        var points: [Double] = []
        var sums = [0.0, 0.0, 0.0]
        let n = 4000
        var coefficients: [[Double]] = []
        for _ in 0..<n {
            let c = [3 * generator.nextGaussian(), generator.nextGaussian(), 0.1 * generator.nextGaussian()]
            coefficients.append(c)
            for i in 0..<3 { points.append(5 + c[0] * u[i] + c[1] * v[i] + c[2] * w[i]) }
            for k in 0..<3 { sums[k] += c[k] }
        }
        let pca = try PrincipalComponents(points: points, dimension: 3)
        // The sample variance along u, v, w is exactly what the decomposition must find along its components
        // (up to the small correlation of the samples); the components match u, v, w up to sign, fixed positive.
        for (k, axis) in [u, v, w].enumerated() {
            let mean = sums[k] / Double(n)
            let variance = coefficients.reduce(0) { $0 + ($1[k] - mean) * ($1[k] - mean) } / Double(n - 1)
            #expect(Swift.abs(pca.variances[k] - variance) < 0.01 * variance + 1e-3)
            let dot = zip(pca.components[k], axis).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(Swift.abs(Swift.abs(dot) - 1) < 1e-3)
            #expect(pca.components[k].max(by: { Swift.abs($0) < Swift.abs($1) })! > 0)
        }
        #expect(pca.variances[0] > pca.variances[1] && pca.variances[1] > pca.variances[2])
        #expect(Swift.abs(pca.explainedFractions.reduce(0, +) - 1) < 1e-12)
        #expect(pca.mean.allSatisfy { Swift.abs($0 - 5) < 0.2 })
        // Projecting the mean gives the origin; a point one unit along the first component gives (1, 0).
        let origin = pca.project(pca.mean[...])
        #expect(origin.allSatisfy { Swift.abs($0) < 1e-12 })
        let along = pca.project(zip(pca.mean, pca.components[0]).map { $0 + $1 }[...])
        #expect(Swift.abs(along[0] - 1) < 1e-12 && Swift.abs(along[1]) < 1e-12)
    }

    @Test("fewer than two points or a non-finite value is an error")
    func badInput() {
        #expect(throws: AnalysisError.self) { try PrincipalComponents(points: [1, 2], dimension: 2) }
        #expect(throws: AnalysisError.self) { try PrincipalComponents(points: [1, 2, .nan, 4], dimension: 2) }
        #expect(throws: AnalysisError.self) { try PrincipalComponents(points: [1, 2, 3], dimension: 2) }
    }
}
