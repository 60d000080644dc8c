/// A template parsed once and rendered many times, from any number of threads at once.
///
/// It renders with the filters, globals and loader of the environment that made it.
public struct Template: Sendable {
    let program: TemplateProgram
    /// The environment the template renders with.
    public let environment: TemplateEnvironment

    init(program: TemplateProgram, environment: TemplateEnvironment) {
        self.program = program
        self.environment = environment
    }

    /// The path the template was read from (or was given for source).
    public var path: String { program.path }

    /// Renders the template with `context` as its variables.
    public func render(context: TemplateObject) throws(TemplateError) -> String {
        try rendering { try $0.render(program, context: context) }
    }

    /// `render(context:)`'s output as UTF-8 bytes, for output that goes to a file. A render keeps
    /// its ASCII pieces as bytes but has to append every piece with other characters to a string
    /// (a string made from bytes is validated again, which costs several instructions a byte);
    /// here every piece is copied as bytes and nothing is validated.
    public func renderUTF8(context: TemplateObject) throws(TemplateError) -> [UInt8] {
        try rendering { try $0.renderUTF8(program, context: context) }
    }

    /// Runs a render, its errors as `TemplateError`s at this template.
    private func rendering<Output>(_ body: (TemplateRenderer) throws -> Output) throws(TemplateError) -> Output {
        let renderer = TemplateRenderer(environment: environment)
        do {
            return try body(renderer)
        } catch let error as TemplateError {
            throw error
        } catch let error as TemplateCallError {
            throw TemplateError(path: path, line: 1, column: 1, message: error.message)
        } catch {
            throw TemplateError(path: path, line: 1, column: 1, message: "\(error)")
        }
    }
}
