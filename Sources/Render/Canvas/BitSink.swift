/// Writes bit fields least significant bit first into a byte buffer, as deflate packs them.
///
/// The buffer must have room for every byte written; nothing is checked here (the caller bounds the output first).
struct BitSink {
    let base: UnsafeMutablePointer<UInt8>
    /// Bytes written so far, not counting the bits still held back.
    private(set) var position = 0
    private var held: UInt64 = 0
    private var heldCount = 0

    init(base: UnsafeMutablePointer<UInt8>) { self.base = base }

    /// Bits written so far, including those held back.
    var bitCount: Int { 8 * position + heldCount }

    /// Appends the low `count` bits of `value` (at most 32; higher bits of `value` must be zero).
    @inline(__always)
    mutating func put(_ value: UInt32, _ count: Int) {
        held |= UInt64(value) &<< UInt64(heldCount)
        heldCount += count
        if heldCount >= 32 {
            UnsafeMutableRawPointer(base + position).storeBytes(of: UInt32(truncatingIfNeeded: held).littleEndian, as: UInt32.self)
            position += 4
            held &>>= 32
            heldCount -= 32
        }
    }

    /// Pads with zero bits to a byte boundary and writes out what is held.
    mutating func alignToByte() {
        while heldCount > 0 {
            base[position] = UInt8(truncatingIfNeeded: held)
            position += 1
            held >>= 8
            heldCount -= 8
        }
        held = 0
        heldCount = 0
    }

    /// Copies whole bytes; call only on a byte boundary.
    mutating func append(_ bytes: UnsafePointer<UInt8>, count: Int) {
        precondition(heldCount == 0, "byte copies need a byte boundary")
        (base + position).update(from: bytes, count: count)
        position += count
    }

    mutating func appendByte(_ byte: UInt8) {
        precondition(heldCount == 0, "byte copies need a byte boundary")
        base[position] = byte
        position += 1
    }
}
