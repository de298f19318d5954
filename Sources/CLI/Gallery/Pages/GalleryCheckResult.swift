/// One figure's result in `ode-gallery check`: its verdict and how long its rebuild took.
struct GalleryCheckResult {
    let figure: GalleryFigure
    let verdict: GalleryChecker.Verdict
    /// Seconds the rebuild took; nil when it failed.
    let seconds: Double?

    /// The word shown for the verdict: `ok`, `drifted`, `missing`, `failed` or `unfit`.
    var status: String {
        switch verdict {
        case .ok: "ok"
        case .drifted: "drifted"
        case .missing: "missing"
        case .failed: "failed"
        case .unfit: "unfit"
        }
    }

    /// The RMS difference, when one was measured.
    var rms: Double? {
        switch verdict {
        case let .ok(rms): rms
        case let .drifted(rms, _): rms
        case .missing, .failed, .unfit: nil
        }
    }

    /// Failures first (could not be rebuilt, then missing, then drifted by falling RMS, then unfit for the page), then the passing ones in manifest order.
    static func reportOrder(_ results: [GalleryCheckResult]) -> [GalleryCheckResult] {
        func rank(_ r: GalleryCheckResult) -> Int {
            switch r.verdict {
            case .failed: 0
            case .missing: 1
            case .drifted: 2
            case .unfit: 3
            case .ok: 4
            }
        }
        return results.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element), rank(b.element))
            if ra != rb { return ra < rb }
            // A size change has no RMS and counts as the largest drift.
            let (x, y) = (a.element.rms ?? .infinity, b.element.rms ?? .infinity)
            if ra == 2, x != y { return x > y }
            return a.offset < b.offset
        }.map(\.element)
    }
}
