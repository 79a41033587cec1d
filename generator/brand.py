"""Organisation branding: brand.yml files (read by ``generator.brandfile``) as a small, checked model.

A Brand holds what the templates need and nothing else: the name, a logo with alt text, a
palette already adjusted to reach WCAG AA contrast, and the font faces to embed. Anything the
loader had to change (a colour, a font it could not use) is kept in ``warnings``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.brandfile import BrandFile, LogoRef, brand_line, read_brand_file
from generator.colour import AA_LARGE_TEXT, AA_TEXT, WHITE, Colour, contrast, nearest_passing, readable_on
from generator.errors import CharterError, display_path, visible
from generator.fonts import (
    DEFAULT_FAMILY,
    GENERIC_FAMILIES,
    FontFace,
    average_width_em,
    check_family,
    check_font_file,
    default_faces,
    font_stack,
    installed_families,
    installed_file,
    is_serif,
)
from generator.names import MAX_NAME
from generator.pictures import check_picture
from generator.project import Project, builtin_dir, inside

DEFAULT_BRAND = "partnership"
# Clear print's measure: 60 to 70 characters a line, 75 at most. A line of the handout holds this
# many characters of the body face on average (longer lines come of narrow letters).
MEASURE_CHARS = 72
# The longest name a running footer prints (64 characters run to four lines of easy read at
# 28 pt on A5, clear of the text): a longer one without meta.name.short is cut there.
FOOTER_NAME_MAX = 64
BRAND_FILE = "_brand.yml"
# A logo's designed height on an A4 handout (css/handout.css), the short side it keeps at least
# there, and how much taller than designed a tall logo may grow to keep it.
LOGO_HEIGHT_MM = 15.0
LOGO_SHORT_SIDE_MM = 6.0
LOGO_MAX_GROW = 4.0
POSTER_LOGO_MAX_GROW = 2.2
_DEFAULT_TEXT = Colour(0x1A, 0x1A, 0x1A)
_DEFAULT_PRIMARY = Colour(0x1F, 0x4E, 0x79)


@dataclass(frozen=True)
class Logo:
    """The organisation's logo file and its text alternative."""

    path: Path
    alt: str
    aspect: float = 2.5  # width / height

    @property
    def grow(self) -> float:
        """How much taller than the designed logo height (15 mm on an A4 handout) a tall or square
        logo is set: enough to keep the area a wide one has, and enough that its short side is at
        least 6 mm there (``LOGO_SHORT_SIDE_MM``), so a 1:10 logo is 6 x 60 mm, not 3.3 x 33; 1 for a
        logo wider than tall. ``LOGO_MAX_GROW`` caps it for a logo taller than 1:10."""
        if self.aspect >= 1:
            return 1.0
        aspect = max(self.aspect, 0.01)
        short_side = LOGO_SHORT_SIDE_MM / (LOGO_HEIGHT_MM * aspect)
        return round(min(LOGO_MAX_GROW, max(1 / math.sqrt(aspect), short_side)), 3)

    @property
    def poster_grow(self) -> float:
        """``grow`` on a poster, at most ``POSTER_LOGO_MAX_GROW``: there the logo shares the title
        band's height with the title (a 1:10 logo at 4 times pushed an A3 landscape poster's
        three easy-read points 8 mm off the page); 2.2 times its 15 units is still 7 mm wide on A3."""
        return min(self.grow, POSTER_LOGO_MAX_GROW)


@dataclass(frozen=True)
class Theme:
    """Colours by role. Every text colour reaches AA against the surface it sits on."""

    background: str
    text: str
    heading: str  # large headings: 3:1 is enough
    link: str  # links and small headings: 4.5:1
    muted: str  # footers, labels
    accent: str
    on_accent: str
    accent_soft: str
    mark: str  # the bars and rules (key points, glossary, posters, mastheads): decoration, nothing reads it
    panel_heading: str  # on the tint (accent_soft): the page's colour where it reads there, else text
    panel_link: str
    panel_muted: str

    @property
    def panel_rule(self) -> str:
        """CSS giving panels their own heading, link and label colours; empty when the page's serve."""
        own = (self.panel_heading, self.panel_link, self.panel_muted)
        if own == (self.heading, self.link, self.muted):
            return ""
        heading, link, muted = own
        colours = f"--heading: {heading}; --link: {link}; --muted: {muted};"
        return f".key-points, .glossary-entry, .panel {{ {colours} }}"

    @property
    def dark(self) -> bool:
        """A dark page: pictograms drawn in black outline need a light tile to be seen."""
        return Colour.parse(self.background).luminance < 0.2


@dataclass(frozen=True)
class Brand:
    """One organisation's look."""

    slug: str
    name: str  # the full name: in credits, once
    short_name: str  # meta.name.short, else the name: in running footers and "ask ... for a copy"
    source: Path
    theme: Theme
    logo: Logo | None
    faces: tuple[FontFace, ...]
    body_family: str
    heading_family: str
    link: str | None
    warnings: tuple[str, ...]
    # Easy read and large print keep a sans serif face: the brand's own families where they are
    # sans serif, else the brand's other family or the default face; ``plain_note`` says why.
    plain_body_family: str = DEFAULT_FAMILY
    plain_heading_family: str = DEFAULT_FAMILY
    plain_note: str = ""
    # The body face's average character width in prose, in em (0 when unknown): sets the measure.
    char_em: float = 0.0

    @property
    def footer_name(self) -> str:
        """The name in running footers: the short name; a long name given without one is cut
        after a whole word (the full name is in the credits), so a footer never runs to more
        lines than its margin holds."""
        return footer_name(self.short_name)

    @property
    def measure_em(self) -> float:
        """The widest a handout's text may run, in em of its body text: ``MEASURE_CHARS``
        characters of the body face (0 when its width is unknown: the page's width)."""
        return round(MEASURE_CHARS * self.char_em, 2)

    @property
    def folder(self) -> Path:
        return self.source.parent


def _brands_in(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {
        p.parent.name: p for p in sorted(folder.glob(f"*/{BRAND_FILE}")) if not p.parent.name.startswith(".")
    }


def brand_sources(project: Project) -> dict[str, tuple[Path, bool]]:
    """Every brand a project can use, by slug: its brand file and whether it is the project's own
    (``content/brands/``) rather than a built-in example. The built-in examples stay available
    beside a project's own brands; the project's wins on a name both have."""
    builtin = builtin_dir("content") / "brands"
    found = {slug: (path, False) for slug, path in _brands_in(builtin).items()}
    if project.brands_dir.resolve() != builtin.resolve():  # else the project is the built-in content
        found.update({slug: (path, True) for slug, path in _brands_in(project.brands_dir).items()})
    return dict(sorted(found.items()))


def available_brands(project: Project, own_only: bool = False) -> list[str]:
    """Slugs of the brands a project can use (``own_only``: its own, else the built-in examples)."""
    sources = brand_sources(project)
    own = [slug for slug, (_, is_own) in sources.items() if is_own]
    return (own or list(sources)) if own_only else list(sources)


def default_brand(project: Project) -> str:
    """The project's own 'partnership' or its first own brand; with none of its own, the built-in
    default."""
    brands = available_brands(project, own_only=True)
    if not brands:
        raise CharterError(f"no brands found: add a folder with a {BRAND_FILE} file.", project.brands_dir)
    return DEFAULT_BRAND if DEFAULT_BRAND in brands else brands[0]


def brand_path(spec: str, project: Project) -> Path:
    """The brand.yml file a ``--brand`` value names: a slug, or a path to a file on disk."""
    if "\0" in spec or any(ord(c) < 32 for c in spec):
        raise CharterError(
            f"the brand '{visible(spec)}' holds a control character. Give a brand slug or a path."
        )
    candidate = Path(spec).expanduser()
    looks_like_path = "/" in spec or "\\" in spec or candidate.suffix in (".yml", ".yaml")
    if looks_like_path:
        if candidate.is_dir():
            candidate = _brand_file_in(candidate)
        if not candidate.is_file():
            raise CharterError("brand file not found. Check the path given to --brand.", candidate)
        return candidate.resolve()
    found = brand_sources(project).get(spec)
    if found is None or spec.startswith("."):
        valid = ", ".join(available_brands(project)) or "none"
        raise CharterError(
            f"unknown brand '{spec}'. Valid brands: {valid}. Or give the path to a brand.yml file."
        )
    return found[0]


def _brand_file_in(folder: Path) -> Path:
    """The brand file in a folder: ``_brand.yml``, else its one ``_brand-<name>.yml``."""
    if (folder / BRAND_FILE).is_file():
        return folder / BRAND_FILE
    named = sorted(p for p in folder.glob("_brand-*.y*ml") if p.suffix in (".yml", ".yaml"))
    if len(named) > 1:
        raise CharterError(
            f"the folder has {len(named)} brand files ({', '.join(p.name for p in named)}). "
            "Give --brand the path of the one to use.",
            folder,
        )
    return named[0] if named else folder / BRAND_FILE


def brand_slug(path: Path) -> str:
    """The folder name outputs go under: the brand's folder name, ``<name>`` of a
    ``_brand-<name>.yml`` file, or the file's stem."""
    slug = path.parent.name if path.stem in ("_brand", "brand") else path.stem.removeprefix("_brand-")
    # Letters without their accents, so 'Café' written either way (NFC or NFD) is 'cafe'.
    plain = "".join(c for c in unicodedata.normalize("NFKD", slug) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9-]+", "-", plain.lower()).strip("-")[:MAX_NAME].strip("-") or "brand"


@dataclass(frozen=True)
class BrandRef:
    """A brand as named on the command line or in a pack, resolved once: its file and its slug."""

    path: Path
    slug: str


def resolve_brand(spec: str, project: Project) -> BrandRef:
    """The brand a ``--brand`` value (slug or path) names; an unknown one is a CharterError."""
    path = brand_path(spec, project)
    return BrandRef(path, brand_slug(path))


def load_brand(ref: BrandRef) -> Brand:
    """Read, check and resolve one brand."""
    path, slug = ref.path, ref.slug
    file = read_brand_file(path)
    name = _brand_name(file, slug)
    if len(name) > MAX_NAME:
        raise CharterError(
            f"meta.name is {len(name):,} characters long, over the {MAX_NAME} a name may have. "
            "Use the organisation's usual name (meta.name.short for a short one).",
            path,
        )
    warnings: list[str] = []
    short = (file.short_name or "").strip() or name
    if footer_name(short) != short:
        key = "meta.name.short" if file.short_name else "meta.name"
        warnings.append(
            f"{key} is {len(short)} characters, over the {FOOTER_NAME_MAX} a running footer holds: "
            f"footers print '{footer_name(short)}'. Give a meta.name.short of {FOOTER_NAME_MAX} or fewer."
        )
    theme = _theme(file, path, warnings)
    logo = _logo(file.logo_on_dark if theme.dark else file.logo_on_light, path, name)
    faces, body_family, heading_family = _fonts(file, path, warnings)
    plain_body, plain_heading, plain_note = _plain_families(faces, body_family, heading_family)
    return Brand(
        slug=slug,
        name=name,
        short_name=short,
        source=path,
        theme=theme,
        logo=logo,
        faces=faces,
        body_family=body_family,
        heading_family=heading_family,
        link=file.link,
        warnings=tuple(_located(path, slug, w) for w in warnings),
        plain_body_family=plain_body,
        plain_heading_family=plain_heading,
        plain_note=_located(path, slug, plain_note) if plain_note else "",
        char_em=average_width_em(_family_file(faces, body_family) or default_faces()[0].path) or 0.0,
    )


def _located(path: Path, slug: str, message: str) -> str:
    """A warning about a brand file, at the line ``charter check`` gives it (``file:line (slug): ...``)."""
    line = brand_line(path, message)
    return f"{display_path(path)}{f':{line}' if line else ''} ({slug}): {message}"


def footer_name(name: str) -> str:
    """``name`` if it has ``FOOTER_NAME_MAX`` characters or fewer, else its words up to that many
    and an ellipsis."""
    if len(name) <= FOOTER_NAME_MAX:
        return name
    cut = (
        name[:FOOTER_NAME_MAX].rsplit(" ", 1)[0] if " " in name[:FOOTER_NAME_MAX] else name[:FOOTER_NAME_MAX]
    )
    return cut.rstrip(" ,;:-") + "\u2026"


def _family_file(faces: tuple[FontFace, ...], family: str) -> Path | None:
    """The regular face's file of a family: the brand's own, the default's, or an installed one."""
    own = [f for f in faces if f.family == family]
    regular = next((f for f in own if f.weight == "normal" and f.style == "normal"), None)
    return (regular or own[0]).path if own else installed_file(family)


def _plain_families(faces: tuple[FontFace, ...], body: str, heading: str) -> tuple[str, str, str]:
    """The body and heading families for easy read and large print, and a note naming any serif
    family they leave out (easy read and clear print guidance ask for a plain sans serif face)."""

    def serif(family: str) -> bool:
        path = _family_file(faces, family)
        return family != DEFAULT_FAMILY and path is not None and is_serif(path)

    serifs = [family for family in dict.fromkeys((body, heading)) if serif(family)]
    if not serifs:
        return body, heading, ""
    sans = next((family for family in (body, heading) if family not in serifs), DEFAULT_FAMILY)
    plain_body = sans if body in serifs else body
    plain_heading = plain_body if heading in serifs else heading
    named = " and ".join(serifs)
    note = (
        f"{named} {'is a serif face' if len(serifs) == 1 else 'are serif faces'}: easy read and large "
        f"print use {sans} instead (easy read and clear print guidance ask for a plain sans serif face)."
    )
    return plain_body, plain_heading, note


def _brand_name(file: BrandFile, slug: str) -> str:
    if not file.name_given:
        return slug.replace("-", " ").title()
    return slug if file.name is None else file.name


def _colour(value: str | None, role: str, path: Path, over: Colour) -> Colour | None:
    """A brand colour as printed on ``over``; None when the brand does not give it."""
    if value is None:
        return None
    try:
        return Colour.parse(value, over)
    except ValueError:
        raise CharterError(
            f"color.{role} '{visible(value)[:60]}' is not a colour. Use a CSS colour ('#1f4e79', "
            "'oklch(45% 0.1 250)', 'rebeccapurple') or a palette name.",
            path,
        ) from None


def _theme(file: BrandFile, path: Path, warnings: list[str]) -> Theme:
    """Colours by role, each the brand's own where one passes.

    Every role takes the first of its brand colours that reaches the contrast it needs on the
    page: 4.5:1 for text, 3:1 for large headings (a colour too pale for small text still serves
    there, and in bars, rules and tints). Only when none passes is a shade made, nearest to the
    role's first colour, with a warning naming both.
    """
    colours = file.colours
    given = colours["background"]
    paper = WHITE if given is None or Colour.transparent(given) else _colour(given, "background", path, WHITE)
    assert paper is not None
    brand = {role: _colour(colours[role], role, path, paper) for role in colours if role != "background"}
    foreground = brand["foreground"] or _DEFAULT_TEXT
    primary = brand["primary"] or _DEFAULT_PRIMARY

    made: dict[tuple[str, Colour, float], list[str]] = {}  # shades made: the roles each serves

    def first_passing(role: str, names: tuple[str, ...], ratio: float, fallback: Colour) -> Colour:
        offered = [(name, c) for name in names if (c := brand.get(name)) is not None] or [("", fallback)]
        for _, colour in offered:
            if contrast(colour, paper) >= ratio:
                return colour
        name, colour = offered[0]
        made.setdefault((name, colour, ratio), []).append(role)
        return nearest_passing(colour, paper, ratio)

    text = first_passing("text", ("foreground", "dark"), AA_TEXT, foreground)
    brand["text"] = text  # the foreground as printed (or the default text colour): it always passes
    heading = first_passing(
        "headings", ("headings", "primary", "secondary", "tertiary", "dark", "text"), AA_LARGE_TEXT, primary
    )
    link = first_passing(
        "links and small headings",
        ("headings", "primary", "secondary", "tertiary", "dark", "text"),
        AA_TEXT,
        primary,
    )
    muted = first_passing(
        "footers and labels",
        ("secondary", "tertiary", "primary", "dark", "text"),
        AA_TEXT,
        foreground.mix(paper, 0.3),
    )

    for (name, colour, ratio), roles in made.items():
        shade = nearest_passing(colour, paper, ratio)
        too = "pale" if shade.luminance < colour.luminance else "dark"  # a darker shade passes: pale
        warnings.append(
            f"the {name or 'default'} colour {colour.hex} is too {too} for {', '.join(roles)} on "
            f"{paper.hex} ({contrast(colour, paper):.1f}:1, {ratio:g}:1 needed) and no other brand "
            f"colour passes; using a new shade, {shade.hex} ({contrast(shade, paper):.1f}:1)."
        )

    def reads_on(tint: Colour) -> bool:
        return all(contrast(c, tint) >= AA_TEXT for c in (text, link, muted)) and (
            contrast(heading, tint) >= AA_LARGE_TEXT
        )

    mark = _mark(brand, paper, (text, heading, link, muted, primary))

    # Panels: the brand's light colour when the text reads on it (a heading, link or label colour
    # that does not is printed there in the text colour), else a pale tint of the primary, paler
    # until every text colour reads on it.
    light = brand["light"]
    if light is not None and light != paper and contrast(text, light) >= AA_TEXT:
        soft = light
    else:
        soft = primary.mix(paper, 0.88)
        for amount in range(89, 101):
            if reads_on(soft):
                break
            soft = primary.mix(paper, amount / 100)

    def on_soft(colour: Colour, ratio: float) -> str:
        return (colour if contrast(colour, soft) >= ratio else text).hex

    return Theme(
        background=paper.hex,
        text=text.hex,
        heading=heading.hex,
        link=link.hex,
        muted=muted.hex,
        accent=primary.hex,
        on_accent=readable_on(primary).hex,
        accent_soft=soft.hex,
        mark=mark.hex,
        panel_heading=on_soft(heading, AA_LARGE_TEXT),
        panel_link=on_soft(link, AA_TEXT),
        panel_muted=on_soft(muted, AA_TEXT),
    )


MARK_VISIBLE = 1.5  # a 4pt bar this far from the paper is seen; nothing in it is read


def _mark(brand: dict[str, Colour | None], paper: Colour, used: tuple[Colour, ...]) -> Colour:
    """The bars and rules: the brand's secondary (else tertiary) when no other role prints it.

    They mark key points, glossary entries, a poster's points and the mastheads (a poster's band
    stays the primary, so both colours show). They are decoration (headings and tints say what
    a panel is), so a colour too pale for text or headings serves, such as a lime, as long as it
    stands out from the paper at ``MARK_VISIBLE``. With no such colour left over, the primary.
    """
    taken = {c.hex for c in used}
    for name in ("secondary", "tertiary"):
        colour = brand.get(name)
        if colour is not None and colour.hex not in taken and contrast(colour, paper) >= MARK_VISIBLE:
            return colour
    return used[-1]


def _logo(ref: LogoRef | None, path: Path, name: str) -> Logo | None:
    """The logo to print (see ``generator.brandfile`` for which one), checked."""
    if ref is None:
        return None
    location = ref.file.location
    if ref.file.remote:
        raise CharterError(
            f"logo '{location}' is a remote URL; nothing is downloaded while building. "
            "Save the logo beside the brand file and give its file name.",
            path,
        )
    logo_path = path.parent / location
    resolved = inside(logo_path, path.parent, "logo", path)
    if not resolved.is_file():
        raise CharterError(
            f"logo file '{location}' is not there. Put the file beside the brand file or fix its name.",
            path,
        )
    check_picture(resolved, path)
    return Logo(path=resolved, alt=(ref.alt or "").strip() or f"{name} logo", aspect=_aspect(resolved))


def _aspect(picture: Path) -> float:
    """A checked picture's width over its height (SVG: its width and height, else its viewBox)."""
    if picture.suffix.lower() != ".svg":
        from PIL import Image

        with Image.open(picture) as image:
            return image.width / image.height
    head = picture.read_text(encoding="utf-8", errors="replace")
    tag = re.search(r"<svg\b[^>]*>", head, re.DOTALL)
    pattern = r'\b(width|height|viewBox)\s*=\s*["\']([^"\']*)["\']'
    attrs = dict(re.findall(pattern, tag.group(0))) if tag else {}
    size = [re.match(r"\s*([\d.]+)\s*(px)?\s*$", attrs.get(k, "")) for k in ("width", "height")]
    if all(size):
        width, height = (float(m.group(1)) for m in size if m)
    else:
        box = [float(v) for v in re.split(r"[\s,]+", attrs.get("viewBox", "").strip()) if v][2:4]
        width, height = box if len(box) == 2 else (2.5, 1.0)
    return width / height if width > 0 and height > 0 else 2.5


def _fonts(file: BrandFile, path: Path, warnings: list[str]) -> tuple[tuple[FontFace, ...], str, str]:
    """Faces to embed, and the body and heading families (falling back to the default face)."""
    # Headings without a family of their own are set in the base face (as CSS headings inherit
    # the body's), not the default face beside it.
    wanted = {"base": file.base_family, "headings": file.headings_family or file.base_family}
    declared = {f.family: f for f in file.fonts}
    for stack in [*declared, *wanted.values()]:
        for family in font_stack(stack or ""):
            check_family(family, path)
    faces: list[FontFace] = list(default_faces())
    usable: dict[str, str | None] = {}

    def problem_with(family: str) -> str | None:
        """None when the family can be used, else why not (and its faces are added when it can)."""
        font = declared.get(family)
        source = font.source if font else "system"
        if family == DEFAULT_FAMILY and source == "system":
            return None  # embedded from its Python package
        if family in usable:
            return usable[family]
        problem = None
        if font and source == "file":
            for face in font.files:
                location = face.file.location
                if face.file.remote:
                    raise CharterError(
                        f"font file '{location}' for '{family}' is a remote URL; nothing is "
                        "downloaded while building. Save the font beside the brand file.",
                        path,
                    )
                font_path = inside(path.parent / location, path.parent, "font file", path)
                file_problem = check_font_file(font_path)
                if file_problem:
                    raise CharterError(
                        f"font file '{location}' for '{family}' cannot be used: {file_problem}.", path
                    )
                weight = "normal" if face.weight == "auto" else face.weight
                faces.append(FontFace(family, font_path, weight, face.style))
        elif source == "system":
            if family.lower() not in installed_families():
                problem = f"font '{family}' is not installed here"
        else:
            problem = f"font '{family}' comes from {source}, which cannot be downloaded while building"
        usable[family] = problem
        return problem

    def choose(stack: str | None) -> str:
        """The first usable family of a CSS font stack; a generic family means the default face.

        Falling back to the default face is warned about, unless the stack reaches a generic
        family and none of the families before it was declared in ``typography.fonts``."""
        tried: list[tuple[str, str]] = []
        generic = False
        for family in font_stack(stack or ""):
            if family.lower() in GENERIC_FAMILIES:
                generic = True
                break
            problem = problem_with(family)
            if problem is None:
                return family
            tried.append((family, problem))
        problems = [problem for family, problem in tried if family in declared or not generic]
        if problems:
            warning = f"{'; '.join(problems)}; using {DEFAULT_FAMILY} instead."
            if warning not in warnings:
                warnings.append(warning)
        return DEFAULT_FAMILY

    families = {role: choose(stack) for role, stack in wanted.items()}
    return tuple(faces), families["base"], families["headings"]
