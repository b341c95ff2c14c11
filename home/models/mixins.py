from django.utils.text import Truncator


class MetaDescriptionMixin:
    """`meta_title`/`meta_description` with fallbacks, for <title>, description and share tags.

    The page's own SEO fields win; otherwise the field named by `meta_description_source`.
    """

    meta_description_source = None

    @property
    def meta_title(self):
        return self.seo_title or self.title

    @property
    def meta_description(self):
        if self.search_description:
            return self.search_description
        source = getattr(self, self.meta_description_source or "", "") or ""
        return Truncator(str(source)).chars(120)


class CardMixin:
    """What a listing card shows of a page: picture, text, kind and the place it belongs to.

    `exhibits.cards.prepare_cards` fills the picture and place for a whole list in a few queries;
    outside such a list they are looked up on first use.
    """

    card_image_field = "cover_image"
    card_text_field = "intro"

    @property
    def kind_label(self):
        return self._meta.verbose_name

    @property
    def place(self):
        """The page this one hangs under (for an exhibit, the place it belongs to), not specific."""
        if not hasattr(self, "_place"):
            self._place = self.get_parent()
        return self._place

    @property
    def card_image(self):
        return getattr(self, self.card_image_field) or getattr(self, "cover_image", None)

    @property
    def card_text(self):
        return getattr(self, self.card_text_field, "")
