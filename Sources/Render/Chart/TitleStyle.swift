import Foundation

/// The one style of titles: what `Figure.titleProblems(on:)` checks.
///
/// A figure's title is its `suptitle` (drawn at `ChartStyle.suptitleSize`, centred over the page),
/// never the title of its only axes; a panel's title is its axes' `title` (at `titleSize`, centred
/// over the plot, or over its row with `Axes.titleSpansRow`), no wider than the plot (or row) it sits
/// over, so it stays centred there: not shifted at the page's edge, not running into another panel's
/// title in its row. What does not fit belongs in the figure's caption.
/// Both are written in sentence case: they start with a capital letter, a digit or notation (`x(t)`,
/// `t = 1`, `dL/dθ`), never with a lowercase word, and end without a full stop, colon, semicolon or comma.
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
    /// With a `backend` (whose text metrics it uses), also each panel title wider than its plot (its
    /// row with `Axes.titleSpansRow`), or that cannot sit centred over it: it is shifted to stay on
    /// the page, or runs into another title in its row.
    public func titleProblems(on backend: DrawingBackend? = nil) -> [String] {
        var out: [String] = []
        let panels = axes.compactMap(\.title)
        if let s = suptitle { out += TitleStyle.problems(s) } else if !panels.isEmpty {
            out.append("panel titles without a figure title (a figure's title is its suptitle): \"\(panels[0])\"")
        }
        for p in panels { out += TitleStyle.problems(p) }
        if let backend { out += uncentredTitles(on: backend) }
        return out
    }

    /// Each panel title that, measured on `backend`, is wider than its plot (its row's plots with
    /// `Axes.titleSpansRow`), or centred over it would leave the page's margin (so it is drawn
    /// shifted, off centre) or come within the text pad of another panel's title in its row.
    /// A title too wide is named once, by its width and its plot's.
    func uncentredTitles(on backend: DrawingBackend) -> [String] {
        let spans = titleSpans(on: backend), pad = style.textPad
        let boxes = axes.indices.compactMap { i -> (index: Int, title: String, lo: Double, hi: Double)? in
            guard let title = axes[i].title else { return nil }
            let half = ChartText.measure(title, on: backend, size: style.titleSize).width / 2
            let centre = (spans[i].lowerBound + spans[i].upperBound) / 2
            return (i, title, centre - half, centre + half)
        }
        var out: [String] = []
        for b in boxes {
            let wide = Int((b.hi - b.lo).rounded()), centre = (b.lo + b.hi) / 2
            let span = spans[b.index], room = span.upperBound - span.lowerBound
            let drawnAt = AxesRenderer.titleX(centre: centre, halfWidth: (b.hi - b.lo) / 2, page: width, margin: pad)
            if b.hi - b.lo > room {
                let over = axes[b.index].titleSpansRow ? "its row" : "its plot"
                out.append("\"\(b.title)\": \(wide) pt wide, wider than \(over) (\(Int(room.rounded(.down))) pt); shorten it, the rest belongs in the caption")
            } else if abs(drawnAt - centre) > 0.5 || b.hi - b.lo + 2 * pad >= width {
                out.append("\"\(b.title)\": \(wide) pt wide, centred over its plot it leaves the page, so it is drawn off centre")
            }
            for o in boxes where o.index > b.index && o.index / columns == b.index / columns && o.lo < b.hi + pad && b.lo < o.hi + pad {
                out.append("\"\(b.title)\" and \"\(o.title)\", centred over their plots, run into each other")
            }
        }
        return out
    }
}
