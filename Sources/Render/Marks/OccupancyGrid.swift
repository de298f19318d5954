/// Device-space buckets of streamline samples, for "is another line within d?" queries in O(1).
struct OccupancyGrid {
    struct Sample {
        var p: Point
        var line: Int
        /// Signed arc length along its line from the line's seed, in points.
        var s: Double
    }

    let origin: Point
    let cell: Double
    let nx: Int
    let ny: Int
    private(set) var buckets: [[Sample]]

    init(rect: Rect, cell: Double) {
        origin = Point(rect.minX, rect.minY)
        self.cell = cell
        nx = max(1, Int((rect.width / cell).rounded(.up)))
        ny = max(1, Int((rect.height / cell).rounded(.up)))
        buckets = Array(repeating: [], count: nx * ny)
    }

    private func index(_ p: Point) -> (Int, Int) {
        (min(nx - 1, max(0, Int(((p.x - origin.x) / cell).rounded(.down)))),
         min(ny - 1, max(0, Int(((p.y - origin.y) / cell).rounded(.down)))))
    }

    mutating func insert(_ sample: Sample) {
        let (i, j) = index(sample.p)
        buckets[j * nx + i].append(sample)
    }

    /// Removes every sample of `line` (a rejected line).
    mutating func remove(line: Int, near points: [Point]) {
        var seen = Set<Int>()
        for p in points {
            let (i, j) = index(p)
            if seen.insert(j * nx + i).inserted { buckets[j * nx + i].removeAll { $0.line == line } }
        }
    }

    /// Whether some sample within `radius` (at most one cell) of `p` passes `conflicts`.
    ///
    /// Only the cells the disc can reach are searched (usually 2 × 2, not the 3 × 3 around `p`): cell
    /// indices grow with the coordinates, so a sample within `radius` has its cell between those of
    /// `p − radius` and `p + radius` on each axis.
    func any(near p: Point, radius: Double, where conflicts: (Sample) -> Bool) -> Bool {
        let (iLow, jLow) = index(Point(p.x - radius, p.y - radius))
        let (iHigh, jHigh) = index(Point(p.x + radius, p.y + radius))
        let r2 = radius * radius
        for j in jLow...jHigh {
            for i in iLow...iHigh {
                for s in buckets[j * nx + i] {
                    let dx = s.p.x - p.x, dy = s.p.y - p.y
                    if dx * dx + dy * dy < r2 && conflicts(s) { return true }
                }
            }
        }
        return false
    }
}
