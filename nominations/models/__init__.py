from .endorsements import Candidate, Endorsement, EndorsementRound
from .nominations import (
    RECEIPT_ALPHABET,
    Nomination,
    NominationPhoto,
    normalise_receipt_code,
)
from .pages import NominationPage

__all__ = [
    "RECEIPT_ALPHABET",
    "Candidate",
    "Endorsement",
    "EndorsementRound",
    "Nomination",
    "NominationPage",
    "NominationPhoto",
    "normalise_receipt_code",
]
