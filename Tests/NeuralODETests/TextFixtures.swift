import Foundation
@testable import NeuralODE

/// The `.ode` files in `assets/systems/` and the built-ins written as text, for text-system tests.
enum TextFixtures {
    static let systemsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assets/systems")

    /// Paths of every committed `.ode` file, sorted.
    static func odePaths() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: systemsDirectory.path)
            .filter { $0.hasSuffix(".ode") }.sorted()
            .map { systemsDirectory.appendingPathComponent($0).path }
    }

    /// Every fixture: the committed files and the nine built-ins as text.
    static func all() throws -> [TextSystem] {
        try odePaths().map { try TextSystem.load(path: $0) }
            + SystemRegistry.names.map { try SystemRegistry.textSystem(named: $0) }
    }

    /// A point inside the system's window (other components from the initial state, jittered).
    static func samplePoint(_ system: TextSystem, _ rng: inout SeededGenerator) -> [Double] {
        let spec = system.spec
        var y = spec.exampleInitialState.map { $0 + rng.nextUniform(in: -0.5, 0.5) }
        let w = spec.window
        if let x = w.xComponent { y[x] = rng.nextUniform(in: w.x.lowerBound, w.x.upperBound) }
        y[w.yComponent] = rng.nextUniform(in: w.y.lowerBound, w.y.upperBound)
        return y
    }
}
