import Foundation
import Render

/// libFuzzer entry: any bytes as a PNG must decode or give a `CompareError`, never a trap; at most
/// 64 MB of pixels so the fuzzer explores the decoder rather than the allocator.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    if let image = try? RGBAImage(pngData: data, name: "fuzz.png", maximumBytes: 64 << 20) {
        if image.pixels.count != image.width * image.height * 4 { fatalError("decoded size does not match") }
    }
    return 0
}
