from .endorsements import Candidate, Endorsement, EndorsementRound
from .nominations import Nomination, NominationPhoto
from .pages import NominationPage

__all__ = [
    "Candidate",
    "Endorsement",
    "EndorsementRound",
    "Nomination",
    "NominationPage",
    "NominationPhoto",
]
