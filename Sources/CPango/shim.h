#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>

/// GObject cast macros are not imported into Swift; these inline helpers stand in for them.
static inline PangoFcFontMap *cb_pango_fc_font_map(PangoFontMap *map) {
    return PANGO_FC_FONT_MAP(map);
}
static inline void cb_g_object_unref(void *object) { g_object_unref(object); }
static inline int cb_pango_glyph_unknown_flag(void) { return (int)PANGO_GLYPH_UNKNOWN_FLAG; }
