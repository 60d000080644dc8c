/// One combination of facts: bit `i` is the journey's fact `i` (in declaration order).
///
/// A bit set keeps exhaustive runs cheap: 4,096 combinations of 12 facts are 4,096 integers.
public struct FactValues: Sendable, Hashable {
    public var bits: UInt64

    public init(bits: UInt64 = 0) {
        self.bits = bits
    }

    public subscript(index: Int) -> Bool {
        get { index >= 0 && index < 64 && bits & (1 << UInt64(index)) != 0 }
        set {
            guard index >= 0 && index < 64 else { return }
            if newValue { bits |= 1 << UInt64(index) } else { bits &= ~(1 << UInt64(index)) }
        }
    }
}
