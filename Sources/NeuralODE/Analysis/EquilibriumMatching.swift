/// Pairs a learned field's equilibria with the true field's: location error and whether the types agree.
///
/// Pairs are chosen greedily by increasing distance (each equilibrium in at most one pair), and
/// only pairs closer than `radius` count; the equilibria left over are missed (true ones the
/// model lacks) or spurious (learned ones the truth lacks).
public struct EquilibriumMatching: Sendable {
    public struct Pair: Sendable, Equatable {
        /// Index in the true equilibria.
        public var truth: Int
        /// Index in the learned equilibria.
        public var learned: Int
        /// Euclidean distance between the two states.
        public var distance: Double
        public var sameType: Bool
    }

    public var pairs: [Pair]
    /// True equilibria with no learned one within the radius.
    public var missed: [Int]
    /// Learned equilibria with no true one within the radius.
    public var spurious: [Int]

    /// Matches `learned` to `truth`; `radius` is an absolute distance.
    public init(truth: [Equilibrium], learned: [Equilibrium], radius: Double) {
        var candidates: [Pair] = []
        for (i, t) in truth.enumerated() {
            for (j, l) in learned.enumerated() {
                let d = zip(t.state, l.state).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
                if d <= radius { candidates.append(Pair(truth: i, learned: j, distance: d, sameType: t.type == l.type)) }
            }
        }
        candidates.sort { ($0.distance, $0.truth, $0.learned) < ($1.distance, $1.truth, $1.learned) }
        var usedTruth = Set<Int>(), usedLearned = Set<Int>()
        var chosen: [Pair] = []
        for c in candidates where !usedTruth.contains(c.truth) && !usedLearned.contains(c.learned) {
            chosen.append(c)
            usedTruth.insert(c.truth)
            usedLearned.insert(c.learned)
        }
        pairs = chosen.sorted { $0.truth < $1.truth }
        missed = truth.indices.filter { !usedTruth.contains($0) }
        spurious = learned.indices.filter { !usedLearned.contains($0) }
    }
}
