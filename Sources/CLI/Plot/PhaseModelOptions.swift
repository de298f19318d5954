import ArgumentParser
import Figures
import NeuralODE

/// `--model` and `--layout` of `ode-plot phase`: draw a learned field, alone or against the true one.
public struct PhaseModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Draw this trained model's field (flowscope.mlp.v1 with state_dim 2).", valueName: "model.json"))
    public var model: String?

    @Option(help: ArgumentHelp("With --model (default side-by-side with --system, else learned).", valueName: "layout"))
    public var layout: PhaseLayout?

    public init() {}

    /// The layout asked for, or the default for whether a system is given.
    func resolvedLayout(hasSystem: Bool) -> PhaseLayout {
        layout ?? (hasSystem ? .sideBySide : .learned)
    }
}

extension PhaseCommand {
    /// `ode-plot phase --model`: the learned field in the chosen layout.
    func runLearned(modelPath: String) throws {
        let options = animate ? try figure.animationOptions() : try figure.figureOptions()
        guard plane.slices.isEmpty else { throw ProgramError.badInput("--slice applies to n-D systems; a --model figure is planar") }
        let model = try LearnedInputs.model(modelPath)
        let system = systemOptions.isGiven ? try systemOptions.field() : nil
        let layout = learned.resolvedLayout(hasSystem: system != nil)
        var animated: PhasePortrait<MLPField>?
        do throws(FigureError) {
            let w: PhaseWindow
            if let window {
                w = window
            } else if let spec = system?.spec, spec.dimension == 2 {
                w = try PhaseWindow(x: spec.window.x, y: spec.window.y)
            } else {
                w = try PhaseWindow(x: -3...3, y: -3...3)
            }
            var recipe = try LearnedPhasePortrait(model: model, system: system, window: w, layout: layout)
            if let ics { recipe.initialStates = ics }
            recipe.duration = t1
            recipe.streamlineSeed = seed.seed
            recipe.analysisParts = analysisParts
            let command = CommandLineText.current()
            if animate && layout != .learned && learned.layout != nil {
                throw FigureError.invalidInput("--animate with --model draws the learned field alone; leave out --layout or give --layout learned")
            }
            if layout == .learned || animate {
                var portrait = try recipe.learnedPortrait()
                portrait.showsQuiver = quiver || !streamlines
                portrait.showsStreamlines = streamlines || !quiver
                portrait.analysisField = AnalysisField(network: model.makeField())
                portrait.analysisParts = analysisParts
                if limitCycle { portrait.limitCycle = LimitCycleFinder(start: system?.spec.exampleInitialState ?? [2, 0]) }
                if animate {
                    animated = portrait
                } else {
                    let data = try portrait.compute()
                    for line in data.stopped { StandardStreams.writeError("ode-plot: warning: \(line)\n") }
                    try portrait.write(data, to: figure.output, options: options, version: flowscopeVersion, command: command)
                }
            } else {
                let data = try recipe.compute()
                for line in data.warnings { StandardStreams.writeError("ode-plot: warning: \(line)\n") }
                try recipe.write(data, to: figure.output, options: options, version: flowscopeVersion, command: command)
            }
        } catch {
            throw LearnedInputs.programError(error)
        }
        if let animated { try writeAnimation(animated, options: options, role: .learned) }
    }
}
