/// One branch of a saddle's stable or unstable manifold, traced from the saddle outward.
public struct Separatrix: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Solutions on it tend to the saddle (traced backward in time).
        case stable
        /// Solutions on it leave the saddle (traced forward in time).
        case unstable
    }

    /// Index of the saddle in the equilibria it was traced from.
    public var saddle: Int
    public var kind: Kind
    /// The real eigenvalue whose eigenvector starts the branch.
    public var eigenvalue: Double
    /// +1 or −1: which side of the saddle along the eigenvector.
    public var side: Int
    /// Full states from next to the saddle outward.
    public var states: [[Double]]

    public init(saddle: Int, kind: Kind, eigenvalue: Double, side: Int, states: [[Double]]) {
        self.saddle = saddle; self.kind = kind; self.eigenvalue = eigenvalue; self.side = side; self.states = states
    }
}
