import Foundation
import NeuralODE
import Testing

@Suite("Training: schedules, curriculum, early stopping")
struct TrainingScheduleTests {
    @Test("constant and step schedules")
    func stepSchedule() {
        #expect(LearningRateSchedule.constant.rate(base: 0.1, epoch: 57, epochs: 100) == 0.1)
        let step = LearningRateSchedule.step(factor: 0.5, every: 10)
        #expect(step.rate(base: 0.1, epoch: 0, epochs: 100) == 0.1)
        #expect(step.rate(base: 0.1, epoch: 9, epochs: 100) == 0.1)
        #expect(step.rate(base: 0.1, epoch: 10, epochs: 100) == 0.05)
        #expect(step.rate(base: 0.1, epoch: 25, epochs: 100) == 0.025)
    }

    @Test("cosine schedule: base at the first epoch, the mean halfway, the floor at the last")
    func cosineSchedule() {
        let cosine = LearningRateSchedule.cosine(floor: 0.001)
        #expect(cosine.rate(base: 0.1, epoch: 0, epochs: 101) == 0.1)
        #expect(abs(cosine.rate(base: 0.1, epoch: 50, epochs: 101) - 0.0505) < 1e-15)
        #expect(abs(cosine.rate(base: 0.1, epoch: 100, epochs: 101) - 0.001) < 1e-15)
        // A quarter of the way: floor + (base - floor) (1 + cos(pi/4)) / 2
        let quarter = 0.001 + 0.099 * (1 + 0.5.squareRoot()) / 2
        #expect(abs(cosine.rate(base: 0.1, epoch: 25, epochs: 101) - quarter) < 1e-15)
    }

    @Test("schedules parse from their command-line text and print back")
    func parsing() {
        #expect(LearningRateSchedule(text: "constant") == .constant)
        #expect(LearningRateSchedule(text: "step:0.5:100") == .step(factor: 0.5, every: 100))
        #expect(LearningRateSchedule(text: "cosine") == .cosine(floor: 0))
        #expect(LearningRateSchedule(text: "cosine:1e-4") == .cosine(floor: 1e-4))
        #expect(LearningRateSchedule(text: "step:0.5") == nil)
        #expect(LearningRateSchedule(text: "step:-1:10") == nil)
        #expect(LearningRateSchedule(text: "warmup") == nil)
        #expect(LearningRateSchedule(text: LearningRateSchedule.step(factor: 0.3, every: 7).text) == .step(factor: 0.3, every: 7))
    }

    @Test("Exercise 3.1.10's curriculum T = 0.5 + 1.5 min(1, epoch/60) at epochs 0, 30, 60, 90")
    func exerciseCurriculum() {
        let curriculum = HorizonCurriculum.exercise3_1_10
        #expect(curriculum.horizon(epoch: 0) == 0.5)
        #expect(curriculum.horizon(epoch: 30) == 1.25)
        #expect(curriculum.horizon(epoch: 60) == 2)
        #expect(curriculum.horizon(epoch: 90) == 2)
        #expect(HorizonCurriculum(text: "0.5:2:60") == curriculum)
        #expect(HorizonCurriculum(text: "3") == .constant(3))
        #expect(HorizonCurriculum(text: "0:2:60") == nil)
        #expect(HorizonCurriculum(text: "1:2") == nil)
    }

    @Test("early stopping counts evaluations since the best and keeps the best parameters")
    func earlyStopping() {
        var stopper = EarlyStopping(patience: 2)
        let errors = [1.0, 0.5, 0.7, 0.4, .nan, 0.4]  // a NaN and an equal error are not improvements
        var stops: [Bool] = []
        for (epoch, error) in errors.enumerated() {
            stops.append(stopper.record(error: error, epoch: epoch, parameters: [Double(epoch)]))
        }
        #expect(stops == [false, false, false, false, false, true])
        #expect(stopper.best?.epoch == 3)
        #expect(stopper.best?.parameters == [3])
        #expect(stopper.best?.error == 0.4)
    }
}
