// swift-tools-version:6.0
// libFuzzer targets for every parser a user's file reaches; built and run by Fuzz/fuzz.sh
// (swift build -Xswiftc -sanitize=fuzzer,address), never by the main package's build.
import PackageDescription

let package = Package(
    name: "FlowscopeFuzz",
    dependencies: [.package(name: "Flowscope", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzDriver", .product(name: "NeuralODE", package: "Flowscope")]),
        .executableTarget(name: "FuzzModelJSON", dependencies: ["FuzzDriver", .product(name: "NeuralODE", package: "Flowscope")]),
        .executableTarget(name: "FuzzGalleryManifest", dependencies: ["FuzzDriver", .product(name: "FlowscopeCLI", package: "Flowscope")]),
        .executableTarget(name: "FuzzExpression", dependencies: ["FuzzDriver", .product(name: "NeuralODE", package: "Flowscope")]),
        .executableTarget(name: "FuzzPNG", dependencies: ["FuzzDriver", .product(name: "Render", package: "Flowscope")]),
    ]
)
