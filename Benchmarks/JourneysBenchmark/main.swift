// The Journeys benchmark: see ARCHITECTURE.md. Run with swift run -c release JourneysBenchmark.
print("no benchmark yet")
