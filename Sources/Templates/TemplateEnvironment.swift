/// A filter: the value it is applied to, and its arguments.
public typealias TemplateFilter = @Sendable (_ value: TemplateValue, _ arguments: TemplateArguments) throws -> TemplateValue

/// Options of an environment.
public struct TemplateOptions: Sendable {
    /// Escape every `{{ }}` output that is not marked safe. Off in the design-history profile.
    public var autoescape: Bool

    public init(autoescape: Bool = true) {
        self.autoescape = autoescape
    }
}

/// Where templates come from, the filters and globals they can use, and how they render.
///
/// Filters and globals are registered through this one API by the engine itself and by the site.
/// Walking skeleton: only `{{ name }}` and `{{ a.b }}` are understood until the engine lands.
public struct TemplateEnvironment: Sendable {
    public var loader: TemplateLoader
    public var options: TemplateOptions
    public private(set) var filters: [String: TemplateFilter] = [:]
    public private(set) var globals = TemplateObject()

    public init(loader: TemplateLoader = TemplateLoader(searchPaths: []), options: TemplateOptions = TemplateOptions()) {
        self.loader = loader
        self.options = options
    }

    public mutating func addFilter(_ name: String, _ filter: @escaping TemplateFilter) {
        filters[name] = filter
    }

    public mutating func addGlobal(_ name: String, _ value: TemplateValue) {
        globals[name] = value
    }

    /// Render template source with the given context.
    public func render(source: String, path: String, context: TemplateObject) throws(TemplateError) -> String {
        var out = ""
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw TemplateError(path: path, line: 1, column: 1, message: "unclosed '{{'")
            }
            let expression = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            var value: TemplateValue = .object(context)
            for part in expression.split(separator: ".") {
                let name = String(part)
                if case .object = value { value = value[member: name] } else { value = .undefined }
                if case .undefined = value, part == expression.split(separator: ".").first { value = globals[name] ?? .undefined }
            }
            out += value.stringValue
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    /// Render a template found by the loader.
    public func render(templateNamed name: String, context: TemplateObject) throws(TemplateError) -> String {
        let loaded: (source: String, path: String)?
        do { loaded = try loader.load(name) } catch {
            throw TemplateError(path: name, line: 1, column: 1, message: "template not readable: \(error)")
        }
        guard let loaded else { throw TemplateError(path: name, line: 1, column: 1, message: "template not found: \(name)") }
        return try render(source: loaded.source, path: loaded.path, context: context)
    }
}

import Foundation
