import ArgumentParser
import AvailConfig
import AvailKit

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "formats", abstract: "List the format ids.")

    func run() {
        let width = Formats.ids.map(\.count).max() ?? 0
        for format in Formats.all {
            Terminal.write(format.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + format.summary + "\n")
        }
    }
}

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Print a format's JSON Schema (2020-12).")

    @Argument(
        help: ArgumentHelp("A format id, 'store-config' for the YAML store config, or 'avail-settings' for .avail.yaml.", valueName: "format"),
        completion: .list(SchemaID.allValueStrings), transform: SchemaID.parse)
    var format: SchemaID

    func run() {
        Terminal.write(format.declaration.schemaText)
    }
}

/// A format id or `store-config`: everything with a declaration, hence a schema.
struct SchemaID: ExpressibleByArgument {
    let declaration: FormatDeclaration

    init?(argument: String) {
        if argument == StoreConfig.declaration.id {
            declaration = StoreConfig.declaration
        } else if argument == ProjectConfig.declaration.id {
            declaration = ProjectConfig.declaration
        } else if let format = Formats.named(argument) {
            declaration = format.declaration
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { Formats.ids + [StoreConfig.declaration.id, ProjectConfig.declaration.id] }

    /// The parser's transform: the declaration, or why `text` names none (with a did-you-mean).
    static func parse(_ text: String) throws -> SchemaID {
        if let id = SchemaID(argument: text) { return id }
        throw ValidationError("unknown format '\(text)'\(Suggest.hint(for: text, in: allValueStrings)) ('avail formats' lists them; 'store-config' and 'avail-settings' name the YAML files)")
    }
}
