// swift-tools-version:6.0
import PackageDescription

/// Release builds are portable: no reading of the building machine's CPU, no `-Ounchecked`. The
/// network kernels get AVX2/FMA speed from the internal C target `_NetworkKernels`, which carries
/// an AVX2/FMA and a baseline version of each kernel and picks one at run time (same bits either way).
/// Opt-in native tuning: `FLOWSCOPE_TARGET_CPU=haswell swift build -c release` (any CPU name that
/// swiftc's `-target-cpu` accepts) tunes NeuralODE, Render and ode-bench for that CPU; such a
/// binary may not run on older CPUs, and packages that depend on these products cannot use it.
let targetCPU = Context.environment["FLOWSCOPE_TARGET_CPU"].flatMap { $0.isEmpty ? nil : $0 }

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]
let fast: [SwiftSetting] = strict + (targetCPU.map { [.unsafeFlags(["-target-cpu", $0], .when(configuration: .release))] } ?? [])

let package = Package(
    name: "Flowscope",
    products: [
        .library(name: "NeuralODE", targets: ["NeuralODE"]),
        .library(name: "Render", targets: ["Render"]),
        .library(name: "InputSafety", targets: ["InputSafety"]),
        .library(name: "FlowscopeCLI", targets: ["CLI"]),
        .executable(name: "ode-solve", targets: ["ode-solve"]),
        .executable(name: "ode-train", targets: ["ode-train"]),
        .executable(name: "ode-grad", targets: ["ode-grad"]),
        .executable(name: "ode-plot", targets: ["ode-plot"]),
        .executable(name: "ode-diff", targets: ["ode-diff"]),
        .executable(name: "ode-gallery", targets: ["ode-gallery"]),
        .executable(name: "ode-bench", targets: ["ode-bench"]),
        .executable(name: "ode-analyze", targets: ["ode-analyze"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CDeflate", path: "Sources/CDeflate", pkgConfig: "libdeflate",
                       providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CGif", path: "Sources/CGif", providers: [.apt(["libgif-dev"])]),
        .systemLibrary(name: "CWebP", path: "Sources/CWebP", pkgConfig: "libwebpmux", providers: [.apt(["libwebp-dev"])]),
        .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK", providers: [.apt(["liblapack-dev"])]),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CPNGRead", dependencies: ["CPNG"]),
        .target(name: "InputSafety", exclude: ["README.md"], swiftSettings: strict),
        .target(name: "_NetworkKernels", path: "Sources/_NetworkKernels"),
        .target(name: "NeuralODE", dependencies: ["SwiftCSV", "CLAPACK", "_NetworkKernels", "InputSafety"], exclude: ["README.md"], swiftSettings: fast),
        .target(name: "Render", dependencies: ["CCairo", "CPNG", "CPNGRead", "CDeflate", "CGif", "CWebP", "InputSafety"], exclude: ["README.md"], swiftSettings: fast),
        .target(name: "Figures", dependencies: ["NeuralODE", "Render", "InputSafety"], exclude: ["README.md"], swiftSettings: strict),
        .target(name: "CLI", dependencies: [
            "NeuralODE", "Render", "Figures", "CCrypto", "InputSafety",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["README.md"], swiftSettings: strict),
        .executableTarget(name: "ode-solve", dependencies: ["CLI"], swiftSettings: strict),
        .executableTarget(name: "ode-train", dependencies: ["CLI"], swiftSettings: strict),
        .executableTarget(name: "ode-grad", dependencies: ["CLI"], swiftSettings: strict),
        .executableTarget(name: "ode-plot", dependencies: ["CLI"], swiftSettings: strict),
        .executableTarget(name: "ode-diff", dependencies: ["CLI"], swiftSettings: strict),
        .executableTarget(name: "ode-gallery", dependencies: ["CLI"], swiftSettings: strict),
        .executableTarget(name: "ode-analyze", dependencies: ["CLI"], swiftSettings: strict),
        .executableTarget(name: "ode-bench", dependencies: ["NeuralODE", "Render", "Figures", "_NetworkKernels", "COpenBLAS"],
                          swiftSettings: fast),
        .testTarget(name: "NeuralODETests", dependencies: ["NeuralODE"], swiftSettings: strict),
        .testTarget(name: "RenderTests", dependencies: ["Render"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "NeuralODE", "Render"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["NeuralODE", "Render"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["CLI", "NeuralODE", "Render"], swiftSettings: strict),
        .testTarget(name: "InputSafetyTests", dependencies: ["InputSafety"], swiftSettings: strict),
    ]
)
