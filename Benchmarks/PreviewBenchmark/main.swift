// The Preview benchmark: see ARCHITECTURE.md. Run with swift run -c release PreviewBenchmark.
print("no benchmark yet")
