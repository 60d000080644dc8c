/// The filters a template uses, so that an unknown one is reported when the template is parsed,
/// as Nunjucks does when it compiles, and not only if the branch that uses it runs.
extension TemplateProgram {
    /// The first filter the template uses that is not in `known`, with its offset.
    func firstUnknownFilter(known: [String: TemplateFilter]) -> (name: String, offset: Int)? {
        var found: (String, Int)?
        func visit(_ e: TemplateExpression?) {
            guard found == nil, let e else { return }
            switch e {
            case .literal, .name, .superCall: break
            case .member(let e): visit(e.base)
            case .index(let e): visit(e.base); visit(e.key)
            case .slice(let e): visit(e.base); visit(e.start); visit(e.stop)
            case .call(let e): visit(e.callee); e.positional.forEach(visit); e.keyword.forEach { visit($0.1) }
            case .filter(let e):
                if known[e.key.name] == nil { found = (e.key.name, e.offset); return }
                visit(e.input); e.positional.forEach(visit); e.keyword.forEach { visit($0.1) }
            case .test(let e): visit(e.input); e.arguments.forEach(visit)
            case .not(let e), .negate(let e), .plus(let e): visit(e.operand)
            case .and(let e), .or(let e), .binary(let e): visit(e.left); visit(e.right)
            case .conditional(let e): visit(e.value); visit(e.condition); visit(e.otherwise)
            case .array(let items): items.forEach(visit)
            case .object(let pairs): pairs.forEach { visit($0.1) }
            }
        }
        func visit(_ nodes: [TemplateNode]) {
            for node in nodes {
                guard found == nil else { return }
                switch node {
                case .text, .unicodeText, .block: break
                case .output(let statement): visit(statement.expression)
                case .extends(let e, _), .include(let e, _, _): visit(e)
                case .set(let statement): visit(statement.value)
                case .importAll(let e, _, _, _): visit(e)
                case .importNames(let statement): visit(statement.template)
                case .ifBlock(let block):
                    for branch in block.branches { visit(branch.condition); visit(branch.body) }
                    visit(block.otherwise ?? [])
                case .forLoop(let loop): visit(loop.iterable); visit(loop.body); visit(loop.otherwise ?? [])
                case .setBlock(_, let body, _): visit(body)
                case .macro(let macro):
                    macro.parameters.forEach { visit($0.defaultValue) }
                    visit(macro.body)
                case .callBlock(let caller, let call, _): visit(caller.body); visit(call)
                case .filterBlock(let name, let p, let k, let body, let offset):
                    if known[name] == nil { found = (name, offset); return }
                    p.forEach(visit); k.forEach { visit($0.1) }; visit(body)
                case .switchBlock(let subject, let cases, let otherwise):
                    visit(subject)
                    for item in cases { visit(item.value); visit(item.body) }
                    visit(otherwise ?? [])
                }
            }
        }
        visit(nodes)
        for body in blocks.values { visit(body) }
        return found
    }
}
