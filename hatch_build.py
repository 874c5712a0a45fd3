"""Hatch build hook: the wheel carries the tab's catalogs compiled (.po -> .mo)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from babel.messages import mofile, pofile
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TRANSLATIONS = Path("fava_clienthealth") / "translations"


class CatalogsHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles every `<lang>/LC_MESSAGES/<domain>.po` into the wheel, beside it.

    An editable install gets none: fava_clienthealth.i18n compiles a .po in
    memory when no .mo is there, so an edited catalog shows after a restart.
    """

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Write the .mo files to a temporary folder and force them into the wheel."""
        if self.target_name != "wheel" or version == "editable":
            return
        built = Path(tempfile.mkdtemp(prefix="clienthealth-mo-"))
        root = Path(self.root)
        for source in sorted((root / TRANSLATIONS).glob("*/LC_MESSAGES/*.po")):
            with source.open("rb") as po:
                catalog = pofile.read_po(po)
            relative = source.relative_to(root).with_suffix(".mo")
            target = built / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as mo:
                mofile.write_mo(mo, catalog)
            build_data["force_include"][str(target)] = str(relative)
