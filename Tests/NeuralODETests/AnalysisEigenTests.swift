import Foundation
import NeuralODE
import Testing

@Suite("Analysis: eigenvalues (LAPACK dgeev) against numpy's, and the type they give")
struct AnalysisEigenTests {
    struct Reference: Decodable {
        struct Entry: Decodable {
            let name: String
            let n: Int
            let matrix: [Double]
            let eigenvalues: [[Double]]
        }
        let matrices: [Entry]
    }

    static func reference() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("assets/reference/eigenvalues.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    static func sorted(_ values: [Eigenvalue]) -> [Eigenvalue] {
        values.sorted { a, b in
            let ra = (a.re * 1e12).rounded(), rb = (b.re * 1e12).rounded()
            return ra != rb ? ra < rb : a.im < b.im
        }
    }

    @Test("every reference matrix: eigenvalues equal numpy's to 1e-10 relative to the largest")
    func againstNumpy() throws {
        let reference = try Self.reference()
        #expect(reference.matrices.count >= 17)
        for entry in reference.matrices {
            let values = Self.sorted(try EigenSolver.decompose(entry.matrix, n: entry.n).values)
            let scale = max(1, entry.eigenvalues.map { hypot($0[0], $0[1]) }.max() ?? 0)
            #expect(values.count == entry.n, "\(entry.name)")
            // The defective matrix's double eigenvalue is only determined to √ε.
            let tolerance = entry.name.hasPrefix("defective") ? 1e-7 : 1e-10
            for (v, r) in zip(values, entry.eigenvalues) {
                #expect(abs(v.re - r[0]) <= tolerance * scale && abs(v.im - r[1]) <= tolerance * scale,
                        "\(entry.name): \(v.re)+\(v.im)i vs numpy \(r[0])+\(r[1])i")
            }
        }
    }

    @Test("a real eigenvector satisfies A v = λ v and has unit length")
    func eigenvectors() throws {
        let a = [-10.0, 10, 0, 28, -1, 0, 0, 0, -8.0 / 3]
        let d = try EigenSolver.decompose(a, n: 3)
        for (value, vector) in zip(d.values, d.vectors) {
            let v = try #require(vector)
            #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-14)
            for i in 0..<3 {
                let av = (0..<3).reduce(0) { $0 + a[i * 3 + $1] * v[$1] }
                #expect(abs(av - value.re * v[i]) < 1e-12)
            }
        }
    }

    @Test("bad matrices are errors, not crashes")
    func badInput() {
        #expect(throws: AnalysisError.self) { try EigenSolver.decompose([1, 2, 3], n: 2) }
        #expect(throws: AnalysisError.self) { try EigenSolver.decompose([1, .nan, 0, 1], n: 2) }
    }

    @Test("types from eigenvalues", arguments: [
        ([Eigenvalue(re: -1), Eigenvalue(re: -2)], EquilibriumType.stableNode),
        ([Eigenvalue(re: 1), Eigenvalue(re: 2)], .unstableNode),
        ([Eigenvalue(re: -0.1, im: 1), Eigenvalue(re: -0.1, im: -1)], .stableFocus),
        ([Eigenvalue(re: 0.5, im: 0.8), Eigenvalue(re: 0.5, im: -0.8)], .unstableFocus),
        ([Eigenvalue(re: -1), Eigenvalue(re: 1)], .saddle),
        ([Eigenvalue(re: 0, im: 2), Eigenvalue(re: 0, im: -2)], .centre),
        ([Eigenvalue(re: 0), Eigenvalue(re: -1)], .degenerate),
        ([Eigenvalue(re: -13.85), Eigenvalue(re: 0.09, im: 10.2), Eigenvalue(re: 0.09, im: -10.2)], .saddle),
    ])
    func classify(values: [Eigenvalue], expected: EquilibriumType) {
        #expect(EquilibriumType.classify(values) == expected)
    }

    @Test("centres and degenerate equilibria say the linearisation is inconclusive")
    func inconclusive() {
        #expect(EquilibriumType.centre.description == "centre (linearisation inconclusive)")
        #expect(EquilibriumType.degenerate.isInconclusive)
        #expect(EquilibriumType.saddle.description == "saddle")
    }
}
