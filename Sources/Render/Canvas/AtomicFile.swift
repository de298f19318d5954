import Foundation

/// Writes files all-or-nothing: a temporary file in the target folder, flushed, then renamed over the target.
///
/// On failure the temporary file is removed and an existing file at the target is left as it was.
public enum AtomicFile {
    /// Writes `data` to `path` atomically (mode 0644).
    public static func write(_ data: Data, to path: String) throws(RenderError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw .writeFailed(path: path, reason: "folder \(dir) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw .writeFailed(path: path, reason: "it is a folder")
        }
        var template = Array((dir + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in
            guard let base = buf.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw .writeFailed(path: path, reason: "cannot create a temporary file in \(dir): \(errnoText())") }
        let tmpPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure = writeAll(data, fd: fd)
        if failure == nil, fchmod(fd, 0o644) != 0 { failure = errnoText() }
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

    /// Writes every byte; returns the reason on failure.
    private static func writeAll(_ data: Data, fd: Int32) -> String? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
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
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
