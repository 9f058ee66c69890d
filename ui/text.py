"""Text from the data is shown as text: never as HTML, never as live Markdown."""

import re
from urllib.parse import quote

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Escape Markdown (and so links, images, HTML and colour directives) in data text."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", "" if text is None else str(text))


def link(text: object, url: str) -> str:
    """A Markdown link built by code: the label escaped, the address percent-encoded so that no
    bracket, parenthesis or space in it can end the link or start another element."""
    return f"[{plain(text)}]({quote(url, safe=_URL_SAFE)})"


_URL_SAFE = ":/?#&=%;,+@!$*~.-_"
