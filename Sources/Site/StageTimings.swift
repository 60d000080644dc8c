import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How long each stage of a build took, printed to standard error when `SITE_TIMINGS` is set, to see
/// where a build's time goes without a profiler.
///
/// Each stage gets its wall-clock time and the process's CPU time (user and system, every thread):
/// the stages that run on both cores show CPU above wall-clock. A stage's share of one build's CPU
/// time moves less with the machine's load than comparing two builds' times does, though a stage on
/// both cores takes more CPU time when both are busy.
struct StageTimings {
    let enabled: Bool
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = StageTimings.processCPUMilliseconds()
    private var stages: [(name: String, wall: Double, cpu: Double)] = []
    private var notes: [String] = []

    init(enabled: Bool) { self.enabled = enabled }

    mutating func mark(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds, cpu = Self.processCPUMilliseconds()
        stages.append((stage, Double(now - last) / 1e6, cpu - lastCPU))
        last = now
        lastCPU = cpu
    }

    /// Add a remark to the report line (what a rebuild rendered, what it reused).
    mutating func note(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        notes.append(text())
    }

    func report() {
        guard enabled else { return }
        let wall = stages.reduce(0) { $0 + $1.wall }, cpu = stages.reduce(0) { $0 + $1.cpu }
        let line = stages.map { String(format: "%@ %.1fms (CPU %.1fms)", $0.name, $0.wall, $0.cpu) }.joined(separator: ", ")
            + String(format: "; total %.1fms (CPU %.1fms)", wall, cpu) + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; "))
        FileHandle.standardError.write(Data(("timings: " + line + "\n").utf8))
    }

    /// User and system CPU time of the whole process so far, in milliseconds.
    private static func processCPUMilliseconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        let microseconds = usage.ru_utime.tv_usec + usage.ru_stime.tv_usec
        return Double(seconds) * 1e3 + Double(microseconds) / 1e3
    }
}
