"""Where content and templates come from: the user's folder first, else the built-in copies.

Run in a folder with its own ``content/`` the tool uses it (and ``templates/`` there, when
present, overrides built-in templates file by file); anywhere else it uses the content and
templates shipped inside the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import CharterError

_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_dir(name: str) -> Path:
    """The shipped ``templates`` or ``content`` folder (inside the package once installed)."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"built-in {name}/ folder is missing from the installation")


@dataclass(frozen=True)
class Project:
    """The folders one run reads from."""

    content_dir: Path
    template_dirs: tuple[Path, ...]

    @property
    def charter_dir(self) -> Path:
        return self.content_dir / "charter"

    @property
    def brands_dir(self) -> Path:
        return self.content_dir / "brands"

    @property
    def packs_dir(self) -> Path:
        return self.content_dir / "packs"

    @classmethod
    def discover(cls, cwd: Path | None = None) -> Project:
        """The project for a working directory."""
        cwd = (cwd or Path.cwd()).resolve()
        builtin_templates = builtin_dir("templates")
        local_templates = cwd / "templates"
        template_dirs: tuple[Path, ...] = (builtin_templates,)
        if local_templates.is_dir() and local_templates.resolve() != builtin_templates:
            template_dirs = (local_templates, builtin_templates)
        local_content = cwd / "content"
        content_dir = local_content if local_content.is_dir() else builtin_dir("content")
        return cls(content_dir=content_dir.resolve(), template_dirs=template_dirs)


def inside(path: Path, root: Path, what: str, source: Path | None = None, line: int | None = None) -> Path:
    """``path`` resolved, refusing one that escapes ``root`` (e.g. through ``..``) or loops."""
    try:
        resolved = path.resolve()
    except (RuntimeError, OSError):  # a symlink loop (RuntimeError before Python 3.13)
        message = f"{what} '{path}' is a symbolic link that loops. Replace it with the file."
        raise CharterError(message, source, line) from None
    if not resolved.is_relative_to(root.resolve()):
        raise CharterError(
            f"{what} '{path}' is outside the folder '{root}'. "
            "Keep files beside the document or brand that uses them.",
            source,
            line,
        )
    return resolved
