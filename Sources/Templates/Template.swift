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
        let renderer = TemplateRenderer(environment: environment)
        do {
            return try renderer.render(program, context: context)
        } catch let error as TemplateError {
            throw error
        } catch let error as TemplateCallError {
            throw TemplateError(path: path, line: 1, column: 1, message: error.message)
        } catch {
            throw TemplateError(path: path, line: 1, column: 1, message: "\(error)")
        }
    }
}
