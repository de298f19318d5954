import Foundation

/// Finds a key that appears twice in one JSON object, which Foundation's readers accept silently.
///
/// `JSONSerialization` and `JSONDecoder` keep one of the two values without a word, so a model
/// file or manifest edited by hand could mean something other than what its reader sees. This
/// scanner walks the text once, tracking the keys of every open object; keys are compared after
/// their escapes are decoded (`"a"` and `"\u0061"` are the same key). It expects text a JSON
/// parser has accepted, but never traps on any input: malformed text ends the scan with no result.
public enum JSONDuplicateKeys {
    /// A repeated key: the key, where its object is (`layers[0]`, or `(top level)`), and the
    /// 1-based line and column of its second appearance.
    public struct Duplicate: Equatable, Sendable, CustomStringConvertible {
        public let key: String
        public let path: String
        public let line: Int
        public let column: Int

        public init(key: String, path: String, line: Int, column: Int) {
            self.key = key; self.path = path; self.line = line; self.column = column
        }

        public var description: String {
            "the key \"\(key)\" appears twice in \(path) (line \(line), column \(column))"
        }
    }

    /// The first repeated key in `data`, or nil when every object's keys are distinct.
    public static func first(in data: Data) -> Duplicate? {
        let bytes = [UInt8](data)
        var scanner = Scanner(bytes: bytes)
        return scanner.run()
    }

    private enum Frame {
        case object(keys: Set<String>, current: String?, expectingKey: Bool)
        case array(index: Int)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var line = 1
        var lineStart = 0
        var stack: [Frame] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> Duplicate? {
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "{"):
                    stack.append(.object(keys: [], current: nil, expectingKey: true))
                    position += 1
                case UInt8(ascii: "["):
                    stack.append(.array(index: 0))
                    position += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if !stack.isEmpty { stack.removeLast() }
                    position += 1
                case UInt8(ascii: ","):
                    if let top = stack.last {
                        switch top {
                        case .object(let keys, _, _):
                            stack[stack.count - 1] = .object(keys: keys, current: nil, expectingKey: true)
                        case .array(let index):
                            stack[stack.count - 1] = .array(index: index + 1)
                        }
                    }
                    position += 1
                case UInt8(ascii: ":"):
                    if case .object(let keys, let current, _)? = stack.last {
                        stack[stack.count - 1] = .object(keys: keys, current: current, expectingKey: false)
                    }
                    position += 1
                case UInt8(ascii: "\""):
                    let column = position - lineStart + 1
                    let startLine = line
                    guard let text = readString() else { return nil }
                    if case .object(var keys, _, true)? = stack.last {
                        let path = pathText(excludingTop: true)
                        guard keys.insert(text).inserted else {
                            return Duplicate(key: text, path: path, line: startLine, column: column)
                        }
                        stack[stack.count - 1] = .object(keys: keys, current: text, expectingKey: false)
                    }
                case UInt8(ascii: "\n"):
                    position += 1
                    line += 1
                    lineStart = position
                default:
                    position += 1
                }
            }
            return nil
        }

        /// The path of the innermost open object (`layers[0]`), for messages.
        func pathText(excludingTop: Bool) -> String {
            var text = ""
            let frames = excludingTop ? stack.dropLast() : stack[...]
            for frame in frames {
                switch frame {
                case .object(_, let current, _):
                    guard let current else { continue }
                    text += text.isEmpty ? current : "." + current
                case .array(let index):
                    text += "[\(index)]"
                }
            }
            return text.isEmpty ? "(top level)" : text
        }

        /// Reads the string starting at the opening quote, decoding escapes; nil when unterminated.
        mutating func readString() -> String? {
            position += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flushRaw() {
                if !raw.isEmpty { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw = [] }
            }
            var pendingHigh: UInt32?
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    flushRaw()
                    if pendingHigh != nil { scalars.append("\u{FFFD}") }
                    return String(scalars)
                }
                if byte == UInt8(ascii: "\n") { line += 1; lineStart = position + 1 }
                guard byte == UInt8(ascii: "\\") else {
                    if pendingHigh != nil { flushRaw(); scalars.append("\u{FFFD}"); pendingHigh = nil }
                    raw.append(byte)
                    position += 1
                    continue
                }
                flushRaw()
                guard position + 1 < bytes.count else { return nil }
                let escaped = bytes[position + 1]
                position += 2
                if escaped == UInt8(ascii: "u") {
                    guard position + 4 <= bytes.count, let unit = hex(bytes[position..<(position + 4)]) else { return nil }
                    position += 4
                    if (0xD800...0xDBFF).contains(unit) {
                        if pendingHigh != nil { scalars.append("\u{FFFD}") }
                        pendingHigh = unit
                        continue
                    }
                    if (0xDC00...0xDFFF).contains(unit), let high = pendingHigh {
                        let value = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                        scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                        pendingHigh = nil
                        continue
                    }
                    if pendingHigh != nil { scalars.append("\u{FFFD}"); pendingHigh = nil }
                    scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                    continue
                }
                if pendingHigh != nil { scalars.append("\u{FFFD}"); pendingHigh = nil }
                switch escaped {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                default: scalars.append(Unicode.Scalar(escaped))
                }
            }
            return nil
        }

        func hex(_ digits: ArraySlice<UInt8>) -> UInt32? {
            var value: UInt32 = 0
            for digit in digits {
                let nibble: UInt8
                switch digit {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(nibble)
            }
            return value
        }
    }
}
