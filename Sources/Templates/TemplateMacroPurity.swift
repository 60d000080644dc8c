/// What a macro's output can depend on, found when it is parsed: a macro whose body reads only its
/// parameters, the variables it sets and loops over, and literals, and calls nothing but filters,
/// renders the same output for the same arguments, provided those filters are pure. Such a macro's
/// calls can be remembered (see `TemplateMacroCache`): the header and footer of every page are.
///
/// The analysis is conservative: a name read before the body surely binds it, any call (another
/// macro, `caller`, a global function, `super`), any tag that reaches outside the macro (import,
/// include, block, a nested macro or call) makes the macro impure.
struct TemplateMacroPurity: Sendable {
    /// The filters the macro applies; it is pure only if the environment says each of them is.
    let filters: [TemplateKey]

    /// The purity of a macro with these parameters and body, or nil when it is not pure.
    static func analyse(parameters: [(name: String, defaultValue: TemplateExpression?)], body: [TemplateNode]) -> TemplateMacroPurity? {
        var scan = Scan()
        var bound: [String] = []
        for parameter in parameters {
            // A default is evaluated with only the parameters before it bound.
            if let defaultValue = parameter.defaultValue { scan.expression(defaultValue, bound, depth: 0) }
            bound.append(parameter.name)
        }
        scan.nodes(body, &bound, depth: 0)
        guard scan.isPure else { return nil }
        var unique: [TemplateKey] = []
        for key in scan.filters where !unique.contains(where: { $0.hash == key.hash && $0.name == key.name }) { unique.append(key) }
        return TemplateMacroPurity(filters: unique)
    }

    /// One walk over a macro body, in the order the renderer runs it.
    private struct Scan {
        var isPure = true
        var filters: [TemplateKey] = []
        /// Deeper than the parser allows: anything this deep is declared impure rather than walked.
        static let maximumDepth = 400

        mutating func nodes(_ nodes: [TemplateNode], _ bound: inout [String], depth: Int) {
            for node in nodes {
                guard isPure else { return }
                self.node(node, &bound, depth: depth + 1)
            }
        }

        /// Names bound inside a nested body are not bound after it, so each body gets a copy.
        mutating func nested(_ body: [TemplateNode]?, _ bound: [String], depth: Int) {
            guard let body else { return }
            var inner = bound
            nodes(body, &inner, depth: depth)
        }

        mutating func node(_ node: TemplateNode, _ bound: inout [String], depth: Int) {
            guard depth < Self.maximumDepth else { isPure = false; return }
            switch node {
            case .text, .unicodeText:
                break
            case .output(let statement):
                self.expression(statement.expression, bound, depth: depth)
            case .ifBlock(let block):
                for branch in block.branches {
                    expression(branch.condition, bound, depth: depth)
                    nested(branch.body, bound, depth: depth)
                }
                nested(block.otherwise, bound, depth: depth)
            case .forLoop(let loop):
                expression(loop.iterable, bound, depth: depth)
                nested(loop.body, bound + loop.names.map(\.name) + ["loop"], depth: depth)
                nested(loop.otherwise, bound, depth: depth)
            case .set(let statement):
                expression(statement.value, bound, depth: depth)
                bound += statement.names.map(\.name)
            case .setBlock(let name, let body, _):
                nested(body, bound, depth: depth)
                bound.append(name)
            case .switchBlock(let subject, let cases, let otherwise):
                expression(subject, bound, depth: depth)
                for item in cases {
                    expression(item.value, bound, depth: depth)
                    nested(item.body, bound, depth: depth)
                }
                nested(otherwise, bound, depth: depth)
            case .filterBlock(let name, let positional, let keyword, let body, _):
                filters.append(TemplateKey(name))
                for item in positional { expression(item, bound, depth: depth) }
                for item in keyword { expression(item.1, bound, depth: depth) }
                nested(body, bound, depth: depth)
            case .macro, .callBlock, .importAll, .importNames, .include, .extends, .block:
                isPure = false
            }
        }

        mutating func expression(_ expression: TemplateExpression?, _ bound: [String], depth: Int) {
            guard isPure, let expression else { return }
            guard depth < Self.maximumDepth else { isPure = false; return }
            let depth = depth + 1
            switch expression {
            case .literal(let value):
                if case .function = value { isPure = false }
            case .name(let e):
                if !bound.contains(e.key.name) { isPure = false }
            case .member(let e):
                self.expression(e.base, bound, depth: depth)
            case .index(let e):
                self.expression(e.base, bound, depth: depth)
                self.expression(e.key, bound, depth: depth)
            case .slice(let e):
                self.expression(e.base, bound, depth: depth)
                self.expression(e.start, bound, depth: depth)
                self.expression(e.stop, bound, depth: depth)
            case .call, .superCall:
                isPure = false
            case .filter(let e):
                filters.append(e.key)
                self.expression(e.input, bound, depth: depth)
                for item in e.positional { self.expression(item, bound, depth: depth) }
                for item in e.keyword { self.expression(item.1, bound, depth: depth) }
            case .test(let e):
                self.expression(e.input, bound, depth: depth)
                for item in e.arguments { self.expression(item, bound, depth: depth) }
            case .not(let e), .negate(let e), .plus(let e):
                self.expression(e.operand, bound, depth: depth)
            case .and(let e), .or(let e), .binary(let e):
                self.expression(e.left, bound, depth: depth)
                self.expression(e.right, bound, depth: depth)
            case .conditional(let e):
                self.expression(e.condition, bound, depth: depth)
                self.expression(e.value, bound, depth: depth)
                self.expression(e.otherwise, bound, depth: depth)
            case .array(let items):
                for item in items { self.expression(item, bound, depth: depth) }
            case .object(let pairs):
                for pair in pairs { self.expression(pair.1, bound, depth: depth) }
            }
        }
    }
}
