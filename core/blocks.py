"""Block markers the ground's text and API walkers understand without knowing the blocks."""


class PrivateBlock:
    """Mixed into a block whose value is a private record (a person's consent, say): the search
    index and the public API skip it wherever it sits in a StreamField."""
