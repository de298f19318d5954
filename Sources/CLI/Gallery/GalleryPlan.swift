/// The planner's decision for each selected figure, needs before the figures that need them.
public struct GalleryPlan: Sendable {
    /// One figure and whether it is rebuilt.
    public struct Entry: Sendable {
        public let figure: GalleryFigure
        /// Why it is rebuilt; nil when it is fresh.
        public let rebuildReason: String?
    }

    public let entries: [Entry]
    /// The staleness keys of the fresh figures (the figures that need them hash these).
    public let keys: [String: String]

    /// The figures to rebuild, in build order.
    public var stale: [Entry] { entries.filter { $0.rebuildReason != nil } }

    /// The figures left as they are.
    public var fresh: [GalleryFigure] { entries.filter { $0.rebuildReason == nil }.map(\.figure) }
}
