import CLI

AnalyzeCommand.runAsProgram()
