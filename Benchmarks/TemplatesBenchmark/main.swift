// The Templates benchmark: see ARCHITECTURE.md. Run with swift run -c release TemplatesBenchmark.
print("no benchmark yet")
