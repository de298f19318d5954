import CLI

GradCommand.runAsProgram()
