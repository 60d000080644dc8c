import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How long each stage of a build took, printed to standard error when `SITE_TIMINGS` is set, to see
/// where a build's time goes without a profiler.
///
/// Each stage gets its wall-clock time and the process's CPU time (user and system, every thread),
/// with the system part and the page faults (minor ones: memory touched for the first time) that
/// the CPU time includes: the stages that run on both cores show CPU above wall-clock. A stage's share of one build's CPU
/// time moves less with the machine's load than comparing two builds' times does, though a stage on
/// both cores takes more CPU time when both are busy.
struct StageTimings {
    let enabled: Bool
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastUsage = StageTimings.processUsage()
    private var stages: [(name: String, wall: Double, usage: Usage)] = []
    private var notes: [String] = []

    init(enabled: Bool) { self.enabled = enabled }

    mutating func mark(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds, usage = Self.processUsage()
        stages.append((stage, Double(now - last) / 1e6, usage - lastUsage))
        last = now
        lastUsage = usage
    }

    /// Add a remark to the report line (what a rebuild rendered, what it reused).
    mutating func note(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        notes.append(text())
    }

    func report() {
        guard enabled else { return }
        let wall = stages.reduce(0) { $0 + $1.wall }, total = stages.reduce(Usage()) { $0 + $1.usage }
        let line = stages.map { String(format: "%@ %.1fms (%@)", $0.name, $0.wall, $0.usage.description) }.joined(separator: ", ")
            + String(format: "; total %.1fms (%@)", wall, total.description) + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; "))
        FileHandle.standardError.write(Data(("timings: " + line + "\n").utf8))
    }

    /// CPU time (user and system, in milliseconds) and minor page faults of the whole process.
    struct Usage {
        var user = 0.0, system = 0.0
        var faults = 0

        var description: String {
            String(format: "CPU %.1fms, system %.1fms, %d faults", user + system, system, faults)
        }

        static func - (a: Usage, b: Usage) -> Usage {
            Usage(user: a.user - b.user, system: a.system - b.system, faults: a.faults - b.faults)
        }

        static func + (a: Usage, b: Usage) -> Usage {
            Usage(user: a.user + b.user, system: a.system + b.system, faults: a.faults + b.faults)
        }
    }

    /// The process's usage so far (every thread).
    private static func processUsage() -> Usage {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func milliseconds(_ time: timeval) -> Double { Double(time.tv_sec) * 1e3 + Double(time.tv_usec) / 1e3 }
        return Usage(user: milliseconds(usage.ru_utime), system: milliseconds(usage.ru_stime), faults: Int(usage.ru_minflt))
    }
}
