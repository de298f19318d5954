import Foundation
import FuzzDriver
import Render

/// libFuzzer entry: any bytes as a PNG must decode or give a `CompareError`, never a trap; at most
/// 64 MB of pixels so the fuzzer explores the decoder rather than the allocator.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPNG(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    if let image = try? RGBAImage(pngData: data, name: "fuzz.png", maximumBytes: 64 << 20) {
        if image.pixels.count != image.width * image.height * 4 { fatalError("decoded size does not match") }
    }
    return 0
}

exit(flowscope_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, { fuzzPNG($0, $1) }))
