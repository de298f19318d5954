import CLI
import Foundation
import Testing

/// SHA-256 against the FIPS 180-4 example messages and chunked input.
@Suite struct SHA256Tests {
    @Test func knownDigests() {
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func chunkedUpdatesEqualOneUpdate() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var chunked = SHA256()
        var start = 0
        for size in [1, 63, 64, 65, 127, 200, 480] {
            chunked.update(bytes[start..<(start + size)])
            start += size
        }
        #expect(start == 1000)
        #expect(chunked.hexDigest() == SHA256.hex(Data(bytes)))
        // Taking a digest leaves the running hash unchanged.
        #expect(chunked.hexDigest() == SHA256.hex(Data(bytes)))
    }
}
