import Testing
@testable import Render

@Suite("Label notation parser")
struct NotationParserTests {
    func parse(_ s: String) throws -> [NotationNode] { try NotationParser.parse(s) }

    @Test func plainTextIsOneRun() throws {
        #expect(try parse("time t (s)") == [.text("time t (s)")])
        #expect(try parse("") == [])
    }

    @Test func subscriptsAndSuperscripts() throws {
        #expect(try parse("f_\\theta") == [.text("f"), .sub([.text("θ")])])
        #expect(try parse("x^2 + y_1") == [.text("x"), .sup([.text("2")]), .text(" + y"), .sub([.text("1")])])
        #expect(try parse("e^{-2t}") == [.text("e"), .sup([.text("−2t")])])
        #expect(try parse("y_{n+1}") == [.text("y"), .sub([.text("n+1")])])
        #expect(try parse("x_{i_j}") == [.text("x"), .sub([.text("i"), .sub([.text("j")])])])
    }

    @Test func hyphenIsMinusOnlyInScripts() throws {
        #expect(try parse("a-b^-1") == [.text("a-b"), .sup([.text("−")]), .text("1")])
    }

    @Test func greekByNameOrDirectly() throws {
        #expect(try parse("\\alpha\\beta\\omega") == [.text("αβω")])
        #expect(try parse("\\Theta \\Delta\\Sigma\\Omega") == [.text("Θ ΔΣΩ")])
        #expect(try parse("\\Delta{}t") == [.text("Δt")])
        #expect(try parse("θ_0") == [.text("θ"), .sub([.text("0")])])
        #expect(try parse("\\mu = 1") == [.text("μ = 1")])
    }

    @Test func symbols() throws {
        #expect(try parse("\\partial{}L/\\partial\\theta") == [.text("∂L/∂θ")])
        #expect(try parse("a\\cdot{}b\\times{}c") == [.text("a·b×c")])
        #expect(try parse("a \\cdot b") == [.text("a · b")])
        #expect(try parse("t\\to\\infty") == [.text("t→∞")])
        #expect(try parse("\\le\\ge\\approx") == [.text("≤≥≈")])
        #expect(try parse("\\|y\\|") == [.text("‖y‖")])
    }

    @Test func dotOverSymbol() throws {
        #expect(try parse("\\dot{y}") == [.dot([.text("y")])])
        #expect(try parse("\\dot y_1") == [.dot([.text("y")]), .sub([.text("1")])])
        #expect(try parse("\\dot{\\theta}") == [.dot([.text("θ")])])
    }

    @Test func escapes() throws {
        #expect(try parse("a\\_b \\^ c\\\\d") == [.text("a_b ^ c\\d")])
        #expect(try parse("\\{x\\}") == [.text("{x}")])
        #expect(try parse("{ab}c") == [.text("abc")])
    }

    @Test func errors() {
        #expect(throws: NotationError.unknownCommand("foo")) { try parse("\\foo") }
        #expect(throws: NotationError.unbalancedBrace(position: 2)) { try parse("x^{2") }
        #expect(throws: NotationError.unbalancedBrace(position: 1)) { try parse("x}") }
        #expect(throws: NotationError.missingArgument(after: "_")) { try parse("x_") }
        #expect(throws: NotationError.missingArgument(after: "^")) { try parse("x^}") }
        #expect(throws: NotationError.trailingBackslash) { try parse("x\\") }
    }

    @Test func invalidNotationIsShownLiterally() throws {
        #expect(Label("50% of x_").nodes == [.text("50% of x_")])
        #expect(throws: NotationError.self) { try Label(validating: "x_") }
        #expect(Label("f_\\theta(t, y)").plainText == "fθ(t, y)")
    }
}
