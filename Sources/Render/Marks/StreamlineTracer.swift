/// Evenly spaced streamlines (after Jobard and Lefer): seeds at least one separation from every line,
/// lines traced both ways until they come within half a separation of another line, leave the plot,
/// stall at a fixed point or return to their own seed (a closed orbit, closed exactly).
struct StreamlineTracer {
    let field: (Double, Double) -> (Double, Double)
    let transform: DataTransform
    /// Distance between neighbouring lines in points.
    let separation: Double
    /// Lines shorter than this many separations are dropped.
    let minLength: Double
    let seedPoints: [Point]
    let seed: UInt64

    private var test: Double { 0.5 * separation }
    private var closeTolerance: Double { 0.15 * separation }

    func trace() -> [Streamline] {
        let plot = transform.plot
        var grid = OccupancyGrid(rect: plot, cell: separation)
        var lines: [Streamline] = []
        var front: [Point] = []
        var candidates = gridCandidates().reversed() as [Point]
        candidates += seedPoints.reversed()
        var id = 0
        while true {
            let p: Point
            if let f = front.popLast() { p = f } else if let c = candidates.popLast() { p = c } else { break }
            guard plot.contains(p), !grid.any(near: p, radius: separation * 0.999, where: { _ in true }) else { continue }
            guard let line = traceLine(from: p, id: id, grid: &grid) else { continue }
            if line.length < minLength * separation {
                grid.remove(line: id, near: line.points)
                id += 1
                continue
            }
            lines.append(line)
            id += 1
            front += neighbourSeeds(of: line).reversed()
        }
        return lines
    }

    /// Cell centres of a separation-spaced grid, in a seeded shuffled order.
    private func gridCandidates() -> [Point] {
        let plot = transform.plot
        var pts: [Point] = []
        var y = plot.minY + separation / 2
        while y < plot.maxY {
            var x = plot.minX + separation / 2
            while x < plot.maxX { pts.append(Point(x, y)); x += separation }
            y += separation
        }
        var rng = SeedShuffle(seed)
        for i in stride(from: pts.count - 1, to: 0, by: -1) { pts.swapAt(i, rng.below(i + 1)) }
        return pts
    }

    /// Points one separation to either side of the line, every separation along it.
    private func neighbourSeeds(of line: Streamline) -> [Point] {
        var out: [Point] = []
        var acc = 0.0
        let pts = line.points
        for i in 1..<pts.count {
            let a = pts[i - 1], b = pts[i]
            let dx = b.x - a.x, dy = b.y - a.y
            let l = (dx * dx + dy * dy).squareRoot()
            acc += l
            guard acc >= separation, l > 0 else { continue }
            acc = 0
            let nx = -dy / l, ny = dx / l
            out.append(Point(b.x + nx * separation, b.y + ny * separation))
            out.append(Point(b.x - nx * separation, b.y - ny * separation))
        }
        return out
    }

    /// Traces forward then (unless the line closed) backward from the device point `p`.
    private func traceLine(from p: Point, id: Int, grid: inout OccupancyGrid) -> Streamline? {
        let start = transform.data(at: p)
        let speed0 = speed(start.x, start.y)
        guard speed0 > 0, speed0.isFinite else { return nil }
        grid.insert(.init(p: p, line: id, s: 0))
        let fwd = half(from: start, device: p, direction: 1, id: id, grid: &grid)
        if fwd.closed {
            return Streamline(points: [p] + fwd.points, speeds: [speed0] + fwd.speeds, closed: true)
        }
        let back = half(from: start, device: p, direction: -1, id: id, grid: &grid)
        return Streamline(points: back.points.reversed() + [p] + fwd.points,
                          speeds: back.speeds.reversed() + [speed0] + fwd.speeds, closed: false)
    }

    private func speed(_ x: Double, _ y: Double) -> Double {
        let (u, v) = field(x, y)
        return (u * u + v * v).squareRoot()
    }

    private func half(from start: (x: Double, y: Double), device p0: Point, direction: Double, id: Int,
                      grid: inout OccupancyGrid) -> (points: [Point], speeds: [Double], closed: Bool) {
        let integrator = StreamlineIntegrator(field: field, transform: transform, direction: direction,
                                              tolerance: 0.004 * separation, maxStep: min(0.25 * separation, 2.5),
                                              minStep: 1e-4 * separation)
        let plot = transform.plot
        var pts: [Point] = [], speeds: [Double] = []
        var (x, y) = start
        guard var k = integrator.slope(x, y) else { return ([], [], false) }
        var prev = p0
        var s = 0.0
        var h = 0.05 * separation
        let limit = 40 * (plot.width + plot.height)
        let startZone = 2 * test
        while s < limit {
            guard case let .step(nx, ny, taken, next, k4) = integrator.advance(x, y, h: h, slope: k) else { break }
            let q = transform.point(nx, ny)
            guard q.isFinite else { break }
            let outside = !plot.contains(q)
            let r = outside ? StreamlineTracer.exit(from: prev, to: q, in: plot) : q
            s += taken
            if direction > 0, s > 4 * separation, StreamlineTracer.distance(p0, segment: prev, r) < closeTolerance {
                return (pts + [p0], speeds + [speed(start.x, start.y)], true)
            }
            let signed = direction * s
            let blocked = grid.any(near: r, radius: test) { other in
                if other.line != id { return true }
                if direction > 0 && other.s >= 0 && other.s < startZone { return false }
                return abs(other.s - signed) > 3 * self.separation
            }
            if blocked { break }
            pts.append(r); speeds.append(k4.speed)
            grid.insert(.init(p: r, line: id, s: signed))
            if outside { break }
            (x, y, prev, h, k) = (nx, ny, q, next, k4)
        }
        return (pts, speeds, false)
    }

    /// Distance from `p` to the segment a–b.
    static func distance(_ p: Point, segment a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let l2 = dx * dx + dy * dy
        let t = l2 > 0 ? min(1, max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2)) : 0
        let ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y
        return (ex * ex + ey * ey).squareRoot()
    }

    /// Where the segment from `a` (inside) to `b` (outside) crosses the border of `r`.
    static func exit(from a: Point, to b: Point, in r: Rect) -> Point {
        var t = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        if b.x > r.maxX, dx > 0 { t = min(t, (r.maxX - a.x) / dx) }
        if b.x < r.minX, dx < 0 { t = min(t, (r.minX - a.x) / dx) }
        if b.y > r.maxY, dy > 0 { t = min(t, (r.maxY - a.y) / dy) }
        if b.y < r.minY, dy < 0 { t = min(t, (r.minY - a.y) / dy) }
        t = max(0, t)
        return Point(a.x + t * dx, a.y + t * dy)
    }
}

/// SplitMix64, for the seeded order of streamline seeds.
struct SeedShuffle {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A value in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
