internal import CCrypto
import Foundation

/// SHA-256 of bytes, for the gallery's staleness stamps, computed by OpenSSL's libcrypto.
///
/// A value type: a copy hashes on independently (the digest context is copied on the first write
/// after a copy). Foundation on Linux has no digest API.
public struct SHA256: Sendable {
    private var context: Context

    public init() { context = Context() }

    /// Adds `bytes` to the message.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        array.withUnsafeBytes { update(raw: $0) }
    }

    /// Adds the bytes of `data`.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update(raw: $0) }
    }

    /// Adds the UTF-8 bytes of `text`.
    public mutating func update(_ text: String) { update(Array(text.utf8)) }

    private mutating func update(raw: UnsafeRawBufferPointer) {
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        context.update(raw)
    }

    /// The digest as 64 lowercase hexadecimal digits; the value itself is left unchanged.
    public func hexDigest() -> String {
        context.copy().finish().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The digest of `data`.
    public static func hex(_ data: Data) -> String {
        var hash = SHA256()
        hash.update(data)
        return hash.hexDigest()
    }

    /// An `EVP_MD_CTX` set up for SHA-256; a failed libcrypto call (out of memory) stops the program,
    /// as a failed allocation in Swift would.
    private final class Context: @unchecked Sendable {
        private let pointer: OpaquePointer

        init() {
            pointer = Self.newContext()
            Self.check(EVP_DigestInit_ex(pointer, EVP_sha256(), nil), "EVP_DigestInit_ex")
        }

        private init(copying other: Context) {
            pointer = Self.newContext()
            Self.check(EVP_MD_CTX_copy_ex(pointer, other.pointer), "EVP_MD_CTX_copy_ex")
        }

        deinit { EVP_MD_CTX_free(pointer) }

        func copy() -> Context { Context(copying: self) }

        func update(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            Self.check(EVP_DigestUpdate(pointer, base, bytes.count), "EVP_DigestUpdate")
        }

        /// The 32 digest bytes; the context is finished afterwards.
        func finish() -> [UInt8] {
            var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            Self.check(EVP_DigestFinal_ex(pointer, &digest, &length), "EVP_DigestFinal_ex")
            return Array(digest.prefix(Int(length)))
        }

        private static func newContext() -> OpaquePointer {
            guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto: EVP_MD_CTX_new failed (out of memory)") }
            return context
        }

        private static func check(_ status: Int32, _ call: String) {
            if status != 1 { fatalError("libcrypto: \(call) failed") }
        }
    }
}
