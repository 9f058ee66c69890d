"""Text from the data is shown as text: never as HTML, never as live Markdown."""

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Escape Markdown (and so links, images, HTML and colour directives) in data text."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", "" if text is None else str(text))
