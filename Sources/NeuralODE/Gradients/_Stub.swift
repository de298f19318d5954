// Temporary: the API compiles while the passes are written.
final class ForwardSolver<F: ParametricField> {
    enum Mode { case plain }
    struct Pass { var statistics = SolveStatistics(); var failure: GradientFailure? }
    init(field: F) {}
    func run(_ batch: ObservationBatch, settings: GradientSettings, mode: Mode) -> Pass { preconditionFailure("not implemented yet") }
    func predictionArray(_ batch: ObservationBatch) -> [Double] { [] }
    func lossValue(_ batch: ObservationBatch, kind: LossKind) -> Double { .nan }
}
final class AdjointSolver<F: ParametricField> { init(field: F) {} }
extension GradientEngine {
    func validate(_ batch: ObservationBatch, settings: GradientSettings) throws(GradientConfigurationError) {}
    func backprop(_ batch: ObservationBatch, settings: GradientSettings) -> GradientResult { preconditionFailure("not implemented yet") }
    func adjoint(_ batch: ObservationBatch, settings: GradientSettings) -> GradientResult { preconditionFailure("not implemented yet") }
    func finiteDifference(_ batch: ObservationBatch, settings: GradientSettings) -> GradientResult { preconditionFailure("not implemented yet") }
}
