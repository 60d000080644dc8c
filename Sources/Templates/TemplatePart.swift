/// A statement's parts as a node holds them: a reference that is not counted, so that rendering a
/// node (an `if`, a loop, an output, hundreds a page) neither retains nor releases it.
///
/// The program that parsed the statement owns it (`TemplateProgram.parts`), and a node is only
/// rendered or read while its program is alive (a render's scope holds its program; a macro, a block
/// entry and the caches hold theirs). Members are read through `dynamicMember` where speed does not
/// matter (analysis when parsing); the renderer borrows the object with `borrow`.
@dynamicMemberLookup
struct TemplatePart<Object: AnyObject & Sendable>: @unchecked Sendable {
    private let reference: Unmanaged<Object>

    /// Refers to `object`, which its owner keeps alive (see `TemplateParser.own`).
    init(unowned object: Object) {
        reference = .passUnretained(object)
    }

    /// The object, lent to `body` without being retained.
    @inline(__always)
    func borrow<Result>(_ body: (Object) throws -> Result) rethrows -> Result {
        try reference._withUnsafeGuaranteedRef(body)
    }

    subscript<Value>(dynamicMember member: KeyPath<Object, Value>) -> Value {
        reference._withUnsafeGuaranteedRef { $0[keyPath: member] }
    }
}
