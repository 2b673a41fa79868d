"""The report texts' only markup: blank lines between paragraphs, lines starting with "- " as
a bulleted list. Pure, so that every renderer (page, HTML, PDF, DOCX) reads a text the same way;
the text itself is never treated as HTML.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """A paragraph (`items` empty) or a bulleted list (`text` empty)."""

    text: str = ""
    items: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_list(self) -> bool:
        return bool(self.items)


def text_blocks(body: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(text=" ".join(paragraph)))
            paragraph.clear()
        if items:
            blocks.append(Block(items=tuple(items)))
            items.clear()

    for raw in body.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith(("- ", "• ", "* ")):
            if paragraph:
                flush()
            items.append(line[2:].strip())
        elif items and raw[:1].isspace():
            items[-1] = f"{items[-1]} {line}"  # an indented line continues the item
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return blocks
