import Foundation

/// Chooses tick positions and labels: 1-2-5 steps on linear axes, decades on log axes.
public enum TickLocator {
    /// Ticks for an axis scale, aiming at about `target` labelled ticks.
    public static func ticks(for scale: AxisScale, target: Int) -> TickSet {
        switch scale.kind {
        case .linear: return linear(scale.lower, scale.upper, target: target)
        case .log: return log(scale.lower, scale.upper, target: target)
        }
    }

    /// Limits widened when they are (nearly) equal, so an axis always has extent: v ± 10% of |v| (± 1 at zero).
    public static func widenedIfDegenerate(_ a: Double, _ b: Double) -> (Double, Double) {
        let lo = min(a, b), hi = max(a, b)
        let mag = max(abs(lo), abs(hi))
        guard hi - lo <= 1e-12 * mag || hi == lo else { return (a, b) }
        let d = mag == 0 ? 1 : 0.1 * mag
        return a <= b ? (lo - d, hi + d) : (hi + d, lo - d)
    }

    /// Ticks at n·m·10^e for m in {1, 2, 5} inside [a, b] (either order), the step whose count is nearest `target`.
    ///
    /// Two ticks count as one further from the target than they are, so a step giving three or more
    /// ticks is preferred to one giving two at the same distance.
    ///
    /// Labels carry the step's decimals exactly. Values of magnitude ≥ 10^5 or < 10^-3 get a shared
    /// multiplier "×10^{p}" instead of long labels. Zero-width ranges are widened first.
    public static func linear(_ a: Double, _ b: Double, target: Int = 6) -> TickSet {
        guard a.isFinite, b.isFinite else { return TickSet(major: []) }
        let (wa, wb) = widenedIfDegenerate(a, b)
        let lo = min(wa, wb), hi = max(wa, wb)
        let goal = max(2, target)
        let e0 = ((hi - lo) / Double(goal)).exponent10
        var best: (score: Int, count: Int64, k0: Int64, m: Int64, e: Int)?
        for e in (e0 - 1)...(e0 + 1) {
            for m: Int64 in [1, 2, 5] {
                let step = DecimalText.value(m, exponent: e)
                let k0 = Int64((lo / step - 1e-9).rounded(.up))
                let k1 = Int64((hi / step + 1e-9).rounded(.down))
                let count = k1 - k0 + 1
                guard count >= 2 else { continue }
                // Two labels leave a reader one interval to judge the scale by: count them one further
                // from the goal, so a step giving three or more wins a tie.
                let score = Int(abs(count - Int64(goal))) + (count == 2 && goal > 2 ? 1 : 0)
                if let b = best, b.score < score || (b.score == score && b.count >= count) { continue }
                best = (score, count, k0, m, e)
            }
        }
        guard let choice = best else { return TickSet(major: []) }
        let ns = (0..<choice.count).map { (choice.k0 + $0) * choice.m }
        let values = ns.map { DecimalText.value($0, exponent: choice.e) }
        let maxAbs = values.map(abs).max() ?? 0
        var labelExponent = choice.e
        var multiplier: String?
        if maxAbs > 0 {
            let p = maxAbs.exponent10
            if (p >= 5 && p - choice.e <= 4) || p <= -4 {
                labelExponent = choice.e - p
                multiplier = "×10^{\(p)}"
            }
        }
        let ticks = zip(ns, values).map { n, v in Tick(value: v, label: DecimalText.format(n, exponent: labelExponent)) }
        return TickSet(major: ticks, multiplier: multiplier)
    }

    /// Decade ticks labelled "10^{k}" (every `stride` decades when there are many) with minor ticks at 2…9 × 10^k.
    ///
    /// Ranges spanning fewer than two decade ticks get 1-2-5 labels inside the range instead.
    /// Non-positive limits fall back to a linear locator.
    public static func log(_ a: Double, _ b: Double, target: Int = 6) -> TickSet {
        let lo = min(a, b), hi = max(a, b)
        guard lo > 0, hi.isFinite else { return linear(a, b, target: target) }
        let la = log10(lo), lb = log10(hi)
        let k0 = Int((la - 1e-9).rounded(.up)), k1 = Int((lb + 1e-9).rounded(.down))
        let decades = k1 - k0 + 1
        func inRange(_ v: Double) -> Bool { v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) }
        func decade(_ k: Int) -> Double { DecimalText.value(1, exponent: k) }
        var minor: [Double] = []
        if decades < 2 {
            var set = linear(lo, hi, target: max(3, target - 1))
            set.major = set.major.filter { $0.value > 0 }
            for k in (k0 - 1)...max(k0, k1) {
                for m: Int64 in 1...9 {
                    let v = DecimalText.value(m, exponent: k)
                    if inRange(v) && !set.values.contains(v) { minor.append(v) }
                }
            }
            set.minor = minor
            return set
        }
        let goal = max(2, target)
        let stride = [1, 2, 3, 4, 5, 10, 20, 50, 100].first { (decades + $0 - 1) / $0 <= goal + 1 } ?? 100
        let majorKs = (k0...k1).filter { (($0 % stride) + stride) % stride == 0 }
        let ticks = majorKs.map { Tick(value: decade($0), label: "10^{\($0)}") }
        if stride == 1 {
            for k in (k0 - 1)...k1 {
                for m: Int64 in 2...9 {
                    let v = DecimalText.value(m, exponent: k)
                    if inRange(v) { minor.append(v) }
                }
            }
        } else {
            minor = (k0...k1).filter { !majorKs.contains($0) }.map(decade)
        }
        return TickSet(major: ticks, minor: minor)
    }
}
