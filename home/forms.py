from wagtail.images.forms import BaseImageForm

from core.photos import strip_metadata


class SiteImageForm(BaseImageForm):
    """The admin's image form: uploaded photos lose their EXIF/GPS data before they are stored."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            clean = strip_metadata(uploaded)
            # Keep Willow's parsed image so later validation and metadata steps still work.
            clean.image = getattr(uploaded, "image", None)
            return clean
        return uploaded
