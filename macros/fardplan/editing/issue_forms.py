"""Reading what GitHub writes into an issue from an issue form: the remiss form and the edit forms
share this reader."""

from __future__ import annotations

import re
from collections.abc import Iterable

NO_RESPONSE = "_No response_"  # what GitHub writes for an empty optional field


def read_sections(body: str, fields: Iterable[tuple[str, str]]) -> dict[str, str | None]:
    """Any issue form's answers by field id ("### Label\\n\\nvalue"; `_No response_` is None).

    Headings are looked for in the form's order, each after the previous one, so a "### " line that
    someone typed inside a text splits it only if it repeats the very next field's label. A missing
    heading gives no key."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    found: list[tuple[str, int, int]] = []
    cursor = 0
    for field_id, label in fields:
        match = re.compile(rf"^###[ \t]+{re.escape(label)}[ \t]*$", re.M).search(text, cursor)
        if match:
            found.append((field_id, match.start(), match.end()))
            cursor = match.end()
    values: dict[str, str | None] = {}
    for index, (field_id, _, end) in enumerate(found):
        stop = found[index + 1][1] if index + 1 < len(found) else len(text)
        value = text[end:stop].strip()
        values[field_id] = None if value in ("", NO_RESPONSE) else value
    return values
