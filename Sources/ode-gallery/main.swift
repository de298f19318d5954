import CLI

GalleryCommand.runAsProgram()
