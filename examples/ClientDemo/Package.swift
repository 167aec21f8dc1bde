// swift-tools-version: 6.0
// A client of AvailKit, through its public API only: what a service does.
import PackageDescription

let package = Package(
    name: "ClientDemo",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "AvailKit", path: "../..")],
    targets: [
        .executableTarget(
            name: "ClientDemo",
            dependencies: [
                .product(name: "AvailKit", package: "AvailKit"),
                .product(name: "AvailConfig", package: "AvailKit"),
            ])
    ]
)
