import Foundation
import FuzzDriver
import NeuralODE

/// libFuzzer entry: any bytes as a `.ode` file (or --equations text) must give a system or a
/// `TextSystemError`, never a trap; a system that reads must compile and evaluate at its y0.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzExpression(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard let system = try? TextSystem.parse(text, name: "fuzz", source: "fuzz.ode"),
          let field = try? system.field() else { return 0 }
    let n = field.stateSize
    let y = system.spec.exampleInitialState.count == n ? system.spec.exampleInitialState : [Double](repeating: 0.5, count: n)
    var dy = [Double](repeating: 0, count: n)
    y.withUnsafeBufferPointer { yp in
        dy.withUnsafeMutableBufferPointer { dp in
            if let a = yp.baseAddress, let b = dp.baseAddress { field.evaluate(t: 0, y: a, dy: b) }
        }
    }
    return 0
}

exit(flowscope_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, { fuzzExpression($0, $1) }))
