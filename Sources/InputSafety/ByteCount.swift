import Foundation

/// Byte counts as people read them: "512 B", "3.2 MB", "15.6 GB" (powers of 1000, as `ls -h --si`).
public enum ByteCount {
    /// `bytes` with one decimal above a kilobyte.
    public static func text(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let rounded = (value * 10).rounded() / 10
        return "\(rounded) \(units[unit])"
    }

    /// Parses "2G", "512M", "1.5GB", "1000000" (bytes) and "50%" (of `physical`); nil when not understood.
    ///
    /// K, M, G and T are powers of 1024 (as `ulimit` and `free` count); a trailing "B" or "iB" is accepted.
    public static func parse(_ text: String, physical: Int) -> Int? {
        var body = text.trimmingCharacters(in: .whitespaces).uppercased()[...]
        if body.hasSuffix("%") {
            guard let percent = Double(body.dropLast()), percent > 0, percent <= 100 else { return nil }
            return Int(Double(physical) * percent / 100)
        }
        if body.hasSuffix("IB") { body = body.dropLast(2) } else if body.hasSuffix("B") { body = body.dropLast() }
        let scales: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
        var scale = 1.0
        if let last = body.last, let unit = scales[last] {
            scale = unit
            body = body.dropLast()
        }
        guard let number = Double(body.trimmingCharacters(in: .whitespaces)), number.isFinite, number > 0, number * scale < 0x1p62 else { return nil }
        return Int(number * scale)
    }
}
