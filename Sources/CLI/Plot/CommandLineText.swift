import Foundation

/// The command that made a file, as a shell line a reader can paste to run it again.
public enum CommandLineText {
    /// The program's name (without its folder) and every argument, quoted for a POSIX shell where needed.
    ///
    /// The folder is left out so the text does not depend on where the program was built.
    public static func current(_ arguments: [String] = CommandLine.arguments) -> String {
        guard let first = arguments.first else { return "" }
        let program = URL(fileURLWithPath: first).lastPathComponent
        return ([program] + arguments.dropFirst().map(quoted)).joined(separator: " ")
    }

    /// `word` as is when it has only safe characters, otherwise in single quotes.
    public static func quoted(_ word: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/=+%@")
        if !word.isEmpty, word.unicodeScalars.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
