/// Turns tokens into statements and expressions, following Nunjucks' grammar and precedence.
///
/// Nesting is bounded (`maximumNesting`) so that hostile input cannot exhaust the stack.
struct TemplateParser {
    let source: TemplateSource
    private let tokens: [TemplateToken]
    private var index = 0
    private var nesting = 0
    /// Every `{% block %}` body in the template, wherever it appears.
    private(set) var blocks: [String: [TemplateNode]] = [:]
    /// The bytes of every ASCII text node, one after another (see `TemplateNode.text`).
    private(set) var text: [UInt8] = []
    /// The statements' parts that nodes refer to without owning them (see `TemplatePart`).
    private(set) var parts: [any AnyObject & Sendable] = []
    static let maximumNesting = 200

    /// The filters of the environment parsing, which filter expressions are resolved against.
    private let filters: TemplateFilterTable?

    init(source: TemplateSource, tokens: [TemplateToken], filters: TemplateFilterTable? = nil) {
        self.source = source
        self.tokens = tokens
        self.filters = filters
    }

    /// Keeps a statement's parts for the program, and gives the node its reference to them.
    private mutating func own<Object: AnyObject & Sendable>(_ object: Object) -> TemplatePart<Object> {
        parts.append(object)
        return TemplatePart(unowned: object)
    }

    // MARK: Token helpers

    private var current: TemplateToken { tokens[index] }
    private func peek(_ ahead: Int = 1) -> TemplateToken { tokens[min(index + ahead, tokens.count - 1)] }
    private mutating func advance() -> TemplateToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func describe(_ token: TemplateToken) -> String {
        switch token.kind {
        case .text: "text"
        case .variableStart: "'{{'"
        case .variableEnd: "'}}'"
        case .blockStart: "'{%'"
        case .blockEnd: "'%}'"
        case .name: "'\(token.text)'"
        case .string: "a string"
        case .number: "a number"
        case .regex: "a regular expression"
        case .symbol: "'\(token.text)'"
        case .end: "the end of the template"
        }
    }

    private func fail(_ message: String, at token: TemplateToken) -> TemplateError {
        source.error(message, at: token.offset)
    }

    private mutating func expectSymbol(_ symbol: String, _ context: String) throws(TemplateError) {
        guard current.isSymbol(symbol) else {
            throw fail("expected '\(symbol)' \(context), found \(describe(current))", at: current)
        }
        _ = advance()
    }

    private mutating func expectName(_ context: String) throws(TemplateError) -> TemplateToken {
        guard current.kind == .name else {
            throw fail("expected a name \(context), found \(describe(current))", at: current)
        }
        return advance()
    }

    private mutating func expectBlockEnd(_ tag: String) throws(TemplateError) {
        guard current.kind == .blockEnd else {
            throw fail("expected '%}' to end the '\(tag)' tag, found \(describe(current))", at: current)
        }
        _ = advance()
    }

    private mutating func skipSymbol(_ symbol: String) -> Bool {
        if current.isSymbol(symbol) { _ = advance(); return true }
        return false
    }

    private mutating func skipName(_ name: String) -> Bool {
        if current.isName(name) { _ = advance(); return true }
        return false
    }

    private mutating func enter(_ token: TemplateToken) throws(TemplateError) {
        nesting += 1
        if nesting > Self.maximumNesting || Self.stackPosition() < stackLimit {
            throw fail("template nested too deeply (more than \(Self.maximumNesting) levels)", at: token)
        }
    }

    /// The lowest stack address parsing may reach: as rendering does, parsing keeps within a budget
    /// that fits the smallest thread stack of any platform, in debug builds too.
    private var stackLimit: UInt = 0
    static let stackBudget: UInt = 256 * 1024

    @inline(__always)
    private static func stackPosition() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    private mutating func leave() { nesting -= 1 }

    // MARK: Statements

    mutating func parseTemplate() throws(TemplateError) -> [TemplateNode] {
        let position = Self.stackPosition()
        stackLimit = position > Self.stackBudget ? position - Self.stackBudget : 0
        let (nodes, end) = try parseBody(until: [], opener: nil)
        if let end { throw fail("unexpected '\(end.text)': there is no open block to end", at: end) }
        return nodes
    }

    /// Parses statements until a block tag whose name is in `terminators`; returns that tag's name
    /// token, positioned after the name. At the end of the template, fails if an opener is given.
    private mutating func parseBody(until terminators: Set<String>, opener: (name: String, token: TemplateToken)?) throws(TemplateError) -> ([TemplateNode], TemplateToken?) {
        var nodes: [TemplateNode] = []
        while true {
            let token = current
            switch token.kind {
            case .end:
                if let opener {
                    let expected = terminators.sorted().map { "{% \($0) %}" }.joined(separator: " or ")
                    throw fail("unclosed '\(opener.name)' block: expected \(expected) before the end of the template", at: opener.token)
                }
                return (nodes, nil)
            case .text:
                _ = advance()
                // Stored as the bytes a render copies; text that whitespace control emptied is dropped.
                if !token.text.isEmpty {
                    if token.text.utf8.allSatisfy({ $0 < 0x80 }) {
                        nodes.append(.text(start: text.count, count: token.text.utf8.count))
                        text.append(contentsOf: token.text.utf8)
                    } else {
                        nodes.append(.unicodeText(token.text))
                    }
                }
            case .variableStart:
                _ = advance()
                let expression = try parseExpression()
                guard current.kind == .variableEnd else {
                    throw fail("expected '}}' after the expression, found \(describe(current))", at: current)
                }
                _ = advance()
                nodes.append(.output(own(TemplateOutputStatement(expression: expression, offset: token.offset))))
            case .blockStart:
                let name = peek()
                guard name.kind == .name else {
                    throw fail("expected a tag name after '{%', found \(describe(name))", at: name)
                }
                if terminators.contains(name.text) {
                    _ = advance(); _ = advance()
                    return (nodes, name)
                }
                if Self.endTags.contains(name.text) {
                    if let opener {
                        let expected = terminators.sorted().map { "{% \($0) %}" }.joined(separator: " or ")
                        throw fail("unexpected '\(name.text)': the '\(opener.name)' block opened on line \(source.location(of: opener.token.offset).line) expects \(expected)", at: name)
                    }
                    throw fail("unexpected '\(name.text)': there is no open block to end", at: name)
                }
                _ = advance(); _ = advance()
                try enter(token)
                if let node = try parseStatement(name.text, tag: token, nameToken: name) { nodes.append(node) }
                leave()
            default:
                throw fail("unexpected \(describe(token))", at: token)
            }
        }
    }

    private static let tags = ["if", "for", "set", "macro", "call", "import", "from", "include", "extends", "block", "filter", "switch", "raw", "verbatim"]

    private static let endTags: Set<String> = [
        "endif", "elif", "elseif", "else", "endfor", "endset", "endmacro", "endcall", "endblock", "endfilter",
        "endraw", "endverbatim", "case", "default", "endswitch",
    ]

    private mutating func parseStatement(_ name: String, tag: TemplateToken, nameToken: TemplateToken) throws(TemplateError) -> TemplateNode? {
        switch name {
        case "if", "ifAsync": return try parseIf(tag: tag)
        case "for", "asyncEach", "asyncAll": return try parseFor(tag: tag)
        case "set": return try parseSet(tag: tag)
        case "macro": return .macro(try parseMacro(tag: tag))
        case "call": return try parseCall(tag: tag)
        case "import": return try parseImport(tag: tag)
        case "from": return try parseFromImport(tag: tag)
        case "include": return try parseInclude(tag: tag)
        case "extends":
            let template = try parseExpression()
            try expectBlockEnd("extends")
            return .extends(template, offset: tag.offset)
        case "block": return try parseBlock(tag: tag)
        case "filter": return try parseFilterBlock(tag: tag)
        case "switch": return try parseSwitch(tag: tag)
        default:
            throw fail("unknown tag '\(name)'" + TemplateSuggestion.hint(for: name, in: Self.tags), at: nameToken)
        }
    }

    private mutating func parseIf(tag: TemplateToken) throws(TemplateError) -> TemplateNode {
        var branches: [(condition: TemplateExpression, body: [TemplateNode])] = []
        var condition = try parseExpression()
        try expectBlockEnd("if")
        while true {
            let (body, end) = try parseBody(until: ["elif", "elseif", "else", "endif"], opener: ("if", tag))
            branches.append((condition, body))
            guard let end else { break }
            switch end.text {
            case "elif", "elseif":
                condition = try parseExpression()
                try expectBlockEnd(end.text)
            case "else":
                try expectBlockEnd("else")
                let (otherwise, _) = try parseBody(until: ["endif"], opener: ("if", tag))
                try expectBlockEnd("endif")
                return .ifBlock(own(TemplateIfBlock(branches: branches, otherwise: otherwise)))
            default:
                try expectBlockEnd("endif")
                return .ifBlock(own(TemplateIfBlock(branches: branches, otherwise: nil)))
            }
        }
        return .ifBlock(own(TemplateIfBlock(branches: branches, otherwise: nil)))
    }

    private mutating func parseFor(tag: TemplateToken) throws(TemplateError) -> TemplateNode {
        var names: [TemplateKey] = []
        let parenthesised = skipSymbol("(")
        repeat {
            names.append(TemplateKey(try expectName("for the loop variable").text))
        } while skipSymbol(",")
        if parenthesised { try expectSymbol(")", "after the loop variables") }
        guard skipName("in") else {
            throw fail("expected 'in' in the 'for' tag, found \(describe(current))", at: current)
        }
        let iterable = try parseExpression()
        try expectBlockEnd("for")
        let (body, end) = try parseBody(until: ["else", "endfor"], opener: ("for", tag))
        var otherwise: [TemplateNode]?
        if end?.text == "else" {
            try expectBlockEnd("else")
            otherwise = try parseBody(until: ["endfor"], opener: ("for", tag)).0
        }
        try expectBlockEnd("endfor")
        return .forLoop(own(TemplateForLoop(names: names, iterable: iterable, body: body, otherwise: otherwise, offset: tag.offset)))
    }

    private mutating func parseSet(tag: TemplateToken) throws(TemplateError) -> TemplateNode {
        var names: [String] = []
        repeat {
            names.append(try expectName("to set").text)
        } while skipSymbol(",")
        if skipSymbol("=") {
            let value = try parseExpression()
            try expectBlockEnd("set")
            return .set(own(TemplateSetStatement(names: names.map(TemplateKey.init), value: value, offset: tag.offset)))
        }
        guard current.kind == .blockEnd, names.count == 1 else {
            throw fail("expected '=' or '%}' in the 'set' tag, found \(describe(current))", at: current)
        }
        _ = advance()
        let (body, _) = try parseBody(until: ["endset"], opener: ("set", tag))
        try expectBlockEnd("endset")
        return .setBlock(names[0], body, offset: tag.offset)
    }

    private mutating func parseParameters() throws(TemplateError) -> [(name: String, defaultValue: TemplateExpression?)] {
        var parameters: [(name: String, defaultValue: TemplateExpression?)] = []
        guard skipSymbol("(") else { return [] }
        while !current.isSymbol(")") {
            let name = try expectName("for a macro parameter")
            var defaultValue: TemplateExpression?
            if skipSymbol("=") { defaultValue = try parseExpression() }
            parameters.append((name.text, defaultValue))
            if !skipSymbol(",") { break }
        }
        try expectSymbol(")", "after the macro parameters")
        return parameters
    }

    private mutating func parseMacro(tag: TemplateToken) throws(TemplateError) -> TemplateMacro {
        let name = try expectName("for the macro")
        let parameters = try parseParameters()
        try expectBlockEnd("macro")
        let (body, _) = try parseBody(until: ["endmacro"], opener: ("macro", tag))
        if current.kind == .name { _ = advance() }
        try expectBlockEnd("endmacro")
        return TemplateMacro(name: name.text, parameters: parameters, body: body, offset: tag.offset)
    }

    private mutating func parseCall(tag: TemplateToken) throws(TemplateError) -> TemplateNode {
        let parameters = current.isSymbol("(") ? try parseParameters() : []
        let call = try parseExpression()
        try expectBlockEnd("call")
        let (body, _) = try parseBody(until: ["endcall"], opener: ("call", tag))
        try expectBlockEnd("endcall")
        let caller = TemplateMacro(name: "caller", parameters: parameters, body: body, offset: tag.offset)
        return .callBlock(caller, call, offset: tag.offset)
    }

    /// Reads an optional `with context` / `without context`; the default is given.
    private mutating func parseContextClause(default value: Bool) throws(TemplateError) -> Bool {
        if current.isName("with") || current.isName("without") {
            let with = advance().text == "with"
            guard skipName("context") else {
                throw fail("expected 'context' after '\(with ? "with" : "without")', found \(describe(current))", at: current)
            }
            return with
        }
        return value
    }

    private mutating func parseImport(tag: TemplateToken) throws(TemplateError) -> TemplateNode {
        let template = try parseExpression()
        guard skipName("as") else {
            throw fail("expected 'as' in the 'import' tag, found \(describe(current))", at: current)
        }
        let alias = try expectName("after 'as'").text
        let withContext = try parseContextClause(default: false)
        try expectBlockEnd("import")
        return .importAll(template, alias: alias, withContext: withContext, offset: tag.offset)
    }

    private mutating func parseFromImport(tag: TemplateToken) throws(TemplateError) -> TemplateNode {
        let template = try parsePrimaryWithPostfix()
        guard skipName("import") else {
            throw fail("expected 'import' in the 'from' tag, found \(describe(current))", at: current)
        }
        var names: [(name: TemplateKey, alias: TemplateKey, offset: Int)] = []
        repeat {
            if current.isName("with") || current.isName("without") { break }
            let name = try expectName("to import")
            var alias = name.text
            if skipName("as") { alias = try expectName("after 'as'").text }
            names.append((TemplateKey(name.text), TemplateKey(alias), name.offset))
        } while skipSymbol(",")
        if names.isEmpty { throw fail("expected at least one name to import", at: current) }
        let withContext = try parseContextClause(default: false)
        try expectBlockEnd("from")
        return .importNames(own(TemplateImportNames(template: template, names: names, withContext: withContext, offset: tag.offset)))
    }

    private mutating func parseInclude(tag: TemplateToken) throws(TemplateError) -> TemplateNode {
        let template = try parseExpression()
        var ignoreMissing = false
        if current.isName("ignore") {
            _ = advance()
            guard skipName("missing") else {
                throw fail("expected 'missing' after 'ignore', found \(describe(current))", at: current)
            }
            ignoreMissing = true
        }
        _ = try parseContextClause(default: true)
        try expectBlockEnd("include")
        return .include(template, ignoreMissing: ignoreMissing, offset: tag.offset)
    }

    private mutating func parseBlock(tag: TemplateToken) throws(TemplateError) -> TemplateNode {
        let name = try expectName("for the block")
        try expectBlockEnd("block")
        let (body, _) = try parseBody(until: ["endblock"], opener: ("block", tag))
        if current.kind == .name { _ = advance() }
        try expectBlockEnd("endblock")
        if blocks[name.text] != nil {
            throw fail("block '\(name.text)' is defined more than once", at: name)
        }
        blocks[name.text] = body
        return .block(own(TemplateBlockStatement(name: TemplateKey(name.text), offset: tag.offset)))
    }

    private mutating func parseFilterBlock(tag: TemplateToken) throws(TemplateError) -> TemplateNode {
        let name = try expectName("for the filter")
        var arguments: ([TemplateExpression], [(String, TemplateExpression)]) = ([], [])
        if current.isSymbol("(") { _ = advance(); arguments = try parseArguments() }
        try expectBlockEnd("filter")
        let (body, _) = try parseBody(until: ["endfilter"], opener: ("filter", tag))
        try expectBlockEnd("endfilter")
        return .filterBlock(name.text, arguments.0, arguments.1, body, offset: name.offset)
    }

    private mutating func parseSwitch(tag: TemplateToken) throws(TemplateError) -> TemplateNode {
        let subject = try parseExpression()
        try expectBlockEnd("switch")
        var (_, end) = try parseBody(until: ["case", "default", "endswitch"], opener: ("switch", tag))
        var cases: [(value: TemplateExpression, body: [TemplateNode])] = []
        var otherwise: [TemplateNode]?
        while let tagName = end?.text, tagName != "endswitch" {
            if tagName == "case" {
                let value = try parseExpression()
                try expectBlockEnd("case")
                let (body, next) = try parseBody(until: ["case", "default", "endswitch"], opener: ("switch", tag))
                cases.append((value, body))
                end = next
            } else {
                try expectBlockEnd("default")
                let (body, next) = try parseBody(until: ["case", "default", "endswitch"], opener: ("switch", tag))
                otherwise = body
                end = next
            }
        }
        try expectBlockEnd("endswitch")
        return .switchBlock(subject, cases: cases, otherwise: otherwise)
    }

    // MARK: Expressions

    mutating func parseExpression() throws(TemplateError) -> TemplateExpression {
        let start = current
        try enter(start)
        defer { leave() }
        let value = try parseOr()
        if current.isName("if") {
            _ = advance()
            let condition = try parseOr()
            var otherwise: TemplateExpression?
            if skipName("else") { otherwise = try parseExpression() }
            return .conditional(own(TemplateConditionalExpression(value: value, condition: condition, otherwise: otherwise)))
        }
        return value
    }

    private mutating func parseOr() throws(TemplateError) -> TemplateExpression {
        var left = try parseAnd()
        while skipName("or") { left = .or(own(TemplateBinaryExpression(op: .equal, left: left, right: try parseAnd(), offset: 0))) }
        return left
    }

    private mutating func parseAnd() throws(TemplateError) -> TemplateExpression {
        var left = try parseNot()
        while skipName("and") { left = .and(own(TemplateBinaryExpression(op: .equal, left: left, right: try parseNot(), offset: 0))) }
        return left
    }

    private mutating func parseNot() throws(TemplateError) -> TemplateExpression {
        if current.isName("not") {
            let token = advance()
            try enter(token)
            defer { leave() }
            return .not(own(TemplateUnaryExpression(operand: try parseNot(), offset: nil)))
        }
        return try parseIn()
    }

    private mutating func parseIn() throws(TemplateError) -> TemplateExpression {
        var left = try parseIs()
        while true {
            let token = current
            if token.isName("in") {
                _ = advance()
                left = .binary(own(TemplateBinaryExpression(op: .contains, left: left, right: try parseIs(), offset: token.offset)))
            } else if token.isName("not"), peek().isName("in") {
                _ = advance(); _ = advance()
                left = .binary(own(TemplateBinaryExpression(op: .notContains, left: left, right: try parseIs(), offset: token.offset)))
            } else {
                return left
            }
        }
    }

    private mutating func parseIs() throws(TemplateError) -> TemplateExpression {
        let left = try parseCompare()
        guard current.isName("is") else { return left }
        let token = advance()
        let negated = skipName("not")
        let name: String
        if current.kind == .name {
            name = advance().text
        } else if current.kind == .symbol, ["==", "!=", "<", ">", "<=", ">="].contains(current.text) {
            name = advance().text
        } else {
            throw fail("expected a test name after 'is', found \(describe(current))", at: current)
        }
        var arguments: [TemplateExpression] = []
        if current.isSymbol("(") {
            _ = advance()
            arguments = try parseArguments().0
        }
        return .test(own(TemplateTestExpression(name: name, input: left, arguments: arguments, negated: negated, offset: token.offset)))
    }

    private static let comparisons: [String: TemplateBinaryOperator] = [
        "==": .equal, "===": .strictEqual, "!=": .notEqual, "!==": .strictNotEqual,
        "<": .less, ">": .greater, "<=": .lessOrEqual, ">=": .greaterOrEqual,
    ]

    private static let multiplicative: [String: TemplateBinaryOperator] = ["*": .multiply, "/": .divide, "//": .floorDivide, "%": .remainder]

    private mutating func parseCompare() throws(TemplateError) -> TemplateExpression {
        var left = try parseConcat()
        while current.kind == .symbol, let op = Self.comparisons[current.text] {
            let token = advance()
            left = .binary(own(TemplateBinaryExpression(op: op, left: left, right: try parseConcat(), offset: token.offset)))
        }
        return left
    }

    private mutating func parseConcat() throws(TemplateError) -> TemplateExpression {
        var left = try parseAdditive()
        while current.isSymbol("~") {
            let token = advance()
            left = .binary(own(TemplateBinaryExpression(op: .concatenate, left: left, right: try parseAdditive(), offset: token.offset)))
        }
        return left
    }

    private mutating func parseAdditive() throws(TemplateError) -> TemplateExpression {
        var left = try parseMultiplicative()
        while current.isSymbol("+") || current.isSymbol("-") {
            let token = advance()
            left = .binary(own(TemplateBinaryExpression(op: token.text == "+" ? .add : .subtract, left: left, right: try parseMultiplicative(), offset: token.offset)))
        }
        return left
    }

    private mutating func parseMultiplicative() throws(TemplateError) -> TemplateExpression {
        var left = try parsePower()
        while current.kind == .symbol, let op = Self.multiplicative[current.text] {
            let token = advance()
            left = .binary(own(TemplateBinaryExpression(op: op, left: left, right: try parsePower(), offset: token.offset)))
        }
        return left
    }

    private mutating func parsePower() throws(TemplateError) -> TemplateExpression {
        var left = try parseUnary()
        while current.isSymbol("**") {
            let token = advance()
            left = .binary(own(TemplateBinaryExpression(op: .power, left: left, right: try parseUnary(), offset: token.offset)))
        }
        return left
    }

    /// A unary minus or plus binds tighter than filters, as in Nunjucks: `-3 | abs` is `abs(-3)`.
    private mutating func parseUnary(filters: Bool = true) throws(TemplateError) -> TemplateExpression {
        let token = current
        var value: TemplateExpression
        if token.isSymbol("-") || token.isSymbol("+") {
            _ = advance()
            try enter(token)
            defer { leave() }
            let operand = try parseUnary(filters: false)
            value = token.text == "-" ? .negate(own(TemplateUnaryExpression(operand: operand, offset: token.offset))) : .plus(own(TemplateUnaryExpression(operand: operand, offset: token.offset)))
        } else {
            value = try parsePrimaryWithPostfix()
        }
        return filters ? try parseFilters(value) : value
    }

    private mutating func parseFilters(_ value: TemplateExpression) throws(TemplateError) -> TemplateExpression {
        var value = value
        while current.isSymbol("|") {
            _ = advance()
            let name = try expectName("for a filter after '|'")
            var filterName = name.text
            while current.isSymbol("."), peek().kind == .name {
                _ = advance()
                filterName += "." + advance().text
            }
            var arguments: ([TemplateExpression], [(String, TemplateExpression)]) = ([], [])
            if current.isSymbol("(") {
                _ = advance()
                arguments = try parseArguments()
            }
            value = .filter(own(TemplateFilterExpression(key: TemplateKey(filterName), input: value, positional: arguments.0, keyword: arguments.1, offset: name.offset, filters: filters)))
        }
        return value
    }

    /// Arguments after an opening parenthesis, up to and including the closing one.
    private mutating func parseArguments() throws(TemplateError) -> ([TemplateExpression], [(String, TemplateExpression)]) {
        var positional: [TemplateExpression] = []
        var keyword: [(String, TemplateExpression)] = []
        while !current.isSymbol(")") {
            if current.kind == .name, peek().isSymbol("=") {
                let name = advance().text
                _ = advance()
                keyword.append((name, try parseExpression()))
            } else {
                if !keyword.isEmpty {
                    throw fail("a positional argument cannot follow keyword arguments", at: current)
                }
                positional.append(try parseExpression())
            }
            if !skipSymbol(",") { break }
        }
        try expectSymbol(")", "to close the argument list")
        return (positional, keyword)
    }

    private mutating func parsePrimaryWithPostfix() throws(TemplateError) -> TemplateExpression {
        var value = try parsePrimary()
        while true {
            let token = current
            if token.isSymbol(".") {
                _ = advance()
                let member = current
                if member.kind == .name {
                    _ = advance()
                    value = .member(own(TemplateMemberExpression(base: value, key: TemplateKey(member.text), offset: member.offset)))
                } else if member.kind == .number, member.number >= 0, member.number == member.number.rounded() {
                    _ = advance()
                    value = .index(own(TemplateIndexExpression(base: value, key: .literal(.number(member.number)), offset: member.offset)))
                } else {
                    throw fail("expected a name after '.', found \(describe(member))", at: member)
                }
            } else if token.isSymbol("[") {
                _ = advance()
                let key = current.isSymbol(":") ? nil : try parseExpression()
                if skipSymbol(":") {
                    let stop = current.isSymbol("]") ? nil : try parseExpression()
                    try expectSymbol("]", "to close the slice")
                    value = .slice(own(TemplateSliceExpression(base: value, start: key, stop: stop, offset: token.offset)))
                } else if let key {
                    try expectSymbol("]", "to close the index")
                    value = .index(own(TemplateIndexExpression(base: value, key: key, offset: token.offset)))
                }
            } else if token.isSymbol("(") {
                _ = advance()
                let (positional, keyword) = try parseArguments()
                if case .name(let e) = value, e.key.name == "super", positional.isEmpty, keyword.isEmpty {
                    value = .superCall(offset: token.offset)
                } else {
                    value = .call(own(TemplateCallExpression(callee: value, positional: positional, keyword: keyword, offset: value.offset ?? token.offset)))
                }
            } else {
                return value
            }
        }
    }

    private mutating func parsePrimary() throws(TemplateError) -> TemplateExpression {
        let token = current
        switch token.kind {
        case .string:
            _ = advance()
            return .literal(.string(token.text))
        case .number:
            _ = advance()
            return .literal(.number(token.number))
        case .regex:
            _ = advance()
            guard let value = TemplateRegex.value(pattern: token.text, flags: token.flags) else {
                throw fail("invalid regular expression /\(token.text)/", at: token)
            }
            return .literal(value)
        case .name:
            _ = advance()
            switch token.text {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None", "null": return .literal(.null)
            default: return .name(own(TemplateNameExpression(key: TemplateKey(token.text), offset: token.offset)))
            }
        case .symbol:
            switch token.text {
            case "(":
                _ = advance()
                try enter(token)
                defer { leave() }
                let first = try parseExpression()
                if current.isSymbol(",") {
                    var items = [first]
                    while skipSymbol(",") {
                        if current.isSymbol(")") { break }
                        items.append(try parseExpression())
                    }
                    try expectSymbol(")", "to close the parenthesis")
                    return .array(items)
                }
                try expectSymbol(")", "to close the parenthesis")
                return first
            case "[":
                _ = advance()
                try enter(token)
                defer { leave() }
                var items: [TemplateExpression] = []
                while !current.isSymbol("]") {
                    items.append(try parseExpression())
                    if !skipSymbol(",") { break }
                }
                try expectSymbol("]", "to close the array")
                return .array(items)
            case "{":
                _ = advance()
                try enter(token)
                defer { leave() }
                var pairs: [(String, TemplateExpression)] = []
                while !current.isSymbol("}") {
                    let key = current
                    switch key.kind {
                    case .name, .string: _ = advance(); pairs.append((key.text, .literal(.undefined)))
                    case .number: _ = advance(); pairs.append((TemplateValue.format(number: key.number), .literal(.undefined)))
                    default: throw fail("expected a key in the object literal, found \(describe(key))", at: key)
                    }
                    try expectSymbol(":", "after the key '\(pairs[pairs.count - 1].0)'")
                    pairs[pairs.count - 1].1 = try parseExpression()
                    if !skipSymbol(",") { break }
                }
                try expectSymbol("}", "to close the object literal")
                return .object(pairs.map { (TemplateKey($0.0), $0.1) })
            default:
                break
            }
        default:
            break
        }
        throw fail("expected an expression, found \(describe(token))", at: token)
    }
}
