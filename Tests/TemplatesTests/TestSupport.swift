import Foundation
import Templates

/// Test helpers: contexts from JSON, environments over the fixture folders, rendering shortcuts.
enum Support {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    /// A context from JSON text (objects keep their key order).
    static func context(_ json: String) -> TemplateObject {
        guard case .object(let object) = value(json) else { return TemplateObject() }
        return object
    }

    static func value(_ json: String) -> TemplateValue {
        var parser = JSONValueParser(bytes: Array(json.utf8))
        return parser.parse()
    }

    static func environment(_ folders: [String] = [], autoescape: Bool = true) -> TemplateEnvironment {
        let loader = TemplateLoader(searchPaths: folders.map { fixtures.appendingPathComponent($0) })
        return TemplateEnvironment(loader: loader, options: TemplateOptions(autoescape: autoescape))
    }

    static func render(_ source: String, _ json: String = "{}", autoescape: Bool = true) throws -> String {
        try environment(autoescape: autoescape).render(source: source, path: "test.njk", context: context(json))
    }

    static func renderError(_ source: String, _ json: String = "{}", environment: TemplateEnvironment = environment()) -> TemplateError? {
        do {
            _ = try environment.render(source: source, path: "test.njk", context: context(json))
            return nil
        } catch {
            return error
        }
    }

    static func fixture(_ path: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
    }

    /// Compares with a golden file; `RECORD_GOLDEN=1` writes it instead (review the diff).
    static func matchesGolden(_ output: String, _ path: String) throws -> Bool {
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(path)
            try output.write(to: source, atomically: true, encoding: .utf8)
            return true
        }
        return try fixture(path) == output
    }
}

/// A folder of templates made for one test in the temporary directory, written a file at a time
/// (again, to change a template between renders); `remove()` deletes it.
struct TemplateFolder {
    let url: URL

    init(_ name: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ text: String, _ name: String) throws {
        try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A small JSON reader that keeps object key order (JSONSerialization does not).
struct JSONValueParser {
    let bytes: [UInt8]
    var i = 0

    mutating func skip() { while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }

    mutating func parse() -> TemplateValue {
        skip()
        guard i < bytes.count else { return .undefined }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var object = TemplateObject()
            skip()
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(object) }
            while true {
                skip()
                guard case .string(let key) = parse() else { return .undefined }
                skip(); i += 1  // :
                object[key] = parse()
                skip()
                let c = bytes[i]; i += 1
                if c == UInt8(ascii: "}") { return .object(object) }
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [TemplateValue] = []
            skip()
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                items.append(parse())
                skip()
                let c = bytes[i]; i += 1
                if c == UInt8(ascii: "]") { return .array(items) }
            }
        case UInt8(ascii: "\""):
            i += 1
            var out: [UInt8] = []
            while bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") {
                    i += 1
                    switch bytes[i] {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    default: out.append(bytes[i])
                    }
                } else {
                    out.append(bytes[i])
                }
                i += 1
            }
            i += 1
            return .string(String(decoding: out, as: UTF8.self))
        case UInt8(ascii: "t"): i += 4; return .bool(true)
        case UInt8(ascii: "f"): i += 5; return .bool(false)
        case UInt8(ascii: "n"): i += 4; return .null
        default:
            let start = i
            while i < bytes.count, "-+.eE0123456789".utf8.contains(bytes[i]) { i += 1 }
            return .number(Double(String(decoding: bytes[start..<i], as: UTF8.self)) ?? .nan)
        }
    }
}
