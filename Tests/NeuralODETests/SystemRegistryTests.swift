import Testing
@testable import NeuralODE

@Suite struct SystemRegistryTests {
    @Test func registryHasTheRequiredSystems() throws {
        let required = ["exp-decay", "damped-oscillator", "van-der-pol", "lotka-volterra", "duffing",
                        "pendulum", "spiral", "lorenz", "rossler"]
        for name in required {
            let spec = try SystemRegistry.spec(named: name)
            #expect(spec.name == name)
            #expect(spec.exampleInitialState.count == spec.dimension)
            #expect(spec.parameters.count == Set(spec.parameters.map(\.name)).count)
        }
        #expect(Set(SystemRegistry.names).count == SystemRegistry.names.count)
        #expect(SystemRegistry.limitCycleSystems == ["van-der-pol"])
        #expect(try SystemRegistry.spec(named: "lorenz").window.yComponent == 2)
    }

    @Test func unknownSystemNamesTheValidOnes() {
        #expect(throws: SystemError.unknownSystem(name: "vdp", valid: SystemRegistry.names)) {
            try SystemRegistry.field(named: "vdp")
        }
        let message = SystemError.unknownSystem(name: "vdp", valid: SystemRegistry.names).description
        #expect(message.contains("van-der-pol") && message.contains("rossler") && !message.contains("\n"))
    }

    @Test func unknownParameterNamesTheValidOnes() {
        #expect(throws: SystemError.unknownParameter(system: "lorenz", name: "r", valid: ["sigma", "rho", "beta"])) {
            try SystemRegistry.field(named: "lorenz", parameters: ["r": 1])
        }
        #expect(throws: SystemError.nonFiniteParameter(system: "duffing", name: "beta")) {
            try SystemRegistry.field(named: "duffing", parameters: ["beta": .nan])
        }
        #expect(throws: SystemError.invalidBatchSize(0)) {
            try SystemRegistry.field(named: "duffing", batch: 0)
        }
    }

    @Test func overridesReplaceDefaultsByName() throws {
        let field = try SystemRegistry.field(named: "van-der-pol", parameters: ["mu": 1000])
        #expect(field.parameter("mu") == 1000)
        #expect(field.velocity(at: [2, 1]) == [1, 1000 * (1 - 4) * 1 - 2])
        let lv = try SystemRegistry.field(named: "lotka-volterra", parameters: ["c": 2])
        #expect(lv.parameterValues == [1.5, 1, 2, 1])
    }

    @Test func defaultFieldsMatchTheirFormulas() throws {
        func f(_ name: String, _ y: [Double]) throws -> [Double] {
            try SystemRegistry.field(named: name).velocity(at: y)
        }
        #expect(try f("exp-decay", [0.5]) == [-1])
        #expect(try f("damped-oscillator", [1, 2]) == [2, -1 - 1])
        #expect(try f("lotka-volterra", [2, 3]) == [3 - 6, -9 + 6])
        #expect(try f("duffing", [2, 1]) == [1, -0.3 + 2 - 8])
        // Spiral, row vector times A: [x³, y³] · [[-0.1, 2], [-2, -0.1]].
        #expect(try f("spiral", [2, 1]) == [-0.8 - 2, 16 - 0.1])
        let lorenz = try f("lorenz", [1, 2, 3])
        #expect(lorenz[0] == 10 && lorenz[1] == 25 - 2 && abs(lorenz[2] - (2 - 8)) < 1e-15)
        #expect(try f("rossler", [1, 2, 3]) == [-5, 1.4, 0.2 + 3 * (1 - 5.7)])
        let pendulum = try f("pendulum", [Double.pi / 2, 1])
        #expect(pendulum[0] == 1 && abs(pendulum[1] + 9.81) < 1e-12)
    }

    @Test(arguments: SystemRegistry.names)
    func jacobianMatchesCentralDifferences(name: String) throws {
        let batch = 2
        let field = try SystemRegistry.field(named: name, batch: batch)
        let n = field.stateSize
        var generator = SeededGenerator(seed: 7)
        let y = (0..<n).map { _ in generator.nextUniform(in: -2, 2) }
        var analytic = [Double](repeating: .nan, count: n * n)
        y.withUnsafeBufferPointer { yp in
            analytic.withUnsafeMutableBufferPointer { jp in
                field.jacobian(t: 0.3, y: yp.baseAddress!, into: jp.baseAddress!)
            }
        }
        let h = 1e-6
        for j in 0..<n {
            var plus = y, minus = y
            plus[j] += h
            minus[j] -= h
            let fp = evaluate(field, plus), fm = evaluate(field, minus)
            for i in 0..<n {
                let numeric = (fp[i] - fm[i]) / (2 * h)
                let exact = analytic[i * n + j]
                #expect(abs(numeric - exact) <= 1e-6 * max(1, abs(exact)), "\(name) J[\(i)][\(j)]")
            }
        }
    }

    @Test func batchEvaluatesEachStateIndependently() throws {
        let single = try SystemRegistry.field(named: "rossler")
        let triple = try single.batched(3)
        let states: [[Double]] = [[1, 2, 3], [-4, 0.5, 2], [0, 0, 0]]
        let all = evaluate(triple, states.flatMap { $0 })
        for (b, state) in states.enumerated() {
            #expect(Array(all[(3 * b)..<(3 * b + 3)]) == single.velocity(at: state))
        }
    }

    private func evaluate(_ field: SystemField, _ y: [Double]) -> [Double] {
        var dy = [Double](repeating: .nan, count: y.count)
        y.withUnsafeBufferPointer { yp in
            dy.withUnsafeMutableBufferPointer { field.evaluate(t: 0.3, y: yp.baseAddress!, dy: $0.baseAddress!) }
        }
        return dy
    }
}
