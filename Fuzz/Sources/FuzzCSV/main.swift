import Foundation
import FuzzDriver
import NeuralODE

/// libFuzzer entry: any bytes as a CSV data file must give a dataset or a `DatasetError`, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    if let dataset = try? TrajectoryDataset.parse(data) {
        // What was read must write back and read again to the same dataset.
        let again = try? TrajectoryDataset.parse(dataset.csvText(includeLabels: true))
        if again?.trajectories.map(\.times) != dataset.trajectories.map(\.times) { fatalError("CSV round trip changed the times") }
    }
    return 0
}

exit(flowscope_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, { fuzzCSV($0, $1) }))
