/// One iso-line of a gridded function in data coordinates.
public struct ContourLine: Hashable, Sendable {
    public var level: Double
    public var x: [Double]
    public var y: [Double]
    /// Whether the line is a loop (its last point then equals its first).
    public var closed: Bool
}

/// Iso-lines of z on a rectilinear grid by marching squares, segments joined into polylines.
///
/// Saddle cells are resolved with the asymptotic decider (the value of the bilinear interpolant
/// at its saddle point), so lines follow the bilinear surface. A corner counts as above the level
/// when z > level. Cells with a NaN corner are skipped.
public enum MarchingSquares {
    /// Lines of `z[j][i]` (at `x[i]`, `y[j]`) at `level`.
    public static func lines(x: [Double], y: [Double], z: [[Double]], level: Double) -> [ContourLine] {
        let nx = x.count, ny = y.count
        precondition(z.count == ny && z.allSatisfy { $0.count == nx }, "z must be y.count rows of x.count values")
        guard nx > 1, ny > 1 else { return [] }
        // Edge keys: horizontal edge from node (i, j) to (i+1, j) is 2(j·nx+i); vertical to (i, j+1) is 2(j·nx+i)+1.
        func hKey(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) }
        func vKey(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) + 1 }
        func crossing(_ key: Int) -> (Double, Double) {
            let node = key / 2, i = node % nx, j = node / nx
            let za = z[j][i]
            if key % 2 == 0 {
                let t = (level - za) / (z[j][i + 1] - za)
                return (x[i] + t * (x[i + 1] - x[i]), y[j])
            }
            let t = (level - za) / (z[j + 1][i] - za)
            return (x[i], y[j] + t * (y[j + 1] - y[j]))
        }
        var segments: [(Int, Int)] = []
        for j in 0..<(ny - 1) {
            for i in 0..<(nx - 1) {
                let bl = z[j][i], br = z[j][i + 1], tr = z[j + 1][i + 1], tl = z[j + 1][i]
                guard !(bl.isNaN || br.isNaN || tr.isNaN || tl.isNaN) else { continue }
                let bottom = hKey(i, j), top = hKey(i, j + 1), left = vKey(i, j), right = vKey(i + 1, j)
                var c = 0
                if bl > level { c |= 1 }
                if br > level { c |= 2 }
                if tr > level { c |= 4 }
                if tl > level { c |= 8 }
                switch c {
                case 1, 14: segments.append((left, bottom))
                case 2, 13: segments.append((bottom, right))
                case 3, 12: segments.append((left, right))
                case 4, 11: segments.append((right, top))
                case 6, 9: segments.append((bottom, top))
                case 7, 8: segments.append((left, top))
                case 5, 10:
                    let den = bl + tr - br - tl
                    let centre = den != 0 ? (bl * tr - br * tl) / den : 0.25 * (bl + br + tr + tl)
                    let centreAbove = centre > level
                    // Case 5 has bl and tr above: a high centre joins them, so the cut isolates br and tl.
                    if (c == 5) == centreAbove {
                        segments.append((bottom, right)); segments.append((top, left))
                    } else {
                        segments.append((left, bottom)); segments.append((right, top))
                    }
                default: break
                }
            }
        }
        return chain(segments, level: level, crossing: crossing)
    }

    /// Joins segments that share an edge crossing into polylines; loops come back to their first crossing.
    private static func chain(_ segments: [(Int, Int)], level: Double, crossing: (Int) -> (Double, Double)) -> [ContourLine] {
        var byEdge: [Int: [Int]] = [:]
        for (s, seg) in segments.enumerated() {
            byEdge[seg.0, default: []].append(s)
            byEdge[seg.1, default: []].append(s)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var out: [ContourLine] = []
        func other(_ s: Int, _ e: Int) -> Int { segments[s].0 == e ? segments[s].1 : segments[s].0 }
        func walk(from e: Int, _ keys: inout [Int]) {
            var edge = e
            while let next = byEdge[edge]?.first(where: { !used[$0] }) {
                used[next] = true
                edge = other(next, edge)
                keys.append(edge)
            }
        }
        for s in segments.indices where !used[s] {
            used[s] = true
            var forward = [segments[s].0, segments[s].1]
            walk(from: segments[s].1, &forward)
            var closed = forward.count > 2 && forward.first == forward.last
            if !closed {
                var backward: [Int] = []
                walk(from: segments[s].0, &backward)
                forward = backward.reversed() + forward
                closed = forward.count > 2 && forward.first == forward.last
            }
            let pts = forward.map(crossing)
            out.append(ContourLine(level: level, x: pts.map(\.0), y: pts.map(\.1), closed: closed))
        }
        return out
    }
}
