import ArgumentParser
import NeuralODE

/// `ode-analyze print`: a system (built-in, `.ode` file or `--equations`) as `.ode` text.
struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a system as .ode text (built-ins included); --jacobian adds its symbolic Jacobian.",
        discussion: """
        User functions and fixed quantities are inlined; --param values replace the parameters' \
        defaults. With --jacobian every nonzero partial derivative follows as an aux line \
        `aux j_f_x = ...` (the derivative of f' with respect to x), simplified. The output reads \
        back with --system FILE.ode.

        Examples:
          ode-analyze print --system van-der-pol --jacobian
          ode-analyze print --system assets/systems/morris-lecar.ode > ml-inlined.ode
        """)

    @OptionGroup(title: "System") var systemOptions: SystemOptions

    @Flag(help: "Add the symbolic Jacobian as aux lines.")
    var jacobian = false

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the text to this file instead of stdout.", valueName: "file.ode"))
    var output: String?

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    init() {}

    func validate() throws {
        guard systemOptions.isGiven else { throw ValidationError("give --system NAME|FILE.ode or --equations TEXT") }
    }

    func run() throws {
        let destination = try OutputDestination(path: output, allowedExtensions: ["ode"])
        let system: TextSystem
        if let text = try systemOptions.textSystem() {
            system = text
        } else if let name = systemOptions.system {
            system = try SystemRegistry.textSystem(named: name)
        } else {
            throw ProgramError.badInput("give --system NAME|FILE.ode or --equations TEXT")
        }
        try destination.write(try system.odeText(jacobian: jacobian, parameters: systemOptions.parameterValues()))
    }
}
