import Foundation

/// A folder of numbered PNG frames (`frame-0001.png`, …), written whole or not at all.
///
/// Frames go to a temporary folder beside the target, renamed into place at the end. A target
/// that exists may hold only frames of an earlier run (they are replaced); anything else there is
/// an error, so no file of the user's is lost.
struct FrameFolder {
    let path: String
    let temporary: String
    private var count = 0

    /// The name of frame `i` (0-based) of `total`: at least four digits, more when needed.
    static func name(_ i: Int, total: Int) -> String {
        let digits = max(4, String(total).count)
        let number = String(i + 1)
        return "frame-" + String(repeating: "0", count: digits - number.count) + number + ".png"
    }

    /// Whether `name` is a file this writer makes.
    static func isFrameName(_ name: String) -> Bool {
        name.hasPrefix("frame-") && name.hasSuffix(".png") && name.dropFirst(6).dropLast(4).allSatisfy(\.isNumber)
    }

    init(path rawPath: String) throws(RenderError) {
        var p = rawPath
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        path = p
        let url = URL(fileURLWithPath: p)
        let parent = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDir), isDir.boolValue else {
            throw .writeFailed(path: rawPath, reason: "folder \(parent) does not exist")
        }
        if FileManager.default.fileExists(atPath: p, isDirectory: &isDir) {
            guard isDir.boolValue else { throw .writeFailed(path: rawPath, reason: "it is a file, not a folder") }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []
            if let other = names.sorted().first(where: { !Self.isFrameName($0) }) {
                throw .writeFailed(path: rawPath, reason: "the folder holds \(other), not only frames; choose a new or empty folder")
            }
        }
        var template = Array((parent + "/." + url.lastPathComponent + ".tmp-\(getpid())-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buf -> Bool in
            guard let base = buf.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw .writeFailed(path: rawPath, reason: "cannot create a temporary folder in \(parent): \(AtomicFile.errnoText())") }
        temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(temporary, 0o755)
    }

    /// Writes the next frame's PNG bytes.
    mutating func add(_ png: Data, total: Int) throws(RenderError) {
        let file = temporary + "/" + Self.name(count, total: total)
        guard FileManager.default.createFile(atPath: file, contents: png, attributes: [.posixPermissions: 0o644]) else {
            throw .writeFailed(path: file, reason: AtomicFile.errnoText())
        }
        count += 1
    }

    /// Moves the frames into place, replacing an earlier run's frames.
    func commit() throws(RenderError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            let old = temporary + "-old"
            guard rename(path, old) == 0 else { throw .writeFailed(path: path, reason: AtomicFile.errnoText()) }
            guard rename(temporary, path) == 0 else {
                let reason = AtomicFile.errnoText()
                rename(old, path)
                throw .writeFailed(path: path, reason: reason)
            }
            try? FileManager.default.removeItem(atPath: old)
        } else {
            guard rename(temporary, path) == 0 else { throw .writeFailed(path: path, reason: AtomicFile.errnoText()) }
        }
    }

    /// Removes the temporary folder (after a failure).
    func discard() { try? FileManager.default.removeItem(atPath: temporary) }
}
