import Journeys
import Markdown
import Templates

/// Writes a post's ```` ```journey ```` blocks as the steps they document, for people reading the
/// built page: the screens' titles in order, each linking to its box in the page's journey diagram,
/// and the facts the path is documented for in words.
///
/// On GitHub the block stays plain code that anyone can edit; the build checks it against the model
/// (D3–D5) and this turns it into something a reader can follow without knowing the model's ids.
/// It works from the page's `journey` data (the model's steps and facts), so a page that names no
/// journey keeps its blocks as code, and a step the model does not have is shown by its id.
struct JourneyPathHTML {
    private var steps: [String: (title: String, kind: String)] = [:]
    private var facts: [String: (label: String, negated: String)] = [:]
    /// Whether the page shows the diagram that step links point into.
    private var hasDiagram: Bool
    private var path: String

    /// Nil when `journey` is not a journey's data (the page names no journey, or no such journey).
    init?(journey: TemplateValue?, path: String) {
        guard case .object(let object)? = journey, case .array(let steps)? = object["steps"] else { return nil }
        for case .object(let step) in steps {
            guard let id = step["id"]?.stringValue else { continue }
            self.steps[id] = (step["title"]?.stringValue ?? id, step["kind"]?.stringValue ?? "screen")
        }
        if case .array(let facts)? = object["facts"] {
            for case .object(let fact) in facts {
                guard let id = fact["id"]?.stringValue else { continue }
                let label = fact["label"]?.stringValue ?? id
                self.facts[id] = (label, fact["negatedLabel"]?.stringValue ?? "not \(label)")
            }
        }
        hasDiagram = object["svg"] != nil
        self.path = path
    }

    /// The markup for one fenced block, or nil for a block that is not a journey block.
    func html(for block: MarkdownCodeBlock) -> String? {
        guard let documented = PageBody.documentedPath(info: block.info, content: block.content, path: path, line: block.line),
              !documented.steps.isEmpty else { return nil }
        var out = "<div class=\"app-journey-path\">\n"
        if let note = Self.note(for: documented.flags) {
            out += "<p class=\"govuk-body-s app-journey-path__note\">\(Self.escape(note))</p>\n"
        }
        if let given = documented.given, !given.isEmpty {
            let words = given.map { fact in
                let labels = facts[fact.fact] ?? (fact.fact, "not \(fact.fact)")
                return fact.holds ? labels.label : labels.negated
            }
            out += "<p class=\"govuk-body-s app-journey-path__given\">When: \(Self.escape(words.joined(separator: ", ")))</p>\n"
        }
        out += "<ol class=\"app-journey-path__steps\">\n"
        for token in documented.steps {
            let id = token.text
            guard let step = steps[id] else {
                out += "<li class=\"app-journey-path__step\"><code>\(Self.escape(id))</code></li>\n"
                continue
            }
            let kind = ["screen", "decision", "outcome"].contains(step.kind) ? step.kind : "screen"
            out += "<li class=\"app-journey-path__step app-journey-path__step--\(kind)\">"
            if hasDiagram {
                out += "<a class=\"govuk-link\" href=\"#\(kind)-\(Self.escape(id))\">\(Self.escape(step.title))</a>"
            } else {
                out += Self.escape(step.title)
            }
            out += "</li>\n"
        }
        out += "</ol>\n</div>"
        return out
    }

    /// What a reader needs to know of a block's flags: which paths are not the journey as it is.
    private static func note(for flags: Set<DocumentedPath.Flag>) -> String? {
        if flags.contains(.historical) { return "The journey as it was (not checked against the current model)" }
        if flags.contains(.pending) { return "A proposed change, not yet in the journey" }
        if flags.contains(.expectedInvalid) { return "A route the journey does not allow" }
        if flags.contains(.partial) { return "Part of the journey" }
        return nil
    }

    private static func escape(_ text: String) -> String { TemplateValue.escapeHTML(text) }
}
