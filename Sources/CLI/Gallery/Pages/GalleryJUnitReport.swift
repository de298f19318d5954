import Foundation

/// The JUnit XML of an `ode-gallery check`: one test case per figure, the format CI systems read.
///
/// A drifted, missing or unfit figure is a `<failure>` (drifted: its RMS, the tolerance and the diff
/// image's path, which the checker's detail names); a figure that could not be rebuilt is an `<error>` with the reason.
enum GalleryJUnitReport {
    /// The XML text.
    static func text(_ results: [GalleryCheckResult], tolerance: Double, seconds: Double) -> String {
        let failures = results.filter { switch $0.verdict { case .drifted, .missing, .unfit: true; case .ok, .failed: false } }.count
        let errors = results.filter { if case .failed = $0.verdict { true } else { false } }.count
        let counts = "tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\""
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites name=\"ode-gallery check\" \(counts) time=\"\(number(seconds))\">",
            "  <testsuite name=\"gallery\" \(counts) skipped=\"0\" time=\"\(number(seconds))\">",
        ]
        for result in results {
            let name = HTMLText.escape(result.figure.name)
            let opening = "    <testcase classname=\"gallery.\(HTMLText.escape(result.figure.section))\" name=\"\(name)\""
                + " time=\"\(number(result.seconds ?? 0))\""
            switch result.verdict {
            case .ok:
                lines.append(opening + "/>")
            case let .drifted(rms, detail):
                let message = rms.map { "rms \(String(format: "%.3f", $0)) over tolerance \(String(format: "%.3f", tolerance))" }
                    ?? "image size changed"
                lines += [opening + ">",
                          "      <failure type=\"drifted\" message=\"\(HTMLText.escape(message))\">"
                          + HTMLText.escape(detail) + "</failure>",
                          "    </testcase>"]
            case .missing:
                lines += [opening + ">",
                          "      <failure type=\"missing\" message=\"no committed image \(name).png\"/>",
                          "    </testcase>"]
            case let .unfit(message):
                lines += [opening + ">",
                          "      <failure type=\"unfit\" message=\"\(HTMLText.escape(message))\"/>",
                          "    </testcase>"]
            case let .failed(message):
                lines += [opening + ">",
                          "      <error type=\"failed\" message=\"\(HTMLText.escape(message))\"/>",
                          "    </testcase>"]
            }
        }
        lines += ["  </testsuite>", "</testsuites>", ""]
        return lines.joined(separator: "\n")
    }

    private static func number(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}
