import Foundation

/// Parsing of a list of states, `x,y;x,y;...` (states separated by ';', components by ',').
enum StateList {
    /// The states in `text`; every state must have the same number of finite components.
    static func parse(_ text: String, option: String) throws -> [[Double]] {
        let pieces = text.split(separator: ";", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !pieces.isEmpty else {
            throw ProgramError.badInput("\(option) expects states like \"2,0;-1.5,1\" (got '\(text)')")
        }
        var states: [[Double]] = []
        for piece in pieces {
            let values = try ValueParsing.numbers(piece, option: option)
            if let first = states.first, first.count != values.count {
                throw ProgramError.badInput("\(option): state '\(piece)' has \(values.count) components, the first has \(first.count)")
            }
            states.append(values)
        }
        return states
    }
}
