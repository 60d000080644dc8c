import Foundation

/// Work spread over every core, with results in input order so that output never depends on
/// which thread finished first.
enum Parallel {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        let results = ResultBuffer<R>(count: items.count)
        items.withUnsafeBufferPointer { input in
            let input = UnsafeSendable(value: input)
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                results.set(index, transform(input.value[index]))
            }
        }
        return results.values()
    }

    /// Indices 0..<count, each transformed once.
    static func map<R: Sendable>(count: Int, _ transform: @Sendable (Int) -> R) -> [R] {
        map(Array(0..<count), transform)
    }
}

/// A buffer each index of which is written by exactly one task.
private final class ResultBuffer<R>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<R?>

    init(count: Int) {
        base = UnsafeMutablePointer<R?>.allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
        self.count = count
    }

    let count: Int

    func set(_ index: Int, _ value: R) { base[index] = value }

    func values() -> [R] {
        (0..<count).map { base[$0]! }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
}
