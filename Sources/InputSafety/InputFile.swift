import Foundation

/// Reads a file a user names, with one-line reasons instead of Foundation's error domains.
///
/// Checks, in order: the path exists, it is not a folder, its size is within `maximumBytes`, and
/// the bytes can be read (the reason is the system's, e.g. "Permission denied").
public enum InputFile {
    /// Why a file cannot be read.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case notFound
        case isFolder
        case tooLarge(bytes: Int, limit: Int)
        case unreadable(reason: String)

        public var description: String {
            switch self {
            case .notFound: return "no such file"
            case .isFolder: return "it is a folder, not a file"
            case .tooLarge(let bytes, let limit):
                return "it is \(ByteCount.text(bytes)), more than the \(ByteCount.text(limit)) this reader accepts"
            case .unreadable(let reason): return reason
            }
        }
    }

    /// The bytes of the file at `path`, refusing files over `maximumBytes`.
    public static func read(_ path: String, maximumBytes: Int = 1 << 30) throws(Failure) -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .notFound }
        guard !isFolder.boolValue else { throw .isFolder }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .isFolder }
        if info.st_size > maximumBytes { throw .tooLarge(bytes: Int(info.st_size), limit: maximumBytes) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            guard bytes.count + n <= maximumBytes else { throw .tooLarge(bytes: bytes.count + n, limit: maximumBytes) }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return Data(bytes)
    }
}
