import Foundation

/// Power spectra of sampled signals and the Hellinger distance between two of them.
public enum PowerSpectrum {
    /// The normalised power spectrum of `signal` (mean removed, Hann window, radix-2 FFT of the first
    /// power-of-two samples), smoothed by a Gaussian of `smoothing` frequency bins; sums to 1.
    ///
    /// Returns the bins 0 ..< n/2 (frequency k / (n·dt)); empty for fewer than 4 samples.
    public static func normalised(_ signal: [Double], smoothing: Double = 2) -> [Double] {
        var n = 1
        while n * 2 <= signal.count { n *= 2 }
        guard n >= 4 else { return [] }
        let mean = signal.prefix(n).reduce(0, +) / Double(n)
        var re = (0..<n).map { i in (signal[i] - mean) * (0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(n))) }
        var im = [Double](repeating: 0, count: n)
        fft(&re, &im)
        var power = (0..<(n / 2)).map { re[$0] * re[$0] + im[$0] * im[$0] }
        if smoothing > 0 {
            let reach = Int((3 * smoothing).rounded(.up))
            let kernel = (-reach...reach).map { exp(-0.5 * pow(Double($0) / smoothing, 2)) }
            power = (0..<power.count).map { k in
                var sum = 0.0
                for (j, weight) in kernel.enumerated() {
                    let index = k + j - reach
                    if index >= 0, index < power.count { sum += weight * power[index] }
                }
                return sum
            }
        }
        let total = power.reduce(0, +)
        return total > 0 ? power.map { $0 / total } : power
    }

    /// √(1 − Σ √(pᵢqᵢ)) for two normalised spectra of equal length: 0 identical, 1 disjoint.
    public static func hellinger(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "spectra of different lengths")
        let overlap = zip(p, q).reduce(0.0) { $0 + ($1.0 * $1.1).squareRoot() }
        return max(0, 1 - overlap).squareRoot()
    }

    /// In-place iterative radix-2 Cooley–Tukey FFT; the length must be a power of two.
    static func fft(_ re: inout [Double], _ im: inout [Double]) {
        let n = re.count
        var j = 0
        for i in 1..<n {
            var bit = n >> 1
            while j & bit != 0 { j ^= bit; bit >>= 1 }
            j |= bit
            if i < j { re.swapAt(i, j); im.swapAt(i, j) }
        }
        var length = 2
        while length <= n {
            let angle = -2 * Double.pi / Double(length)
            for start in stride(from: 0, to: n, by: length) {
                for k in 0..<(length / 2) {
                    let wr = cos(angle * Double(k)), wi = sin(angle * Double(k))
                    let a = start + k, b = a + length / 2
                    let tr = wr * re[b] - wi * im[b], ti = wr * im[b] + wi * re[b]
                    re[b] = re[a] - tr; im[b] = im[a] - ti
                    re[a] += tr; im[a] += ti
                }
            }
            length *= 2
        }
    }
}
