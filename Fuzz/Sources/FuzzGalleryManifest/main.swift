import CLI
import Foundation
import FuzzDriver

/// libFuzzer entry: any bytes as gallery/gallery.json must give a manifest or one-line error, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzGalleryManifest(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    _ = try? GalleryManifestReader.parse(data, name: "fuzz.json")
    return 0
}

exit(flowscope_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, { fuzzGalleryManifest($0, $1) }))
