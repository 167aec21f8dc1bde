import AvailKit

/// Checks libyaml does not make: places where it accepts text that YAML 1.2
/// rejects (each is a case of yaml-test-suite). They run on the source text at
/// the marks of libyaml's events, so each needs no parser of its own.
struct YAMLSourceChecks {
    let buf: UnsafeBufferPointer<UInt8>
    /// Where lines start and end, with libyaml's line breaks (LF, CR LF, CR, NEL, LS, PS).
    let lines: LineOffsets
    /// Whether each line is ASCII, so a character column is a byte count.
    var isASCII: [Bool] = []

    init(_ buf: UnsafeBufferPointer<UInt8>, lines: LineOffsets) {
        self.buf = buf
        self.lines = lines
        isASCII.reserveCapacity(lines.lineCount)
        // Lines before the first byte past ASCII are ASCII; after it, each is looked at.
        let firstWide = Self.firstNonASCII(buf, 0, buf.count) ?? buf.count
        for line in 0..<lines.lineCount {
            let end = lines.end(ofLine: line)
            isASCII.append(end <= firstWide || Self.firstNonASCII(buf, lines.start(ofLine: line), end) == nil)
        }
    }

    /// The offset of the first byte of `start..<end` past ASCII, looking at eight bytes at a time.
    static func firstNonASCII(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard let base = buf.baseAddress else { return nil }
        var i = start
        while end - i >= 8 {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < end {
            if base[i] >= 0x80 { return i }
            i += 1
        }
        return nil
    }

    /// The number of lines.
    var lineCount: Int { lines.lineCount }

    /// Byte offset of a 0-based line and character column (libyaml counts characters).
    func offset(line: Int, column: Int) -> Int {
        guard line < lines.lineCount else { return buf.count }
        let start = lines.start(ofLine: line)
        // Counted per character only on a line with multi-byte characters: a
        // config asks for the offset of every event, dozens per store.
        if isASCII[line] { return min(start + max(0, column), buf.count) }
        var i = start
        var c = 0
        while c < column && i < buf.count {
            i += 1
            while i < buf.count && buf[i] & 0xC0 == 0x80 { i += 1 }
            c += 1
        }
        return i
    }

    func lineText(_ line: Int) -> ArraySlice<UInt8> {
        guard line < lines.lineCount else { return [] }
        return ArraySlice(buf[lines.start(ofLine: line)..<lines.end(ofLine: line)])
    }

    /// Leading spaces of a line and the byte that follows them (nil for a blank line).
    func indentation(_ line: Int) -> (spaces: Int, next: UInt8?) {
        let text = lineText(line)
        var n = 0
        for b in text {
            if b == 0x20 { n += 1 } else { return (n, b) }
        }
        return (n, nil)
    }

    /// A comment must be separated from what precedes it: `]#`, `,#`, `"x"#` are errors.
    func commentGlued(after offset: Int) -> Int? {
        var p = offset
        while p < buf.count, buf[p] == UInt8(ascii: ",") || buf[p] == UInt8(ascii: "]") || buf[p] == UInt8(ascii: "}") { p += 1 }
        return p < buf.count && buf[p] == UInt8(ascii: "#") ? p : nil
    }

    /// `>#` or `|-#`: a block scalar header whose comment has no space before it.
    func blockHeaderCommentGlued(at offset: Int) -> Int? {
        var p = offset + 1
        while p < buf.count, buf[p] == UInt8(ascii: "+") || buf[p] == UInt8(ascii: "-") || (buf[p] >= 0x31 && buf[p] <= 0x39) { p += 1 }
        return p < buf.count && buf[p] == UInt8(ascii: "#") ? p : nil
    }

    /// Lines of a flow collection or quoted scalar in block context must be indented past the block parent.
    func underIndentedLine(from startLine: Int, through endLine: Int, parentIndent: Int) -> (line: Int, column: Int)? {
        guard startLine < endLine else { return nil }
        for line in (startLine + 1)...endLine {
            let (spaces, next) = indentation(line)
            // Blank lines (spaces and tabs only) carry no indentation; a tab after enough spaces is fine.
            guard next != nil, lineText(line).contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            if spaces <= parentIndent { return (line, spaces + 1) }
        }
        return nil
    }

    /// A directive line whose comment has no space before its '#'.
    func directiveCommentGlued(lines: Range<Int>) -> (line: Int, column: Int)? {
        for line in lines {
            let text = Array(lineText(line))
            guard text.first == UInt8(ascii: "%") else { continue }
            for i in 1..<max(1, text.count) where text[i] == UInt8(ascii: "#") && text[i - 1] != 0x20 && text[i - 1] != 0x09 {
                return (line, i + 1)
            }
        }
        return nil
    }

    /// Leading blank lines of an auto-indented block scalar more indented than its first non-blank line.
    func blockScalarLeadingLines(headerLine: Int, parentIndent: Int) -> (line: Int, column: Int)? {
        var widest = (spaces: -1, line: 0)
        var line = headerLine + 1
        while line < lines.lineCount {
            let (spaces, next) = indentation(line)
            if next == nil || next == 0x0D {
                if spaces > widest.spaces { widest = (spaces, line) }
                line += 1
                continue
            }
            let isComment = next == UInt8(ascii: "#")
            if (isComment || spaces > parentIndent) && widest.spaces > spaces {
                return (widest.line, widest.spaces)
            }
            return nil
        }
        return nil
    }

    /// The tag handle written at `offset` (`!name!`), when it is a named one.
    func namedTagHandle(at offset: Int) -> String? {
        guard offset < buf.count, buf[offset] == UInt8(ascii: "!") else { return nil }
        var p = offset + 1
        while p < buf.count, (buf[p] >= 0x30 && buf[p] <= 0x39) || (buf[p] | 0x20 >= 0x61 && buf[p] | 0x20 <= 0x7A) || buf[p] == UInt8(ascii: "-") {
            p += 1
        }
        guard p < buf.count, buf[p] == UInt8(ascii: "!"), p > offset + 1 else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: buf[offset...p]), as: UTF8.self)
    }
}
