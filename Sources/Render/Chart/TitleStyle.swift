import Foundation

/// The one style of titles: what `Figure.titleProblems()` checks.
///
/// A figure's title is its `suptitle` (drawn at `ChartStyle.suptitleSize`, centred over the page),
/// never the title of its only axes; a panel's title is its axes' `title` (at `titleSize`, centred
/// over the plot). Both are written in sentence case: they start with a capital letter, a digit or
/// notation (`x(t)`, `t = 1`, `dL/dθ`), never with a lowercase word, and end without a full stop,
/// colon, semicolon or comma.
public enum TitleStyle {
    /// What breaks the rule in `title`, one line per problem; empty when it follows it.
    public static func problems(_ title: String) -> [String] {
        var out: [String] = []
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return ["an empty title"] }
        if trimmed != title { out.append("\"\(title)\": spaces at an end") }
        if let last = trimmed.last, ".:;,".contains(last), !trimmed.hasSuffix("...") {
            out.append("\"\(title)\": ends with \"\(last)\"")
        }
        if startsWithLowercaseWord(trimmed) { out.append("\"\(title)\": starts with a lowercase word (sentence case starts with a capital)") }
        return out
    }

    /// Whether the first word is two or more letters (and hyphens) starting in lowercase: a word, not notation.
    static func startsWithLowercaseWord(_ s: String) -> Bool {
        let word = s.prefix { !" :,;".contains($0) }
        guard let first = word.first, first.isLowercase else { return false }
        let letters = word.filter(\.isLetter).count
        return letters >= 2 && word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" }
    }
}

extension Figure {
    /// Where the figure's titles break `TitleStyle`: a panel title on a figure without a figure
    /// title (the title of a one-panel figure belongs in `suptitle`), and each title's own problems.
    public func titleProblems() -> [String] {
        var out: [String] = []
        let panels = axes.compactMap(\.title)
        if let s = suptitle { out += TitleStyle.problems(s) } else if !panels.isEmpty {
            out.append("panel titles without a figure title (a figure's title is its suptitle): \"\(panels[0])\"")
        }
        for p in panels { out += TitleStyle.problems(p) }
        return out
    }
}
