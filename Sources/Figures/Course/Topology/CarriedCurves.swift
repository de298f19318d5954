/// Curves of the plane carried by a flow, sampled finely enough that their images are unbroken.
///
/// Each curve starts as a polyline; the flow maps its points to their images at every saved time.
/// Where two neighbours' images lie more than `maxGap` apart at any time, the midpoint of their
/// starting positions is inserted and carried too, round after round, so the drawn images are the
/// true images of the curves to within `maxGap` (a continuous map sends a connected curve to a
/// connected one; refinement shows it instead of joining distant points with a straight line).
struct CarriedCurves {
    /// One curve: starting points and their images at each time.
    struct Curve {
        var closed: Bool
        var startX: [Double]
        var startY: [Double]
        /// Per time, the images' x and y.
        var imageX: [[Double]]
        var imageY: [[Double]]
    }

    var curves: [Curve]
    /// Largest distance between neighbouring images over every curve and time after refinement.
    var largestGap: Double
    /// Points inserted by refinement.
    var insertedPoints: Int
    /// Largest ratio of an image gap to its starting gap before refinement (how much the flow stretches).
    var largestStretch: Double

    /// Carries `starts` (x, y arrays and whether each is closed) through `flow`, which maps flat
    /// (x, y) points to their flat images at each of `timeCount` times, refining up to `rounds` times.
    init(starts: [(x: [Double], y: [Double], closed: Bool)], timeCount: Int, maxGap: Double, rounds: Int = 12,
         flow: ([Double]) throws(FigureError) -> [[Double]]) throws(FigureError) {
        var flat: [Double] = []
        for s in starts { for k in s.x.indices { flat += [s.x[k], s.y[k]] } }
        let images = try flow(flat)
        var offset = 0
        curves = starts.map { s in
            let count = s.x.count
            let ix = (0..<timeCount).map { t in (0..<count).map { images[t][2 * (offset + $0)] } }
            let iy = (0..<timeCount).map { t in (0..<count).map { images[t][2 * (offset + $0) + 1] } }
            offset += count
            return Curve(closed: s.closed, startX: s.x, startY: s.y, imageX: ix, imageY: iy)
        }
        insertedPoints = 0
        largestGap = 0
        largestStretch = 0
        for c in curves {
            for k in 0..<Self.segmentCount(c) {
                let k1 = (k + 1) % c.startX.count
                let start = Self.distance(c.startX[k], c.startY[k], c.startX[k1], c.startY[k1])
                guard start > 0 else { continue }
                for t in 0..<timeCount {
                    let gap = Self.distance(c.imageX[t][k], c.imageY[t][k], c.imageX[t][k1], c.imageY[t][k1])
                    largestStretch = max(largestStretch, gap / start)
                }
            }
        }
        for _ in 0..<rounds {
            // Segments to split, per curve, in increasing order.
            var splits: [[Int]] = []
            var midpoints: [Double] = []
            for c in curves {
                var list: [Int] = []
                for k in 0..<Self.segmentCount(c) where Self.gap(c, k, times: timeCount) > maxGap {
                    let k1 = (k + 1) % c.startX.count
                    list.append(k)
                    midpoints += [(c.startX[k] + c.startX[k1]) / 2, (c.startY[k] + c.startY[k1]) / 2]
                }
                splits.append(list)
            }
            if midpoints.isEmpty { break }
            let carried = try flow(midpoints)
            var m = 0
            for i in curves.indices where !splits[i].isEmpty {
                var c = curves[i]
                var next = Curve(closed: c.closed, startX: [], startY: [], imageX: Array(repeating: [], count: timeCount),
                                 imageY: Array(repeating: [], count: timeCount))
                var s = 0
                for k in c.startX.indices {
                    next.startX.append(c.startX[k]); next.startY.append(c.startY[k])
                    for t in 0..<timeCount { next.imageX[t].append(c.imageX[t][k]); next.imageY[t].append(c.imageY[t][k]) }
                    if s < splits[i].count, splits[i][s] == k {
                        next.startX.append(midpoints[2 * m]); next.startY.append(midpoints[2 * m + 1])
                        for t in 0..<timeCount {
                            next.imageX[t].append(carried[t][2 * m]); next.imageY[t].append(carried[t][2 * m + 1])
                        }
                        m += 1
                        s += 1
                    }
                }
                c = next
                curves[i] = c
            }
            insertedPoints += midpoints.count / 2
        }
        largestGap = curves.map { c in
            (0..<Self.segmentCount(c)).map { Self.gap(c, $0, times: timeCount) }.max() ?? 0
        }.max() ?? 0
    }

    private static func segmentCount(_ c: Curve) -> Int { c.closed ? c.startX.count : c.startX.count - 1 }

    private static func gap(_ c: Curve, _ k: Int, times: Int) -> Double {
        let k1 = (k + 1) % c.startX.count
        var worst = 0.0
        for t in 0..<times {
            worst = max(worst, distance(c.imageX[t][k], c.imageY[t][k], c.imageX[t][k1], c.imageY[t][k1]))
        }
        return worst
    }

    private static func distance(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double {
        ((ax - bx) * (ax - bx) + (ay - by) * (ay - by)).squareRoot()
    }
}
