// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "AvailKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "AvailKit", targets: ["AvailKit"]),
        .library(name: "AvailConfig", targets: ["AvailConfig"]),
        .executable(name: "avail", targets: ["avail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // `swift package generate-documentation --target AvailKit` (and AvailConfig); a command plugin, not linked into anything.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
    ],
    targets: [
        .target(name: "AvailKit"),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(name: "AvailConfig", dependencies: ["AvailKit", "CYAML"]),
        // The command line as a library, so tests run commands in process; `avail` is its main.
        .target(
            name: "AvailCLI",
            dependencies: [
                "AvailKit",
                "AvailConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "avail", dependencies: ["AvailCLI"]),
        .testTarget(name: "AvailKitTests", dependencies: ["AvailKit", "AvailConfig", "AvailCLI"]),
    ]
)
