import Foundation

/// Renders parsed templates for one call of `render`: owns the recursion counter that stops include
/// loops and runaway macros, and creates the macros a render defines.
///
/// One renderer serves one render on one thread; parsed templates themselves are shared.
final class TemplateRenderer: @unchecked Sendable {
    let environment: TemplateEnvironment
    private let autoescape: Bool
    private var depth = 0

    init(environment: TemplateEnvironment) {
        self.environment = environment
        self.autoescape = environment.options.autoescape
    }

    // MARK: Entry points

    /// Renders a template as the top of a render.
    func render(_ program: TemplateProgram, context: TemplateObject) throws -> String {
        let frame = TemplateFrame(isTopLevel: true)
        var out = ""
        out.reserveCapacity(program.source.bytes.count * 2)
        try renderRoot(program, context: TemplateContext(context), frame: frame, into: &out, at: nil)
        return out
    }

    private func enter(_ scope: TemplateScope?, at offset: Int?, _ what: String) throws {
        depth += 1
        if depth > environment.options.recursionLimit {
            let message = "\(what) nested more than \(environment.options.recursionLimit) deep: an include loop or runaway recursion?"
            if let scope { throw scope.error(message, at: offset) }
            throw TemplateError(path: "", line: 1, column: 1, message: message)
        }
    }

    private func leave() { depth -= 1 }

    /// Renders a template's top level, then the template it extends, if any, with the same context.
    private func renderRoot(_ program: TemplateProgram, context: TemplateContext, frame: TemplateFrame, into out: inout String, at caller: (TemplateScope, Int)?) throws {
        try enter(caller?.0, at: caller?.1, "templates")
        defer { leave() }
        context.addBlocks(of: program)
        let scope = TemplateScope(program: program, context: context, frame: frame, block: nil)
        var parent: (TemplateProgram, Int)?
        var buffer = ""
        for node in program.nodes {
            if case .extends(let expression, let offset) = node {
                let name = try evaluate(expression, scope)
                guard let loaded = try load(name, from: scope, at: offset, ignoreMissing: false) else { continue }
                parent = (loaded, offset)
                continue
            }
            if parent != nil, case .block = node { continue }
            try render(node, scope, into: &buffer)
        }
        if let (parentProgram, offset) = parent {
            try renderRoot(parentProgram, context: context, frame: frame, into: &out, at: (scope, offset))
        } else {
            out += buffer
        }
    }

    private func load(_ nameValue: TemplateValue, from scope: TemplateScope, at offset: Int, ignoreMissing: Bool) throws -> TemplateProgram? {
        guard nameValue.isString else {
            throw scope.error("a template name must be a string, not \(nameValue.typeName)", at: offset)
        }
        let name = nameValue.stringValue
        let program = try environment.program(named: name, relativeTo: scope.program.path)
        if program == nil, !ignoreMissing {
            let folders = environment.loader.searchPaths.map(\.path).joined(separator: ", ")
            throw scope.error("template not found: '\(name)' (searched \(folders.isEmpty ? "no folders" : folders))", at: offset)
        }
        return program
    }

    // MARK: Statements

    func render(_ nodes: [TemplateNode], _ scope: TemplateScope, into out: inout String) throws {
        for node in nodes { try render(node, scope, into: &out) }
    }

    private func render(_ node: TemplateNode, _ scope: TemplateScope, into out: inout String) throws {
        switch node {
        case .text(let text):
            out += text
        case .output(let expression, _):
            let value = try evaluate(expression, scope)
            switch value {
            case .undefined, .null: break
            case .safe(let s): out += s
            case .string(let s): out += autoescape ? TemplateValue.escapeHTML(s) : s
            default: out += value.rendered(autoescape: autoescape)
            }
        case .ifBlock(let branches, let otherwise):
            for branch in branches where try evaluate(branch.condition, scope).isTruthy {
                try render(branch.body, scope, into: &out)
                return
            }
            if let otherwise { try render(otherwise, scope, into: &out) }
        case .forLoop(let loop):
            try renderFor(loop, scope, into: &out)
        case .set(let names, let expression, _):
            let value = try evaluate(expression, scope)
            for name in names { assign(name, value, scope) }
        case .setBlock(let name, let body, _):
            var captured = ""
            try render(body, scope, into: &captured)
            assign(name, .string(captured), scope)
        case .macro(let macro):
            let value = makeMacro(macro, scope, keepsFrame: false)
            scope.frame.set(macro.name, value)
            if scope.frame.isTopLevel {
                scope.context.set(macro.name, value)
                if !macro.name.hasPrefix("_") { scope.context.addExport(macro.name) }
            }
        case .callBlock(let callerMacro, let call, let offset):
            guard case .call(let callee, let positional, let keyword, let callOffset) = call else {
                throw scope.error("'call' expects a macro call, such as {% call list(items) %}", at: offset)
            }
            let caller = makeMacro(callerMacro, scope, keepsFrame: true)
            let value = try invoke(callee, positional, keyword + [("caller", .literal(caller))], scope, at: callOffset)
            out += value.rendered(autoescape: autoescape)
        case .importAll(let template, let alias, let withContext, let offset):
            let exported = try exports(of: template, withContext: withContext, scope, at: offset)
            bind(alias, .object(exported), scope)
        case .importNames(let template, let names, let withContext, let offset):
            let exported = try exports(of: template, withContext: withContext, scope, at: offset)
            for item in names {
                guard let value = exported[item.name] else {
                    throw scope.error("cannot import '\(item.name)': the template does not define it", at: item.offset)
                }
                bind(item.alias, value, scope)
            }
        case .include(let template, let ignoreMissing, let offset):
            let name = try evaluate(template, scope)
            guard let program = try load(name, from: scope, at: offset, ignoreMissing: ignoreMissing) else { return }
            let frame = scope.frame.push(isolatesWrites: true)
            frame.isTopLevel = true
            try renderRoot(program, context: scope.context.copyingVariables(), frame: frame, into: &out, at: (scope, offset))
        case .extends(_, let offset):
            throw scope.error("'extends' is only allowed at the top level of a template", at: offset)
        case .block(let name, let offset):
            try renderBlock(name, index: 0, scope, into: &out, at: offset)
        case .filterBlock(let name, let positional, let keyword, let body, let offset):
            var captured = ""
            try render(body, scope, into: &captured)
            let value = try applyFilter(name, to: .string(captured), positional, keyword, scope, at: offset)
            out += value.rendered(autoescape: autoescape)
        case .switchBlock(let subject, let cases, let otherwise):
            let value = try evaluate(subject, scope)
            var matched: Int?
            for (index, item) in cases.enumerated() where try evaluate(item.value, scope).strictlyEquals(value) {
                matched = index
                break
            }
            if let matched {
                // An empty case falls through to the next, as in JavaScript.
                for item in cases[matched...] where !item.body.isEmpty {
                    try render(item.body, scope, into: &out)
                    return
                }
                if let otherwise { try render(otherwise, scope, into: &out) }
            } else if let otherwise {
                try render(otherwise, scope, into: &out)
            }
        }
    }

    /// `set`: the nearest frame that has the name, and the context too at the top level.
    private func assign(_ name: String, _ value: TemplateValue, _ scope: TemplateScope) {
        scope.frame.set(name, value, resolveUp: true)
        if scope.frame.isTopLevel {
            scope.context.set(name, value)
            if !name.hasPrefix("_") { scope.context.addExport(name) }
        }
    }

    /// An imported name: the frame, and the context at the top level (not exported).
    private func bind(_ name: String, _ value: TemplateValue, _ scope: TemplateScope) {
        scope.frame.set(name, value)
        if scope.frame.isTopLevel { scope.context.set(name, value) }
    }

    private func renderBlock(_ name: String, index: Int, _ scope: TemplateScope, into out: inout String, at offset: Int) throws {
        guard let entries = scope.context.blocks[name], index < entries.count else {
            if index > 0 { throw scope.error("no parent block '\(name)' for super() to render", at: offset) }
            return
        }
        try enter(scope, at: offset, "blocks")
        defer { leave() }
        let entry = entries[index]
        let blockScope = TemplateScope(program: entry.program, context: scope.context, frame: scope.frame.push(isolatesWrites: true), block: (name, index))
        try render(entry.body, blockScope, into: &out)
    }

    private func renderFor(_ loop: TemplateForLoop, _ scope: TemplateScope, into out: inout String) throws {
        let iterable = try evaluate(loop.iterable, scope)
        var inner = scope
        inner.frame = scope.frame.push()
        var iterations = 0
        func bindLoop(_ index: Int, _ count: Int) {
            inner.frame.loop = (index, count)
        }
        if loop.names.count == 1 {
            let items: [TemplateValue]
            switch iterable {
            case .array(let array): items = array
            case .string(let s), .safe(let s): items = s.map { .string(String($0)) }
            default: items = []  // Nunjucks iterates `length` items: none for objects.
            }
            iterations = items.count
            for (index, item) in items.enumerated() {
                inner.frame.set(loop.names[0], item)
                bindLoop(index, items.count)
                try render(loop.body, inner, into: &out)
            }
        } else {
            switch iterable {
            case .array(let array):
                iterations = array.count
                for (index, item) in array.enumerated() {
                    for (position, name) in loop.names.enumerated() {
                        inner.frame.set(name, item[member: String(position)])
                    }
                    bindLoop(index, array.count)
                    try render(loop.body, inner, into: &out)
                }
            case .object(let object):
                iterations = object.count
                for (index, pair) in object.pairs.enumerated() {
                    inner.frame.set(loop.names[0], .string(pair.key))
                    inner.frame.set(loop.names[1], pair.value)
                    for name in loop.names.dropFirst(2) { inner.frame.set(name, .undefined) }
                    bindLoop(index, object.count)
                    try render(loop.body, inner, into: &out)
                }
            default:
                break
            }
        }
        if iterations == 0, let otherwise = loop.otherwise {
            try render(otherwise, inner, into: &out)
        }
    }

    private func exports(of template: TemplateExpression, withContext: Bool, _ scope: TemplateScope, at offset: Int) throws -> TemplateObject {
        let name = try evaluate(template, scope)
        guard let program = try load(name, from: scope, at: offset, ignoreMissing: false) else { return TemplateObject() }
        let context = withContext ? scope.context.copyingVariables() : TemplateContext()
        let frame = withContext ? scope.frame.push(isolatesWrites: true) : TemplateFrame()
        frame.isTopLevel = true
        var discarded = ""
        try renderRoot(program, context: context, frame: frame, into: &discarded, at: (scope, offset))
        return context.exported
    }

    // MARK: Macros

    private func makeMacro(_ macro: TemplateMacro, _ scope: TemplateScope, keepsFrame: Bool) -> TemplateValue {
        let program = scope.program, context = scope.context
        let definingFrame = keepsFrame ? scope.frame : nil
        return .function(TemplateFunction(name: macro.name) { [self] arguments in
            try self.call(macro, arguments, program: program, context: context, definingFrame: definingFrame)
        })
    }

    private func call(_ macro: TemplateMacro, _ arguments: TemplateArguments, program: TemplateProgram, context: TemplateContext, definingFrame: TemplateFrame?) throws -> TemplateValue {
        depth += 1
        defer { depth -= 1 }
        if depth > environment.options.recursionLimit {
            throw TemplateCallError("macros nested more than \(environment.options.recursionLimit) deep: runaway recursion in '\(macro.name)'?")
        }
        let parameters = macro.parameters
        if arguments.positional.count > parameters.count {
            let takes = parameters.isEmpty ? "no arguments" : parameters.count == 1 ? "1 argument" : "\(parameters.count) arguments"
            throw TemplateCallError("macro '\(macro.name)' takes \(takes) but was given \(arguments.positional.count)")
        }
        for key in arguments.keyword.keys where key != "caller" && !parameters.contains(where: { $0.name == key }) {
            let names = parameters.map(\.name).joined(separator: ", ")
            throw TemplateCallError("macro '\(macro.name)' has no parameter named '\(key)' (it takes: \(names.isEmpty ? "none" : names))")
        }
        let frame = definingFrame?.push(isolatesWrites: true) ?? TemplateFrame()
        let scope = TemplateScope(program: program, context: context, frame: frame, block: nil)
        if let caller = arguments.keyword["caller"] { frame.set("caller", caller) }
        for (index, parameter) in parameters.enumerated() {
            if index < arguments.positional.count {
                frame.set(parameter.name, arguments.positional[index])
            } else if let value = arguments.keyword[parameter.name] {
                frame.set(parameter.name, value)
            } else if let defaultValue = parameter.defaultValue {
                frame.set(parameter.name, try evaluate(defaultValue, scope))
            } else {
                frame.set(parameter.name, .undefined)
            }
        }
        var out = ""
        try render(macro.body, scope, into: &out)
        return .safe(out)
    }

    // MARK: Expressions

    func evaluate(_ expression: TemplateExpression, _ scope: TemplateScope) throws -> TemplateValue {
        switch expression {
        case .literal(let value):
            return value
        case .name(let name, _):
            return scope.lookup(name, globals: environment.globals)
        case .member(let base, let name, _):
            if case .name("loop", _) = base, let value = scope.frame.loopField(name) { return value }
            return try evaluate(base, scope).member(name)
        case .index(let base, let key, _):
            let object = try evaluate(base, scope)
            let keyValue = try evaluate(key, scope)
            if case .array(let items) = object, case .number(let n) = keyValue {
                let i = Int(exactly: n) ?? -1
                return items.indices.contains(i) ? items[i] : .undefined
            }
            return object.member(keyValue.stringValue)
        case .slice(let base, let start, let stop, _):
            let object = try evaluate(base, scope)
            let from = try start.map { try evaluate($0, scope) } ?? .undefined
            let to = try stop.map { try evaluate($0, scope) } ?? .undefined
            switch object {
            case .array(let items):
                let (low, high) = TemplateValue.sliceBounds(count: items.count, from, to, clampNegative: false)
                return .array(low < high ? Array(items[low..<high]) : [])
            case .string(let s), .safe(let s):
                let characters = Array(s)
                let (low, high) = TemplateValue.sliceBounds(count: characters.count, from, to, clampNegative: false)
                return .string(low < high ? String(characters[low..<high]) : "")
            default:
                return .undefined
            }
        case .call(let callee, let positional, let keyword, let offset):
            return try invoke(callee, positional, keyword, scope, at: offset)
        case .superCall(let offset):
            guard let block = scope.block else {
                throw scope.error("super() can only be called inside a block", at: offset)
            }
            var out = ""
            try renderBlock(block.name, index: block.index + 1, scope, into: &out, at: offset)
            return .safe(out)
        case .filter(let name, let input, let positional, let keyword, let offset):
            let value = try evaluate(input, scope)
            return try applyFilter(name, to: value, positional, keyword, scope, at: offset)
        case .test(let name, let input, let arguments, let negated, let offset):
            let value = try evaluate(input, scope)
            let values = try arguments.map { try evaluate($0, scope) }
            do {
                return .bool(try TemplateTest.run(name, value, values) != negated)
            } catch let error as TemplateCallError {
                throw scope.error(error.message, at: offset)
            }
        case .not(let operand):
            return .bool(!(try evaluate(operand, scope).isTruthy))
        case .negate(let operand, _):
            return .number(-(try evaluate(operand, scope).numberValue))
        case .plus(let operand, _):
            return .number(try evaluate(operand, scope).numberValue)
        case .and(let left, let right):
            let value = try evaluate(left, scope)
            return value.isTruthy ? try evaluate(right, scope) : value
        case .or(let left, let right):
            let value = try evaluate(left, scope)
            return value.isTruthy ? value : try evaluate(right, scope)
        case .binary(let op, let left, let right, let offset):
            return try binary(op, try evaluate(left, scope), try evaluate(right, scope), scope, at: offset)
        case .conditional(let value, let condition, let otherwise):
            if try evaluate(condition, scope).isTruthy { return try evaluate(value, scope) }
            guard let otherwise else { return .undefined }
            return try evaluate(otherwise, scope)
        case .array(let items):
            var values: [TemplateValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try evaluate(item, scope)) }
            return .array(values)
        case .object(let pairs):
            var object = TemplateObject()
            for (key, value) in pairs { object[key] = try evaluate(value, scope) }
            return .object(object)
        }
    }

    private func binary(_ op: TemplateBinaryOperator, _ a: TemplateValue, _ b: TemplateValue, _ scope: TemplateScope, at offset: Int) throws -> TemplateValue {
        switch op {
        case .add: return a.plus(b)
        case .subtract: return .number(a.numberValue - b.numberValue)
        case .multiply: return .number(a.numberValue * b.numberValue)
        case .divide: return .number(a.numberValue / b.numberValue)
        case .floorDivide: return .number((a.numberValue / b.numberValue).rounded(.down))
        case .remainder:
            let x = a.numberValue, y = b.numberValue
            return .number(x.truncatingRemainder(dividingBy: y))
        case .power: return .number(pow(a.numberValue, b.numberValue))
        case .concatenate: return .string(a.stringValue + b.stringValue)
        case .equal: return .bool(a.looselyEquals(b))
        case .notEqual: return .bool(!a.looselyEquals(b))
        case .strictEqual: return .bool(a.strictlyEquals(b))
        case .strictNotEqual: return .bool(!a.strictlyEquals(b))
        case .less, .greater, .lessOrEqual, .greaterOrEqual: return .bool(a.compare(b, op))
        case .contains, .notContains:
            let found: Bool
            switch b {
            case .array(let items): found = items.contains { $0.strictlyEquals(a) }
            case .object(let object): found = object[a.stringValue] != nil
            case .string(let s), .safe(let s): found = TemplateText.contains(s, a.stringValue)
            default:
                throw scope.error("cannot use 'in' to look for \(a.typeName) in \(b.typeName): expected an array, object or string", at: offset)
            }
            return .bool(op == .contains ? found : !found)
        }
    }

    private func describeCallee(_ expression: TemplateExpression) -> String {
        switch expression {
        case .name(let name, _): return name
        case .member(let base, let name, _): return describeCallee(base) + "." + name
        case .index(let base, _, _): return describeCallee(base) + "[…]"
        case .call(let base, _, _, _): return describeCallee(base) + "(…)"
        default: return "expression"
        }
    }

    private func invoke(_ callee: TemplateExpression, _ positional: [TemplateExpression], _ keyword: [(String, TemplateExpression)], _ scope: TemplateScope, at offset: Int) throws -> TemplateValue {
        let function = try evaluate(callee, scope)
        guard case .function(let f) = function else {
            throw scope.error("cannot call '\(describeCallee(callee))': it is \(function.typeName), not a macro or function", at: offset)
        }
        var arguments = TemplateArguments()
        arguments.positional.reserveCapacity(positional.count)
        for item in positional { arguments.positional.append(try evaluate(item, scope)) }
        for (name, item) in keyword { arguments.keyword[name] = try evaluate(item, scope) }
        do {
            return try f.call(arguments)
        } catch let error as TemplateError {
            throw error
        } catch let error as TemplateCallError {
            throw scope.error(error.message, at: offset)
        } catch {
            throw scope.error("'\(describeCallee(callee))' failed: \(error)", at: offset)
        }
    }

    private func applyFilter(_ name: String, to value: TemplateValue, _ positional: [TemplateExpression], _ keyword: [(String, TemplateExpression)], _ scope: TemplateScope, at offset: Int) throws -> TemplateValue {
        guard let filter = environment.filters[name] else {
            throw scope.error("unknown filter '\(name)'", at: offset)
        }
        var arguments = TemplateArguments()
        for item in positional { arguments.positional.append(try evaluate(item, scope)) }
        for (key, item) in keyword { arguments.keyword[key] = try evaluate(item, scope) }
        do {
            return try filter(value, arguments)
        } catch let error as TemplateError {
            throw error
        } catch let error as TemplateCallError {
            throw scope.error("filter '\(name)': \(error.message)", at: offset)
        } catch {
            throw scope.error("filter '\(name)' failed: \(error)", at: offset)
        }
    }
}
