// The Site benchmark: see ARCHITECTURE.md. Run with swift run -c release SiteBenchmark.
print("no benchmark yet")
