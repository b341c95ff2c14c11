"""Re-encoding of uploaded photos so that no EXIF (camera, time, GPS position) is ever stored.

Used by the admin image form and by every public upload: the pixels are kept, rotated the way
the camera meant them, and written to a new file that carries nothing but the picture.
"""

import io
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps

# Pillow format name → (save format, extension, save options)
_OUTPUT = {
    "JPEG": ("JPEG", "jpg", {"quality": 90, "optimize": True}),
    "MPO": ("JPEG", "jpg", {"quality": 90, "optimize": True}),
    "PNG": ("PNG", "png", {"optimize": True}),
    "WEBP": ("WEBP", "webp", {"quality": 90}),
    "AVIF": ("AVIF", "avif", {"quality": 80}),
}


def strip_metadata(uploaded_file):
    """Return a new upload with the same picture and no metadata.

    The file must already have been validated as an image (format, size, pixel count).
    """
    uploaded_file.seek(0)
    with Image.open(uploaded_file) as original:
        source_format = original.format
        if source_format not in _OUTPUT:
            raise ValueError(f"unsupported image format {source_format!r}")
        icc_profile = original.info.get("icc_profile")
        picture = ImageOps.exif_transpose(original)
        picture.load()

    save_format, extension, options = _OUTPUT[source_format]
    if save_format == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    if icc_profile:
        options = {**options, "icc_profile": icc_profile}

    buffer = io.BytesIO()
    # A fresh, empty Exif block: nothing from the original survives.
    picture.save(buffer, format=save_format, exif=Image.Exif(), **options)
    stem = os.path.splitext(os.path.basename(uploaded_file.name or "photo"))[0] or "photo"
    content_type = Image.MIME.get(save_format, "application/octet-stream")
    return SimpleUploadedFile(f"{stem}.{extension}", buffer.getvalue(), content_type)
