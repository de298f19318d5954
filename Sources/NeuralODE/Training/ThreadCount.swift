/// The thread counts that training and gradients accept.
///
/// Every thread of a pool is started up front and holds its own copy of the network with its
/// buffers, so an absurd count (`--threads 100000`) would exhaust memory and the system's thread
/// limit before any work is done. Work is cut into chunks of at most 32 trajectories, so more
/// threads than chunks only wait.
public enum ThreadCount {
    /// The most threads a trainer or a gradient computation starts.
    public static let maximum = 256

    /// Why `count` is not an accepted thread count ("must be at least 1 (got 0)"), or nil when it is.
    public static func problem(_ count: Int) -> String? {
        if count < 1 { return "must be at least 1 (got \(count))" }
        if count > maximum { return "must be at most \(maximum) (got \(count))" }
        return nil
    }
}
