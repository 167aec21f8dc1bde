/// Rule ids of the structural findings decoders report.
public enum StructureRuleID {
    public static let requiredField = "required_field"
    public static let typeMismatch = "type_mismatch"
    public static let enumValue = "enum_value"
    public static let unknownField = "unknown_field"
    public static let invalidTimestamp = "invalid_timestamp"
    public static let offsetRequired = "offset_required"
    public static let integerRange = "integer_range"
    public static let emptyValue = "empty_value"
    public static let readOnlyField = "read_only_field"
    public static let duplicateValue = "duplicate_value"
}
