/// How a learned field is shown on the phase plane.
public enum PhaseLayout: String, CaseIterable, Sendable {
    /// The learned field alone (a full phase portrait of it).
    case learned
    /// The true field and the learned one in two panels with shared axes and colour scale.
    case sideBySide = "side-by-side"
    /// One panel: true streamlines in grey under the learned field's arrows in the learned colour.
    case overlay

    /// The valid names, for help and messages.
    public static var names: [String] { allCases.map(\.rawValue) }
}
