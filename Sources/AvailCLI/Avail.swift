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
struct Avail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avail",
        abstract: "Convert and check store-availability payloads across delivery and commerce providers.",
        discussion: "Exit codes: 0 success, 1 invalid input or refused conversion, 2 usage or I/O error.",
        version: AvailKitVersion.current,
        subcommands: [ConvertCommand.self, ValidateCommand.self, LintCommand.self, FixCommand.self, PlanCommand.self, RulesCommand.self, ExplainCommand.self, FormatsCommand.self, SchemaCommand.self]
    )

    /// `avail` without a command is a usage error (exit 2, on stderr), as it is
    /// for ruff and jq; `avail --help` prints the help.
    func run() throws {
        let names = Self.configuration.subcommands.compactMap { $0.configuration.commandName }
        throw ValidationError("no command given; use one of \(names.joined(separator: ", "))")
    }
}

/// The `avail` command line as a library: the executable's `main` calls
/// ``main()``; tests run commands in the same process with ``run(_:)``.
public enum AvailCLI {
    /// Runs `avail` with the process's arguments and exits with its code.
    public static func main() -> Never {
        Terminal.start()
        let code = run(Array(CommandLine.arguments.dropFirst()))
        Terminal.exit(code)
    }

    /// Runs one `avail` command line (without the program name) against the
    /// terminal's streams (``Terminal``): its output is flushed, and its
    /// exit code returned (2 when a write failed).
    public static func run(_ arguments: [String]) -> Int32 {
        run(parse(arguments))
    }

    /// A command line, parsed: the command, `--version`, or the parser's error.
    /// Parsing touches no file and no stream, so it may run on any thread.
    public struct Parsed {
        let command: Result<any ParsableCommand, any Error>?
    }

    /// Parses a command line (without the program name).
    public static func parse(_ arguments: [String]) -> Parsed {
        // `--version` works after any subcommand, as ruff's does.
        if let end = arguments.firstIndex(of: "--") ?? Optional(arguments.endIndex), arguments[..<end].contains("--version") {
            return Parsed(command: nil)
        }
        return Parsed(
            command: Result {
                let split = Operands.split(arguments)
                try Avail.checkCommandWords(split.arguments)
                var command = try Avail.parseAsRoot(split.arguments)
                if let operands = split.operands, var taking = command as? any TakesFileOperands {
                    taking.files = operands
                    command = taking
                }
                return command
            })
    }

    /// Runs a parsed command line, as ``run(_:)`` does.
    public static func run(_ parsed: Parsed) -> Int32 {
        guard let result = parsed.command else {
            Terminal.write("avail \(AvailKitVersion.current)\n")
            return Terminal.finish(0)
        }
        do {
            var command = try result.get()
            try command.run()
            return Terminal.finish(0)
        } catch let exit as ExitCode {
            return Terminal.finish(exit.rawValue)
        } catch let failure as CLIFailure {
            Terminal.reportError(failure.message)
            return Terminal.finish(2)
        } catch {
            // ArgumentParser's own messages (help, version, usage errors) go through the same
            // writers as everything else, so a failed write is reported here too. Usage errors exit 2.
            let text = Avail.fullMessage(for: error)
            if Avail.exitCode(for: error) == .success {
                if !text.isEmpty { Terminal.write(text + "\n") }
                return Terminal.finish(0)
            }
            // One prefix for every error, ArgumentParser's usage errors included.
            Terminal.writeError(Avail.prefixed(text) + "\n")
            return Terminal.finish(2)
        }
    }
}

extension Avail {
    /// Usage errors ArgumentParser words poorly, with a did-you-mean: a
    /// command name that is none (`avail validat` was an "unexpected
    /// argument"; `avail help NAME` printed the overview and exited 0, so a
    /// typo looked like an answer), and ruff's `--fix` on validate or lint
    /// (it suggested `--now`), which is `avail fix` here.
    static func checkCommandWords(_ arguments: [String]) throws {
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        func notACommand(_ word: String) -> ValidationError {
            ValidationError("'\(word)' is not a command; the commands are \(names.joined(separator: ", "))" + Suggest.hint(for: word, in: names))
        }
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        if first == "help" {
            guard let topic = arguments.dropFirst().first(where: { !$0.hasPrefix("-") }), !names.contains(topic), topic != "help" else { return }
            throw notACommand(topic)
        }
        guard names.contains(first) else { throw notACommand(first) }
        if first == "validate" || first == "lint", arguments.contains(where: { $0 == "--fix" || $0.hasPrefix("--fix=") }) {
            throw ValidationError("\(first) has no --fix; 'avail fix FILES' writes the fixes (add --unsafe-fixes for the guesses), as ruff's --fix does")
        }
    }

    /// ArgumentParser's `Error: …` as `avail: error: …`.
    static func prefixed(_ text: String) -> String {
        text.hasPrefix("Error: ") ? "avail: error: " + text.dropFirst("Error: ".count) : text
    }
}

/// A usage or I/O problem: reported on stderr, exit code 2.
struct CLIFailure: Error {
    var message: String
}
