import ArgumentParser
import Foundation

/// A command whose file operands ``Operands`` may set after parsing.
protocol TakesFileOperands: ParsableCommand {
    var files: [String] { get set }
}

/// File operands taken out of a long command line before ArgumentParser sees it.
///
/// swift-argument-parser 1.8.2 records where each value of an array argument
/// came from by merging the sets of origins of every earlier value
/// (`ParsedValues.update`), so N file arguments cost O(N²): 20,000 took 11 s
/// to parse. Past ``threshold`` arguments, the operands of a command with a
/// variadic file argument are split off here, using the options the command
/// declares (from ArgumentParser's own description of the tool), the parser
/// sees only the first of them, and the command gets all of them back.
enum Operands {
    /// Below this many arguments the parser's cost does not matter.
    static let threshold = 256

    static func split(_ arguments: [String]) -> (arguments: [String], operands: [String]?) {
        guard arguments.count > threshold, let name = arguments.first, let options = valueOptions(of: name) else { return (arguments, nil) }
        var kept = [name]
        var operands: [String] = []
        var i = 1
        var terminated = false
        while i < arguments.count {
            let a = arguments[i]
            i += 1
            if terminated || a == "-" || !a.hasPrefix("-") {
                operands.append(a)
            } else if a == "--" {
                terminated = true
            } else {
                kept.append(a)
                if options.contains(a), i < arguments.count {
                    kept.append(arguments[i])
                    i += 1
                }
            }
        }
        guard let first = operands.first else { return (arguments, nil) }
        kept += ["--", first]
        return (kept, operands)
    }

    /// The spellings (`--format`, `-o`) of the options that take a value, for
    /// a subcommand with a repeating positional argument; nil for any other.
    static func valueOptions(of command: String) -> Set<String>? {
        guard let data = Avail._dumpHelp().data(using: .utf8),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let tool = root["command"] as? [String: Any],
            let subcommands = tool["subcommands"] as? [[String: Any]],
            let sub = subcommands.first(where: { $0["commandName"] as? String == command }),
            let arguments = sub["arguments"] as? [[String: Any]],
            arguments.contains(where: { $0["kind"] as? String == "positional" && $0["isRepeating"] as? Bool == true })
        else { return nil }
        var options = Set<String>()
        for argument in arguments where argument["kind"] as? String == "option" {
            for name in argument["names"] as? [[String: Any]] ?? [] {
                guard let text = name["name"] as? String else { continue }
                options.insert((name["kind"] as? String == "long" ? "--" : "-") + text)
            }
        }
        return options
    }
}
