import CLI

SolveCommand.runAsProgram()
