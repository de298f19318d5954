import CLI
import Testing

/// Splitting manifest commands like a POSIX shell, and refusing what a shell would read differently.
@Suite struct ShellWordsTests {
    @Test func splitsQuotesAndEscapesLikeAShell() throws {
        #expect(try ShellWords.split("ode-plot phase  --ics '0.1,0;-3,2' -o {out}/a.{ext}")
                == ["ode-plot", "phase", "--ics", "0.1,0;-3,2", "-o", "{out}/a.{ext}"])
        #expect(try ShellWords.split(#"a "b c" d\ e 'it'\''s' "q\"x\\y""#) == ["a", "b c", "d e", "it's", #"q"x\y"#])
        #expect(try ShellWords.split(#"--title '\dot{x} = f(x)' ''"#) == ["--title", #"\dot{x} = f(x)"#, ""])
        #expect(try ShellWords.split("  ") == [])
    }

    @Test(arguments: ["a;b", "a | b", "a > out", "$HOME/x", "a*", "(a)", "a `b`", "#comment", "~/x", "\"$x\""])
    func refusesUnquotedShellCharacters(line: String) {
        #expect(throws: ShellWords.SplitError.self) { try ShellWords.split(line) }
    }

    @Test func refusesUnbalancedQuotesAndTrailingBackslash() {
        for line in ["a 'b", "a \"b", "a\\"] {
            #expect(throws: ShellWords.SplitError.self) { try ShellWords.split(line) }
        }
    }

    @Test func joinSplitsBackToTheSameWords() throws {
        let words = ["ode-plot", "phase", "--ics", "0.1,0;-3,2", "--title", "it's \\mu", "", "-o", "gallery/a b.png"]
        let line = ShellWords.join(words)
        #expect(line == #"ode-plot phase --ics '0.1,0;-3,2' --title 'it'\''s \mu' '' -o 'gallery/a b.png'"#)
        #expect(try ShellWords.split(line) == words)
    }
}
