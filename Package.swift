// swift-tools-version: 6.0
import PackageDescription

// One module per job. Markdown, Templates and Journeys depend on nothing of ours;
// Site is handed journey models and never imports this repository's own; only the
// command ties everything together. See ARCHITECTURE.md.
let package = Package(
    name: "design-history",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "design-history", targets: ["DesignHistoryCommand"]),
        .library(name: "Markdown", targets: ["Markdown"]),
        .library(name: "Templates", targets: ["Templates"]),
        .library(name: "Journeys", targets: ["Journeys"]),
        .library(name: "Site", targets: ["Site"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // Libraries.
        .target(name: "Markdown"),
        .target(name: "Templates"),
        .target(name: "Journeys"),
        .target(
            name: "Site",
            dependencies: ["Markdown", "Templates", "Journeys", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/Templates"), .copy("Resources/Assets")]
        ),
        .target(name: "Preview", dependencies: ["Site", "Templates", .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")]),
        .target(name: "DesignHistoryJourneys", dependencies: ["Journeys"]),
        .executableTarget(
            name: "DesignHistoryCommand",
            dependencies: [
                "Markdown", "Templates", "Journeys", "Site", "Preview", "DesignHistoryJourneys",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks: run with `swift run -c release <Name>Benchmark`.
        .executableTarget(name: "MarkdownBenchmark", dependencies: ["Markdown"], path: "Benchmarks/MarkdownBenchmark"),
        .executableTarget(name: "TemplatesBenchmark", dependencies: ["Templates"], path: "Benchmarks/TemplatesBenchmark"),
        .executableTarget(name: "JourneysBenchmark", dependencies: ["Journeys", "DesignHistoryJourneys"], path: "Benchmarks/JourneysBenchmark"),
        .executableTarget(name: "SiteBenchmark", dependencies: ["Site"], path: "Benchmarks/SiteBenchmark"),
        .executableTarget(name: "LayoutsBenchmark", dependencies: ["Site"], path: "Benchmarks/LayoutsBenchmark"),
        .executableTarget(name: "PreviewBenchmark", dependencies: ["Site", "Preview"], path: "Benchmarks/PreviewBenchmark", exclude: ["check-live-reload.py"]),

        // Tests: one target per module; fixtures are files under each target's Fixtures/.
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates"], resources: [.copy("Fixtures")]),
        .testTarget(name: "JourneysTests", dependencies: ["Journeys"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Journeys"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "Site", .product(name: "FlyingFox", package: "FlyingFox")], resources: [.copy("Fixtures")]),
        .testTarget(name: "DesignHistoryJourneysTests", dependencies: ["DesignHistoryJourneys", "Journeys", "Site"], exclude: ["Fixtures"]),
        .testTarget(name: "DesignHistoryCommandTests", dependencies: ["DesignHistoryCommand"]),
    ]
)
