import Foundation
import Testing

/// Runs the built `design-history` executable as a user would.
struct CommandRunner {
    static var executable: URL {
        // The test bundle sits in the build products folder, beside the executable.
        var folder = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("design-history").path), folder.pathComponents.count > 1 {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("design-history")
    }

    static func run(_ arguments: [String], input: String? = nil, in directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}

@Test func markdownCommandReadsStandardInput() throws {
    let result = try CommandRunner.run(["markdown", "--profile", "commonmark"], input: "# Hi\n")
    #expect(result.status == 0)
    #expect(result.stdout == "<h1>Hi</h1>\n")
}
