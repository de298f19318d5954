/// One element of parsed label notation.
public indirect enum NotationNode: Hashable, Sendable {
    /// A plain run (Greek and symbols already replaced by their Unicode characters).
    case text(String)
    /// A subscript group, drawn at 70% size below the baseline.
    case sub([NotationNode])
    /// A superscript group, drawn at 70% size above the baseline.
    case sup([NotationNode])
    /// A group with a dot above it (`\dot{y}`: a time derivative).
    case dot([NotationNode])

    /// The nodes as plain text with the markup dropped.
    public static func plainText(_ nodes: [NotationNode]) -> String {
        nodes.map { node -> String in
            switch node {
            case .text(let s): return s
            case .sub(let c), .sup(let c), .dot(let c): return plainText(c)
            }
        }.joined()
    }
}

/// Why a label's notation could not be parsed.
public enum NotationError: Error, Equatable, CustomStringConvertible {
    case unknownCommand(String)
    /// `position` is the 0-based index of the unmatched brace.
    case unbalancedBrace(position: Int)
    case missingArgument(after: String)
    case trailingBackslash

    public var description: String {
        switch self {
        case .unknownCommand(let name): return "unknown command \\\(name) in label notation"
        case .unbalancedBrace(let pos): return "unmatched brace at character \(pos + 1) of the label notation"
        case .missingArgument(let after): return "\(after) needs an argument (a character or a {group})"
        case .trailingBackslash: return "label notation ends with a lone backslash (write \\\\ for a literal one)"
        }
    }
}
