import Foundation
import FuzzDriver
import NeuralODE

/// libFuzzer entry: any bytes as a model file must give a network or a `ModelFileError`, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzModelJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    if let mlp = try? ModelFile.decode(data) {
        // A network that loads must evaluate and write back to a file that loads to the same parameters.
        let field = MLPField(mlp)
        let y = [Double](repeating: 0.5, count: mlp.odeDimension)
        var dy = [Double](repeating: 0, count: mlp.odeDimension)
        y.withUnsafeBufferPointer { yp in
            dy.withUnsafeMutableBufferPointer { dp in
                if let a = yp.baseAddress, let b = dp.baseAddress { field.evaluate(t: 0, y: a, dy: b) }
            }
        }
        let back = try? ModelFile.decode(ModelFile.data(of: mlp))
        if back?.parameters != mlp.parameters { fatalError("model file round trip changed the parameters") }
    }
    return 0
}

exit(flowscope_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, { fuzzModelJSON($0, $1) }))
