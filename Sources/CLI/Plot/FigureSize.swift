import ArgumentParser
import Figures
import Foundation
import Render

/// `--size WxH`: a page size with a unit (`6x6in`, `16x12cm`, `6inx4in`, `432x288pt`).
///
/// A unit on the height applies to a bare width; each side must be positive and at most 200 in.
public struct FigureSize: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
    /// The page.
    public let page: PageSize
    /// The text it was read from ("6x6in").
    public let text: String

    /// A page written in inches ("6x6in").
    public init(_ page: PageSize) {
        self.page = page
        text = "\(NumberText.short(page.width.points / 72))x\(NumberText.short(page.height.points / 72))in"
    }

    /// Parses `text`; throws `ProgramError.badInput` naming --size and the expected form.
    public init(parsing text: String) throws {
        let bad = ProgramError.badInput("--size expects width x height with a unit, e.g. 6x6in or 16x12cm (got '\(text)')")
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let hLen = Length(parsing: parts[1]) else { throw bad }
        var wText = parts[0].trimmingCharacters(in: .whitespaces)
        if let last = wText.last, last.isNumber || last == "." {
            let unit = String(parts[1].trimmingCharacters(in: .whitespaces).drop(while: { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }))
            wText += unit
        }
        guard let wLen = Length(parsing: wText) else { throw bad }
        guard wLen.points > 0, hLen.points > 0 else {
            throw ProgramError.badInput("--size must be positive (got '\(text)')")
        }
        guard wLen.points <= 14_400, hLen.points <= 14_400 else {
            throw ProgramError.badInput("--size is limited to 200 in a side (got '\(text)')")
        }
        page = PageSize(width: wLen, height: hLen)
        self.text = text
    }

    public init?(argument: String) {
        guard let size = try? FigureSize(parsing: argument) else { return nil }
        self = size
    }

    public var description: String { text }

    public var defaultValueDescription: String { text }

    public static func == (lhs: FigureSize, rhs: FigureSize) -> Bool { lhs.page == rhs.page }
}
