from django import template

register = template.Library()


@register.filter
def seal_text(name):
    """The four characters of a name seal, as seals are cut: 李美计 → 李美计印, 王芳 → 王芳之印.

    Read top to bottom, right column first (the template sets the text vertically).
    """
    name = "".join((name or "").split())
    if len(name) == 1:
        return f"{name}之印"
    if len(name) == 2:
        return f"{name}之印"
    if len(name) == 3:
        return f"{name}印"
    return name[:4]
