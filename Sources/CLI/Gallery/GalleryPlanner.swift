import Foundation

/// Decides which figures to build: checks inputs and programs first, then compares staleness keys with the stamps.
///
/// The staleness key of a figure is the SHA-256 of: the program version (`flowscopeVersion`), each
/// command's text, each declared input's path and content, and the keys of the figures it needs.
/// A figure is rebuilt when forced, never built, its key changed, an output it needs is missing
/// or differs from what was written, a figure it needs is rebuilt, or a `{data}` input is missing
/// (then the figures it needs are rebuilt too). The binaries themselves are not hashed: the
/// version stands for them, and `check` (or `--force`) catches drift from code changes.
public struct GalleryPlanner: Sendable {
    public let manifest: GalleryManifest
    public let layout: GalleryLayout
    /// The formats this build writes; only their files are required of a fresh figure.
    public let formats: [GalleryFormat]

    public init(manifest: GalleryManifest, layout: GalleryLayout, formats: [GalleryFormat]) {
        self.manifest = manifest; self.layout = layout; self.formats = formats
    }

    /// The selected figures (all when `names` is empty) with what they need, in an order where needs come first.
    public func selection(_ names: [String]) throws -> [GalleryFigure] {
        for name in names where manifest.figure(named: name) == nil {
            throw ProgramError.badInput("no figure named '\(name)' in the manifest (see 'ode-gallery list')")
        }
        let chosen = names.isEmpty ? manifest.figures : manifest.closure(of: Set(names))
        var ordered: [GalleryFigure] = []
        var placed = Set<String>()
        func place(_ figure: GalleryFigure) {
            guard !placed.contains(figure.name) else { return }
            placed.insert(figure.name)
            for need in figure.needs { if let f = manifest.figure(named: need) { place(f) } }
            ordered.append(figure)
        }
        chosen.forEach(place)
        return ordered
    }

    /// Throws `ProgramError.badInput` naming the figure when an input outside `{data}` or a program is
    /// missing, or when a command names a project file that is not a declared input.
    public func preflight(_ figures: [GalleryFigure]) throws {
        for figure in figures {
            for input in figure.inputs where !input.hasPrefix("{data}/") {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: layout.resolve(input), isDirectory: &isFolder), !isFolder.boolValue else {
                    throw ProgramError.badInput("figure '\(figure.name)': input \(input) does not exist (paths are relative to \(layout.root))")
                }
            }
            for (index, command) in figure.commands.enumerated() {
                if let file = undeclaredFile(command, of: figure) {
                    throw ProgramError.badInput("figure '\(figure.name)': command \(index + 1) reads \(file), which is not in its inputs "
                                                + "(declare it, so a change to it rebuilds the figure)")
                }
            }
            for program in Set(figure.commands.map(\.program)).sorted() {
                let path = layout.programFolder + "/" + program
                guard FileManager.default.isExecutableFile(atPath: path) else {
                    throw ProgramError.badInput("figure '\(figure.name)': program \(program) not found in \(layout.programFolder) (build it with swift build)")
                }
            }
        }
    }

    /// A project file an argument of `command` names (as a word or after `=`) that `figure` does not declare.
    ///
    /// Words with placeholders are products and are not checked; neither are the program and its options.
    public func undeclaredFile(_ command: GalleryCommandTemplate, of figure: GalleryFigure) -> String? {
        for word in command.words.dropFirst() where !word.contains("{") {
            let path = word.hasPrefix("-") ? word.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) : word
            guard let path, !path.isEmpty, !figure.inputs.contains(path) else { continue }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: layout.resolve(path), isDirectory: &isFolder), !isFolder.boolValue {
                return path
            }
        }
        return nil
    }

    /// The staleness key of `figure` from the files as they are now; nil when a `{data}` input is missing.
    ///
    /// `needKeys` holds the keys of the figures it needs.
    public func key(for figure: GalleryFigure, needKeys: [String: String]) -> String? {
        var hash = SHA256()
        hash.update("flowscope-gallery-key 1\nversion \(flowscopeVersion)\n")
        for command in figure.commands { hash.update("command \(command.text)\n") }
        for input in figure.inputs {
            guard let data = FileManager.default.contents(atPath: layout.resolve(input)) else { return nil }
            hash.update("input \(input) \(SHA256.hex(data))\n")
        }
        for need in figure.needs { hash.update("need \(need) \(needKeys[need] ?? "none")\n") }
        return hash.hexDigest()
    }

    /// What to do with each of `figures` (ordered needs first), given the stamps (nil: unreadable).
    public func plan(_ figures: [GalleryFigure], stamps: GalleryStamps?, force: Bool) -> GalleryPlan {
        var forced = force ? Set(figures.map(\.name)) : []
        while true {
            var decisions: [GalleryPlan.Entry] = []
            var rebuilt = Set<String>()
            var keys: [String: String] = [:]
            var grow = Set<String>()
            for figure in figures {
                let reason = staleness(figure, stamps: stamps, forced: forced, rebuilt: rebuilt, keys: &keys)
                if let reason {
                    rebuilt.insert(figure.name)
                    if reason.hasPrefix("input {data}") { grow.formUnion(figure.needs.filter { !forced.contains($0) }) }
                }
                decisions.append(GalleryPlan.Entry(figure: figure, rebuildReason: reason))
            }
            if grow.isEmpty { return GalleryPlan(entries: decisions, keys: keys) }
            forced.formUnion(grow)
        }
    }

    /// Why `figure` must be rebuilt, or nil when it is fresh (then its key is recorded in `keys`).
    private func staleness(_ figure: GalleryFigure, stamps: GalleryStamps?, forced: Set<String>,
                           rebuilt: Set<String>, keys: inout [String: String]) -> String? {
        if forced.contains(figure.name) { return "forced" }
        if let need = figure.needs.first(where: rebuilt.contains) { return "needs \(need), which is rebuilt" }
        guard let key = key(for: figure, needKeys: keys) else {
            let missing = figure.inputs.first { FileManager.default.contents(atPath: layout.resolve($0)) == nil } ?? "?"
            return "input \(missing) is missing"
        }
        guard let stamps else { return "the stamps file cannot be read" }
        guard let stamp = stamps.figures[figure.name] else { return "never built" }
        guard stamp.key == key else {
            return stamp.version == flowscopeVersion ? "commands or inputs changed" : "program version changed (\(stamp.version) → \(flowscopeVersion))"
        }
        for file in figure.outputFiles(formats) {
            guard let data = FileManager.default.contents(atPath: layout.outFolder + "/" + file) else { return "\(file) is missing" }
            guard stamp.outputs[file] == SHA256.hex(data) else { return "\(file) differs from what was built" }
        }
        keys[figure.name] = key
        return nil
    }
}
