import Foundation
import Testing

/// The chaos-learning commands run as built programs: `ode-plot gradient-horizon`, `error-growth`,
/// `prediction-times` and `ode-analyze compare`, on the mini-project's model so a debug build can afford them.
@Suite struct ChaosLearningProgramTests {
    private let vdp = ["--model", "gallery/data/vdp.json", "--system", "van-der-pol"]

    @Test func gradientHorizonWritesItsFigureAndNumbers() throws {
        let scratch = try ScratchFolder()
        let sidecar = scratch.path("g.figure.json")
        let result = try BuiltProgram("ode-plot").run(["gradient-horizon"] + vdp + [
            "--transient", "5", "--starts", "3", "--from", "0.1", "--to", "1.1", "--count", "3", "-o", scratch.path("g.png")],
            environment: ["FLOWSCOPE_FIGURE_SIDECAR": sidecar])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sidecar))) as? [String: Any]
        let numbers = try #require(object?["numbers"] as? [String: Any])
        for key in ["starts", "shortest", "longest", "growthRate", "normRatio", "lambda1"] {
            #expect(numbers[key] != nil, "missing \(key)")
        }
        // Van der Pol's largest exponent is 0: its estimate is small.
        let lambda = try #require((numbers["lambda1"] as? [String: Any])?["value"] as? Double)
        #expect(abs(lambda) < 0.05)
    }

    @Test(arguments: [
        (["gradient-horizon", "--model", "gallery/data/vdp.json", "--system", "lorenz"], "state components"),
        (["gradient-horizon", "--system", "lorenz"], "--model"),
        (["prediction-times", "--model", "gallery/data/vdp.json"], "--system"),
        (["error-growth", "--model", "gallery/data/vdp.json", "--system", "van-der-pol", "--threshold", "0"], "--threshold"),
        (["gradient-horizon", "--model", "gallery/data/vdp.json", "--system", "van-der-pol", "--from", "3", "--to", "2"], "--interval"),
    ])
    func badInputExitsTwo(arguments: [String], message: String) throws {
        let scratch = try ScratchFolder()
        let result = try BuiltProgram("ode-plot").run(arguments + ["-o", scratch.path("x.png")])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try scratch.contents().isEmpty)
    }

    @Test func compareRefusesBadSettings() throws {
        let bins = try BuiltProgram("ode-analyze").run(["compare"] + vdp + ["--bins", "1"])
        #expect(bins.status == 2 && bins.stderr.contains("--bins"))
        let heldOut = try BuiltProgram("ode-analyze").run(["compare"] + vdp + ["--held-out", "0"])
        #expect(heldOut.status == 2 && heldOut.stderr.contains("--held-out"))
    }
}
