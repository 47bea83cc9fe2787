#!/usr/bin/python3
# Makes the common-text subsets of Debian's Noto CJK faces (`make fonts`).
#
# Why: cairo 1.16 reads a face's whole CFF table twice for every PDF it
# embeds the face in (15-23 MB for a Noto CJK face). A subset holding the
# characters charts use (about 15,000 of the 65,535 glyphs) makes that a
# quarter of the work. The glyphs, hints, metrics and OpenType layout are
# the face's own, so text looks and lines up the same; only the family name
# changes ("Saltprint Noto Sans SC"), so that saltprint can ask for the
# subset first and the full face second. A character outside the subset
# falls back to the full face.
#
# usage: subset.py SOURCE_DIR OUT_DIR
# makes OUT_DIR/SaltprintNoto{Sans,Serif}{SC,TC,JP,KR}-{Regular,Bold}.otf
# from SOURCE_DIR/Noto{Sans,Serif}CJK-{Regular,Bold}.ttc, on every core. The
# output depends only on the source fonts, this file and fontTools, so
# fonts.lock records each file's sha256 like any other font's.

import multiprocessing
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

# Characters every locale gets: Latin, Greek and Cyrillic letters,
# punctuation, currency, letterlike symbols, number forms, arrows, maths,
# enclosed numbers, shapes, CJK punctuation, kana, bopomofo, Hangul jamo,
# enclosed CJK, CJK compatibility units (the ㎡ of the seed) and full-width
# forms.
COMMON_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x02B0, 0x02FF), (0x0370, 0x03FF),
    (0x0400, 0x04FF), (0x2000, 0x20CF), (0x2100, 0x22FF), (0x2460, 0x24FF),
    (0x2500, 0x25FF), (0x2600, 0x26FF), (0x3000, 0x33FF), (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
]

# Characters saltprint itself writes in some locale (units, number words,
# "other", labels of the poster's source line), so that they never fall back.
OWN_TEXT = "萬億兆圓戶時個項來資註元円만억조원명개년월일기타처출주나아이콘하"


def legacy_charset(codec, lead, trail):
    """Every character a two-byte legacy code page assigns."""
    out = set()
    for b1 in range(lead[0], lead[1] + 1):
        for b2 in range(trail[0], trail[1] + 1):
            try:
                s = bytes([b1, b2]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(s) == 1:
                out.add(ord(s))
    return out


def locale_chars(locale):
    """The national standard set of the face's locale: GB 2312 for
    Simplified Chinese, Big5's common characters and symbols for
    Traditional, JIS X 0208 for Japanese, KS X 1001 for Korean."""
    if locale == "SC":
        return legacy_charset("gb2312", (0xA1, 0xF7), (0xA1, 0xFE))
    if locale == "TC":
        # Big5 0xA140-0xC67E: symbols and the 5,401 frequently used hanzi.
        chars = legacy_charset("big5", (0xA1, 0xC5), (0x40, 0xFE))
        chars |= legacy_charset("big5", (0xC6, 0xC6), (0x40, 0x7E))
        return chars
    if locale == "JP":
        return legacy_charset("euc_jp", (0xA1, 0xFE), (0xA1, 0xFE))
    if locale == "KR":
        return legacy_charset("euc_kr", (0xA1, 0xFE), (0xA1, 0xFE))
    raise SystemExit("subset.py: unknown locale %r (SC, TC, JP or KR)" % locale)


# The face of each locale in Debian's Noto CJK collections.
FACE_INDEX = {"JP": 0, "KR": 1, "SC": 2, "TC": 3}


def make_subset(job):
    src, locale, family, out = job
    chars = set(ord(c) for c in OWN_TEXT)
    for lo, hi in COMMON_RANGES:
        chars.update(range(lo, hi + 1))
    chars |= locale_chars(locale)

    # Not recalculated: the timestamp (the same bytes on every build) and the
    # bounds in head, hhea, vhea and the CFF, which stay the full face's
    # (measuring every glyph was most of the time).
    font = TTFont(src, fontNumber=FACE_INDEX[locale], lazy=True,
                  recalcBBoxes=False, recalcTimestamp=False)
    name = font["name"]
    got = name.getDebugName(1) or ""
    if not got.endswith(" " + locale):
        raise SystemExit("subset.py: %s face %d is %r, not the %s face"
                         % (src, FACE_INDEX[locale], got, locale))
    opts = subset.Options()
    opts.layout_features = ["*"]   # every feature: shaping is the face's own
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = True
    opts.glyph_names = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=chars)
    sub.subset(font)

    # Only the family changes; the PostScript name (what a PDF calls the
    # embedded font) stays the face's own.
    style = name.getDebugName(2) or "Regular"
    full = family if style == "Regular" else family + " " + style
    for rec in name.names:
        if rec.nameID in (1, 16):
            rec.string = family
        elif rec.nameID == 4:
            rec.string = full
        elif rec.nameID == 3:
            rec.string = rec.toUnicode() + ";saltprint-subset"

    # A dot-file until complete: fontconfig does not look at those.
    tmp = os.path.join(os.path.dirname(out), "." + os.path.basename(out) + ".tmp")
    font.save(tmp)
    os.replace(tmp, out)
    return out


def main(argv):
    if len(argv) != 3:
        raise SystemExit("usage: subset.py SOURCE_DIR OUT_DIR")
    src_dir, out_dir = argv[1], argv[2]
    os.makedirs(out_dir, exist_ok=True)
    jobs = []
    for kind in ("Sans", "Serif"):
        for weight in ("Regular", "Bold"):
            src = os.path.join(src_dir, "Noto%sCJK-%s.ttc" % (kind, weight))
            for locale in ("SC", "TC", "JP", "KR"):
                out = os.path.join(out_dir, "SaltprintNoto%s%s-%s.otf" % (kind, locale, weight))
                jobs.append((src, locale, "Saltprint Noto %s %s" % (kind, locale), out))
    # Largest first, so the last job to start is a short one.
    jobs.sort(key=lambda j: -os.path.getsize(j[0]))
    with multiprocessing.Pool(os.cpu_count() or 1) as pool:
        for out in pool.imap_unordered(make_subset, jobs):
            print("  subset  " + out, flush=True)


if __name__ == "__main__":
    main(sys.argv)
