"""`goaltrack source add`: declare a source in the dataset's sources.toml."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import WritePathsArg, refused, usage_error, write_failed, write_root

source_app = typer.Typer(
    help="Declare the sources figures are read from.", no_args_is_help=True, rich_markup_mode=None
)


@source_app.command("add")
def source_add(
    source_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new source's id, e.g. zj-2024-bulletin.")
    ],
    paths: WritePathsArg = None,
    title: Annotated[str, typer.Option("--title", help="The document's title (required).")] = "",
    publisher: Annotated[str | None, typer.Option("--publisher", help="Who published it.")] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="When: 2024-03-20, 2024-03 or 2024.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Its address.")] = None,
    reliability: Annotated[
        str | None,
        typer.Option(
            "--reliability", help='How far to trust it, e.g. "statistics bureau bulletin".'
        ),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", help="The name of its archived text in the --sources directory."),
    ] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Notes.")] = None,
) -> None:
    """Declare a source in the dataset's sources.toml, validated and written atomically
    under the same lock as `record` (comments kept); then `record … --source ID`.

    Exit 1 when the id is already declared, 2 on usage errors (invalid fields).
    """
    from ..core.sanitize import clean, path_text
    from ..edit.record import RecordRefused, add_source
    from ..store.atomic import ChangedOnDisk

    if not title:
        usage_error("missing option '--title'", "the document's title, as published")
    root = write_root(paths, None, "source add")
    try:
        written = add_source(
            root,
            {
                "id": source_id,
                "title": title,
                "publisher": publisher,
                "published": published,
                "url": url,
                "reliability": reliability,
                "file": file,
                "notes": notes,
            },
        )
    except (RecordRefused, ChangedOnDisk) as e:
        refused(e)
    except OSError as e:
        write_failed(e, Path(e.filename) if e.filename else root)
    sys.stdout.write(clean(f"declared source {source_id} in {path_text(written)}") + "\n")
