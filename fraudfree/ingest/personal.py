"""Personal data, defined once: which columns are personal, and the ID, mobile and bank-card numbers masked in text."""

from __future__ import annotations

import re

# Headers naming a person or reaching one; such columns are dropped before anything is stored.
PERSONAL_HEADER = re.compile(
    r"姓名|名字|受害人$|被害人$|当事人|联系人|负责人$|户主"
    r"|身份证|证件号|公民身份|手机|电话|联系方式|微信号|qq"
    r"|银行卡|卡号|账号|帐号|银行账户|收款账户"
    r"|住址|地址|户籍|住所|居住地",
    re.IGNORECASE,
)

# Order matters: an 18-digit ID number is also 16–19 digits long.
_PATTERNS = (
    (re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])"), "[身份证号]"),
    (re.compile(r"(?<![0-9])[0-9]{16,19}(?![0-9])"), "[银行卡号]"),
    (re.compile(r"(?<![0-9])1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}(?![0-9])"), "[手机号]"),
)
_LONG_NUMBER = re.compile(r"[0-9][0-9 -]{10}")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")


def is_personal_header(name: str) -> bool:
    return bool(PERSONAL_HEADER.search(name))


def mask(text: str) -> tuple[str, int]:
    """The text with ID, bank-card and mobile numbers replaced by a label, and how many were replaced."""
    text = text.translate(_FULL_WIDTH)
    if not _LONG_NUMBER.search(text):  # fast path: nothing long enough to be personal
        return text, 0
    count = 0
    for pattern, label in _PATTERNS:
        text, n = pattern.subn(label, text)
        count += n
    return text, count


def masked(text: str) -> str:
    return mask(text)[0]
