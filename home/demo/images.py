"""Pictures and documents for the demo, drawn locally: no network, same bytes on every run."""

import io
import random
import textwrap

from PIL import Image, ImageDraw, ImageFont

from wagtail.coreutils import string_to_ascii

SIZE = (1200, 600)
JPEG_QUALITY = 80

# Pairs of colours for the background gradients, chosen to keep white text readable.
PALETTES = [
    ((18, 52, 86), (32, 128, 141)),
    ((94, 23, 64), (214, 92, 68)),
    ((27, 67, 50), (116, 168, 76)),
    ((52, 30, 92), (46, 109, 180)),
    ((120, 40, 20), (232, 160, 48)),
    ((20, 40, 60), (170, 60, 90)),
    ((40, 60, 30), (30, 140, 140)),
    ((70, 30, 110), (220, 100, 150)),
]
PATTERNS = ("circles", "stripes", "triangles", "tiles")


def _fonts(size):
    """DejaVu Sans where the system has it (it has every letter of our city names), else Pillow's own font."""
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size), True
    except OSError:
        return ImageFont.load_default(size=size), False


def _drawable(text, full_font):
    # Pillow's bundled font covers only ASCII: spell 'Łódź' as 'Lodz' rather than draw empty boxes.
    return text if full_font else string_to_ascii(text)


def _gradient(size, start, end):
    mask = Image.linear_gradient("L").rotate(90).resize(size)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def _pattern(draw, rng, pattern, size):
    width, height = size
    if pattern == "circles":
        for _ in range(14):
            x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(40, 220)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, rng.randrange(18, 48)))
    elif pattern == "stripes":
        step = rng.randrange(60, 110)
        for x in range(-height, width, step):
            draw.polygon(
                [(x, height), (x + height, 0), (x + height + step // 2, 0), (x + step // 2, height)],
                fill=(255, 255, 255, 26),
            )
    elif pattern == "triangles":
        for _ in range(18):
            x, y, s = rng.randrange(width), rng.randrange(height), rng.randrange(60, 200)
            draw.polygon([(x, y - s), (x + s, y + s), (x - s, y + s)], fill=(255, 255, 255, rng.randrange(16, 40)))
    else:  # tiles
        step = 100
        for x in range(0, width, step):
            for y in range(0, height, step):
                if rng.random() < 0.35:
                    draw.rectangle((x + 8, y + 8, x + step - 8, y + step - 8), fill=(255, 255, 255, 30))


def pattern_picture(title, subtitle, *, seed, palette=None, pattern=None):
    """A landscape JPEG: a two-colour gradient, a geometric pattern and the title written across it.

    Returns (jpeg bytes, {language code: description}), each description saying what the picture
    shows, for its alt text in that language.
    """
    rng = random.Random(seed)  # noqa: S311 - repeatable pictures, not security
    start, end = palette or rng.choice(PALETTES)
    pattern = pattern or rng.choice(PATTERNS)
    image = _gradient(SIZE, start, end).convert("RGBA")
    overlay = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    _pattern(draw, rng, pattern, SIZE)
    # A dark band behind the words, so they stay readable on any pattern.
    draw.rectangle((0, SIZE[1] - 190, SIZE[0], SIZE[1]), fill=(0, 0, 0, 110))
    image = Image.alpha_composite(image, overlay)
    draw = ImageDraw.Draw(image)
    title_font, full = _fonts(64)
    title = _drawable(title, full)
    draw.text((60, SIZE[1] - 165), title, font=title_font, fill=(255, 255, 255, 255))
    if subtitle:
        draw.text((62, SIZE[1] - 78), _drawable(subtitle, full), font=_fonts(32)[0], fill=(235, 235, 235, 255))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue(), {language: describe(pattern, title, language) for language in DESCRIPTIONS}


# What a picture shows, for its alt text, in each language of the demo (the words on it are quoted as written).
SHAPES = {
    "en": {"circles": "circles", "stripes": "diagonal stripes", "triangles": "triangles", "tiles": "squares"},
    "es": {"circles": "círculos", "stripes": "franjas diagonales", "triangles": "triángulos", "tiles": "cuadrados"},
}
DESCRIPTIONS = {
    "en": "A colourful graphic of {shape} on a gradient, with the words '{title}'",
    "es": "Un gráfico colorido de {shape} sobre un degradado, con las palabras «{title}»",
}


def describe(pattern, title, language):
    return DESCRIPTIONS[language].format(shape=SHAPES[language][pattern], title=title)


def _pdf_text(text):
    # PDF strings: escape the delimiters; WinAnsi (Latin-1) covers our wording.
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def simple_pdf(title, paragraphs):
    """A one-page PDF of plain text in Helvetica, written by hand: small, valid and without timestamps."""
    lines = [(b"F2", 18, title), (b"F1", 11, "")]
    for paragraph in paragraphs:
        lines.extend((b"F1", 11, line) for line in textwrap.wrap(paragraph, 88) or [""])
        lines.append((b"F1", 11, ""))
    content = bytearray(b"BT 72 740 Td 16 TL\n")
    for font, size, text in lines:
        content += b"/" + font + b" %d Tf (" % size + _pdf_text(text) + b") Tj T*\n"
    content += b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + bytes(content) + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
