/// Parsing of the small value formats options take (`1,2.5,-3`, `name=value`).
public enum ValueParsing {
    /// Parses a comma-separated list of finite numbers; `option` names the flag in the error.
    public static func numbers(_ text: String, option: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Double] = []
        for part in parts {
            guard let value = Double(part), value.isFinite else {
                throw ProgramError.badInput("\(option) expects comma-separated numbers like 1,0.5,-2 (got '\(text)')")
            }
            values.append(value)
        }
        return values
    }

    /// Parses `name=value` pairs into a dictionary; a repeated name is an error.
    public static func assignments(_ items: [String], option: String) throws -> [String: Double] {
        var result: [String: Double] = [:]
        for item in items {
            let pieces = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pieces.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard pieces.count == 2, !name.isEmpty,
                  let value = Double(pieces[1].trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw ProgramError.badInput("\(option) expects name=value with a finite number, e.g. mu=2 (got '\(item)')")
            }
            guard result[name] == nil else {
                throw ProgramError.badInput("\(option) gives '\(name)' more than once")
            }
            result[name] = value
        }
        return result
    }
}
