/// Why two images could not be read or compared.
public enum CompareError: Error, Equatable, CustomStringConvertible {
    case fileMissing(path: String)
    case unreadable(path: String, reason: String)
    /// The file does not start with the PNG signature.
    case notPNG(path: String)
    /// libpng rejected the file (truncated, corrupt, unsupported).
    case decodeFailed(path: String, message: String)
    case sizeMismatch(first: (width: Int, height: Int), second: (width: Int, height: Int))

    public var description: String {
        switch self {
        case let .fileMissing(path): return "no such file: \(path)"
        case let .unreadable(path, reason): return "cannot read \(path): \(reason)"
        case let .notPNG(path): return "\(path) is not a PNG file"
        case let .decodeFailed(path, message): return "cannot decode PNG \(path): \(message)"
        case let .sizeMismatch(a, b):
            return "images differ in size: \(a.width)×\(a.height) and \(b.width)×\(b.height) pixels"
        }
    }

    public static func == (l: CompareError, r: CompareError) -> Bool {
        switch (l, r) {
        case let (.fileMissing(a), .fileMissing(b)), let (.notPNG(a), .notPNG(b)): return a == b
        case let (.unreadable(a, x), .unreadable(b, y)), let (.decodeFailed(a, x), .decodeFailed(b, y)): return a == b && x == y
        case let (.sizeMismatch(a1, a2), .sizeMismatch(b1, b2)):
            return a1.width == b1.width && a1.height == b1.height && a2.width == b2.width && a2.height == b2.height
        default: return false
        }
    }
}
