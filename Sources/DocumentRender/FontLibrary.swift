import CPango
import Foundation

/// A fontconfig configuration that knows only the fonts in the project's `Fonts/` folder.
///
/// Rendering never depends on the machine's other fonts: the configuration is built from the
/// folder alone (with a cache beside it, so later processes start fast) and handed to each
/// renderer's Pango font map.
final class FontLibrary {
    /// The fontconfig configuration (one reference owned by this object).
    let config: OpaquePointer
    /// Family names available, e.g. "Noto Sans CJK SC", "HanaMinB".
    let families: Set<String>
    /// Every character some font in the folder can draw.
    private let coverage: OpaquePointer

    /// Builds the configuration for `directory`.
    /// - Throws: `RenderError.fonts` when the folder holds no usable font.
    init(directory: URL) throws(RenderError) {
        Self.processSettings
        let dir = directory.standardizedFileURL.path
        let cacheDir = directory.appendingPathComponent(".fccache").path
        try? FileManager.default.createDirectory(atPath: cacheDir, withIntermediateDirectories: true)
        let xml = """
            <?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig><dir>\(Self.escape(dir))</dir><cachedir>\(Self.escape(cacheDir))</cachedir></fontconfig>
            """
        guard let config = FcConfigCreate() else { throw .fonts("fontconfig could not create a configuration") }
        guard FcConfigParseAndLoadFromMemory(config, xml, 1) == 1, FcConfigBuildFonts(config) == 1 else {
            FcConfigDestroy(config)
            throw .fonts("fontconfig could not read \(dir)")
        }
        var families: Set<String> = []
        let coverage = FcCharSetCreate()!
        // Fonts named by <dir> land in the "system" set of this private configuration.
        for setName in [FcSetSystem, FcSetApplication] {
            guard let set = FcConfigGetFonts(config, setName) else { continue }
            for index in 0..<Int(set.pointee.nfont) {
                guard let pattern = set.pointee.fonts[index] else { continue }
                var family: UnsafeMutablePointer<FcChar8>?
                if FcPatternGetString(pattern, "family", 0, &family) == FcResultMatch, let family {
                    families.insert(String(cString: family))
                }
                var charset: OpaquePointer?
                if FcPatternGetCharSet(pattern, "charset", 0, &charset) == FcResultMatch, let charset {
                    FcCharSetMerge(coverage, charset, nil)
                }
            }
        }
        guard !families.isEmpty else {
            FcCharSetDestroy(coverage)
            FcConfigDestroy(config)
            throw .fonts("no fonts in \(dir); run scripts/setup.sh to prepare them")
        }
        self.config = config
        self.families = families
        self.coverage = coverage
    }

    deinit {
        FcCharSetDestroy(coverage)
        FcConfigDestroy(config)
    }

    /// The characters of `text` that no font in the folder has.
    func missingCharacters(in text: String) -> [Character] {
        var missing: [Character] = []
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace && scalar.properties.generalCategory != .control {
            if FcCharSetHasChar(coverage, scalar.value) == 0, !missing.contains(Character(scalar)) {
                missing.append(Character(scalar))
            }
        }
        return missing
    }

    /// Every code point some font in the folder has, as sorted ranges (read page by page from fontconfig).
    func coveredRanges() -> [ClosedRange<UInt32>] {
        var ranges: [ClosedRange<UInt32>] = []
        var map = [FcChar32](repeating: 0, count: 8)  // FC_CHARSET_MAP_SIZE: 256 bits per page
        var next: FcChar32 = 0
        var base = FcCharSetFirstPage(coverage, &map, &next)
        while base != FcChar32.max {  // FC_CHARSET_DONE
            for word in 0..<8 where map[word] != 0 {
                for bit in 0..<32 where map[word] & (1 << UInt32(bit)) != 0 {
                    let point = base + UInt32(word * 32 + bit)
                    if let last = ranges.last, last.upperBound + 1 == point {
                        ranges[ranges.count - 1] = last.lowerBound...point
                    } else {
                        ranges.append(point...point)
                    }
                }
            }
            base = FcCharSetNextPage(coverage, &map, &next)
        }
        return ranges
    }

    /// Process-wide settings made once, before any Pango font map exists.
    ///
    /// - An empty fontconfig configuration becomes the process default. Every font map is handed
    ///   its own configuration, but Pango starts a thread that runs `FcInit` for the default:
    ///   without this it parses /etc/fonts and maps the system's caches in every process — about a
    ///   tenth of a cold render's CPU, for fonts that are never used.
    /// - `PANGO_LANGUAGE` is set to Simplified Chinese. Pango shapes Han text in a run whose
    ///   language does not cover Han (a Chinese name in an English document) for the first
    ///   preferred language that does, read from this variable, `LANGUAGE` or the locale: with
    ///   `LANGUAGE=ja` the name came out in Japanese glyph forms. Documents must not depend on the
    ///   environment of the process that renders them.
    private static let processSettings: Void = {
        setenv("PANGO_LANGUAGE", "zh-cn", 1)
        if let empty = FcConfigCreate() {
            FcConfigSetCurrent(empty)
            FcConfigDestroy(empty)  // the default keeps its own reference
        }
    }()

    private static func escape(_ path: String) -> String {
        path.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
