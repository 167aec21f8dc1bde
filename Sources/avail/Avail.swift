import ArgumentParser
import AvailKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `avail`: convert, validate and lint store-availability data.
///
/// Exit codes: 0 success, 1 invalid input or refused conversion, 2 usage or I/O error.
@main
struct Avail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avail",
        abstract: "Convert and check store-availability payloads across delivery and commerce providers.",
        discussion: "Exit codes: 0 success, 1 invalid input or refused conversion, 2 usage or I/O error.",
        version: AvailKitVersion.current,
        subcommands: [ConvertCommand.self, ValidateCommand.self, LintCommand.self, FixCommand.self, PlanCommand.self, RulesCommand.self, ExplainCommand.self, FormatsCommand.self, SchemaCommand.self]
    )

    static func main() {
        Terminal.start()
        do {
            let split = Operands.split(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot(split.arguments)
            if let operands = split.operands, var taking = command as? any TakesFileOperands {
                taking.files = operands
                command = taking
            }
            try command.run()
            Terminal.finish(0)
        } catch let exit as ExitCode {
            Terminal.finish(exit.rawValue)
        } catch let failure as CLIFailure {
            Terminal.reportError(failure.message)
            Terminal.finish(2)
        } catch {
            // ArgumentParser's own messages (help, version, usage errors) go through the same
            // writers as everything else, so a failed write is reported here too. Usage errors exit 2.
            let text = fullMessage(for: error)
            if exitCode(for: error) == .success {
                if !text.isEmpty { Terminal.write(text + "\n") }
                Terminal.finish(0)
            }
            Terminal.writeError(text + "\n")
            Terminal.finish(2)
        }
    }
}

/// A usage or I/O problem: reported on stderr, exit code 2.
struct CLIFailure: Error {
    var message: String
}
