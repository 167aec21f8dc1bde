/// Rule ids of the structural findings decoders report.
public enum StructureRuleID {
    /// A required member is missing.
    public static let requiredField = "required_field"
    /// A value has the wrong JSON type.
    public static let typeMismatch = "type_mismatch"
    /// A value is not one of its enum's values.
    public static let enumValue = "enum_value"
    /// A member the format does not define.
    public static let unknownField = "unknown_field"
    /// A timestamp that is not valid RFC 3339 or UNIX time.
    public static let invalidTimestamp = "invalid_timestamp"
    /// An RFC 3339 timestamp without its UTC offset.
    public static let offsetRequired = "offset_required"
    /// An integer outside its declared bounds.
    public static let integerRange = "integer_range"
    /// An empty string or array where a value is needed.
    public static let emptyValue = "empty_value"
    /// A response-only member in a request.
    public static let readOnlyField = "read_only_field"
    /// The same value twice in a list that must not repeat.
    public static let duplicateValue = "duplicate_value"
}
