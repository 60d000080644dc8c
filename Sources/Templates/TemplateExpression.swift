/// An expression as Nunjucks reads it, with the byte offset of the part an error would point at.
///
/// Not `indirect`: a case with sub-expressions holds them in one immutable class, owned by the
/// program that parsed it and referred to without counting (`TemplatePart`), which evaluation
/// borrows; an indirect case's box was retained and released on every evaluation.
enum TemplateExpression: Sendable {
    case literal(TemplateValue)
    case name(TemplatePart<TemplateNameExpression>)
    /// `a.b`
    case member(TemplatePart<TemplateMemberExpression>)
    /// `a[b]`
    case index(TemplatePart<TemplateIndexExpression>)
    /// `a[start:stop]`
    case slice(TemplatePart<TemplateSliceExpression>)
    /// `f(a, b, key=c)`
    case call(TemplatePart<TemplateCallExpression>)
    /// `super()` inside a block.
    case superCall(offset: Int)
    /// `value | name(a, key=b)`
    case filter(TemplatePart<TemplateFilterExpression>)
    /// `value is [not] name(a)`
    case test(TemplatePart<TemplateTestExpression>)
    case not(TemplatePart<TemplateUnaryExpression>)
    case negate(TemplatePart<TemplateUnaryExpression>)
    case plus(TemplatePart<TemplateUnaryExpression>)
    case and(TemplatePart<TemplateBinaryExpression>)
    case or(TemplatePart<TemplateBinaryExpression>)
    case binary(TemplatePart<TemplateBinaryExpression>)
    /// `a if c else b`
    case conditional(TemplatePart<TemplateConditionalExpression>)
    case array([TemplateExpression])
    case object([(TemplateKey, TemplateExpression)])

    /// Whether it is a literal (a template name that the same statement always resolves alike).
    var isLiteral: Bool {
        if case .literal = self { true } else { false }
    }

    /// The offset an error about this expression points at, where one is known.
    var offset: Int? {
        switch self {
        case .name(let e): return e.offset
        case .superCall(let o): return o
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
