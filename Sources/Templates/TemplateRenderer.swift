import Foundation

/// Renders parsed templates for one call of `render`: owns the recursion counter that stops include
/// loops and runaway macros, and creates the macros a render defines.
///
/// One renderer serves one render on one thread; parsed templates themselves are shared.
final class TemplateRenderer: @unchecked Sendable {
    let environment: TemplateEnvironment
    private let autoescape: Bool
    @exclusivity(unchecked) private var depth = 0

    /// The lowest stack address this render may reach (see `stackBudget`).
    @exclusivity(unchecked) private var stackLimit: UInt = 0

    /// How much stack one render may use. Every thread has at least 512 KiB (macOS's secondary
    /// threads, the smallest default); a render that would need more is stopped with an error, so that
    /// deep nesting inside recursion can never overflow the stack, whatever the build or thread.
    static let stackBudget: UInt = 384 * 1024

    /// Copied out of the environment once, so that hot lookups do not go through it.
    private let globals: TemplateObject
    private let filterTable: TemplateFilterTable
    private let macroCache: TemplateMacroCache
    private let noArguments = TemplateArguments()
    /// Frames of loops, blocks and macro calls that ended with nothing else holding them, kept
    /// for the next ones (see `makeFrame`, `spare`).
    @exclusivity(unchecked) private var sparedFrames: [TemplateFrame] = []
    private let recursionLimit: Int
    /// The import cache's generation when this render started: what statements remembered for it
    /// (`TemplateResolutions`) is what they find now.
    private let importGeneration: TemplateImportCache.Generation

    init(environment: TemplateEnvironment) {
        self.environment = environment
        self.autoescape = environment.options.autoescape
        self.globals = environment.globals
        self.filterTable = environment.filterTable
        self.macroCache = environment.macros
        self.recursionLimit = environment.options.recursionLimit
        self.importGeneration = environment.imports.generation
    }

    /// The address of a local variable of the calling function: where the stack is now.
    @inline(__always)
    private static func stackPosition() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    @inline(__always)
    private func checkStack(_ scope: TemplateScope, at offset: Int?) throws {
        if Self.stackPosition() < stackLimit { throw stackExhausted(scope, at: offset) }
    }

    @inline(never)
    private func stackExhausted(_ scope: TemplateScope, at offset: Int?) -> TemplateError {
        stackExhausted(scope.program, at: offset)
    }

    @inline(never)
    private func stackExhausted(_ program: TemplateProgram, at offset: Int?) -> TemplateError {
        program.source.error("templates nested too deeply (more than \(Self.stackBudget / 1024) KiB of stack): an include loop or runaway recursion?", at: offset ?? 0)
    }

    // MARK: Entry points

    /// Renders a template as the top of a render.
    func render(_ program: TemplateProgram, context: TemplateObject) throws -> String {
        var out = TemplateOutput(capacity: program.source.bytes.count * 2)
        try renderTop(program, context: context, into: &out)
        return out.finish()
    }

    /// Renders a template as the top of a render, as UTF-8 bytes (see `Template.renderUTF8`).
    func renderUTF8(_ program: TemplateProgram, context: TemplateObject) throws -> [UInt8] {
        var out = TemplateOutput(capacity: program.source.bytes.count * 2, bytesOnly: true)
        try renderTop(program, context: context, into: &out)
        return out.finishBytes()
    }

    private func renderTop(_ program: TemplateProgram, context: TemplateObject, into out: inout TemplateOutput) throws {
        let position = Self.stackPosition()
        stackLimit = position > Self.stackBudget ? position - Self.stackBudget : 0
        let frame = TemplateFrame(isTopLevel: true, capacity: program.topLevelBindings)
        try renderRoot(program, context: TemplateContext(context), frame: frame, into: &out, caller: nil, at: 0)
    }

    private func enter(_ scope: TemplateScope?, at offset: Int?, _ what: String) throws {
        depth += 1
        if depth > recursionLimit { throw tooDeep(scope?.program, at: offset, what) }
    }

    @inline(never)
    private func tooDeep(_ program: TemplateProgram?, at offset: Int?, _ what: String) -> TemplateError {
        let message = "\(what) nested more than \(environment.options.recursionLimit) deep: an include loop or runaway recursion?"
        if let program { return program.source.error(message, at: offset ?? 0) }
        return TemplateError(path: "", line: 1, column: 1, message: message)
    }

    private func leave() { depth -= 1 }

    /// Renders a template's top level, then the template it extends, if any, with the same context.
    ///
    /// Include loops recurse through here: its stack frame is kept small (in debug builds too, where
    /// every local has its own slot), so that the recursion limit is reached before the stack budget.
    private func renderRoot(_ program: TemplateProgram, context: TemplateContext, frame: TemplateFrame, into out: inout TemplateOutput, caller: TemplateProgram?, at offset: Int) throws {
        depth += 1
        defer { depth -= 1 }
        if depth > recursionLimit { throw tooDeep(caller, at: offset, "templates") }
        // Includes, imports and layouts recurse through here without passing `render(_:_:into:)`.
        if let caller, Self.stackPosition() < stackLimit { throw stackExhausted(caller, at: offset) }
        context.addBlocks(of: program)
        let scope = TemplateScope(program: program, context: context, frame: frame, block: nil)
        guard program.extendsAnother else {
            // A template that does not extend another writes straight into the output.
            return try render(program.nodes, scope, into: &out)
        }
        guard let parent = try renderExtendingTemplate(program, scope) else { return }
        frame.reserveCapacity(adding: parent.program.topLevelBindings)
        try renderRoot(parent.program, context: context, frame: frame, into: &out, caller: program, at: parent.offset)
    }

    /// The top level of a template that extends another: it writes nothing of its own (its blocks go
    /// to the parent), but runs its `set`s, imports and macros. Returns the parent, when it is found.
    @inline(never)
    private func renderExtendingTemplate(_ program: TemplateProgram, _ scope: TemplateScope) throws -> (program: TemplateProgram, offset: Int)? {
        var parent: (program: TemplateProgram, offset: Int)?
        var discarded = TemplateOutput()
        for node in program.nodes {
            if case .extends(let expression, let offset) = node {
                guard let loaded = try load(expression, from: scope, at: offset, ignoreMissing: false) else { continue }
                parent = (loaded, offset)
                continue
            }
            if parent != nil, case .block = node { continue }
            try render(node, scope, into: &discarded)
        }
        return parent
    }

    /// The template a statement names: one whose name is a literal finds what it loaded before
    /// (`TemplateResolutions`) without the template cache.
    private func load(_ template: TemplateExpression, from scope: TemplateScope, at offset: Int, ignoreMissing: Bool) throws -> TemplateProgram? {
        let remembers = template.isLiteral
        if remembers, let program = scope.program.resolutions.program(at: offset, in: importGeneration) { return program }
        let name = try evaluate(template, scope)
        guard let program = try load(name, from: scope, at: offset, ignoreMissing: ignoreMissing) else { return nil }
        if remembers { remember(program, foundAt: offset, by: scope.program, imported: nil) }
        return program
    }

    /// Remembers what a statement naming a literal found (not a template naming itself, which its
    /// resolutions would then keep alive for ever).
    private func remember(_ program: TemplateProgram, foundAt offset: Int, by importer: TemplateProgram, imported: [TemplateValue]?) {
        guard program !== importer else { return }
        importer.resolutions.remember(TemplateResolutions.Entry(offset: offset, generation: importGeneration, program: program, imported: imported))
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

    func render(_ nodes: [TemplateNode], _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        try checkStack(scope, at: nil)
        // Through the buffer, so that each node is borrowed rather than copied out of the array.
        try nodes.withUnsafeBufferPointer { nodes in
            for index in nodes.indices { try render(nodes[index], scope, into: &out) }
        }
    }

    /// Dispatches one statement. Each tag is rendered by its own function so that this one's stack
    /// frame stays small: templates recurse through it (macros, includes, blocks), and a small frame
    /// is what lets the recursion limit be reached without exhausting a thread's stack.
    private func render(_ node: TemplateNode, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        switch node {
        case .text(let start, let count): out.append(ascii: scope.program.text, from: start, count: count)
        case .unicodeText(let text): out.append(text)
        case .output(let part): try part.borrow { try renderOutput($0.expression, scope, into: &out) }
        case .forLoop(let part): try part.borrow { try renderFor($0, scope, into: &out) }
        case .ifBlock(let part): try part.borrow { try renderIf($0, scope, into: &out) }
        case .set(let part): try part.borrow { try renderSet($0.names, $0.value, scope) }
        case .block(let part): try part.borrow { try renderBlock($0.name, index: 0, scope, into: &out, at: $0.offset) }
        case .importNames(let part): try part.borrow { try importNames($0, scope) }
        default: try renderTag(node, scope, into: &out)
        }
    }

    /// Tags other than the hottest; each is rendered by its own small function, which destructures
    /// the node itself so that no payload lives in this frame.
    @inline(never)
    private func renderTag(_ node: TemplateNode, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        switch node {
        case .text, .unicodeText, .output, .forLoop, .ifBlock, .set, .block, .importNames:
            break
        case .setBlock: try renderSetBlockNode(node, scope, into: &out)
        case .macro: try renderMacroNode(node, scope, into: &out)
        case .callBlock: try renderCallBlockNode(node, scope, into: &out)
        case .importAll: try renderImportAllNode(node, scope, into: &out)
        case .include: try renderIncludeNode(node, scope, into: &out)
        case .extends: try renderExtendsNode(node, scope, into: &out)
        case .filterBlock: try renderFilterBlockNode(node, scope, into: &out)
        case .switchBlock: try renderSwitchBlockNode(node, scope, into: &out)
        }
    }

    @inline(never)
    private func renderSetBlockNode(_ node: TemplateNode, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        guard case .setBlock(let name, let body, _) = node else { return }
        try renderSetBlock(name, body, scope)
    }

    @inline(never)
    private func renderMacroNode(_ node: TemplateNode, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        guard case .macro(let macro) = node else { return }
        defineMacro(macro, scope)
    }

    @inline(never)
    private func renderCallBlockNode(_ node: TemplateNode, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        guard case .callBlock(let callerMacro, let call, let offset) = node else { return }
        try renderCallBlock(callerMacro, call, scope, into: &out, at: offset)
    }

    @inline(never)
    private func renderImportAllNode(_ node: TemplateNode, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        guard case .importAll(let template, let alias, let withContext, let offset) = node else { return }
        try importAll(template, alias: alias, withContext: withContext, scope, at: offset)
    }

    @inline(never)
    private func renderIncludeNode(_ node: TemplateNode, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        guard case .include(let template, let ignoreMissing, let offset) = node else { return }
        try renderInclude(template, ignoreMissing: ignoreMissing, scope, into: &out, at: offset)
    }

    @inline(never)
    private func renderExtendsNode(_ node: TemplateNode, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        guard case .extends(_, let offset) = node else { return }
        throw scope.error("'extends' is only allowed at the top level of a template", at: offset)
    }

    @inline(never)
    private func renderFilterBlockNode(_ node: TemplateNode, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        guard case .filterBlock(let name, let positional, let keyword, let body, let offset) = node else { return }
        try renderFilterBlock(name, positional, keyword, body, scope, into: &out, at: offset)
    }

    @inline(never)
    private func renderSwitchBlockNode(_ node: TemplateNode, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        guard case .switchBlock(let subject, let cases, let otherwise) = node else { return }
        try renderSwitch(subject, cases, otherwise, scope, into: &out)
    }


    @inline(never)
    private func renderOutput(_ expression: TemplateExpression, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        // A macro call or `super()` renders straight into the output, not into a string to copy.
        switch expression {
        case .call(let part):
            return try part.borrow { call in
                try checkStack(scope, at: call.offset)
                try renderCall(call, scope, into: &out)
            }
        case .superCall(let offset):
            return try renderSuper(scope, at: offset, into: &out)
        default:
            break
        }
        let value = try evaluate(expression, scope)
        append(value, to: &out)
    }

    /// A value as `{{ }}` writes it.
    @inline(__always)
    private func append(_ value: TemplateValue, to out: inout TemplateOutput) {
        switch value {
        case .undefined, .null: break
        case .safe(let s): out.append(s)
        case .string(let s): if autoescape { out.appendEscapingHTML(s) } else { out.append(s) }
        case .number(let n) where n == n.rounded() && abs(n) < 9e15:
            // A whole number, as `format(number:)` writes it, without making a string of it.
            out.append(integer: Int64(n))
        default: if autoescape { out.appendEscapingHTML(value.stringValue) } else { out.append(value.stringValue) }
        }
    }

    @inline(never)
    private func renderIf(_ block: TemplateIfBlock, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        try block.branches.withUnsafeBufferPointer { branches in
            for index in branches.indices where try isTruthy(branches[index].condition, scope) {
                try render(branches[index].body, scope, into: &out)
                return
            }
            if let otherwise = block.otherwise { try render(otherwise, scope, into: &out) }
        }
    }

    @inline(never)
    private func renderSet(_ names: [TemplateKey], _ expression: TemplateExpression, _ scope: TemplateScope) throws {
        let value = try evaluate(expression, scope)
        for name in names { assign(name, value, scope) }
    }

    @inline(never)
    private func renderSetBlock(_ name: String, _ body: [TemplateNode], _ scope: TemplateScope) throws {
        var captured = TemplateOutput()
        try render(body, scope, into: &captured)
        assign(TemplateKey(name), .string(captured.finish()), scope)
    }

    @inline(never)
    private func defineMacro(_ macro: TemplateMacro, _ scope: TemplateScope) {
        let value = makeMacro(macro, scope, keepsFrame: false)
        scope.frame.set(macro.key, value)
        if scope.frame.isTopLevel {
            scope.context.set(macro.key, value)
            if !macro.name.hasPrefix("_") { scope.context.addExport(macro.name) }
        }
    }

    @inline(never)
    private func renderCallBlock(_ callerMacro: TemplateMacro, _ call: TemplateExpression, _ scope: TemplateScope, into out: inout TemplateOutput, at offset: Int) throws {
        guard case .call(let e) = call else {
            throw scope.error("'call' expects a macro call, such as {% call list(items) %}", at: offset)
        }
        let caller = makeMacro(callerMacro, scope, keepsFrame: true)
        let value = try invoke(e.callee, e.positional, e.keyword + [("caller", .literal(caller))], scope, at: e.offset)
        append(value, to: &out)
    }

    @inline(never)
    private func importAll(_ template: TemplateExpression, alias: String, withContext: Bool, _ scope: TemplateScope, at offset: Int) throws {
        let (exported, cached, _) = try exports(of: template, withContext: withContext, scope, at: offset)
        // A shared context keeps cached macros as they are: it outlives this render.
        guard cached, !definesSharedExports(scope) else { return bind(alias, .object(exported), scope) }
        var rebound = TemplateObject()
        for (name, value) in exported.pairs { rebound[name] = self.rebound(value) }
        bind(alias, .object(rebound), scope)
    }

    @inline(never)
    private func importNames(_ statement: TemplateImportNames, _ scope: TemplateScope) throws {
        // A statement that imported cached exports before binds the same values again.
        let remembers = !statement.withContext && statement.template.isLiteral
        if remembers, let imported = scope.program.resolutions.imported(at: statement.offset, in: importGeneration) {
            let rebinds = !definesSharedExports(scope)
            try statement.names.withUnsafeBufferPointer { names in
                try imported.withUnsafeBufferPointer { values in
                    guard values.count == names.count else { throw scope.error("internal error: an import remembered other names", at: statement.offset) }
                    for index in names.indices { bind(names[index].alias, rebinds ? rebound(values[index]) : values[index], scope) }
                }
            }
            return
        }
        let (exported, cached, program) = try exports(of: statement.template, withContext: statement.withContext, scope, at: statement.offset)
        var imported: [TemplateValue] = []
        if remembers, cached { imported.reserveCapacity(statement.names.count) }
        for item in statement.names {
            guard let value = exported[item.name] else {
                throw scope.error("cannot import '\(item.name.name)': the template does not define it", at: item.offset)
            }
            if remembers, cached { imported.append(value) }
            bind(item.alias, cached && !definesSharedExports(scope) ? rebound(value) : value, scope)
        }
        if remembers, cached, let program { remember(program, foundAt: statement.offset, by: scope.program, imported: imported) }
    }

    @inline(never)
    private func renderInclude(_ template: TemplateExpression, ignoreMissing: Bool, _ scope: TemplateScope, into out: inout TemplateOutput, at offset: Int) throws {
        guard let program = try includedProgram(template, ignoreMissing: ignoreMissing, scope, at: offset) else { return }
        let frame = scope.frame.push(isolatesWrites: true, capacity: program.topLevelBindings)
        frame.isTopLevel = true
        try renderRoot(program, context: scope.context.copyingVariables(), frame: frame, into: &out, caller: scope.program, at: offset)
    }

    /// The template an include names; apart, so that the include's frame stays small.
    @inline(never)
    private func includedProgram(_ template: TemplateExpression, ignoreMissing: Bool, _ scope: TemplateScope, at offset: Int) throws -> TemplateProgram? {
        try load(template, from: scope, at: offset, ignoreMissing: ignoreMissing)
    }

    @inline(never)
    private func renderFilterBlock(_ name: String, _ positional: [TemplateExpression], _ keyword: [(String, TemplateExpression)], _ body: [TemplateNode], _ scope: TemplateScope, into out: inout TemplateOutput, at offset: Int) throws {
        var captured = TemplateOutput()
        try render(body, scope, into: &captured)
        let value = try applyFilter(name, to: .string(captured.finish()), positional, keyword, scope, at: offset)
        append(value, to: &out)
    }

    @inline(never)
    private func renderSwitch(_ subject: TemplateExpression, _ cases: [(value: TemplateExpression, body: [TemplateNode])], _ otherwise: [TemplateNode]?, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
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

    /// `set`: the nearest frame that has the name, and the context too at the top level.
    private func assign(_ key: TemplateKey, _ value: TemplateValue, _ scope: TemplateScope) {
        scope.frame.set(key, value, resolveUp: true)
        if scope.frame.isTopLevel {
            scope.context.set(key, value)
            if scope.context.tracksExports, !key.name.hasPrefix("_") { scope.context.addExport(key.name) }
        }
    }

    /// An imported name: the frame, and the context at the top level (not exported).
    private func bind(_ name: String, _ value: TemplateValue, _ scope: TemplateScope) {
        bind(TemplateKey(name), value, scope)
    }

    private func bind(_ key: TemplateKey, _ value: TemplateValue, _ scope: TemplateScope) {
        scope.frame.set(key, value)
        if scope.frame.isTopLevel { scope.context.set(key, value) }
    }

    @inline(never)
    private func renderBlock(_ name: TemplateKey, index: Int, _ scope: TemplateScope, into out: inout TemplateOutput, at offset: Int) throws {
        guard let entry = scope.context.block(named: name, index: index) else {
            if index > 0 { throw scope.error("no parent block '\(name.name)' for super() to render", at: offset) }
            return
        }
        try enter(scope, at: offset, "blocks")
        defer { leave() }
        // A block's variables are its own; a block that sets none shares its caller's frame.
        let frame = entry.bindsNames ? scope.frame.push(isolatesWrites: true, capacity: entry.frameCapacity) : scope.frame
        let blockScope = TemplateScope(program: entry.program, context: scope.context, frame: frame, block: (name, index))
        try render(entry.body, blockScope, into: &out)
    }

    private func renderFor(_ loop: TemplateForLoop, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        let iterable = try evaluate(loop.iterable, scope)
        var inner = scope
        inner.frame = makeFrame(parent: scope.frame, isolatesWrites: false, capacity: loop.frameCapacity)
        defer { spare(&inner.frame) }
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
                    for key in loop.names.dropFirst(2) { inner.frame.set(key, .undefined) }
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

    /// What a template exports to an import, and whether it is context-free, its exports cached in
    /// the environment (their macros are then rebound to this render before they are bound); and
    /// the template.
    private func exports(of template: TemplateExpression, withContext: Bool, _ scope: TemplateScope, at offset: Int) throws -> (TemplateObject, cached: Bool, program: TemplateProgram?) {
        // A literal name is loaded once per statement (see `load`).
        guard let program = try load(template, from: scope, at: offset, ignoreMissing: false) else { return (TemplateObject(), false, nil) }
        let cacheable = !withContext && program.exportsAreContextFree
        if !cacheable, definesSharedExports(scope) { scope.context.importsUncachedExports = true }
        if cacheable, let exported = environment.imports.exports(of: program) {
            return (exported, true, program)
        }
        if withContext, program.onlyDefinesMacros { return (try macroExports(of: program, scope, at: offset), false, program) }
        let context = withContext ? scope.context.copyingVariables(tracksExports: true) : TemplateContext(isShared: cacheable, tracksExports: true)
        let frame = withContext ? scope.frame.push(isolatesWrites: true, capacity: program.topLevelBindings) : TemplateFrame(capacity: program.topLevelBindings)
        frame.isTopLevel = true
        var discarded = TemplateOutput()
        try renderRoot(program, context: context, frame: frame, into: &discarded, caller: scope.program, at: offset)
        let exported = context.exported
        if context.importsUncachedExports {
            if definesSharedExports(scope) { scope.context.importsUncachedExports = true }
        } else if cacheable {
            environment.imports.store(exported, of: program)
        }
        // Macros made for a shared context are rebound to this render, whether stored or not.
        return (exported, cacheable, program)
    }

    /// What a template that only defines macros exports to an import `with context`: its macros,
    /// bound to a copy of the importer's context (where they find each other), as rendering its top
    /// level would define them, in the order they are defined; names starting with `_` are not
    /// exported. The limits are checked as for a template that is rendered.
    @inline(never)
    private func macroExports(of program: TemplateProgram, _ scope: TemplateScope, at offset: Int) throws -> TemplateObject {
        if depth + 1 > recursionLimit { throw tooDeep(scope.program, at: offset, "templates") }
        if Self.stackPosition() < stackLimit { throw stackExhausted(scope.program, at: offset) }
        let context = scope.context.copyingVariables(tracksExports: true)
        var exported = TemplateObject()
        for node in program.nodes {
            guard case .macro(let macro) = node else { continue }
            let value = bound(TemplateMacroBinding(macro: macro, program: program, context: context, definingFrame: nil))
            context.set(macro.key, value)
            if !macro.name.hasPrefix("_") { exported.insert(macro.key, value) }
        }
        return exported
    }

    // MARK: Macros

    private func makeMacro(_ macro: TemplateMacro, _ scope: TemplateScope, keepsFrame: Bool) -> TemplateValue {
        let binding = TemplateMacroBinding(macro: macro, program: scope.program, context: scope.context, definingFrame: keepsFrame ? scope.frame : nil)
        if definesSharedExports(scope) {
            // Kept in the environment's import cache and called by renders on any thread: it must
            // not hold this renderer. Renders call it directly; importers get it rebound to them.
            return .function(TemplateFunction(macro: binding) { _ in
                throw TemplateCallError("macro '\(macro.name)' can only be called from a template")
            })
        }
        return bound(binding)
    }

    /// Whether `scope` is the top level of a context-free import being run for the cache: what it
    /// defines outlives this render. (A shared context is only read once its template has run.)
    private func definesSharedExports(_ scope: TemplateScope) -> Bool {
        scope.context.isShared && scope.frame.isTopLevel
    }

    /// A macro value whose `call` renders with this renderer.
    private func bound(_ binding: TemplateMacroBinding) -> TemplateValue {
        .function(TemplateFunction(macro: binding, renderer: self))
    }

    /// A value from a cached import: its macros rebound to this render (see `makeMacro`).
    private func rebound(_ value: TemplateValue) -> TemplateValue {
        if case .function(let function) = value, function.macro != nil { return .function(function.bound(to: self)) }
        return value
    }

    func call(_ binding: TemplateMacroBinding, _ arguments: TemplateArguments) throws -> TemplateValue {
        let macro = binding.macro
        depth += 1
        defer { depth -= 1 }
        if depth > recursionLimit { throw runaway(macro) }
        if let purity = macro.purity, binding.definingFrame == nil {
            return .safe(try callRemembering(binding, purity, arguments))
        }
        var out = TemplateOutput()
        try renderMacroBody(binding, arguments, into: &out)
        return .safe(out.finish())
    }

    /// A macro call whose output goes straight into `out`.
    private func call(_ binding: TemplateMacroBinding, _ arguments: TemplateArguments, into out: inout TemplateOutput) throws {
        let macro = binding.macro
        depth += 1
        defer { depth -= 1 }
        if depth > recursionLimit { throw runaway(macro) }
        if let purity = macro.purity, binding.definingFrame == nil {
            return try callRemembering(binding, purity, arguments, into: &out)
        }
        try renderMacroBody(binding, arguments, into: &out)
    }

    private func renderMacroBody(_ binding: TemplateMacroBinding, _ arguments: TemplateArguments, into out: inout TemplateOutput) throws {
        let defining = binding.definingFrame
        var scope = TemplateScope(program: binding.program, context: binding.context,
                                  frame: makeFrame(parent: defining, isolatesWrites: defining != nil, capacity: binding.macro.frameCapacity), block: nil)
        defer { spare(&scope.frame) }
        try bind(arguments, to: binding.macro, in: scope)
        try render(binding.macro.body, scope, into: &out)
    }

    /// A new frame, or a spared one made new.
    private func makeFrame(parent: TemplateFrame?, isolatesWrites: Bool, capacity: Int) -> TemplateFrame {
        if let frame = sparedFrames.popLast() {
            frame.reuse(parent: parent, isolatesWrites: isolatesWrites, capacity: capacity)
            return frame
        }
        return TemplateFrame(parent: parent, isolatesWrites: isolatesWrites, capacity: capacity)
    }

    /// Keeps a frame whose loop, block or call has ended for the next one, unless something still
    /// holds it (a `caller` made in it, a macro kept by a filter): then it is left as it is.
    private func spare(_ frame: inout TemplateFrame) {
        guard sparedFrames.count < 16, isKnownUniquelyReferenced(&frame) else { return }
        frame.clear()
        sparedFrames.append(frame)
    }

    /// A call of a pure macro: its remembered output for these arguments, or the output rendered
    /// and remembered (see `TemplateMacroCache`).
    @inline(never)
    private func callRemembering(_ binding: TemplateMacroBinding, _ purity: TemplateMacroPurity, _ arguments: TemplateArguments) throws -> String {
        var output = TemplateOutput()
        try callRemembering(binding, purity, arguments, into: &output)
        return output.finish()
    }

    /// As `callRemembering(_:_:_:)`, writing into `out`: a call that is not remembered (a list of
    /// thousands of posts, whose filters are not pure) renders straight into the caller's buffer,
    /// and a remembered one is copied out of it, not rendered into a buffer of its own and copied in.
    @inline(never)
    private func callRemembering(_ binding: TemplateMacroBinding, _ purity: TemplateMacroPurity, _ arguments: TemplateArguments, into out: inout TemplateOutput) throws {
        let lookup = macroCache.lookup(binding.macro, in: binding.program, arguments: arguments) {
            purity.filters.allSatisfy(filterTable.isPure)
        }
        switch lookup {
        case .hit(let remembered):
            out.append(remembered)
        case .miss(let key):
            let start = out.count
            try renderMacroBody(binding, arguments, into: &out)
            macroCache.store(out.string(from: start), for: key, of: binding.macro, in: binding.program)
        case .notCached:
            try renderMacroBody(binding, arguments, into: &out)
        }
    }

    @inline(never)
    private func runaway(_ macro: TemplateMacro) -> TemplateCallError {
        TemplateCallError("macros nested more than \(environment.options.recursionLimit) deep: runaway recursion in '\(macro.name)'?")
    }

    /// Binds a call's arguments to a macro's parameters in the macro's frame: positional first, then
    /// keywords, then defaults (evaluated in that frame, so they can use earlier parameters).
    @inline(never)
    private func bind(_ arguments: TemplateArguments, to macro: TemplateMacro, in scope: TemplateScope) throws {
        let parameters = macro.parameters
        if arguments.positional.count > parameters.count {
            let takes = parameters.isEmpty ? "no arguments" : parameters.count == 1 ? "1 argument" : "\(parameters.count) arguments"
            throw TemplateCallError("macro '\(macro.name)' takes \(takes) but was given \(arguments.positional.count)")
        }
        let hasKeywords = !arguments.keyword.isEmpty
        if hasKeywords {
            for key in arguments.keyword.keys where key != "caller" && !parameters.contains(where: { $0.name == key }) {
                let names = parameters.map(\.name).joined(separator: ", ")
                throw TemplateCallError("macro '\(macro.name)' has no parameter named '\(key)' (it takes: \(names.isEmpty ? "none" : names))")
            }
        }
        let frame = scope.frame
        if hasKeywords, let caller = arguments.keyword["caller"] { frame.set("caller", caller) }
        let positional = arguments.positional.count
        for index in macro.parameterKeys.indices {
            let key = macro.parameterKeys[index]
            if index < positional {
                frame.set(key, arguments.positional[index])
            } else if hasKeywords, let value = arguments.keyword[key] {
                frame.set(key, value)
            } else if let defaultValue = parameters[index].defaultValue {
                frame.set(key, try evaluate(defaultValue, scope))
            } else {
                frame.set(key, .undefined)
            }
        }
    }

    // MARK: Expressions

    /// Evaluates an expression. As with statements, anything beyond the simplest cases is done by
    /// its own function, to keep this recursive function's stack frame small.
    func evaluate(_ expression: TemplateExpression, _ scope: TemplateScope) throws -> TemplateValue {
        switch expression {
        case .literal(let value):
            return value
        case .name(let part):
            return part.borrow { e in
                if let value = scope.frame.lookup(e.key) { return value }
                if let value = scope.context.lookup(e.key) { return value }
                return globals[e.key] ?? .undefined
            }
        case .member(let part):
            return try part.borrow { e in try evaluateMember(e, scope) }
        case .array, .object, .filter, .binary, .call:
            // The offset is only worked out for the error.
            if Self.stackPosition() < stackLimit { throw stackExhausted(scope, at: expression.offset) }
            return try evaluateOperation(expression, scope)
        default:
            return try evaluateOperation(expression, scope)
        }
    }

    /// `a.b`: a member of a variable (`a.b`, `a.b.c`) is read where the variable is stored, without
    /// copying it or the middle value; `loop.index` without building `loop`.
    @inline(__always)
    private func evaluateMember(_ e: TemplateMemberExpression, _ scope: TemplateScope) throws -> TemplateValue {
        switch e.base {
        case .name(let part):
            let found: TemplateValue? = part.borrow { base in
                if base.key.isLoop { return scope.frame.loopField(e.key.name) }
                if let value = scope.frame.lookupMember(base.key, e.key) { return value }
                if let value = scope.context.lookupMember(base.key, e.key) { return value }
                return (globals[base.key] ?? .undefined).member(e.key)
            }
            if let found { return found }
        case .member(let part):
            let found: TemplateValue? = part.borrow { inner in
                guard case .name(let namePart) = inner.base else { return nil }
                return namePart.borrow { base in
                    if base.key.isLoop { return nil }
                    if let value = scope.frame.lookupMember(base.key, inner.key, e.key) { return value }
                    if let value = scope.context.lookupMember(base.key, inner.key, e.key) { return value }
                    return (globals[base.key] ?? .undefined).member(inner.key, e.key)
                }
            }
            if let found { return found }
        default:
            break
        }
        return try evaluate(e.base, scope).member(e.key)
    }

    /// Everything but the hottest expressions; each kind is evaluated by its own small function,
    /// so that no kind's locals live in this recursive frame.
    @inline(never)
    private func evaluateOperation(_ expression: TemplateExpression, _ scope: TemplateScope) throws -> TemplateValue {
        switch expression {
        case .call(let part): return try part.borrow { e in try invoke(e.callee, e.positional, e.keyword, scope, at: e.offset) }
        case .literal, .name, .member: return try evaluate(expression, scope)
        case .index(let part): return try part.borrow { e in try evaluateIndex(e.base, e.key, scope) }
        case .slice(let part): return try part.borrow { e in try evaluateSlice(e.base, e.start, e.stop, scope) }
        case .superCall(let offset): return try evaluateSuper(scope, at: offset)
        case .filter(let part): return try part.borrow { e in try evaluateFilter(e, scope) }
        case .test(let part): return try part.borrow { e in try evaluateTest(e.name, e.input, e.arguments, negated: e.negated, scope, at: e.offset) }
        case .not(let part): return try part.borrow { e in try evaluateNot(e, scope) }
        case .negate(let part): return try part.borrow { e in try evaluateNegate(e, scope) }
        case .plus(let part): return try part.borrow { e in try evaluatePlus(e, scope) }
        case .and(let part): return try part.borrow { e in try evaluateAnd(e, scope) }
        case .or(let part): return try part.borrow { e in try evaluateOr(e, scope) }
        case .binary(let part): return try part.borrow { e in try evaluateBinary(e, scope) }
        case .conditional(let part): return try part.borrow { e in try evaluateConditional(e, scope) }
        case .array(let items): return try evaluateArray(items, scope)
        case .object(let pairs): return try evaluateObject(pairs, scope)
        }
    }

    @inline(never)
    private func evaluateFilter(_ e: TemplateFilterExpression, _ scope: TemplateScope) throws -> TemplateValue {
        let value = try evaluate(e.input, scope)
        guard e.table === filterTable else {
            return try applyFilter(e.key, to: value, e.positional, e.keyword, scope, at: e.offset)
        }
        // Most filters are applied without arguments: those share one empty set, passed as it is
        // (not through a local, which costs a retain and a release of its two parts).
        if e.positional.isEmpty && e.keyword.isEmpty {
            do {
                return try filterTable.apply(at: e.position, value, noArguments)
            } catch {
                throw filterFailed(error, e, scope)
            }
        }
        let arguments = try evaluateArguments(e.positional, e.keyword, scope)
        do {
            return try filterTable.apply(at: e.position, value, arguments)
        } catch {
            throw filterFailed(error, e, scope)
        }
    }

    @inline(never)
    private func filterFailed(_ error: any Error, _ e: TemplateFilterExpression, _ scope: TemplateScope) -> TemplateError {
        wrapped(error, scope, at: e.offset, prefix: { "filter '\(e.key.name)' failed: " }, callPrefix: "filter '\(e.key.name)': ")
    }

    @inline(never)
    private func evaluateNot(_ e: TemplateUnaryExpression, _ scope: TemplateScope) throws -> TemplateValue {
        .bool(!(try evaluate(e.operand, scope).isTruthy))
    }

    @inline(never)
    private func evaluateNegate(_ e: TemplateUnaryExpression, _ scope: TemplateScope) throws -> TemplateValue {
        .number(-(try evaluate(e.operand, scope).numberValue))
    }

    @inline(never)
    private func evaluatePlus(_ e: TemplateUnaryExpression, _ scope: TemplateScope) throws -> TemplateValue {
        .number(try evaluate(e.operand, scope).numberValue)
    }

    /// Whether an `if` condition is truthy: a variable is tested where it is stored, without copying
    /// its value out.
    private func isTruthy(_ expression: TemplateExpression, _ scope: TemplateScope) throws -> Bool {
        if case .name(let part) = expression {
            let truthy: Bool? = part.borrow { e in
                if e.key.isLoop { return nil }
                if let truthy = scope.frame.isTruthy(e.key) { return truthy }
                if let truthy = scope.context.isTruthy(e.key) { return truthy }
                return globals.isTruthy(e.key) ?? false
            }
            if let truthy { return truthy }
        }
        return try evaluate(expression, scope).isTruthy
    }

    @inline(never)
    private func evaluateAnd(_ e: TemplateBinaryExpression, _ scope: TemplateScope) throws -> TemplateValue {
        let value = try evaluate(e.left, scope)
        return value.isTruthy ? try evaluate(e.right, scope) : value
    }

    @inline(never)
    private func evaluateOr(_ e: TemplateBinaryExpression, _ scope: TemplateScope) throws -> TemplateValue {
        let value = try evaluate(e.left, scope)
        return value.isTruthy ? value : try evaluate(e.right, scope)
    }

    @inline(never)
    private func evaluateBinary(_ e: TemplateBinaryExpression, _ scope: TemplateScope) throws -> TemplateValue {
        try binary(e.op, try evaluate(e.left, scope), try evaluate(e.right, scope), scope, at: e.offset)
    }

    @inline(never)
    private func evaluateConditional(_ e: TemplateConditionalExpression, _ scope: TemplateScope) throws -> TemplateValue {
        if try evaluate(e.condition, scope).isTruthy { return try evaluate(e.value, scope) }
        guard let otherwise = e.otherwise else { return .undefined }
        return try evaluate(otherwise, scope)
    }

    @inline(never)
    private func evaluateIndex(_ base: TemplateExpression, _ key: TemplateExpression, _ scope: TemplateScope) throws -> TemplateValue {
        let object = try evaluate(base, scope)
        let keyValue = try evaluate(key, scope)
        if case .array(let items) = object, case .number(let n) = keyValue {
            let i = Int(exactly: n) ?? -1
            return items.indices.contains(i) ? items[i] : .undefined
        }
        return object.member(keyValue.stringValue)
    }

    @inline(never)
    private func evaluateSlice(_ base: TemplateExpression, _ start: TemplateExpression?, _ stop: TemplateExpression?, _ scope: TemplateScope) throws -> TemplateValue {
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
    }

    @inline(never)
    private func evaluateSuper(_ scope: TemplateScope, at offset: Int) throws -> TemplateValue {
        var out = TemplateOutput()
        try renderSuper(scope, at: offset, into: &out)
        return .safe(out.finish())
    }

    @inline(never)
    private func renderSuper(_ scope: TemplateScope, at offset: Int, into out: inout TemplateOutput) throws {
        guard let block = scope.block else {
            throw scope.error("super() can only be called inside a block", at: offset)
        }
        try renderBlock(block.name, index: block.index + 1, scope, into: &out, at: offset)
    }

    @inline(never)
    private func evaluateTest(_ name: String, _ input: TemplateExpression, _ arguments: [TemplateExpression], negated: Bool, _ scope: TemplateScope, at offset: Int) throws -> TemplateValue {
        let value = try evaluate(input, scope)
        let values = try arguments.map { try evaluate($0, scope) }
        do {
            return .bool(try TemplateTest.run(name, value, values) != negated)
        } catch let error as TemplateCallError {
            throw scope.error(error.message, at: offset)
        }
    }

    @inline(never)
    private func evaluateArray(_ items: [TemplateExpression], _ scope: TemplateScope) throws -> TemplateValue {
        var values: [TemplateValue] = []
        values.reserveCapacity(items.count)
        for item in items { values.append(try evaluate(item, scope)) }
        return .array(values)
    }

    @inline(never)
    private func evaluateObject(_ pairs: [(TemplateKey, TemplateExpression)], _ scope: TemplateScope) throws -> TemplateValue {
        var object = TemplateObject(capacity: pairs.count)
        for (key, value) in pairs { object.insert(key, try evaluate(value, scope)) }
        return .object(object)
    }

    @inline(never)
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
        case .name(let e): return e.key.name
        case .member(let e): return describeCallee(e.base) + "." + e.key.name
        case .index(let e): return describeCallee(e.base) + "[…]"
        case .call(let e): return describeCallee(e.callee) + "(…)"
        default: return "expression"
        }
    }

    private func invoke(_ callee: TemplateExpression, _ positional: [TemplateExpression], _ keyword: [(String, TemplateExpression)], _ scope: TemplateScope, at offset: Int) throws -> TemplateValue {
        let function = try evaluate(callee, scope)
        guard case .function(let f) = function else { throw notCallable(callee, function, scope, at: offset) }
        let arguments = try evaluateArguments(positional, keyword, scope)
        do {
            if let binding = f.macro { return try call(binding, arguments) }
            return try f.call(arguments)
        } catch {
            throw wrapped(error, scope, at: offset, prefix: { "'\(self.describeCallee(callee))' failed: " })
        }
    }

    /// `{{ f(…) }}`: as `invoke`, but a macro renders its body into `out` directly.
    @inline(never)
    private func renderCall(_ e: TemplateCallExpression, _ scope: TemplateScope, into out: inout TemplateOutput) throws {
        let function = try evaluate(e.callee, scope)
        guard case .function(let f) = function else { throw notCallable(e.callee, function, scope, at: e.offset) }
        let arguments = try evaluateArguments(e.positional, e.keyword, scope)
        do {
            if let binding = f.macro {
                try call(binding, arguments, into: &out)
            } else {
                append(try f.call(arguments), to: &out)
            }
        } catch {
            throw wrapped(error, scope, at: e.offset, prefix: { "'\(self.describeCallee(e.callee))' failed: " })
        }
    }

    @inline(never)
    private func evaluateArguments(_ positional: [TemplateExpression], _ keyword: [(String, TemplateExpression)], _ scope: TemplateScope) throws -> TemplateArguments {
        var arguments = TemplateArguments()
        arguments.positional.reserveCapacity(positional.count)
        for item in positional { arguments.positional.append(try evaluate(item, scope)) }
        for (name, item) in keyword { arguments.keyword[name] = try evaluate(item, scope) }
        return arguments
    }

    @inline(never)
    private func notCallable(_ callee: TemplateExpression, _ value: TemplateValue, _ scope: TemplateScope, at offset: Int) -> TemplateError {
        var message = "cannot call '\(describeCallee(callee))': it is \(value.typeName), not a macro or function"
        if case .undefined = value, case .name(let e) = callee {
            let name = e.key.name
            // Most often a typo, or a macro used without its `{% from … import … %}`.
            let known = scope.frame.allNames() + scope.context.allNames() + globals.keys
            if let suggestion = TemplateSuggestion.closest(to: name, in: known) {
                message += " (did you mean '\(suggestion)'?)"
            } else {
                message += " (is it imported?)"
            }
        }
        return scope.error(message, at: offset)
    }

    /// An error from a filter or function as a `TemplateError` at the call: template errors pass
    /// through, a `TemplateCallError` gets the call's location, anything else is described.
    @inline(never)
    private func wrapped(_ error: any Error, _ scope: TemplateScope, at offset: Int, prefix: () -> String, callPrefix: String = "") -> TemplateError {
        if let error = error as? TemplateError { return error }
        if let error = error as? TemplateCallError { return scope.error(callPrefix + error.message, at: offset) }
        return scope.error(prefix() + "\(error)", at: offset)
    }

    private func applyFilter(_ name: String, to value: TemplateValue, _ positional: [TemplateExpression], _ keyword: [(String, TemplateExpression)], _ scope: TemplateScope, at offset: Int) throws -> TemplateValue {
        try applyFilter(TemplateKey(name), to: value, positional, keyword, scope, at: offset)
    }

    private func applyFilter(_ key: TemplateKey, to value: TemplateValue, _ positional: [TemplateExpression], _ keyword: [(String, TemplateExpression)], _ scope: TemplateScope, at offset: Int) throws -> TemplateValue {
        let name = key.name
        guard let filter = filterTable.filter(key) else {
            throw scope.error("unknown filter '\(name)'" + TemplateSuggestion.hint(for: name, in: environment.filters.keys), at: offset)
        }
        return try apply(filter, named: name, to: value, positional, keyword, scope, at: offset)
    }

    /// Applies a filter found by name or by its parsed position.
    private func apply(_ filter: TemplateFilter, named name: String, to value: TemplateValue, _ positional: [TemplateExpression], _ keyword: [(String, TemplateExpression)], _ scope: TemplateScope, at offset: Int) throws -> TemplateValue {
        // Most filters are applied without arguments: those share one empty set.
        let arguments = positional.isEmpty && keyword.isEmpty ? noArguments : try evaluateArguments(positional, keyword, scope)
        do {
            return try filter(value, arguments)
        } catch {
            throw wrapped(error, scope, at: offset, prefix: { "filter '\(name)' failed: " }, callPrefix: "filter '\(name)': ")
        }
    }
}
