// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "AvailKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "AvailKit", targets: ["AvailKit"]),
        .executable(name: "avail", targets: ["avail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")
    ],
    targets: [
        .target(name: "AvailKit"),
        .executableTarget(
            name: "avail",
            dependencies: [
                "AvailKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AvailKitTests", dependencies: ["AvailKit"]),
    ]
)
