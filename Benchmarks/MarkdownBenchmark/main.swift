// The Markdown benchmark: see ARCHITECTURE.md. Run with swift run -c release MarkdownBenchmark.
print("no benchmark yet")
