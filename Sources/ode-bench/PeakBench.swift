import COpenBLAS
import Foundation

/// The machine's double-precision peak as OpenBLAS reaches it: a large square dgemm (2·n³ FLOPs)
/// on one thread and on every core, median of five.
enum PeakBench {
    /// GFLOP/s of an n × n dgemm on `threads` threads.
    static func gflops(threads: Int, n: Int = 2048) -> Double {
        openblas_set_num_threads(Int32(threads))
        defer { openblas_set_num_threads(1) }
        let a = [Double](unsafeUninitializedCapacity: n * n) { buffer, count in
            for i in 0..<(n * n) { buffer[i] = sin(Double(i) * 0.001) }
            count = n * n
        }
        var c = [Double](repeating: 0, count: n * n)
        let seconds = Timing.median(repeats: 5, warmup: 1) {
            a.withUnsafeBufferPointer { pa in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(n), blasint(n), blasint(n), 1,
                                pa.baseAddress, blasint(n), pa.baseAddress, blasint(n), 0, pc.baseAddress, blasint(n))
                }
            }
        }
        return 2 * pow(Double(n), 3) / seconds * 1e-9
    }

    static func run() -> [BenchRecord] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return Set([1, cores]).sorted().map { threads in
            let rate = gflops(threads: threads)
            return BenchRecord(bench: "peak", configuration: "OpenBLAS dgemm 2048, \(threads) thread\(threads == 1 ? "" : "s")",
                               seconds: 2 * pow(2048, 3) / (rate * 1e9), functionEvaluations: nil,
                               extra: ["gflops": rate, "threads": Double(threads)])
        }
    }
}
