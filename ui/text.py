"""Text from the data is shown as text: never as HTML, never as live Markdown."""

import re
from urllib.parse import quote

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


# Bidirectional controls could reverse the app's own sentence around a value: dropped.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Streamlit's Markdown links any address it finds in the text after escapes are decoded; a word
# joiner (invisible) after "http", "www" and before "@" keeps the text readable and unlinked.
_AUTOLINK_START = re.compile(r"(?i)(https?|www)(?=[:.])")


def plain(text: object) -> str:
    """Data or address text shown as text: Markdown (and so links, images, HTML and colour
    directives) escaped, no auto-linking, no bidirectional controls."""
    value = _BIDI_CONTROLS.sub("", "" if text is None else str(text))
    value = _AUTOLINK_START.sub("\\1\u2060", value).replace("@", "\u2060@")
    return _MARKDOWN_SPECIALS.sub(r"\\\1", value)


def link(text: object, url: str) -> str:
    """A Markdown link built by code: the label escaped, the address percent-encoded so that no
    bracket, parenthesis or space in it can end the link or start another element."""
    return f"[{plain(text)}]({quote(url, safe=_URL_SAFE)})"


_URL_SAFE = ":/?#&=%;,+@!$*~.-_"
