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
        do {
            var command = try parseAsRoot()
            try command.run()
            Terminal.flush()
        } catch let exit as ExitCode {
            Terminal.flush()
            Self.exit(withError: exit)
        } catch let failure as CLIFailure {
            Terminal.writeError("avail: error: \(failure.message)\n")
            flushAndExit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Terminal.flush()
                Self.exit(withError: error)
            }
            Terminal.writeError(fullMessage(for: error) + "\n")
            flushAndExit(2)
        }
    }
}

/// A usage or I/O problem: reported on stderr, exit code 2.
struct CLIFailure: Error {
    var message: String
}

func flushAndExit(_ code: Int32) -> Never {
    Terminal.flush()
    exit(code)
}
