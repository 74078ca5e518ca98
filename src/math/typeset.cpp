#include <string>

#include "font.h"
#include "layout.h"
#include "parser.h"
#include "reel/math.h"

namespace reel::math {

void check_syntax(std::string_view latex) { (void)parse(latex); }

MathLayout typeset(std::string_view latex) {
    const NodeList formula = parse(latex);
    const FontSet& fonts = FontSet::get();
    const Box box = layout_formula(formula, fonts);
    MathLayout out;
    out.width = box.width;
    out.height = box.height;
    out.depth = box.depth;
    out.items.reserve(box.items.size());
    for (const Placed& p : box.items) {
        MathItem item;
        if (p.rule) {
            item.kind = MathItem::Kind::Rule;
            const Vec2 ur{p.x + p.w, p.y + p.h}, ul{p.x, p.y + p.h}, dl{p.x, p.y},
                dr{p.x + p.w, p.y};
            item.points = corners_to_points({ur, ul, dl, dr, ur});
        } else {
            item.kind = MathItem::Kind::Glyph;
            item.glyph = p.glyph;
            item.font = static_cast<int>(p.font);
            const Points& outline = fonts.font(p.font).outline(p.glyph);
            item.points.reserve(outline.size());
            for (const Vec2& q : outline) item.points.push_back({p.x + q.x * p.scale * p.sx, p.y + q.y * p.scale * p.sy});
        }
        out.items.push_back(std::move(item));
    }
    return out;
}

} // namespace reel::math
