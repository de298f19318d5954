import Foundation
import InputSafety

/// Reads and validates a gallery manifest; every problem is one line naming the file and the figure or section.
///
/// Checked: valid JSON, the format string, required fields and their types, no unknown keys,
/// unique section ids and figure names (`[a-z0-9][a-z0-9-]*`, they become file names), known
/// sections and `needs`, no cycle among `needs`, commands that split like a shell's and run an
/// `ode-*` program, one command writing `{out}/<name>.{ext}`, relative input paths, and `{data}`
/// inputs only for figures that name the figures making them in `needs`.
public enum GalleryManifestReader {
    /// Reads the manifest at `path`; throws `ProgramError.badInput` with one line.
    public static func read(path: String) throws -> GalleryManifest {
        let data: Data
        do {
            data = try InputFile.read(path, maximumBytes: 16 << 20)
        } catch .notFound {
            throw ProgramError.badInput("no gallery manifest at \(path)")
        } catch {
            throw ProgramError.badInput("cannot read the gallery manifest \(path): \(error.description)")
        }
        return try parse(data, name: path)
    }

    /// Parses manifest bytes; `name` starts every error message.
    public static func parse(_ data: Data, name: String) throws -> GalleryManifest {
        let fail = { (message: String) in ProgramError.badInput("\(name): \(message)") }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw fail("not valid JSON (\(syntaxLocation(error, in: data)))")
        }
        if let duplicate = JSONDuplicateKeys.first(in: data) { throw fail(duplicate.description) }
        guard let top = root as? [String: Any] else { throw fail("the manifest must be a JSON object") }
        let object = JSONFields(top, context: "the manifest", fail: fail)
        try object.allowOnly(["format", "title", "intro", "sections", "figures"])
        let format = try object.string("format")
        guard format == GalleryManifest.format else {
            throw fail("format is '\(format)'; this version reads '\(GalleryManifest.format)'")
        }
        let title = try object.optionalString("title") ?? "Gallery"
        let intro = try object.optionalString("intro") ?? ""
        let sections = try object.objects("sections").enumerated().map { index, fields in
            try section(JSONFields(fields, context: "sections[\(index)]", fail: fail))
        }
        let figureObjects = try object.objects("figures")
        var seen = Set<String>()
        for case let name as String in figureObjects.map({ $0["name"] }) where !seen.insert(name).inserted {
            throw fail("figure name '\(name)' appears twice")
        }
        let figures = try figureObjects.enumerated().map { index, fields in
            try figure(fields, index: index, fail: fail)
        }
        try checkReferences(sections: sections, figures: figures, fail: fail)
        return GalleryManifest(title: title, intro: intro, sections: sections, figures: figures)
    }

    private static func section(_ fields: JSONFields) throws -> GallerySection {
        var fields = fields
        try fields.allowOnly(["id", "title", "intro"])
        let id = try fields.string("id")
        guard isIdentifier(id) else { throw fields.fail("section id '\(id)' must be lowercase letters, digits and '-'") }
        fields.context = "section '\(id)'"
        return GallerySection(id: id, title: try fields.string("title"), intro: try fields.optionalString("intro") ?? "")
    }

    private static func figure(_ object: [String: Any], index: Int, fail: @escaping (String) -> ProgramError) throws -> GalleryFigure {
        var fields = JSONFields(object, context: "figures[\(index)]", fail: fail)
        let name = try fields.string("name")
        guard isIdentifier(name) else {
            throw fields.fail("figure name '\(name)' must be lowercase letters, digits and '-' (it names the files)")
        }
        fields.context = "figure '\(name)'"
        try fields.allowOnly(["name", "section", "caption", "commands", "inputs", "needs", "animation"])
        let caption = try fields.string("caption")
        guard !caption.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw fields.fail("caption is empty") }
        let texts = try fields.strings("commands")
        guard !texts.isEmpty else { throw fields.fail("commands is empty") }
        let commands = try texts.enumerated().map { k, text in
            do { return try GalleryCommandTemplate(text) } catch { throw fields.fail("command \(k + 1): \(error)") }
        }
        let target = "{out}/\(name).{ext}"
        guard commands.contains(where: { $0.words.contains { $0.contains(target) } }) else {
            throw fields.fail("no command writes \(target)")
        }
        let animation = try fields.optionalString("animation")
        if let animation {
            guard GalleryFigure.animationFormats.contains(animation) else {
                throw fields.fail("animation '\(animation)' must be one of \(GalleryFigure.animationFormats.joined(separator: ", "))")
            }
            let movie = "{out}/\(name).\(animation)"
            guard commands.contains(where: { $0.words.contains { $0.contains(movie) } }) else { throw fields.fail("no command writes \(movie)") }
        }
        let inputs = try fields.optionalStrings("inputs") ?? []
        let needs = try fields.optionalStrings("needs") ?? []
        for input in inputs {
            if input.hasPrefix("/") || input.split(separator: "/").contains("..") {
                throw fields.fail("input '\(input)' must be a path inside the project (relative, no '..')")
            }
            if input.contains("{out}") || input.contains("{ext}") || (input.contains("{data}") && !input.hasPrefix("{data}/")) {
                throw fields.fail("input '\(input)' may use only {data}/ at its start")
            }
            if input.hasPrefix("{data}/") && needs.isEmpty {
                throw fields.fail("input '\(input)' is another figure's product: name that figure in \"needs\"")
            }
        }
        return GalleryFigure(name: name, section: try fields.string("section"), caption: caption,
                             commands: commands, inputs: inputs, needs: needs, animation: animation)
    }

    private static func checkReferences(sections: [GallerySection], figures: [GalleryFigure],
                                        fail: (String) -> ProgramError) throws {
        var sectionIds = Set<String>()
        for section in sections where !sectionIds.insert(section.id).inserted {
            throw fail("section id '\(section.id)' appears twice")
        }
        let names = Set(figures.map(\.name))
        for figure in figures {
            guard sectionIds.contains(figure.section) else {
                let known = sections.map(\.id).joined(separator: ", ")
                throw fail("figure '\(figure.name)': unknown section '\(figure.section)' (sections: \(known))")
            }
        }
        for figure in figures {
            for need in figure.needs where !names.contains(need) || need == figure.name {
                throw fail("figure '\(figure.name)': needs '\(need)', which is \(need == figure.name ? "itself" : "not a figure")")
            }
        }
        if let cycle = findCycle(figures) {
            throw fail("figures need each other in a cycle: \(cycle.joined(separator: " → "))")
        }
    }

    /// A cycle among `needs`, as the names along it (first repeated last), or nil.
    static func findCycle(_ figures: [GalleryFigure]) -> [String]? {
        let needs = Dictionary(uniqueKeysWithValues: figures.map { ($0.name, $0.needs) })
        var done = Set<String>()
        var path: [String] = []
        func visit(_ name: String) -> [String]? {
            if let start = path.firstIndex(of: name) { return Array(path[start...]) + [name] }
            guard !done.contains(name) else { return nil }
            path.append(name)
            for next in needs[name] ?? [] {
                if let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            done.insert(name)
            return nil
        }
        for figure in figures {
            if let cycle = visit(figure.name) { return cycle }
        }
        return nil
    }

    static func isIdentifier(_ text: String) -> Bool {
        let allowed = { (c: Unicode.Scalar) in ("a"..."z").contains(c) || ("0"..."9").contains(c) }
        guard let first = text.unicodeScalars.first, allowed(first) else { return false }
        return text.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" }
    }

    /// "line L, column C" from the character offset Foundation's parser reports, or its own words.
    static func syntaxLocation(_ error: Error, in data: Data) -> String {
        let debug = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        guard let range = debug.range(of: #"character (\d+)"#, options: .regularExpression),
              let offset = Int(debug[range].dropFirst("character ".count)) else {
            guard let first = debug.first else { return "cannot be parsed" }
            return (first.lowercased() + debug.dropFirst()).trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        }
        let prefix = Array(data.prefix(offset))
        let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let column = offset - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        let what = debug.components(separatedBy: " around").first ?? "syntax error"
        return "\(what.lowercased()) at line \(line), column \(column)"
    }
}
