import Foundation
import Testing
@testable import Figures
import NeuralODE
import Render

@Suite("Latent spiral figure")
struct LatentSpiralFigureTests {
    @Test("three spirals of each direction, the curves join, the errors are the held-out set's")
    func panels() throws {
        let model = LatentModel(observationSize: 2, latentSize: 3, encoderHidden: 6, fieldHidden: [8], decoderHidden: 6, seed: 2)
        var recipe = LatentSpiralFigure(model: model, seed: 5)
        recipe.keep = 10...20
        let data = try recipe.compute()
        #expect(data.panels.count == 6)
        #expect(data.panels.filter(\.clockwise).count == 3)
        for panel in data.panels {
            // Backward path ends where the reconstruction starts; the reconstruction ends where extrapolation starts.
            #expect(panel.backward.x.last == panel.reconstruction.x.first)
            #expect(panel.reconstruction.x.last == panel.forward.x.first)
            #expect(panel.truth.x.count == panel.backward.x.count + panel.reconstruction.x.count + panel.forward.x.count - 2)
        }
        let task = LatentSpiralsPreset.heldOutTask(seed: 5, keep: 10...20)
        let errors = try LatentHeldOut(task: task, spirals: task.generate(), extrapolationPoints: 100)
            .meanSquaredErrors(LatentPredictor(model: model))
        #expect(data.reconstructionError == errors.reconstruction)
        #expect(data.extrapolationError == errors.extrapolation)
        let keys = recipe.keyNumbers(data).map(\.key)
        #expect(keys.contains("reconstructionMSE") && keys.contains("extrapolationMSE"))
    }
}
