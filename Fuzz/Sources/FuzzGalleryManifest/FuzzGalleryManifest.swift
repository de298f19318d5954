import CLI
import Foundation

/// libFuzzer entry: any bytes as gallery/gallery.json must give a manifest or one-line error, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGalleryManifest(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    _ = try? GalleryManifestReader.parse(data, name: "fuzz.json")
    return 0
}
