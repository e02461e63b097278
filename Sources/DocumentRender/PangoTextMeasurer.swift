import CCairo
import CPango
import DocumentLayout

/// Measures text with Pango and keeps the shaped layouts so the exporter draws exactly what was
/// measured without shaping it twice. Confined to its renderer's thread.
final class PangoTextMeasurer: TextMeasuring {
    private struct Key: Hashable {
        var text: String
        var style: TextStyle
        var width: Double
        var align: Alignment
    }

    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let fonts: FontLibrary
    private var layouts: [Key: (layout: OpaquePointer, measure: TextMeasure)] = [:]
    private var descriptions: [TextStyle: OpaquePointer] = [:]
    /// One Pango context per language tag (a layout follows later changes to its context).
    private var contexts: [String: OpaquePointer] = [:]

    /// Creates a measurer shaping with `fontMap` and checking coverage with `fonts`.
    init(fontMap: UnsafeMutablePointer<PangoFontMap>, fonts: FontLibrary) {
        self.fontMap = fontMap
        self.fonts = fonts
    }

    deinit {
        forget()
        for description in descriptions.values { pango_font_description_free(description) }
        for context in contexts.values { cb_g_object_unref(UnsafeMutableRawPointer(context)) }
    }

    func measure(_ text: String, style: TextStyle, width: Double, align: Alignment) -> TextMeasure {
        layout(text, style: style, width: width, align: align).measure
    }

    /// The shaped layout for a text item (made now if the layout stage did not measure it).
    func layout(_ text: String, style: TextStyle, width: Double, align: Alignment) -> (layout: OpaquePointer, measure: TextMeasure) {
        let key = Key(text: text, style: style, width: width, align: align)
        if let cached = layouts[key] { return cached }
        let layout = pango_layout_new(context(for: style.language))!
        pango_layout_set_font_description(layout, description(for: style))
        pango_layout_set_width(layout, Int32((width * Double(PANGO_SCALE)).rounded(.down)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, Self.pangoAlignment(align))
        if style.lineSpacing > 0 { pango_layout_set_line_spacing(layout, Float(style.lineSpacing)) }
        pango_layout_set_text(layout, text, -1)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let missing = pango_layout_get_unknown_glyphs_count(layout) > 0 ? fonts.missingCharacters(in: text) : []
        let measure = TextMeasure(
            height: Double(logical.height) / Double(PANGO_SCALE), width: Double(logical.width) / Double(PANGO_SCALE),
            missingCharacters: missing)
        layouts[key] = (layout, measure)
        return (layout, measure)
    }

    /// Drops the layouts kept for the last document.
    func forget() {
        for entry in layouts.values { cb_g_object_unref(UnsafeMutableRawPointer(entry.layout)) }
        layouts.removeAll(keepingCapacity: true)
    }

    /// A context at 72 dpi (PDF points: Pango assumes 96 otherwise), without hinting so measured
    /// and drawn text agree, with glyphs at their exact advances (Pango rounds positions to whole
    /// units by default: 11.5 pt Chinese set on a 12 pt pitch, every glyph nudged in the PDF),
    /// shaping for `language` whatever the process locale says.
    private func context(for language: String) -> OpaquePointer {
        if let cached = contexts[language] { return cached }
        let context = pango_font_map_create_context(fontMap)!
        pango_cairo_context_set_resolution(context, 72)
        pango_context_set_round_glyph_positions(context, 0)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_language(context, pango_language_from_string(language))
        contexts[language] = context
        return context
    }

    private func description(for style: TextStyle) -> OpaquePointer {
        if let cached = descriptions[style] { return cached }
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, style.family)
        pango_font_description_set_size(description, Int32((style.size * Double(PANGO_SCALE)).rounded()))
        pango_font_description_set_weight(description, style.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        descriptions[style] = description
        return description
    }

    private static func pangoAlignment(_ align: Alignment) -> PangoAlignment {
        switch align {
        case .left: PANGO_ALIGN_LEFT
        case .center: PANGO_ALIGN_CENTER
        case .right: PANGO_ALIGN_RIGHT
        }
    }
}
