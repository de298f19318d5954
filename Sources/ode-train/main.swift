import CLI

TrainCommand.runAsProgram()
