public enum AvailKitVersion { public static let current = "0.1.0" }
