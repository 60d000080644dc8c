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
            case .member(let b, _, _): visit(b)
            case .index(let b, let k, _): visit(b); visit(k)
            case .slice(let b, let start, let stop, _): visit(b); visit(start); visit(stop)
            case .call(let f, let p, let k, _): visit(f); p.forEach(visit); k.forEach { visit($0.1) }
            case .filter(let key, let input, let p, let k, let offset):
                if known[key.name] == nil { found = (key.name, offset); return }
                visit(input); p.forEach(visit); k.forEach { visit($0.1) }
            case .test(_, let input, let p, _, _): visit(input); p.forEach(visit)
            case .not(let x), .negate(let x, _), .plus(let x, _): visit(x)
            case .and(let a, let b), .or(let a, let b), .binary(_, let a, let b, _): visit(a); visit(b)
            case .conditional(let a, let c, let b): visit(a); visit(c); visit(b)
            case .array(let items): items.forEach(visit)
            case .object(let pairs): pairs.forEach { visit($0.1) }
            }
        }
        func visit(_ nodes: [TemplateNode]) {
            for node in nodes {
                guard found == nil else { return }
                switch node {
                case .text, .block: break
                case .output(let e, _), .set(_, let e, _), .extends(let e, _), .include(let e, _, _): visit(e)
                case .importAll(let e, _, _, _), .importNames(let e, _, _, _): visit(e)
                case .ifBlock(let branches, let otherwise):
                    for branch in branches { visit(branch.condition); visit(branch.body) }
                    visit(otherwise ?? [])
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
