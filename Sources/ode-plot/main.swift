import CLI

PlotCommand.runAsProgram()
