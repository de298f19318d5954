import Foundation
import Render

/// Where a program's main output goes: stdout, or a file written all-or-nothing.
public enum OutputDestination: Equatable, Sendable {
    case standardOutput
    case file(path: String)

    /// `-o PATH` when given, else stdout; `allowedExtensions` (lowercase, no dot) restricts the file's extension.
    ///
    /// Throws `ProgramError.badInput` for an extension not in the list or a missing folder,
    /// before any work is done.
    public init(path: String?, allowedExtensions: [String]) throws {
        guard let path, path != "-" else {
            self = .standardOutput
            return
        }
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.lowercased()
        guard allowedExtensions.contains(ext) else {
            let list = allowedExtensions.map { "." + $0 }.joined(separator: ", ")
            throw ProgramError.badInput("cannot tell what to write to '\(path)': its extension must be \(list)")
        }
        var isFolder: ObjCBool = false
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ProgramError.badInput("cannot write '\(path)': folder '\(folder)' does not exist")
        }
        self = .file(path: path)
    }

    /// Writes `text`; a file is replaced only once the whole text is on disk.
    public func write(_ text: String) throws {
        switch self {
        case .standardOutput:
            StandardStreams.writeOutput(text)
        case .file(let path):
            do {
                try AtomicFile.write(Data(text.utf8), to: path)
            } catch {
                throw ProgramError.failure(error.description)
            }
        }
    }
}
