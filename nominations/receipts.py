"""Receipt codes: what a nominator keeps to look up their nomination's status."""

import secrets

# No 0/O, 1/I/L: a receipt read out over the phone or copied by hand stays unambiguous.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 10


def new_receipt_code():
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def normalise_receipt_code(value):
    """What a visitor typed ("abcd-efgh jk") as stored ("ABCDEFGHJK")."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


def format_receipt_code(code):
    """The one way a code is shown, to the public and in the admin: FK9TZ-C5FMV."""
    return f"{code[:5]}-{code[5:]}" if code and len(code) == RECEIPT_LENGTH else (code or "")


def looks_like_receipt_code(value):
    code = normalise_receipt_code(value)
    return len(code) == RECEIPT_LENGTH and all(ch in RECEIPT_ALPHABET for ch in code)
