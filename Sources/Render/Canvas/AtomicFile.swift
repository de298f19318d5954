import Foundation

/// Writes files all-or-nothing: a temporary file in the target folder, flushed, then renamed over the target.
///
/// On failure the temporary file is removed and an existing file at the target is left as it was.
/// The temporary file is `.NAME.tmp-PID-XXXXXX`: SIGINT, SIGTERM and SIGHUP during the write remove
/// it (`TemporaryFileRegistry`), and each write removes the temporary files in its folder that
/// processes no longer running left behind (killed with SIGKILL, or by a power cut).
public enum AtomicFile {
    /// Writes `data` to `path` atomically (mode 0644).
    public static func write(_ data: Data, to path: String) throws(RenderError) {
        try produce(path) { (fd, _) throws(RenderError) in
            if let failure = writeAll(data, fd: fd) { throw .writeFailed(path: path, reason: failure) }
        }
    }

    /// Creates an empty temporary file beside `path`, lets `body` fill it (through the open descriptor
    /// or, for another program, its path), then flushes it and renames it over `path` (mode 0644).
    ///
    /// When `body` throws, the temporary file is removed and an existing file at `path` is untouched.
    public static func produce(_ path: String, body: (_ fd: Int32, _ temporaryPath: String) throws(RenderError) -> Void) throws(RenderError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw .writeFailed(path: path, reason: "folder \(dir) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw .writeFailed(path: path, reason: "it is a folder")
        }
        removeStaleTemporaryFiles(in: dir)
        var template = Array((dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in
            guard let base = buf.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw .writeFailed(path: path, reason: "cannot create a temporary file in \(dir): \(errnoText())") }
        let tmpPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let slot = TemporaryFileRegistry.register(tmpPath)
        defer { if let slot { TemporaryFileRegistry.unregister(slot) } }
        do {
            try body(fd, tmpPath)
        } catch {
            close(fd)
            unlink(tmpPath)
            throw error
        }
        var failure: String?
        if fchmod(fd, 0o644) != 0 { failure = errnoText() }
        if failure == nil, fsync(fd) != 0 { failure = "flushing failed: \(errnoText())" }
        if close(fd) != 0, failure == nil { failure = "closing failed: \(errnoText())" }
        if let failure {
            unlink(tmpPath)
            throw .writeFailed(path: path, reason: failure)
        }
        guard rename(tmpPath, path) == 0 else {
            let reason = errnoText()
            unlink(tmpPath)
            throw .writeFailed(path: path, reason: reason)
        }
    }

    /// Removes the temporary files of writes still in progress in this process (before an early exit).
    public static func removePendingTemporaryFiles() {
        TemporaryFileRegistry.removeAll()
    }

    /// Removes `.NAME.tmp-PID-XXXXXX` files in `dir` whose process is no longer running.
    ///
    /// A file whose process id was reused by a running process stays until that process ends.
    static func removeStaleTemporaryFiles(in dir: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names where name.hasPrefix(".") {
            guard let pid = temporaryFileOwner(name), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(dir + "/" + name)
            }
        }
    }

    /// The process id in a temporary file name `.NAME.tmp-PID-XXXXXX`, or nil for any other name.
    static func temporaryFileOwner(_ name: String) -> pid_t? {
        guard let marker = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 6, parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let pid = pid_t(parts[0]), pid > 0 else { return nil }
        return pid
    }

    /// Writes every byte; returns the reason on failure.
    static func writeAll(_ data: Data, fd: Int32) -> String? {
        data.withUnsafeBytes { writeAll($0, fd: fd) }
    }

    /// Writes every byte of `raw` (retrying after signals); returns the reason on failure.
    static func writeAll(_ raw: UnsafeRawBufferPointer, fd: Int32) -> String? {
        var offset = 0
        while offset < raw.count {
            guard let base = raw.baseAddress else { return nil }
            let n = Foundation.write(fd, base + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errnoText()
            }
            offset += n
        }
        return nil
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
