import COpenBLAS
import Foundation
import _NetworkKernels

/// The dense-layer products of one network evaluation at the shapes of the scale task, hand-written
/// tiles (`_NetworkKernels`) against OpenBLAS's dgemm on one thread, in GFLOP/s (2·rows·in·out per product).
///
/// forward z = x·Wᵀ + b (tiles: bias and product on packed weights, no tanh), input cotangent gx = δ·W, parameter
/// cotangent gW += δᵀ·x. Rows are the trajectories of one chunk (`TrajectoryPartition`).
enum KernelBench {
    struct Shape {
        let rows: Int, inputs: Int, outputs: Int
        var name: String { "\(rows)×\(inputs)→\(outputs)" }
    }

    static let shapes = [Shape(rows: 3, inputs: 32, outputs: 32), Shape(rows: 32, inputs: 64, outputs: 64),
                         Shape(rows: 32, inputs: 128, outputs: 128), Shape(rows: 32, inputs: 2, outputs: 128),
                         Shape(rows: 32, inputs: 128, outputs: 4), Shape(rows: 128, inputs: 128, outputs: 128)]

    static func run() -> [BenchRecord] {
        openblas_set_num_threads(1)
        var records: [BenchRecord] = []
        for shape in shapes {
            let r = shape.rows, n = shape.inputs, m = shape.outputs
            let x = filled(r * n), w = filled(m * n), wT = transposed(w, rows: m, columns: n), bias = filled(m)
            let packedWT = UnsafeMutablePointer<Double>.allocate(capacity: m * n)
            let packedW = UnsafeMutablePointer<Double>.allocate(capacity: m * n)
            if m % 4 == 0 { fs_pack_panels(wT, n, m, m, packedWT) }
            if n % 4 == 0 { fs_pack_panels(w, m, n, n, packedW) }
            let delta = filled(r * m)
            let z = UnsafeMutablePointer<Double>.allocate(capacity: r * max(m, n))
            let gW = UnsafeMutablePointer<Double>.allocate(capacity: m * n)
            let gBias = UnsafeMutablePointer<Double>.allocate(capacity: m)
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: fs_parameter_gradient_scratch(1, r, n, m))
            gW.initialize(repeating: 0, count: m * n)
            gBias.initialize(repeating: 0, count: m)
            defer { for p in [x, w, wT, packedWT, packedW, bias, delta, z, gW, gBias, scratch] { p.deallocate() } }
            let flops = 2.0 * Double(r * n * m)
            let repeats = max(200, Int(2e8 / flops))
            func rate(_ body: () -> Void) -> Double {
                let seconds = Timing.median(repeats: 5, warmup: 1) { for _ in 0..<repeats { body() } }
                return flops * Double(repeats) / seconds * 1e-9
            }
            let tiles: [String: Double] = [
                "forward": m % 4 == 0 ? rate { fs_dense_forward_packed(0, x, packedWT, bias, z, n, m, r, 0) } : .nan,
                "input": n % 4 == 0 ? rate { fs_dense_input_gradient_packed(0, delta, packedW, z, n, m, r, nil) } : .nan,
                "parameter": rate {
                    var d: UnsafePointer<Double>? = UnsafePointer(delta), xs: UnsafePointer<Double>? = UnsafePointer(x)
                    fs_dense_parameter_gradient(0, 1, r, &d, 0, &xs, 0, gW, gBias, n, m, scratch)
                },
            ]
            let unpacked: [String: Double] = [
                "forward": m % 4 == 0 ? rate { fs_dense_forward(0, x, wT, bias, z, n, m, r, 0) } : .nan,
                "input": n % 4 == 0 ? rate { fs_dense_input_gradient(0, delta, w, z, n, m, r, nil) } : .nan,
            ]
            let blas: [String: Double] = [
                "forward": rate {
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, blasint(r), blasint(m), blasint(n), 1, x, blasint(n),
                                w, blasint(n), 0, z, blasint(m))
                },
                "input": rate {
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(r), blasint(n), blasint(m), 1, delta,
                                blasint(m), w, blasint(n), 0, z, blasint(n))
                },
                "parameter": rate {
                    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, blasint(m), blasint(n), blasint(r), 1, delta,
                                blasint(m), x, blasint(n), 1, gW, blasint(n))
                },
            ]
            for product in ["forward", "input", "parameter"] {
                let tile = tiles[product] ?? .nan, other = blas[product] ?? .nan
                records.append(BenchRecord(bench: "kernels", configuration: "\(product) \(shape.name)",
                                           seconds: flops / ((tile.isNaN ? other : tile) * 1e9), functionEvaluations: nil,
                                           extra: ["tilesGflops": tile, "openblasGflops": other, "flops": flops,
                                                   "unpackedTilesGflops": unpacked[product] ?? .nan]))
            }
        }
        return records
    }

    /// The readable line of a kernel record: both rates and the faster one.
    static func line(_ r: BenchRecord) -> String {
        let tile = r.extra["tilesGflops"] ?? .nan, blas = r.extra["openblasGflops"] ?? .nan
        let unpacked = r.extra["unpackedTilesGflops"] ?? .nan
        let winner = tile.isNaN || blas > tile ? "OpenBLAS" : "tiles"
        return String(format: "kernels: %@: tiles %.1f GFLOP/s (unpacked %.1f), OpenBLAS %.1f GFLOP/s (%@)\n",
                      r.configuration as NSString, tile, unpacked, blas, winner as NSString)
    }

    private static func filled(_ count: Int) -> UnsafeMutablePointer<Double> {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: count)
        for i in 0..<count { p[i] = sin(Double(i) * 0.37) * 0.5 }
        return p
    }

    private static func transposed(_ a: UnsafeMutablePointer<Double>, rows: Int, columns: Int) -> UnsafeMutablePointer<Double> {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: rows * columns)
        for i in 0..<rows { for j in 0..<columns { p[j * rows + i] = a[i * columns + j] } }
        return p
    }
}
