internal import _NetworkKernels

/// Branch-free elementary functions for the network kernels.
///
/// `tanh` agrees with glibc's to a few ulp over the whole real line (the tests measure it):
/// sign(x)·u/(u + 2) with u = e^{2|x|} − 1 from a degree-10 polynomial with fused multiply-adds,
/// four lanes at once. The code is in the internal C target `_NetworkKernels` (AVX2/FMA or baseline,
/// chosen at run time, identical bits); the scalar entry points run the same instructions on one
/// lane, so a value never depends on whether it went through the vector or the scalar path.
public enum FastMath {
    /// Hyperbolic tangent of one double (the vector code on one lane).
    @inline(__always)
    public static func tanh(_ x: Double) -> Double {
        fs_tanh(0, x)
    }

    /// e^x − 1 for one double with 0 ≤ x ≤ 709 (NaN in, NaN out; other inputs are outside the contract).
    @inline(__always)
    public static func expm1NonNegative(_ x: Double) -> Double {
        fs_expm1_non_negative(0, x)
    }

    /// ELU of one double, x for x > 0 else e^x − 1 (the vector code on one lane; within about 1 ulp
    /// of `Foundation.expm1`, not its bits).
    @inline(__always)
    public static func elu(_ x: Double) -> Double {
        fs_elu(0, x)
    }

    /// Replaces each of the `count` doubles at `values` by its ELU.
    @inline(__always)
    public static func elu(inPlace values: UnsafeMutablePointer<Double>, count: Int) {
        fs_elu_in_place(0, values, count)
    }

    /// `elu(inPlace:count:)` in a chosen kernel version (0 by the CPU, 1 baseline, 2 AVX2/FMA).
    static func elu(inPlace values: UnsafeMutablePointer<Double>, count: Int, level: Int32) {
        fs_elu_in_place(level, values, count)
    }

    /// Replaces each of the `count` doubles at `values` by its tanh.
    @inline(__always)
    public static func tanh(inPlace values: UnsafeMutablePointer<Double>, count: Int) {
        fs_tanh_in_place(0, values, count)
    }

    /// `tanh(inPlace:count:)` in a chosen kernel version (0 by the CPU, 1 baseline, 2 AVX2/FMA).
    static func tanh(inPlace values: UnsafeMutablePointer<Double>, count: Int, level: Int32) {
        fs_tanh_in_place(level, values, count)
    }
}
