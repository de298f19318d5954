import Foundation

/// The state-space divergence D_stsp: KL divergence between occupancy histograms of two long runs on a common grid.
///
/// The grid spans the reference run's bounding box, widened by 10% per side, with `bins` cells per
/// axis. p counts the reference samples, q the compared run's; q is Laplace-smoothed
/// (qᵢ = (cᵢ + ε)/(n + ε·cells), ε = 1e-3 of a sample) so empty cells stay finite, and samples of
/// the compared run outside the grid count towards n but no cell, so a run that leaves the
/// attractor is penalised. D = Σ pᵢ log(pᵢ/qᵢ) over cells with pᵢ > 0 (0 for identical occupancy).
public enum StateSpaceDivergence {
    /// D_stsp(reference ‖ compared) for flat runs of `dimension` components (samples × dimension).
    public static func divergence(reference: [Double], compared: [Double], dimension d: Int, bins: Int) -> Double {
        precondition(d >= 1 && bins >= 1, "dimension and bins must be positive")
        let n = reference.count / d, m = compared.count / d
        guard n > 0, m > 0 else { return .infinity }
        var low = [Double](repeating: .infinity, count: d), high = [Double](repeating: -.infinity, count: d)
        for k in 0..<n {
            for i in 0..<d { low[i] = min(low[i], reference[k * d + i]); high[i] = max(high[i], reference[k * d + i]) }
        }
        for i in 0..<d {
            let pad = 0.1 * max(high[i] - low[i], 1e-9)
            low[i] -= pad
            high[i] += pad
        }
        let cells = Int(pow(Double(bins), Double(d)))
        func cell(_ run: [Double], _ k: Int) -> Int? {
            var index = 0
            for i in 0..<d {
                let f = (run[k * d + i] - low[i]) / (high[i] - low[i])
                guard f >= 0, f < 1 else { return nil }
                index = index * bins + min(bins - 1, Int(f * Double(bins)))
            }
            return index
        }
        var q = [Int: Int]()
        var referenceCounts = [Int: Int]()
        for k in 0..<n { if let c = cell(reference, k) { referenceCounts[c, default: 0] += 1 } }
        for k in 0..<m { if let c = cell(compared, k) { q[c, default: 0] += 1 } }
        let epsilon = 1e-3
        var divergence = 0.0
        // In cell order: a dictionary's order changes from process to process, the sum must not.
        for (c, count) in referenceCounts.sorted(by: { $0.key < $1.key }) {
            let pi = Double(count) / Double(n)
            let qi = (Double(q[c] ?? 0) + epsilon) / (Double(m) + epsilon * Double(cells))
            divergence += pi * log(pi / qi)
        }
        return max(0, divergence)
    }
}
