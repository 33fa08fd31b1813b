"""Text as the quote check and the extractor compare it: pinyin inserted by web converters
in parentheses, and Traditional script (converted to Simplified).

Both `quotes` (verifying quotes against archived texts) and `extract.scan` (reading figures
out of a text) use these, so that a quote and the text it comes from are read alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# Pinyin a web converter put after the characters, e.g. 大连(dàlián).
PINYIN = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ\s]{1,12}\)")


@lru_cache(maxsize=1)
def to_simplified() -> Callable[[str], str]:
    """The Traditional → Simplified converter (OpenCC t2s), built once."""
    import opencc  # imported here: only quote verification and extraction need it

    conv = opencc.OpenCC("t2s")
    return conv.convert
