/// An expression as Nunjucks reads it, with the byte offset of the part an error would point at.
///
/// Not `indirect`: a case with sub-expressions holds them in one immutable class, which evaluation
/// borrows; an indirect case's box was retained and released on every evaluation.
enum TemplateExpression: Sendable {
    case literal(TemplateValue)
    case name(TemplateKey, offset: Int)
    /// `a.b`
    case member(TemplateMemberExpression)
    /// `a[b]`
    case index(TemplateIndexExpression)
    /// `a[start:stop]`
    case slice(TemplateSliceExpression)
    /// `f(a, b, key=c)`
    case call(TemplateCallExpression)
    /// `super()` inside a block.
    case superCall(offset: Int)
    /// `value | name(a, key=b)`
    case filter(TemplateFilterExpression)
    /// `value is [not] name(a)`
    case test(TemplateTestExpression)
    case not(TemplateUnaryExpression)
    case negate(TemplateUnaryExpression)
    case plus(TemplateUnaryExpression)
    case and(TemplateBinaryExpression)
    case or(TemplateBinaryExpression)
    case binary(TemplateBinaryExpression)
    /// `a if c else b`
    case conditional(TemplateConditionalExpression)
    case array([TemplateExpression])
    case object([(TemplateKey, TemplateExpression)])

    /// Whether it is a literal (a template name that the same statement always resolves alike).
    var isLiteral: Bool {
        if case .literal = self { true } else { false }
    }

    /// The offset an error about this expression points at, where one is known.
    var offset: Int? {
        switch self {
        case .name(_, let o), .superCall(let o): return o
        case .member(let e): return e.offset
        case .index(let e): return e.offset
        case .slice(let e): return e.offset
        case .call(let e): return e.offset
        case .filter(let e): return e.offset
        case .test(let e): return e.offset
        case .negate(let e), .plus(let e): return e.offset
        case .binary(let e): return e.offset
        case .not(let e): return e.operand.offset
        case .and(let e), .or(let e): return e.left.offset
        case .conditional(let e): return e.value.offset
        case .literal, .array, .object: return nil
        }
    }
}

/// The binary operators of Nunjucks expressions.
enum TemplateBinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", remainder = "%", power = "**"
    case concatenate = "~"
    case equal = "==", strictEqual = "===", notEqual = "!=", strictNotEqual = "!=="
    case less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">="
    case contains = "in", notContains = "not in"
}
