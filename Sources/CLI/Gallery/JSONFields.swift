/// Typed access to the fields of one JSON object, with one-line errors that name where the object is.
struct JSONFields {
    private let object: [String: Any]
    /// Where the object is, for messages ("figure 'vdp-phase'").
    var context: String
    private let makeError: (String) -> ProgramError

    init(_ object: [String: Any], context: String, fail: @escaping (String) -> ProgramError) {
        self.object = object; self.context = context; self.makeError = fail
    }

    /// An error about this object.
    func fail(_ message: String) -> ProgramError { makeError("\(context): \(message)") }

    /// Throws for a key not in `known`, naming the known ones (catches misspelt keys).
    func allowOnly(_ known: [String]) throws {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw fail("unknown key '\(unknown)' (known: \(known.joined(separator: ", ")))")
        }
    }

    func string(_ key: String) throws -> String {
        guard let value = object[key] else { throw fail("missing \"\(key)\"") }
        guard let text = value as? String else { throw fail("\"\(key)\" must be a string") }
        return text
    }

    func optionalString(_ key: String) throws -> String? {
        object[key] == nil ? nil : try string(key)
    }

    func strings(_ key: String) throws -> [String] {
        guard let value = object[key] else { throw fail("missing \"\(key)\"") }
        guard let list = value as? [Any], let texts = list as? [String], texts.count == list.count else {
            throw fail("\"\(key)\" must be a list of strings")
        }
        return texts
    }

    func optionalStrings(_ key: String) throws -> [String]? {
        object[key] == nil ? nil : try strings(key)
    }

    func objects(_ key: String) throws -> [[String: Any]] {
        guard let value = object[key] else { throw fail("missing \"\(key)\"") }
        guard let list = value as? [Any], let objects = list as? [[String: Any]], objects.count == list.count else {
            throw fail("\"\(key)\" must be a list of objects")
        }
        return objects
    }
}
