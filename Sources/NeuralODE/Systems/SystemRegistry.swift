/// The named dynamical systems Flowscope knows, looked up by name.
public enum SystemRegistry {
    /// Every system's description, in a stable order.
    public static var specs: [SystemSpec] { SystemEquations.catalog.map(\.spec) }

    /// Every system's name, in the order of `specs`.
    public static var names: [String] { specs.map(\.name) }

    /// The description of the system called `name`; throws `SystemError.unknownSystem` naming the valid ones.
    public static func spec(named name: String) throws -> SystemSpec {
        guard let entry = SystemEquations.catalog.first(where: { $0.spec.name == name }) else {
            throw SystemError.unknownSystem(name: name, valid: names)
        }
        return entry.spec
    }

    /// The system called `name` with `parameters` overriding defaults by name, for `batch` states at once.
    public static func field(named name: String, parameters: [String: Double] = [:],
                             batch: Int = 1) throws -> SystemField {
        guard let entry = SystemEquations.catalog.first(where: { $0.spec.name == name }) else {
            throw SystemError.unknownSystem(name: name, valid: names)
        }
        guard batch >= 1 else { throw SystemError.invalidBatchSize(batch) }
        let values = try entry.spec.values(overriding: parameters)
        return SystemField(spec: entry.spec, values: values, equations: entry.make(values), batchSize: batch)
    }

    /// Names of the systems that have a limit cycle at their default parameters.
    public static var limitCycleSystems: [String] { specs.filter(\.hasLimitCycle).map(\.name) }
}
