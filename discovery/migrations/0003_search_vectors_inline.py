"""Keep the search vectors in the index table's own rows (PostgreSQL).

A page's body vector is a few kilobytes, so PostgreSQL compressed it and moved it to the table's
TOAST store; a search for a common word then fetched and decompressed it once to match and once
to rank, for every page: about 30 ms each at 10,000 exhibits. With `STORAGE MAIN` the vectors stay
in the row (compressed there only if the row is still too large), and the long plain-text copies
beside them (`body_text`, `title_text`, read only by fuzzy search) go out instead. Values written
earlier are written again once so they move as well. SQLite keeps its own FTS5 table.
"""

from django.db import migrations

VECTORS = ("title", "body")


def inline(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in VECTORS:
        schema_editor.execute(f"ALTER TABLE wagtailsearch_indexentry ALTER COLUMN {column} SET STORAGE MAIN")
    # `|| ''` makes a new value; an unchanged one would keep its place in the TOAST store.
    schema_editor.execute(
        "UPDATE wagtailsearch_indexentry SET " + ", ".join(f"{column} = {column} || ''::tsvector" for column in VECTORS)
    )


def back(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in VECTORS:
            schema_editor.execute(f"ALTER TABLE wagtailsearch_indexentry ALTER COLUMN {column} SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [
        ("discovery", "0002_search_title_body_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(inline, back)]
