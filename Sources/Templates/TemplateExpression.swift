/// An expression as Nunjucks reads it, with the byte offset of the part an error would point at.
indirect enum TemplateExpression: Sendable {
    case literal(TemplateValue)
    case name(TemplateKey, offset: Int)
    /// `a.b`
    case member(TemplateExpression, TemplateKey, offset: Int)
    /// `a[b]`
    case index(TemplateExpression, TemplateExpression, offset: Int)
    /// `a[start:stop]`
    case slice(TemplateExpression, TemplateExpression?, TemplateExpression?, offset: Int)
    /// `f(a, b, key=c)`
    case call(TemplateExpression, [TemplateExpression], [(String, TemplateExpression)], offset: Int)
    /// `super()` inside a block.
    case superCall(offset: Int)
    /// `value | name(a, key=b)`
    case filter(TemplateKey, TemplateExpression, [TemplateExpression], [(String, TemplateExpression)], offset: Int)
    /// `value is [not] name(a)`
    case test(String, TemplateExpression, [TemplateExpression], negated: Bool, offset: Int)
    case not(TemplateExpression)
    case negate(TemplateExpression, offset: Int)
    case plus(TemplateExpression, offset: Int)
    case and(TemplateExpression, TemplateExpression)
    case or(TemplateExpression, TemplateExpression)
    case binary(TemplateBinaryOperator, TemplateExpression, TemplateExpression, offset: Int)
    /// `a if c else b`
    case conditional(TemplateExpression, condition: TemplateExpression, otherwise: TemplateExpression?)
    case array([TemplateExpression])
    case object([(TemplateKey, TemplateExpression)])

    /// The offset an error about this expression points at, where one is known.
    var offset: Int? {
        switch self {
        case .name(_, let o), .member(_, _, let o), .index(_, _, let o), .slice(_, _, _, let o), .call(_, _, _, let o), .superCall(let o),
             .filter(_, _, _, _, let o), .test(_, _, _, _, let o), .negate(_, let o), .plus(_, let o),
             .binary(_, _, _, let o):
            return o
        case .not(let e): return e.offset
        case .and(let e, _), .or(let e, _), .conditional(let e, _, _): return e.offset
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
