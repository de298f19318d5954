import Figures
import Foundation

/// Builds one figure: runs its commands in order and leaves either all its new images or all its old ones.
///
/// Before the commands run, each existing image of the figure is hard-linked to
/// `.<name>.<ext>.previous`; the programs replace images atomically, so on failure the links are
/// renamed back (a new PNG next to an old SVG is never left) and on success they are removed.
struct GalleryFigureBuilder: Sendable {
    let planner: GalleryPlanner

    /// Why a figure could not be built, one line.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private var layout: GalleryLayout { planner.layout }

    /// Builds `figure` whose needs have keys `needKeys`; returns its new stamp.
    func build(_ figure: GalleryFigure, needKeys: [String: String]) -> Result<GalleryStamps.Stamp, Failure> {
        guard let key = planner.key(for: figure, needKeys: needKeys) else {
            let missing = figure.inputs.first { !FileManager.default.fileExists(atPath: layout.resolve($0)) } ?? "?"
            return .failure(Failure(description: "input \(missing) was not made by the figures it needs (\(figure.needs.joined(separator: ", ")))"))
        }
        do {
                try FileManager.default.createDirectory(atPath: layout.dataFolder, withIntermediateDirectories: true)
            } catch {
                return .failure(Failure(description: "cannot create \(layout.dataFolder): \(error.localizedDescription)"))
        }
        unlink(layout.sidecarPath(figure.name))
        let extensions = GalleryFormat.allCases.map(\.rawValue) + (figure.animation.map { [$0] } ?? [])
        let files = extensions.map { layout.outFolder + "/" + figure.name + "." + $0 }
        let backups = extensions.map { layout.outFolder + "/." + figure.name + "." + $0 + ".previous" }
        for (file, backup) in zip(files, backups) {
            unlink(backup)
            if FileManager.default.fileExists(atPath: file), link(file, backup) != 0 {
                try? FileManager.default.copyItem(atPath: file, toPath: backup)
            }
        }
        func restore() {
            for (file, backup) in zip(files, backups) {
                // rename() does nothing when both names link the same file, so remove the new name first.
                unlink(file)
                if FileManager.default.fileExists(atPath: backup) { rename(backup, file) }
            }
        }
        if let failure = runCommands(figure) {
            restore()
            return .failure(failure)
        }
        guard FileManager.default.fileExists(atPath: layout.sidecarPath(figure.name)) else {
            restore()
            return .failure(Failure(description: "no command wrote the sidecar \(layout.sidecarPath(figure.name))"))
        }
        var outputs: [String: String] = [:]
        for file in figure.outputFiles(planner.formats) {
            guard let data = FileManager.default.contents(atPath: layout.outFolder + "/" + file) else {
                restore()
                return .failure(Failure(description: "no command wrote \(layout.outInCommands)/\(file)"))
            }
            outputs[file] = SHA256.hex(data)
        }
        for (ext, (file, backup)) in zip(extensions, zip(files, backups)) {
            unlink(backup)
            if let format = GalleryFormat(rawValue: ext), !planner.formats.contains(format) { unlink(file) }
        }
        return .success(GalleryStamps.Stamp(key: key, version: flowscopeVersion, outputs: outputs))
    }

    /// Runs every command (the `{ext}` ones once per format); the first failure, or nil.
    private func runCommands(_ figure: GalleryFigure) -> Failure? {
        for (index, command) in figure.commands.enumerated() {
            for format in command.perFormat ? planner.formats : [.png] {
                let words = command.expanded(layout.placeholders(ext: format.rawValue))
                let label = "command \(index + 1) (\(Self.shortName(words)))"
                do {
                    let outcome = try ChildProgram.run(layout.programFolder + "/" + command.program,
                                                       Array(words.dropFirst()), in: layout.root,
                                                       environment: [FigureSidecar.environmentKey: layout.sidecarPath(figure.name)])
                    if outcome.status != 0 {
                        return Failure(description: "\(label) exited with \(outcome.status): \(outcome.reason)")
                    }
                } catch {
                    return Failure(description: "\(label): \(error)")
                }
            }
        }
        return nil
    }

    /// The program and its subcommand, if any (`ode-plot phase`).
    static func shortName(_ words: [String]) -> String {
        words.count > 1 && !words[1].hasPrefix("-") ? words[0] + " " + words[1] : words[0]
    }
}
