import Foundation
import Testing
@testable import NeuralODE

/// Expressions parsed from text against the same expressions written as Swift closures.
@Suite struct TextExpressionTests {
    /// A random expression over x, y, z as text (fully parenthesised) and as a closure.
    struct Sample {
        let text: String
        let value: @Sendable ([Double]) -> Double
    }

    static func random(depth: Int, _ rng: inout SeededGenerator) -> Sample {
        let choice = depth <= 0 ? Int(rng.nextBelow(2)) : Int(rng.nextBelow(12))
        switch choice {
        case 0:
            let i = Int(rng.nextBelow(3))
            let name = ["x", "Y", "z"][i]
            return Sample(text: name, value: { $0[i] })
        case 1:
            let c = (rng.nextUniform(in: -3, 3) * 100).rounded() / 100
            return Sample(text: "(\(c))", value: { _ in c })
        case 2, 3, 4, 5:
            let a = random(depth: depth - 1, &rng), b = random(depth: depth - 1, &rng)
            let ops: [(String, @Sendable (Double, Double) -> Double)] = [("+", { $0 + $1 }), ("-", { $0 - $1 }),
                                                                        ("*", { $0 * $1 }), ("/", { $0 / $1 })]
            let (symbol, f) = ops[Int(rng.nextBelow(4))]
            return Sample(text: "(\(a.text)\(symbol)\(b.text))", value: { f(a.value($0), b.value($0)) })
        case 6:
            let a = random(depth: depth - 1, &rng)
            let n = Int(rng.nextBelow(4)) + 1
            let op = rng.nextBelow(2) == 0 ? "^" : "**"
            // Integer powers are products, as Flowscope compiles them.
            return Sample(text: "(\(a.text))\(op)\(n)", value: { y in
                let v = a.value(y)
                var p = v
                for _ in 1..<max(n, 1) { p *= v }
                return p
            })
        case 7:
            let a = random(depth: depth - 1, &rng)
            return Sample(text: "(-\(a.text))", value: { -a.value($0) })
        case 8:
            let a = random(depth: depth - 1, &rng)
            let fs: [(String, @Sendable (Double) -> Double)] = [
                ("sin", { sin($0) }), ("COS", { cos($0) }), ("tanh", { tanh($0) }), ("atan", { atan($0) }),
                ("abs", { abs($0) }), ("exp", { exp(min($0, 5)) }), ("floor", { floor($0) }), ("heav", { $0 >= 0 ? 1 : 0 }),
                ("sinh", { sinh($0) }), ("sign", { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }), ("ceil", { ceil($0) }),
            ]
            let (name, f) = fs[Int(rng.nextBelow(UInt64(fs.count)))]
            let text = name == "exp" ? "exp(min(\(a.text),5))" : "\(name)(\(a.text))"
            return Sample(text: text, value: { f(a.value($0)) })
        case 9:
            let a = random(depth: depth - 1, &rng), b = random(depth: depth - 1, &rng)
            let fs: [(String, @Sendable (Double, Double) -> Double)] = [
                ("max", { max($0, $1) }), ("min", { min($0, $1) }), ("atan2", { atan2($0, $1) }),
            ]
            let (name, f) = fs[Int(rng.nextBelow(3))]
            return Sample(text: "\(name)(\(a.text),\(b.text))", value: { f(a.value($0), b.value($0)) })
        case 10:
            let a = random(depth: depth - 1, &rng)
            return Sample(text: "(sqrt(abs(\(a.text))) + log(1+abs(\(a.text))))",
                          value: { sqrt(abs(a.value($0))) + log(1 + abs(a.value($0))) })
        default:
            let c = random(depth: depth - 1, &rng), a = random(depth: depth - 1, &rng), b = random(depth: depth - 1, &rng)
            return Sample(text: "if((\(c.text)>0.5)&(x<2)|not(y<=-1))then(\(a.text))else(\(b.text))",
                          value: { (c.value($0) > 0.5 && $0[0] < 2) || !($0[1] <= -1) ? a.value($0) : b.value($0) })
        }
    }

    static func agree(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= 1e-12 * max(1, abs(a), abs(b))
    }

    @Test func randomExpressionsMatchSwiftClosures() throws {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<300 {
            let sample = Self.random(depth: 4, &rng)
            let system = try TextSystem.parse("x' = \(sample.text)\ny' = 0\nz' = 0", name: "random")
            let batch = 40
            let field = try system.field(batch: batch)
            var states: [Double] = []
            for _ in 0..<batch { states += [rng.nextUniform(in: -2, 2), rng.nextUniform(in: -2, 2), rng.nextUniform(in: -2, 2)] }
            var out = [Double](repeating: .nan, count: states.count)
            states.withUnsafeBufferPointer { y in
                out.withUnsafeMutableBufferPointer { dy in
                    field.evaluate(t: 0, y: y.baseAddress!, dy: dy.baseAddress!)
                }
            }
            for b in 0..<batch {
                let expected = sample.value(Array(states[3 * b..<3 * b + 3]))
                #expect(Self.agree(out[3 * b], expected), "\(sample.text) at \(states[3 * b..<3 * b + 3]): \(out[3 * b]) vs \(expected)")
                #expect(out[3 * b + 1] == 0 && out[3 * b + 2] == 0)
            }
        }
    }

    func value(_ text: String, x: Double = 0, t: Double = 0) throws -> Double {
        let field = try TextSystem.parse("x' = \(text)", name: "e").field()
        return field.velocity(at: [x], t: t)[0]
    }

    @Test func precedenceAndAssociativityFollowXPPAUT() throws {
        #expect(try value("-x^2", x: 3) == -9)
        #expect(try value("2^3^2") == 512)
        #expect(try value("2**3**2") == 512)
        #expect(try value("2^-1") == 0.5)
        #expect(try value("-2*3+4") == -2)
        #expect(try value("10-4-3") == 3)
        #expect(try value("24/4/2") == 3)
        #expect(try value("1+2*3^2") == 19)
        #expect(try value("1 < 2 & 3 > 4 | 1") == 1)
        #expect(try value("1 < 2 & 3 > 4") == 0)
        #expect(try value("not(1) + not 0") == 1)
        #expect(try value(".5 + 1e-3 + 2E2 + 1.5e+1") == 215.501)
    }

    @Test func functionsConstantsAndTime() throws {
        #expect(try value("heav(0) + heav(-1e-300)") == 1)
        #expect(try value("mod(-1, 3)") == 2)
        #expect(try value("mod(7, 3)") == 1)
        #expect(try value("sign(-2) + sign(0) + sign(5)") == 0)
        #expect(try value("PI") == Double.pi)
        #expect(try value("T*2", t: 1.5) == 3)
        #expect(try value("if(t>1)then(10)else(-10)", t: 2) == 10)
        #expect(try value("log10(1000) + ceil(0.2) + floor(-0.2)") == 3)
        #expect(try value("max(1, X) + min(1, x)", x: 4) == 5)
        #expect(try value("atan2(1, 1)") == Double.pi / 4)
        #expect(try value("ln(x)", x: 2) == log(2))
        #expect(try value("acos(0) - asin(1)") == 0)
    }
}
