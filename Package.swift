// swift-tools-version: 6.1
import PackageDescription

/// leadscore: predictive lead scoring for Salesforce.
/// Modules follow ../shared/DESIGN.md; dependencies run one way:
/// LeadscoreData ← LeadscoreModels ← (Service, Salesforce, Monitoring) ← LeadscoreCLI.
let package = Package(
    name: "leadscore",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "leadscore", targets: ["LeadscoreCLI"]),
        .library(name: "LeadscoreData", targets: ["LeadscoreData"]),
        .library(name: "LeadscoreModels", targets: ["LeadscoreModels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // XGBoost's C API from Debian's libxgboost-dev (see ../shared/TOOLCHAIN.md).
        .systemLibrary(
            name: "CXGBoost",
            path: "Sources/CXGBoost",
            providers: [.apt(["libxgboost-dev"]), .brew(["xgboost"])]
        ),
        // LIBLINEAR (Debian liblinear-dev): the logistic regression solver scikit-learn also wraps.
        .systemLibrary(
            name: "CLiblinear",
            path: "Sources/CLiblinear",
            providers: [.apt(["liblinear-dev"]), .brew(["liblinear"])]
        ),
        .target(
            name: "LeadscoreData",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "LeadscoreModels",
            dependencies: ["LeadscoreData", "CXGBoost", "CLiblinear", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "LeadscoreCLI",
            dependencies: [
                "LeadscoreData",
                "LeadscoreModels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "LeadscoreBench",
            dependencies: ["LeadscoreData"]
        ),
        .testTarget(
            name: "LeadscoreDataTests",
            dependencies: ["LeadscoreData"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LeadscoreModelsTests",
            dependencies: ["LeadscoreModels", "LeadscoreData"],
            resources: [.copy("Fixtures")]
        ),
        // Runs the built `leadscore` binary as a user would: exit codes, messages, files.
        .testTarget(
            name: "LeadscoreCLITests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
