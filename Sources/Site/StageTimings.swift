import Foundation

/// How long each stage of a build took, printed to standard error when `SITE_TIMINGS` is set, to see
/// where a build's time goes without a profiler.
struct StageTimings {
    let enabled: Bool
    private var last = DispatchTime.now().uptimeNanoseconds
    private var stages: [(String, Double)] = []
    private var notes: [String] = []

    init(enabled: Bool) { self.enabled = enabled }

    mutating func mark(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        stages.append((stage, Double(now - last) / 1e6))
        last = now
    }

    /// Add a remark to the report line (what a rebuild rendered, what it reused).
    mutating func note(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        notes.append(text())
    }

    func report() {
        guard enabled else { return }
        let total = stages.reduce(0) { $0 + $1.1 }
        let line = stages.map { String(format: "%@ %.1fms", $0.0, $0.1) }.joined(separator: ", ")
            + String(format: "; total %.1fms", total) + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; "))
        FileHandle.standardError.write(Data(("timings: " + line + "\n").utf8))
    }
}
