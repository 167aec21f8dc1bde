import ArgumentParser
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

    @Argument(help: ArgumentHelp("The format id.", valueName: "format"))
    var format: FormatID

    func run() throws {
        guard let schema = Schemas.text(for: format.format.id) else {
            throw CLIFailure(message: "no schema for '\(format.format.id)'")
        }
        Terminal.write(schema)
    }
}
