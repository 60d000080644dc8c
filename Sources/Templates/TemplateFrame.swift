/// One scope of local variables: a template's top level, a loop body, a macro call.
///
/// Frames chain to their parent for reading; writing with `resolveUp` updates the nearest frame
/// that already has the name, stopping at a frame that isolates writes (as Nunjucks' frames do).
/// A frame lives only during one render on one thread (hence unchecked `Sendable`: macros that
/// capture it are values of that render only).
final class TemplateFrame: @unchecked Sendable {
    private var variables: [String: TemplateValue] = [:]
    let parent: TemplateFrame?
    let isolatesWrites: Bool
    /// The root frame of a template render: its `set`s also go to the context and are exported.
    var isTopLevel: Bool

    init(parent: TemplateFrame? = nil, isolatesWrites: Bool = false, isTopLevel: Bool = false) {
        self.parent = parent
        self.isolatesWrites = isolatesWrites
        self.isTopLevel = isTopLevel
    }

    func push(isolatesWrites: Bool = false) -> TemplateFrame {
        TemplateFrame(parent: self, isolatesWrites: isolatesWrites)
    }

    func lookup(_ name: String) -> TemplateValue? {
        var frame: TemplateFrame? = self
        while let current = frame {
            if let value = current.variables[name] { return value }
            frame = current.parent
        }
        return nil
    }

    func set(_ name: String, _ value: TemplateValue, resolveUp: Bool = false) {
        if resolveUp {
            var frame: TemplateFrame? = self
            while let current = frame {
                if current.variables[name] != nil {
                    current.variables[name] = value
                    return
                }
                if current.isolatesWrites { break }
                frame = current.parent
            }
        }
        variables[name] = value
    }
}
