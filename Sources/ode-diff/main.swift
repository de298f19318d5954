import CLI

DiffCommand.runAsProgram()
