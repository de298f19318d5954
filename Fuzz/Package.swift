// swift-tools-version:6.0
// libFuzzer targets for every parser a user's file reaches; built and run by Fuzz/fuzz.sh
// (swift build -Xswiftc -sanitize=fuzzer,address), never by the main package's build.
import PackageDescription

let package = Package(
    name: "FlowscopeFuzz",
    dependencies: [.package(name: "Flowscope", path: "..")],
    targets: [
        .executableTarget(name: "FuzzCSV", dependencies: [.product(name: "NeuralODE", package: "Flowscope")]),
        .executableTarget(name: "FuzzModelJSON", dependencies: [.product(name: "NeuralODE", package: "Flowscope")]),
        .executableTarget(name: "FuzzGalleryManifest", dependencies: [.product(name: "FlowscopeCLI", package: "Flowscope")]),
        .executableTarget(name: "FuzzPNG", dependencies: [.product(name: "Render", package: "Flowscope")]),
    ]
)
